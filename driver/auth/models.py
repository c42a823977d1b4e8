"""User accounts: a role, the member organisation a user acts for, a reviewer's regions."""

from __future__ import annotations

import contextlib
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask_login import UserMixin
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from driver.db import Base, TimestampMixin
from driver.members.models import Member

ROLES = ("city", "provider", "reviewer", "admin")
STAFF_ROLES = frozenset({"reviewer", "admin"})

_hasher = PasswordHasher()  # argon2id with the library's current parameters


class User(UserMixin, TimestampMixin, Base):
    """Someone who signs in."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20), index=True)
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"), index=True)
    regions: Mapped[list[str]] = mapped_column(default=list)
    active: Mapped[bool] = mapped_column(default=True)
    # The language the user chose for pages and e-mails (an ISO 639-1 code); empty for
    # "automatic": pages follow the browser, e-mails the browser's at the last sign-in.
    language: Mapped[str] = mapped_column(String(8), default="", server_default="")
    browser_language: Mapped[str] = mapped_column(String(8), default="", server_default="")
    # Bumped to end every session of the user at once (sign out everywhere, disable).
    session_version: Mapped[int] = mapped_column(default=1)
    last_login_at: Mapped[datetime | None]
    # TOTP two-factor sign-in: the shared secret (base32) once enrolment is confirmed,
    # the last time step accepted (a code is never accepted twice) and the SHA-256 of
    # the unused recovery codes (each 125 random bits, single use).
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_last_step: Mapped[int | None]
    recovery_code_hashes: Mapped[list[str]] = mapped_column(default=list, server_default="[]")

    member: Mapped[Member | None] = relationship()

    # -- passwords --------------------------------------------------------------

    def set_password(self, password: str) -> None:
        self.password_hash = _hasher.hash(password)

    def check_password(self, password: str) -> bool:
        try:
            _hasher.verify(self.password_hash, password)
        except (VerificationError, InvalidHashError):
            return False
        if _hasher.check_needs_rehash(self.password_hash):
            self.set_password(password)
        return True

    # -- Flask-Login ------------------------------------------------------------

    @property
    def is_active(self) -> bool:  # type: ignore[override]
        return self.active

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    # -- role helpers -------------------------------------------------------------

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"

    @property
    def two_factor_enabled(self) -> bool:
        return self.totp_secret is not None

    @property
    def display_name(self) -> str:
        return self.name or self.email

    def __repr__(self) -> str:
        return f"<User {self.email} ({self.role})>"


class SecuritySetting(Base):
    """A platform-wide security setting the admin changes (e.g. two-factor required)."""

    __tablename__ = "security_settings"

    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


def verify_dummy_password(password: str) -> None:
    """Spend the time of a real check, so unknown emails cannot be told apart by timing."""
    with contextlib.suppress(VerificationError):
        _hasher.verify(_DUMMY_HASH, password)


_DUMMY_HASH = _hasher.hash("not-a-real-password")
