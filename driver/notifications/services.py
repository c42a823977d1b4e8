"""Write in-app notices and outbox e-mails for an event, in the caller's transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from flask import current_app
from sqlalchemy import func, select, update

from driver.auth.models import User
from driver.db import utcnow
from driver.errors import not_found
from driver.extensions import db
from driver.notifications.models import Notification, OutboxMessage


def notify(
    users: Iterable[User],
    *,
    event: object,
    kind: str,
    title: str,
    action: str,
    link: str,
    label_for: Callable[[User], str],
    actor: User | None,
) -> None:
    """One notice and one outbox e-mail per user, each in the words that user reads."""
    who = actor.display_name if actor is not None else "The Smart City Driver"
    base_url = current_app.config["PUBLIC_BASE_URL"].rstrip("/")
    for user in users:
        status = label_for(user)
        message = f"{title}: {status} ({who}: {action.lower()})"
        db.session.add(
            Notification(user=user, event_id=event.id, kind=kind, message=message, link=link)
        )
        db.session.add(
            OutboxMessage(
                user_id=user.id,
                event_id=event.id,
                kind=kind,
                to_email=user.email,
                subject=f"[Smart City Driver] {title}: {status}",
                body_text=(
                    f"Hello {user.display_name},\n\n"
                    f"{who} did this: {action}.\n"
                    f"“{title}” is now: {status}.\n\n"
                    f"Open it: {base_url}{link}\n"
                ),
                link=link,
            )
        )


def unread_count(user: User) -> int:
    """How many notices ``user`` has not read."""
    stmt = select(func.count(Notification.id)).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)
    )
    return db.session.scalar(stmt) or 0


def recent(user: User, limit: int = 50) -> list[Notification]:
    """The user's latest notices, newest first."""
    stmt = (
        select(Notification)
        .where(Notification.user_id == user.id)
        .order_by(Notification.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(stmt))


def mark_read(user: User, notification_id: int | None = None) -> None:
    """Mark one of the user's notices read, or all of them; commit."""
    stmt = update(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)
    )
    if notification_id is not None:
        stmt = stmt.where(Notification.id == notification_id)
    db.session.execute(stmt.values(read_at=utcnow()))
    db.session.commit()


def page_of(user: User, *, page: int = 1, per_page: int = 50) -> tuple[list[Notification], bool]:
    """One page of the user's notices, newest first; and whether more follow."""
    stmt = (
        select(Notification)
        .where(Notification.user_id == user.id)
        .order_by(Notification.id.desc())
        .offset((max(page, 1) - 1) * per_page)
        .limit(per_page + 1)
    )
    rows = list(db.session.scalars(stmt))
    return rows[:per_page], len(rows) > per_page


def open_notification(user: User, notification_id: int) -> Notification:
    """Mark one of the user's own notices read and return it (NotFound for anyone else's)."""
    notice = db.session.scalar(
        select(Notification).where(
            Notification.id == notification_id, Notification.user_id == user.id
        )
    )
    if notice is None:
        raise not_found()
    if notice.read_at is None:
        notice.read_at = utcnow()
        db.session.commit()
    return notice
