"""Who sees which Plan Exchange project, and the relation a user has to one."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, or_, select

from driver.members.models import Member
from driver.plan_exchange.models import Project
from workflows import ADMIN, OWNER, REVIEWER


def visible_projects(user: Any) -> Select[tuple[Project]]:
    """``select(Project)`` limited to what ``user`` (perhaps anonymous) may see.

    Everyone sees published projects; a city also sees its own in any state,
    and WeGO staff see every project, drafts included (a region-scoped reviewer:
    those of cities in its regions).
    """
    stmt = select(Project)
    if getattr(user, "is_authenticated", False):
        if user.is_staff:
            if user.role == "reviewer" and user.regions:
                in_regions = select(Member.id).where(Member.region.in_(user.regions))
                return stmt.where(
                    or_(Project.state == "published", Project.member_id.in_(in_regions))
                )
            return stmt
        if user.role == "city" and user.member_id is not None:
            return stmt.where(
                or_(Project.state == "published", Project.member_id == user.member_id)
            )
    return stmt.where(Project.state == "published")


def relations_to_project(user: Any, project: Project) -> frozenset[str]:
    """The workflow relations ``user`` has to a project they can see."""
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    relations = set()
    if user.role == "city" and user.member_id == project.member_id:
        relations.add(OWNER)
    if user.is_staff:
        relations.add(REVIEWER)
    if user.is_admin:
        relations.add(ADMIN)
    return frozenset(relations)
