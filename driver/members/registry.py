"""The member registry: finding members by their facts, adding one, changing one (admin)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import Select, extract, func, select
from sqlalchemy.exc import IntegrityError

from driver.audit.models import AuditEvent
from driver.auth.models import User
from driver.db import utcnow
from driver.errors import Conflict, Forbidden, Invalid, not_found
from driver.extensions import db
from driver.members.facts import (
    FACT_FIELDS,
    MemberFacts,
    changes_between,
    check_facts,
    facts_of,
    plain,
)
from driver.members.models import Member

OBJECT_TYPE = "member"


@dataclass(frozen=True)
class MemberFilter:
    """The registry's filters; every one optional."""

    category: str | None = None
    region: str | None = None
    country: str | None = None
    q: str | None = None  # part of the name
    sub_category: str | None = None
    regional_office: str | None = None
    status: str | None = None
    joined_year: int | None = None


def members_matching(filters: MemberFilter) -> Select[tuple[Member]]:
    """``select(Member)`` with the filters applied, in a stable order (by id)."""
    stmt = select(Member)
    for column, value in (
        (Member.category, filters.category),
        (Member.region, filters.region),
        (Member.sub_category, filters.sub_category),
        (Member.regional_office, filters.regional_office),
        (Member.status, filters.status),
    ):
        if value:
            stmt = stmt.where(column == value)
    if filters.country:
        stmt = stmt.where(func.lower(Member.country) == filters.country.strip().lower())
    if filters.joined_year:
        stmt = stmt.where(extract("year", Member.joined_on) == filters.joined_year)
    if filters.q and filters.q.strip():
        stmt = stmt.where(Member.name.ilike(f"%{_escape_like(filters.q.strip())}%", escape="\\"))
    return stmt.order_by(Member.id)


def list_members(
    filters: MemberFilter, *, page: int = 1, per_page: int = 25
) -> tuple[list[Member], int]:
    """One page of the members matching ``filters``, and how many match in all."""
    stmt = members_matching(filters)
    total = db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    rows = db.session.scalars(stmt.offset((max(page, 1) - 1) * per_page).limit(per_page))
    return list(rows), total or 0


def registry_rows(actor: User, filters: MemberFilter) -> Select[tuple[Member]]:
    """The registry list as the admin sees it: the members matching ``filters``, by name."""
    if not actor.is_admin:
        raise not_found()
    return members_matching(filters).order_by(None).order_by(Member.name, Member.id)


def registry_page(
    actor: User, filters: MemberFilter, *, page: int = 1, per_page: int = 50
) -> tuple[list[Member], int]:
    """One page of the registry list and how many members match in all (admin)."""
    stmt = registry_rows(actor, filters)
    total = db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    rows = db.session.scalars(stmt.offset((max(page, 1) - 1) * per_page).limit(per_page))
    return list(rows), total or 0


def get_member(actor: User, member_id: int) -> Member:
    """The member ``member_id`` for the registry pages (admin; others NotFound)."""
    member = db.session.get(Member, member_id) if actor.is_admin else None
    if member is None:
        raise not_found()
    return member


# -- changing the registry -----------------------------------------------------------------


def validated(facts: MemberFacts, *, today: date | None = None) -> MemberFacts:
    """``facts`` cleaned, or Invalid naming every field that breaks a rule."""
    cleaned, errors = check_facts(facts, today=today or utcnow().date())
    if errors:
        raise Invalid(_("The member was not saved."), errors=errors)
    return cleaned


def duplicate_of(name: str, country: str, *, other_than: int | None = None) -> int | None:
    """The id of another member with this name in this country (any case), if there is one."""
    stmt = select(Member.id).where(
        func.lower(Member.name) == name.strip().lower(),
        func.lower(Member.country) == country.strip().lower(),
    )
    if other_than is not None:
        stmt = stmt.where(Member.id != other_than)
    return db.session.scalar(stmt.limit(1))


def apply_facts(member: Member, facts: MemberFacts, actor: User | None, trigger: str) -> None:
    """Write ``facts`` on ``member`` and append the audit event of what changed (no commit)."""
    before = facts_of(member) if member.id is not None else None
    changes = changes_between(before, facts)
    from_state = member.status if before is not None else None
    for name in FACT_FIELDS:
        setattr(member, name, getattr(facts, name))
    db.session.add(member)
    db.session.flush()
    db.session.add(
        AuditEvent(
            object_type=OBJECT_TYPE,
            object_id=member.id,
            trigger=trigger,
            from_state=from_state,
            to_state=member.status,
            actor_id=actor.id if actor is not None else None,
            payload={"changes": {k: [plain(a), plain(b)] for k, (a, b) in changes.items()}},
            created_at=utcnow(),
        )
    )


def create_member(actor: User, facts: MemberFacts) -> Member:
    """Add a member organisation (admin); the region comes from the country if not given. Commit."""
    if not actor.is_admin:
        raise Forbidden(_("Only an admin can add a member to the registry."))
    facts = validated(facts)
    if duplicate_of(facts.name, facts.country) is not None:
        raise Conflict(_duplicate(facts), reasons=["duplicate"])
    member = Member()
    try:
        apply_facts(member, facts, actor, "create")
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise Conflict(_duplicate(facts), reasons=["duplicate"]) from None
    except BaseException:
        db.session.rollback()
        raise
    return member


def update_member(actor: User, member_id: int, changes: Mapping[str, Any]) -> Member:
    """Change the facts named in ``changes`` of member ``member_id`` (admin; others 404). Commit.

    An unchanged save writes nothing and no audit event.
    """
    member = get_member(actor, member_id)
    unknown = sorted(set(changes) - set(FACT_FIELDS))
    if unknown:
        raise Invalid(_("Unknown field: %(fields)s.", fields=", ".join(unknown)))
    changes = dict(changes)
    if "country" in changes and "region" not in changes:
        changes["region"] = None  # derived from the new country
    try:
        facts = validated(replace(facts_of(member), **changes))
        if duplicate_of(facts.name, facts.country, other_than=member.id) is not None:
            raise Conflict(_duplicate(facts), reasons=["duplicate"])
        if changes_between(facts_of(member), facts):
            apply_facts(member, facts, actor, "update")
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise Conflict(
            _("Another member has this name in this country."), reasons=["duplicate"]
        ) from None
    except BaseException:
        db.session.rollback()
        raise
    return member


def _duplicate(facts: MemberFacts) -> str:
    return _("%(name)s (%(country)s) is already a member.", name=facts.name, country=facts.country)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
