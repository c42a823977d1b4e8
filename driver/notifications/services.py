"""Tell people of events (in-app notice, e-mail now or in the digest), their choices, the centre."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any

from flask_babel import force_locale, gettext
from sqlalchemy import delete, func, select, update

from driver.auth.models import User
from driver.db import utcnow
from driver.errors import Invalid, not_found
from driver.extensions import db
from driver.i18n import email_language, supported
from driver.notifications import wording  # noqa: F401 - registers the shipped texts
from driver.notifications.kinds import preferable_kinds
from driver.notifications.mail import absolute, event_email
from driver.notifications.models import (
    DELIVERIES,
    DIGEST,
    IMMEDIATE,
    DigestItem,
    Notification,
    NotificationPreference,
)
from driver.notifications.texts import Wording

SYSTEM_NAME = "The Smart City Driver"


def notify(
    users: Iterable[User],
    *,
    event: Any,
    kind: str,
    title: str,
    action: str,
    link: str,
    label_for: Callable[[User], str],
    actor: User | None,
    extra: Mapping[str, Any] | None = None,
    message_for: Callable[[User], str] | None = None,
    when: datetime | None = None,
) -> None:
    """Tell ``users`` of an event of ``kind``, in the caller's transaction (no commit).

    Everyone gets a notice in the notification centre; the e-mail goes out at
    once, waits for the daily digest, or is not sent, as each user chose for
    ``kind``; its words are the kind's template in the user's language.
    ``event`` is the audit event (None for reminders); ``extra`` adds
    template variables; ``message_for`` words the in-app notice.
    """
    people = list(users)
    if not people:
        return
    who = actor.display_name if actor is not None else SYSTEM_NAME
    when = when or getattr(event, "created_at", None) or utcnow()
    event_id = getattr(event, "id", None)
    comment = getattr(event, "comment", "") or ""
    chosen = deliveries(people, kind)
    words = Wording(kind)
    for user in people:
        # Each recipient reads the notice and the e-mail in their own language.
        language = email_language(user)
        with force_locale(language):
            status = gettext(label_for(user))
            message = (
                message_for(user)
                if message_for is not None
                else gettext(
                    "%(title)s: %(status)s (%(actor)s: %(action)s)",
                    title=title,
                    status=status,
                    actor=who,
                    action=gettext(action).lower(),
                )
            )
            notice = Notification(
                user=user, event_id=event_id, kind=kind, message=message, link=link, created_at=when
            )
            db.session.add(notice)
            delivery = chosen.get(user.id, IMMEDIATE)
            if delivery == DIGEST:
                db.session.add(
                    DigestItem(user_id=user.id, notification=notice, kind=kind, created_at=when)
                )
            elif delivery == IMMEDIATE:
                context = {
                    "recipient": user.display_name,
                    "actor": who,
                    "title": title,
                    "status": status,
                    "action": gettext(action),
                    "comment": comment,
                    "url": absolute(link),
                    **(extra or {}),
                }
                rendered = words.render(language, context)
                db.session.add(
                    event_email(
                        user, kind=kind, rendered=rendered, link=link, event_id=event_id, when=when
                    )
                )


# -- preferences ------------------------------------------------------------------------


def deliveries(users: Iterable[User], kind: str) -> dict[int, str]:
    """How each of ``users`` chose to hear of ``kind``; users without a choice are absent."""
    ids = [u.id for u in users]
    stmt = select(NotificationPreference.user_id, NotificationPreference.delivery).where(
        NotificationPreference.kind == kind, NotificationPreference.user_id.in_(ids)
    )
    return {row[0]: row[1] for row in db.session.execute(stmt)}


def preferences_of(user: User) -> dict[str, str]:
    """The user's delivery per kind, for every kind they can choose for (default immediately)."""
    rows = db.session.execute(
        select(NotificationPreference.kind, NotificationPreference.delivery).where(
            NotificationPreference.user_id == user.id
        )
    )
    chosen = {kind: delivery for kind, delivery in rows}
    return {k.name: chosen.get(k.name, IMMEDIATE) for k in preferable_kinds()}


def save_preferences(user: User, *, language: str, choices: Mapping[str, str]) -> None:
    """Keep the user's language and their delivery per kind; commit.

    ``language`` is one of the interface's languages, or empty for automatic (the
    browser's). Only kinds a user can choose for are kept; a kind left out keeps its choice.
    """
    errors: dict[str, list[str]] = {}
    if language and not supported(language):
        errors["language"] = [gettext("Choose one of the languages offered.")]
    known = {k.name for k in preferable_kinds()}
    for kind, delivery in choices.items():
        if kind not in known or delivery not in DELIVERIES:
            errors[kind] = [gettext("Choose one of the ways offered.")]
    if errors:
        raise Invalid(gettext("Some choices are not possible."), errors=errors)
    try:
        user.language = language
        db.session.execute(
            delete(NotificationPreference).where(
                NotificationPreference.user_id == user.id,
                NotificationPreference.kind.in_(list(choices)),
            )
        )
        for kind, delivery in choices.items():
            if delivery != IMMEDIATE:
                db.session.add(
                    NotificationPreference(user_id=user.id, kind=kind, delivery=delivery)
                )
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise


# -- the notification centre ---------------------------------------------------------------


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
