"""One append-only row per security event (who, from where, what, when)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Index, String, event
from sqlalchemy.orm import Mapped, ORMExecuteState, Session, mapped_column

from driver.db import Base, utcnow

# Every kind of event, with the words the admin page shows.
KINDS = {
    "sign_in": "Signed in",
    "sign_in_failed": "Sign-in failed",
    "two_factor_failed": "Two-factor code refused",
    "recovery_code_used": "Recovery code used",
    "rate_limited": "Rate limit hit",
    "sign_out": "Signed out",
    "sign_out_everywhere": "Signed out everywhere",
    "password_changed": "Password changed",
    "two_factor_enabled": "Two-factor turned on",
    "two_factor_disabled": "Two-factor turned off",
    "two_factor_required": "Two-factor requirement changed",
    "account_created": "Account created",
    "account_disabled": "Account disabled",
    "account_enabled": "Account enabled",
    "token_issued": "API token issued",
    "token_revoked": "API token revoked",
    "token_refused": "API token refused",
    "forbidden": "Refused (not allowed)",
    "not_found": "Refused (out of scope or missing)",
}


class SecurityEvent(Base):
    """Something that matters to the platform's security; never changed or deleted."""

    __tablename__ = "security_events"
    __table_args__ = (Index("ix_security_events_kind_time", "kind", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    kind: Mapped[str] = mapped_column(String(40))
    # No foreign key: the log outlives anything, and a write must never wait on users.
    user_id: Mapped[int | None] = mapped_column(index=True)
    email: Mapped[str] = mapped_column(String(254), default="")
    ip: Mapped[str] = mapped_column(String(64), default="")
    user_agent: Mapped[str] = mapped_column(String(300), default="")
    method: Mapped[str] = mapped_column(String(10), default="")
    path: Mapped[str] = mapped_column(String(500), default="")
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)


class AppendOnlyError(RuntimeError):
    """Raised when code tries to change or delete a security event."""


@event.listens_for(Session, "do_orm_execute")
def _refuse_bulk_rewrites(state: ORMExecuteState) -> None:
    is_event = state.bind_mapper is not None and state.bind_mapper.class_ is SecurityEvent
    if (state.is_update or state.is_delete) and is_event:
        raise AppendOnlyError("security events are append-only")


@event.listens_for(Session, "before_flush")
def _refuse_rewriting(session: Session, _context: Any, _instances: Any) -> None:
    for obj in (*session.dirty, *session.deleted):
        if isinstance(obj, SecurityEvent) and (obj in session.deleted or session.is_modified(obj)):
            raise AppendOnlyError("security events are append-only")
