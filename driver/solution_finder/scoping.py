"""Who sees which application, and what relation a user has to one."""

from __future__ import annotations

from sqlalchemy import Select, false, or_, select

from driver.auth.models import User
from driver.matchmaking.models import Match
from driver.members.models import Member
from driver.solution_finder.models import Application
from workflows import ADMIN, OWNER, REVIEWER


def visible_applications(user: User) -> Select[tuple[Application]]:
    """``select(Application)`` limited to what ``user`` may see.

    A city sees its organisation's applications, drafts included; a provider
    those it has been offered a match on; staff every submitted one, a
    region-scoped reviewer only those from cities in its regions.
    """
    stmt = select(Application)
    if user.role == "city" and user.member_id is not None:
        return stmt.where(Application.member_id == user.member_id)
    if user.role == "provider" and user.member_id is not None:
        offered = select(Match.application_id).where(Match.provider_id == user.member_id)
        return stmt.where(Application.id.in_(offered))
    if user.is_staff:
        # Staff see what was sent to WeGO: never a draft, nor a draft the city
        # withdrew without ever submitting it.
        stmt = stmt.where(
            Application.state != "draft",
            or_(Application.state != "withdrawn", Application.submitted_at.is_not(None)),
        )
        if user.role == "reviewer" and user.regions:
            in_regions = select(Member.id).where(Member.region.in_(user.regions))
            stmt = stmt.where(Application.member_id.in_(in_regions))
        return stmt
    return stmt.where(false())


def relations_to_application(user: User, app: Application) -> frozenset[str]:
    """The workflow relations ``user`` has to an application they can see."""
    relations = set()
    if user.role == "city" and user.member_id == app.member_id:
        relations.add(OWNER)
    if user.is_staff:
        relations.add(REVIEWER)
    if user.is_admin:
        relations.add(ADMIN)
    return frozenset(relations)


def reviewer_covers(user: User, region: str) -> bool:
    """Whether a staff member's scope includes cities of ``region``."""
    return user.is_admin or not user.regions or region in user.regions
