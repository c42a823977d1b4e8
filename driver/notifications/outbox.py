"""Delivering the outbox over SMTP: claim a batch, send it, record each result.

A worker claims a batch in one short transaction: ``SELECT … FOR UPDATE SKIP
LOCKED`` on PostgreSQL (SQLite's ``BEGIN IMMEDIATE`` serialises claims
instead), then marks the rows with its token and a lease. It sends without
holding any lock, and records each message's result with a compare-and-set on
its token, so two workers never send the same message and a crashed worker's
batch is picked up again once its lease has run out. A failed attempt waits
with exponential back-off; after the last allowed attempt the message is
marked failed, keeping its last error, until an admin retries it.
"""

from __future__ import annotations

import smtplib
import ssl
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import and_, func, or_, select, update

from driver.auth.models import User
from driver.db import utcnow
from driver.errors import Conflict, not_found
from driver.extensions import db
from driver.notifications.models import OutboxMessage

MAX_ERROR = 2000


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to send: host, port, TLS, credentials, sender (from the environment)."""

    host: str = "localhost"
    port: int = 25
    use_tls: bool = False  # TLS from the first byte (SMTPS, usually port 465)
    starttls: bool = False  # upgrade a plain connection (usually port 587)
    username: str | None = None
    password: str | None = None
    timeout: float = 30.0
    mail_from: str = "Smart City Driver <no-reply@we-gov.org>"

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> SmtpSettings:
        return cls(
            host=config["SMTP_HOST"],
            port=int(config["SMTP_PORT"]),
            use_tls=bool(config["SMTP_USE_TLS"]),
            starttls=bool(config["SMTP_STARTTLS"]),
            username=config["SMTP_USERNAME"] or None,
            password=config["SMTP_PASSWORD"] or None,
            timeout=float(config["SMTP_TIMEOUT"]),
            mail_from=config["MAIL_FROM"],
        )


@dataclass(frozen=True)
class Retry:
    """How often and how patiently a message is retried."""

    max_attempts: int = 8
    backoff: timedelta = timedelta(minutes=1)
    max_backoff: timedelta = timedelta(hours=6)
    lease: timedelta = timedelta(minutes=5)

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Retry:
        return cls(
            max_attempts=int(config["OUTBOX_MAX_ATTEMPTS"]),
            backoff=timedelta(seconds=float(config["OUTBOX_BACKOFF_SECONDS"])),
            max_backoff=timedelta(seconds=float(config["OUTBOX_MAX_BACKOFF_SECONDS"])),
            lease=timedelta(seconds=float(config["OUTBOX_LEASE_SECONDS"])),
        )

    def wait_after(self, attempts: int) -> timedelta:
        """The back-off after the ``attempts``-th failed attempt: 1, 2, 4… times the base."""
        return min(self.backoff * (2 ** max(attempts - 1, 0)), self.max_backoff)


@dataclass
class Report:
    """What one delivery pass did."""

    claimed: int = 0
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


def due(now: datetime) -> Any:
    """The condition of a message a worker may claim at ``now``."""
    return and_(
        OutboxMessage.sent_at.is_(None),
        OutboxMessage.failed_at.is_(None),
        OutboxMessage.next_attempt_at <= now,
        or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until <= now),
    )


def claim(batch: int, now: datetime, lease: timedelta) -> tuple[str, list[OutboxMessage]]:
    """Claim up to ``batch`` due messages for this worker; commit. Returns its token."""
    token = uuid.uuid4().hex
    try:
        ids = list(
            db.session.scalars(
                select(OutboxMessage.id)
                .where(due(now))
                .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
                .limit(batch)
                .with_for_update(skip_locked=True)
            )
        )
        if ids:
            db.session.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id.in_(ids), due(now))
                .values(claim_token=token, claimed_until=now + lease)
                .execution_options(synchronize_session=False)
            )
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    messages = db.session.scalars(
        select(OutboxMessage)
        .where(OutboxMessage.claim_token == token)
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .execution_options(populate_existing=True)
    )
    return token, list(messages)


def build_email(message: OutboxMessage, mail_from: str) -> EmailMessage:
    """The e-mail of an outbox row: plain text and HTML, with the row's own Message-ID."""
    email = EmailMessage()
    email["Subject"] = message.subject
    email["From"] = mail_from
    email["To"] = message.to_email
    email["Message-ID"] = message.message_id
    email["Date"] = format_datetime(message.created_at)
    email["Auto-Submitted"] = "auto-generated"
    email["X-Driver-Kind"] = message.kind
    email.set_content(message.body_text)
    if message.body_html:
        email.add_alternative(message.body_html, subtype="html")
    return email


def connect(settings: SmtpSettings) -> smtplib.SMTP:
    """An open, authenticated SMTP connection."""
    context = ssl.create_default_context()
    if settings.use_tls:
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(
            settings.host, settings.port, timeout=settings.timeout, context=context
        )
    else:
        smtp = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    try:
        if settings.starttls and not settings.use_tls:
            smtp.starttls(context=context)
        if settings.username:
            smtp.login(settings.username, settings.password or "")
    except BaseException:
        smtp.close()
        raise
    return smtp


def deliver(
    *,
    batch: int = 50,
    now: datetime | None = None,
    settings: SmtpSettings | None = None,
    retry: Retry | None = None,
) -> Report:
    """Claim one batch of due messages and send it; each result is committed on its own."""
    now = now or utcnow()
    settings = settings or SmtpSettings.from_config(current_app.config)
    retry = retry or Retry.from_config(current_app.config)
    token, messages = claim(batch, now, retry.lease)
    report = Report(claimed=len(messages))
    smtp: smtplib.SMTP | None = None
    unreachable: BaseException | None = None
    try:
        for message in messages:
            if unreachable is not None:  # the server did not answer: do not wait for it again
                _record_failure(message, token, unreachable, now, retry, report)
                continue
            try:
                if smtp is None:
                    try:
                        smtp = connect(settings)
                    except (OSError, smtplib.SMTPException) as exc:
                        unreachable = exc
                        raise
                smtp.send_message(build_email(message, settings.mail_from))
            except (OSError, smtplib.SMTPException) as exc:
                _record_failure(message, token, exc, now, retry, report)
                if isinstance(exc, OSError | smtplib.SMTPServerDisconnected):
                    smtp = _drop(smtp)  # the connection is gone: open a new one for the next
            else:
                _record(message, token, sent_at=now, last_error=None)
                report.sent += 1
    finally:
        _drop(smtp, polite=True)
    return report


def deliver_due(
    *, batch: int = 50, now: datetime | None = None, settings: SmtpSettings | None = None
) -> Report:
    """Deliver batch after batch until no full batch is left (``outbox deliver --once``)."""
    total = Report()
    while True:
        report = deliver(batch=batch, now=now, settings=settings)
        for name in ("claimed", "sent", "retrying", "failed"):
            setattr(total, name, getattr(total, name) + getattr(report, name))
        total.errors.extend(report.errors)
        if report.claimed < batch:
            return total


def _drop(smtp: smtplib.SMTP | None, *, polite: bool = False) -> None:
    if smtp is None:
        return None
    try:
        if polite:
            smtp.quit()
        else:
            smtp.close()
    except (OSError, smtplib.SMTPException):
        smtp.close()
    return None


def _permanent(exc: BaseException) -> bool:
    """A refusal the server will repeat (5xx): trying again would only repeat it."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in exc.recipients.values())
    return isinstance(exc, smtplib.SMTPResponseException) and exc.smtp_code >= 500


def _record_failure(
    message: OutboxMessage,
    token: str,
    exc: BaseException,
    now: datetime,
    retry: Retry,
    report: Report,
) -> None:
    attempts = message.attempts + 1
    error = f"{type(exc).__name__}: {exc}"[:MAX_ERROR]
    report.errors.append(f"{message.message_id}: {error}")
    if attempts >= retry.max_attempts or _permanent(exc):
        _record(message, token, failed_at=now, last_error=error)
        report.failed += 1
    else:
        _record(
            message,
            token,
            next_attempt_at=now + retry.wait_after(attempts),
            last_error=error,
        )
        report.retrying += 1


def _record(message: OutboxMessage, token: str, **values: Any) -> None:
    """Write one message's result if this worker still holds it; commit."""
    try:
        db.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == message.id, OutboxMessage.claim_token == token)
            .values(
                attempts=OutboxMessage.attempts + 1,
                claim_token=None,
                claimed_until=None,
                **values,
            )
            .execution_options(synchronize_session=False)
        )
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise


# -- the admin's view -----------------------------------------------------------------


@dataclass(frozen=True)
class OutboxStatus:
    """Counts for the admin: waiting to go, given up, sent in the last day; the oldest wait."""

    pending: int
    retrying: int
    failed: int
    sent_last_day: int
    oldest_pending: datetime | None


def status(now: datetime | None = None) -> OutboxStatus:
    """How the outbox stands."""
    now = now or utcnow()
    waiting = and_(OutboxMessage.sent_at.is_(None), OutboxMessage.failed_at.is_(None))

    def count(*criteria: Any) -> int:
        return db.session.scalar(select(func.count(OutboxMessage.id)).where(*criteria)) or 0

    return OutboxStatus(
        pending=count(waiting),
        retrying=count(waiting, OutboxMessage.attempts > 0),
        failed=count(OutboxMessage.failed_at.is_not(None)),
        sent_last_day=count(OutboxMessage.sent_at >= now - timedelta(days=1)),
        oldest_pending=db.session.scalar(select(func.min(OutboxMessage.created_at)).where(waiting)),
    )


def troubled(limit: int = 100) -> list[OutboxMessage]:
    """Failed messages and those still being retried, the most recent trouble first."""
    stmt = (
        select(OutboxMessage)
        .where(OutboxMessage.sent_at.is_(None), OutboxMessage.last_error.is_not(None))
        .order_by(OutboxMessage.failed_at.is_(None), OutboxMessage.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(stmt))


def retry_message(actor: User, message_id: int, now: datetime | None = None) -> OutboxMessage:
    """Put a failed message back in the queue with a fresh set of attempts (admin); commit."""
    if not actor.is_admin:
        raise not_found()
    try:
        message = db.session.get(OutboxMessage, message_id, with_for_update=True)
        if message is None:
            raise not_found()
        if message.failed_at is None:
            raise Conflict(_("Only a message that failed can be retried."), reasons=["state"])
        message.failed_at = None
        message.attempts = 0
        message.next_attempt_at = now or utcnow()
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return message
