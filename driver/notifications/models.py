"""In-app notices, the e-mail outbox, and what decides their words and timing.

Notices and outbox rows are written in the transaction of the event they report;
a delivery worker sends the outbox later (``driver.notifications.outbox``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from driver.auth.models import User
from driver.db import Base, TimestampMixin, utcnow

# How a user wants to hear of one kind of event.
IMMEDIATE = "immediate"  # an e-mail at once (and the in-app notice)
DIGEST = "digest"  # in the daily digest e-mail (and the in-app notice)
IN_APP = "in_app"  # the in-app notice only
DELIVERIES = (IMMEDIATE, DIGEST, IN_APP)


class Notification(Base):
    """A notice in a user's notification centre."""

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_user_unread", "user_id", "read_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("audit_events.id"))
    kind: Mapped[str] = mapped_column(String(80))
    message: Mapped[str] = mapped_column(Text)
    link: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()


class OutboxMessage(Base):
    """An e-mail waiting to be delivered (transactional outbox).

    Pending while ``sent_at`` and ``failed_at`` are empty. A worker claims a
    batch by setting ``claim_token`` and a lease (``claimed_until``); another
    worker skips it until the lease runs out, so a worker that died mid-batch
    delays its messages but never loses them.
    """

    __tablename__ = "outbox_messages"
    __table_args__ = (Index("ix_outbox_pending", "sent_at", "failed_at", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    event_id: Mapped[int | None] = mapped_column(ForeignKey("audit_events.id"))
    kind: Mapped[str] = mapped_column(String(80))
    message_id: Mapped[str] = mapped_column(String(200), unique=True)
    to_email: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text, default="")
    link: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    claim_token: Mapped[str | None] = mapped_column(String(40))
    claimed_until: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    failed_at: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)

    @property
    def status(self) -> str:
        if self.sent_at is not None:
            return "sent"
        return "failed" if self.failed_at is not None else "pending"


class NotificationTemplate(TimestampMixin, Base):
    """An admin's wording of one kind of e-mail in one language (overrides the shipped one)."""

    __tablename__ = "notification_templates"
    __table_args__ = (UniqueConstraint("kind", "language", name="uq_notification_templates_kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(80))
    language: Mapped[str] = mapped_column(String(8))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    updated_by: Mapped[User | None] = relationship()


class NotificationPreference(Base):
    """How one user wants to hear of one kind of event; no row means immediately."""

    __tablename__ = "notification_preferences"
    __table_args__ = (
        UniqueConstraint("user_id", "kind", name="uq_notification_preferences_user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(80))
    delivery: Mapped[str] = mapped_column(String(20))


class DigestItem(Base):
    """A notice kept for the user's next daily digest; ``outbox_id`` once a digest took it."""

    __tablename__ = "digest_items"
    __table_args__ = (Index("ix_digest_items_pending", "outbox_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    notification_id: Mapped[int] = mapped_column(ForeignKey("notifications.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    outbox_id: Mapped[int | None] = mapped_column(
        ForeignKey("outbox_messages.id", ondelete="SET NULL")
    )

    notification: Mapped[Notification] = relationship()


class Reminder(Base):
    """That a reminder went out for one wait: a rule, an object, and when its wait began.

    The unique key makes the reminder once per wait: a new wait (the object
    came back to the same state later) has another ``since``.
    """

    __tablename__ = "reminders"
    __table_args__ = (
        UniqueConstraint("rule", "object_type", "object_id", "since", name="uq_reminders_rule"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    rule: Mapped[str] = mapped_column(String(60))
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[int]
    since: Mapped[datetime]
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)
    recipients: Mapped[int] = mapped_column(default=0)
