"""The member registry: loading the reference data, finding members, provider profiles."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import Select, func, select
from sqlalchemy.orm import selectinload

from driver.errors import Forbidden, Invalid, not_found
from driver.extensions import db
from driver.matchmaking.models import Match
from driver.members.models import Area, Member, ProviderProfile
from driver.members.reference import AREAS, LANGUAGES, PROVIDER_CATEGORIES, REGIONS, member_rows
from driver.solution_finder.models import Application


def seed_reference_data() -> dict[str, int]:
    """Insert the areas and members that are missing; safe to run again. Commit."""
    added = {"areas": 0, "members": 0}
    existing_areas = set(db.session.scalars(select(Area.slug)))
    for slug, name in AREAS:
        if slug not in existing_areas:
            db.session.add(Area(slug=slug, name=name))
            added["areas"] += 1
    existing_members = {
        (name, country) for name, country in db.session.execute(select(Member.name, Member.country))
    }
    for row in member_rows():
        if (row.name, row.country) not in existing_members:
            db.session.add(
                Member(name=row.name, category=row.category, country=row.country, region=row.region)
            )
            existing_members.add((row.name, row.country))
            added["members"] += 1
    db.session.commit()
    return added


def find_member(name: str) -> Member | None:
    """The member called ``name`` (case-insensitive), if exactly one has that name."""
    matches = db.session.scalars(
        select(Member).where(func.lower(Member.name) == name.strip().lower()).limit(2)
    ).all()
    return matches[0] if len(matches) == 1 else None


def all_areas() -> list[Area]:
    return list(db.session.scalars(select(Area).order_by(Area.name)))


PROFILE_FIELDS = (
    "summary",
    "areas",
    "countries",
    "regions",
    "languages",
    "remote_capable",
    "stage_min",
    "stage_max",
    "budget_min_usd",
    "budget_max_usd",
)


def profile_of(member: Member) -> ProviderProfile:
    """The member's provider profile, created empty (unverified) on first use."""
    if not member.is_provider:
        raise Invalid(_("Only corporations and institutions have a provider profile."))
    if member.profile is None:
        db.session.add(ProviderProfile(member=member))
        db.session.flush()
    return member.profile


def update_profile(actor: Any, member: Member, data: Mapping[str, Any]) -> ProviderProfile:
    """Change a provider profile; its own users edit it, only an admin sets ``verified``."""
    from driver.solution_finder.services import areas_by_slug

    own = actor.role == "provider" and actor.member_id == member.id
    if not own and not actor.is_admin:
        raise Forbidden(_("Only the provider's own staff or an admin can edit this profile."))
    if "verified" in data and not actor.is_admin:
        raise Forbidden(_("Only an admin can verify a provider profile."))
    errors: dict[str, list[str]] = {}
    if unknown := [r for r in data.get("regions", ()) if r not in REGIONS]:
        errors["regions"] = [_("Unknown region: %(values)s.", values=", ".join(unknown))]
    if unknown := [lang for lang in data.get("languages", ()) if lang not in LANGUAGES]:
        errors["languages"] = [_("Unknown language: %(values)s.", values=", ".join(unknown))]
    try:
        profile = profile_of(member)
        stage_min = data.get("stage_min", profile.stage_min)
        stage_max = data.get("stage_max", profile.stage_max)
        if not 1 <= stage_min <= stage_max <= 5:
            errors["stage_min"] = [_("Stages run from 1 to 5, the lowest first.")]
        low = data.get("budget_min_usd", profile.budget_min_usd)
        high = data.get("budget_max_usd", profile.budget_max_usd)
        if low is not None and high is not None and low > high:
            errors["budget_max_usd"] = [_("The highest budget must not be below the lowest.")]
        if errors:
            raise Invalid(_("The profile was not saved."), errors=errors)
        for name in PROFILE_FIELDS:
            if name not in data:
                continue
            if name == "areas":
                profile.areas = areas_by_slug(data["areas"])
            elif name in {"countries", "regions", "languages"}:
                setattr(profile, name, list(dict.fromkeys(data[name])))
            else:
                setattr(profile, name, data[name])
        if "verified" in data:
            profile.verified = bool(data["verified"])
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return profile


# -- provider pages -----------------------------------------------------------------


@dataclass(frozen=True)
class ProviderFilter:
    """The provider directory's filters; None means any."""

    verified: bool | None = None
    area: str | None = None
    q: str | None = None


def _providers() -> Select[tuple[Member]]:
    return select(Member).where(Member.category.in_(sorted(PROVIDER_CATEGORIES)))


def _with_profile(stmt: Select[tuple[Member]]) -> Select[tuple[Member]]:
    return stmt.options(selectinload(Member.profile).selectinload(ProviderProfile.areas))


def provider_directory(
    actor: Any, filters: ProviderFilter, *, page: int = 1, per_page: int = 50
) -> tuple[list[Member], bool]:
    """Provider organisations with their profiles, by name (staff only); and whether more follow."""
    if not actor.is_staff:
        raise not_found()
    stmt = _providers()
    if filters.verified is not None:
        is_verified = Member.profile.has(ProviderProfile.verified.is_(True))
        stmt = stmt.where(is_verified if filters.verified else ~is_verified)
    if filters.area:
        stmt = stmt.where(Member.profile.has(ProviderProfile.areas.any(Area.slug == filters.area)))
    if filters.q:
        stmt = stmt.where(Member.name.icontains(filters.q.strip(), autoescape=True))
    stmt = (
        _with_profile(stmt)
        .order_by(Member.name, Member.id)
        .offset((max(page, 1) - 1) * per_page)
        .limit(per_page + 1)
    )
    rows = list(db.session.scalars(stmt))
    return rows[:per_page], len(rows) > per_page


def visible_provider(actor: Any, member_id: int) -> Member:
    """The provider organisation ``member_id`` if ``actor`` may see its profile, else NotFound.

    Staff see every provider and its own users their organisation. A city sees
    the providers WeGO has verified, and any provider offered to one of its
    applications (so an offer stays readable if verification is withdrawn).
    """
    member = db.session.scalar(_with_profile(_providers().where(Member.id == member_id)))
    if member is None:
        raise not_found()
    if actor.is_staff or _is_own(actor, member):
        return member
    if actor.role == "city" and actor.member_id is not None:
        if member.profile is not None and member.profile.verified:
            return member
        offered = select(Match.id).join(Application, Application.id == Match.application_id)
        offered = offered.where(
            Match.provider_id == member.id,
            Match.state != "retracted",
            Application.member_id == actor.member_id,
        )
        if db.session.scalar(offered.limit(1)) is not None:
            return member
    raise not_found()


def editable_provider(actor: Any, member_id: int) -> Member:
    """The provider organisation ``member_id`` if ``actor`` may edit its profile, else NotFound."""
    member = db.session.scalar(_with_profile(_providers().where(Member.id == member_id)))
    if member is None or not may_edit_profile(actor, member):
        raise not_found()
    return member


def may_edit_profile(actor: Any, member: Member) -> bool:
    """Whether ``actor`` edits ``member``'s profile: its own provider users and admins."""
    return actor.is_admin or _is_own(actor, member)


def set_verified(actor: Any, member_id: int, verified: bool | None) -> ProviderProfile:
    """Verify or unverify a provider's profile (admin only; others NotFound). Commit."""
    if not actor.is_admin:
        raise not_found()
    member = editable_provider(actor, member_id)
    if verified is None:
        raise Invalid(
            _("Say whether the provider is verified."),
            errors={"verified": [_("Choose yes or no.")]},
        )
    return update_profile(actor, member, {"verified": verified})


def _is_own(actor: Any, member: Member) -> bool:
    return actor.role == "provider" and actor.member_id == member.id
