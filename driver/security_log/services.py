"""Writing the security log (a table and the ``driver.security`` logger) and reading it.

An event joins the caller's transaction: a password change and its event commit
together. A refusal is recorded after the refused request's work was rolled back
(``record(..., commit=True)``), so the event survives the rollback.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from flask import has_request_context, request
from sqlalchemy import select

from driver.auth.models import User
from driver.errors import not_found
from driver.extensions import db
from driver.security_log.models import KINDS, SecurityEvent

logger = logging.getLogger("driver.security")


def record(
    kind: str,
    *,
    user: User | None = None,
    email: str = "",
    commit: bool = False,
    **detail: Any,
) -> SecurityEvent:
    """Add a security event about ``user`` (or an attempted ``email``) and log it."""
    if kind not in KINDS:
        raise ValueError(f"unknown security event kind {kind!r}")
    event = SecurityEvent(
        kind=kind,
        user_id=user.id if user is not None else None,
        email=(user.email if user is not None else email or "")[:254],
        detail={k: v for k, v in detail.items() if v is not None},
    )
    if has_request_context():
        event.ip = (request.remote_addr or "")[:64]
        event.user_agent = (request.user_agent.string or "")[:300]
        event.method = request.method[:10]
        event.path = request.path[:500]
    db.session.add(event)
    if commit:
        db.session.commit()
    logger.info(
        "%s",
        json.dumps(
            {
                "kind": kind,
                "user_id": event.user_id,
                "email": event.email,
                "ip": event.ip,
                "method": event.method,
                "path": event.path,
                "detail": event.detail,
            },
            default=str,
            sort_keys=True,
        ),
        extra={"security_event": kind},
    )
    return event


@dataclass(frozen=True)
class EventFilter:
    """The admin list's filters; None means any."""

    kind: str | None = None
    email: str | None = None
    since: date | None = None
    until: date | None = None


def list_events(
    actor: User, filters: EventFilter, *, page: int = 1, per_page: int = 50
) -> tuple[list[SecurityEvent], bool]:
    """The newest events first (admin only, others NotFound); and whether more follow."""
    if not actor.is_admin:
        raise not_found()
    stmt = select(SecurityEvent)
    if filters.kind:
        stmt = stmt.where(SecurityEvent.kind == filters.kind)
    if filters.email:
        stmt = stmt.where(SecurityEvent.email.icontains(filters.email.strip(), autoescape=True))
    if filters.since:
        stmt = stmt.where(SecurityEvent.created_at >= _start_of(filters.since))
    if filters.until:
        stmt = stmt.where(SecurityEvent.created_at < _start_of(filters.until + timedelta(days=1)))
    stmt = stmt.order_by(SecurityEvent.id.desc()).offset((max(page, 1) - 1) * per_page)
    rows = list(db.session.scalars(stmt.limit(per_page + 1)))
    return rows[:per_page], len(rows) > per_page


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)
