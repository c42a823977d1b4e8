"""One append-only row per security event (who, from where, what, when)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Index, String, event
from sqlalchemy.orm import Mapped, ORMExecuteState, Session, mapped_column

from driver.db import Base, utcnow
from driver.i18n import N_

# Every kind of event, with the words the admin page shows (translated there).
KINDS = {
    "sign_in": N_("Signed in"),
    "sign_in_failed": N_("Sign-in failed"),
    "two_factor_failed": N_("Two-factor code refused"),
    "recovery_code_used": N_("Recovery code used"),
    "rate_limited": N_("Rate limit hit"),
    "sign_out": N_("Signed out"),
    "sign_out_everywhere": N_("Signed out everywhere"),
    "password_changed": N_("Password changed"),
    "two_factor_enabled": N_("Two-factor turned on"),
    "two_factor_disabled": N_("Two-factor turned off"),
    "two_factor_required": N_("Two-factor requirement changed"),
    "account_created": N_("Account created"),
    "account_disabled": N_("Account disabled"),
    "account_enabled": N_("Account enabled"),
    "token_issued": N_("API token issued"),
    "token_revoked": N_("API token revoked"),
    "token_refused": N_("API token refused"),
    "forbidden": N_("Refused (not allowed)"),
    "not_found": N_("Refused (out of scope or missing)"),
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
