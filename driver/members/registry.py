"""The member registry: finding members by category, region, country or name; adding one."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.exc import IntegrityError

from driver.auth.models import User
from driver.errors import Conflict, Forbidden, Invalid
from driver.extensions import db
from driver.members.models import Member
from driver.members.reference import CATEGORIES, REGIONS, region_of


@dataclass(frozen=True)
class MemberFilter:
    """The registry's filters; every one optional."""

    category: str | None = None
    region: str | None = None
    country: str | None = None
    q: str | None = None  # part of the name


def members_matching(filters: MemberFilter) -> Select[tuple[Member]]:
    """``select(Member)`` with the filters applied, in a stable order (by id)."""
    stmt = select(Member)
    if filters.category:
        stmt = stmt.where(Member.category == filters.category)
    if filters.region:
        stmt = stmt.where(Member.region == filters.region)
    if filters.country:
        stmt = stmt.where(func.lower(Member.country) == filters.country.strip().lower())
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


@dataclass(frozen=True)
class NewMember:
    name: str
    category: str
    country: str
    region: str | None = None  # derived from the country when not given


def create_member(actor: User, data: NewMember) -> Member:
    """Add a member organisation (admin); the region comes from the country if not given. Commit."""
    if not actor.is_admin:
        raise Forbidden("Only an admin can add a member to the registry.")
    name, country = data.name.strip(), data.country.strip()
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = ["Give the organisation's name."]
    if data.category not in CATEGORIES:
        errors["category"] = [f"Choose one of: {', '.join(CATEGORIES)}."]
    if not country:
        errors["country"] = ["Give the country."]
    region = data.region or (region_of(country) if country else None)
    if data.region is not None and data.region not in REGIONS:
        errors["region"] = [f"Choose one of: {', '.join(REGIONS)}."]
    elif region is None and country:
        errors["region"] = [f"No member is in {country} yet: give its region."]
    if errors:
        raise Invalid("The member could not be added.", errors=errors)
    duplicate = db.session.scalar(
        select(Member.id).where(
            func.lower(Member.name) == name.lower(), func.lower(Member.country) == country.lower()
        )
    )
    if duplicate is not None:
        raise Conflict(f"{name} ({country}) is already a member.", reasons=["duplicate"])
    member = Member(name=name, category=data.category, country=country, region=region)
    db.session.add(member)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise Conflict(f"{name} ({country}) is already a member.", reasons=["duplicate"]) from None
    return member


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
