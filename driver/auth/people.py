"""Finding the people an event concerns: an organisation's users, a region's reviewers."""

from __future__ import annotations

import functools
from collections.abc import Callable

from sqlalchemy import select

from driver.auth.models import User
from driver.extensions import db


def organisation_users(member_id: int) -> list[User]:
    """The active users who act for member organisation ``member_id``."""
    stmt = select(User).where(User.member_id == member_id, User.active.is_(True))
    return list(db.session.scalars(stmt.order_by(User.id)))


def reviewers_for(region: str) -> list[User]:
    """Reviewers whose scope covers ``region``; the admins when there are none."""
    staff = list(
        db.session.scalars(
            select(User).where(User.role == "reviewer", User.active.is_(True)).order_by(User.id)
        )
    )
    covering = [u for u in staff if not u.regions or region in u.regions]
    if covering:
        return covering
    return list(
        db.session.scalars(
            select(User).where(User.role == "admin", User.active.is_(True)).order_by(User.id)
        )
    )


def reviewers_lookup() -> Callable[[str], list[User]]:
    """``reviewers_for`` for many regions at once: the reviewers are read once (a list page)."""
    staff = list(
        db.session.scalars(
            select(User).where(User.role == "reviewer", User.active.is_(True)).order_by(User.id)
        )
    )

    @functools.cache
    def admins() -> list[User]:
        return list(
            db.session.scalars(
                select(User).where(User.role == "admin", User.active.is_(True)).order_by(User.id)
            )
        )

    def lookup(region: str) -> list[User]:
        return [u for u in staff if not u.regions or region in u.regions] or admins()

    return lookup
