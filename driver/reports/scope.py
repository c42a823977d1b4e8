"""What a report may count for its reader: a region-scoped reviewer, only its regions.

Every report counts objects by the member they belong to (the city of an
application, proposal or project; the city of the application a match is for;
the member itself in the membership report). An admin and a reviewer without
regions count everything; a reviewer scoped to regions counts only members of
those regions, exactly as the review queue shows them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, select, true

from driver.auth.models import User
from driver.members.models import Member


def scoped_regions(user: User) -> list[str] | None:
    """The regions a reviewer is limited to; None when the reader sees every region."""
    if user.role == "reviewer" and user.regions:
        return sorted(user.regions)
    return None


def members_in_scope(user: User) -> Select[tuple[int]] | None:
    """``select(Member.id)`` of the members the reader may count; None when all."""
    regions = scoped_regions(user)
    if regions is None:
        return None
    return select(Member.id).where(Member.region.in_(regions))


def member_in_scope(user: User, member_column: Any) -> ColumnElement[bool]:
    """A condition limiting ``member_column`` (a member id) to the reader's regions."""
    members = members_in_scope(user)
    return true() if members is None else member_column.in_(members)


def year_bounds(year: int) -> tuple[datetime, datetime]:
    """The first instant of ``year`` and of the next one, in UTC (portable range filters)."""
    return datetime(year, 1, 1, tzinfo=UTC), datetime(year + 1, 1, 1, tzinfo=UTC)


def in_year(column: Any, year: int | None) -> ColumnElement[bool]:
    """``column`` (a UTC datetime) falls in ``year``; always true when no year is chosen."""
    if year is None:
        return true()
    start, end = year_bounds(year)
    return (column >= start) & (column < end)
