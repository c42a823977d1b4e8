"""What the matchmaking service tests share."""

from __future__ import annotations

from sqlalchemy import func, select

from driver.extensions import db


def count(model, *where):
    return db.session.scalar(select(func.count()).select_from(model).where(*where))
