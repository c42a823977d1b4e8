"""Accounts: sign-in checks, creating users, passwords, enabling and disabling."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _
from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from driver.auth.models import ROLES, User, verify_dummy_password
from driver.auth.passwords import password_problems
from driver.db import utcnow
from driver.errors import Conflict, Invalid, not_found
from driver.extensions import db
from driver.i18n import browser_language
from driver.members.models import Member
from driver.members.reference import PROVIDER_CATEGORIES, REGIONS
from driver.security_log.services import record


def verify_credentials(email: str, password: str) -> User | None:
    """The active user with these credentials, else None (timing does not tell which failed).

    A failure is written to the security log (with the reason, which the user is never
    told); a success is not a sign-in yet: `complete_sign_in` records it, after the
    second factor if the user has one. Commits.
    """
    user = find_by_email(email)
    if user is None:
        verify_dummy_password(password)
        reason = "unknown account"
    elif not user.check_password(password):
        reason = "wrong password"
    elif not user.active:
        reason = "account disabled"
    else:
        db.session.commit()  # check_password may have rehashed it with current parameters
        return user
    db.session.rollback()
    record("sign_in_failed", user=user, email=(email or "").strip(), commit=True, reason=reason)
    return None


def complete_sign_in(user: User, *, method: str = "password") -> None:
    """Note a sign-in (the time, the browser's language and the security log); commit."""
    user.last_login_at = utcnow()
    user.browser_language = browser_language()
    record("sign_in", user=user, method=method)
    db.session.commit()


def authenticate(email: str, password: str) -> User | None:
    """The user with these credentials, signed in, if they need no second factor."""
    user = verify_credentials(email, password)
    if user is None or user.two_factor_enabled:
        return None
    complete_sign_in(user)
    return user


def find_by_email(email: str) -> User | None:
    return db.session.scalar(
        select(User).where(func.lower(User.email) == (email or "").strip().lower())
    )


@dataclass(frozen=True)
class NewUser:
    email: str
    password: str
    role: str
    name: str = ""
    member_id: int | None = None
    regions: tuple[str, ...] = field(default_factory=tuple)


def create_user(data: NewUser, *, commit: bool = True) -> User:
    """Create an account after checking every rule; Invalid or Conflict otherwise."""
    errors: dict[str, list[str]] = {}
    try:
        email = validate_email(data.email, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        errors["email"] = [str(exc)]
        email = data.email
    if data.role not in ROLES:
        errors["role"] = [_("Choose one of: %(roles)s.", roles=", ".join(ROLES))]
    if problems := password_problems(data.password, email):
        errors["password"] = problems
    member = _member_for_role(data.role, data.member_id, errors)
    regions = list(dict.fromkeys(data.regions))
    if unknown := [r for r in regions if r not in REGIONS]:
        errors["regions"] = [_("Unknown region: %(regions)s.", regions=", ".join(unknown))]
    elif regions and data.role != "reviewer":
        errors["regions"] = [_("Only reviewers are scoped to regions.")]
    if errors:
        raise Invalid(_("The account could not be created."), errors=errors)
    if find_by_email(email) is not None:
        raise _already_exists(email)
    user = User(
        email=email,
        name=data.name.strip(),
        role=data.role,
        member_id=member.id if member else None,
        regions=regions,
    )
    user.set_password(data.password)
    db.session.add(user)
    try:
        db.session.flush()
    except IntegrityError:  # the same address, created a moment ago by someone else
        db.session.rollback()
        raise _already_exists(email) from None
    record("account_created", user=user, role=user.role)
    if commit:
        db.session.commit()
    return user


def _already_exists(email: str) -> Conflict:
    return Conflict(
        _("An account with %(email)s already exists.", email=email),
        errors={"email": [_("Already in use.")]},
    )


def _member_for_role(
    role: str, member_id: int | None, errors: dict[str, list[str]]
) -> Member | None:
    if role not in {"city", "provider"}:
        if member_id is not None:
            errors["member_id"] = [_("Only city and provider accounts belong to a member.")]
        return None
    member = db.session.get(Member, member_id) if member_id is not None else None
    if member is None:
        errors["member_id"] = [_("Choose the member organisation this person acts for.")]
    elif role == "city" and member.category != "local_government":
        errors["member_id"] = [_("A city account belongs to a local government.")]
    elif role == "provider" and member.category not in PROVIDER_CATEGORIES:
        errors["member_id"] = [_("A provider account belongs to a corporation or institution.")]
    return member


def sign_out(user: User, *, everywhere: bool = False) -> None:
    """End every session and API token of ``user`` (their cookies stop working); commit.

    Signing out on one device ends the others too: a cookie copied from any of them
    (or replayed after sign-out) is refused, since the session version it names is gone.
    """
    user.session_version += 1
    record("sign_out_everywhere" if everywhere else "sign_out", user=user)
    db.session.commit()


def sign_out_everywhere(user: User) -> None:
    """End every session of ``user`` (their cookies stop working); commit."""
    sign_out(user, everywhere=True)


def set_active(user: User, active: bool, *, actor: User | None = None) -> None:
    """Enable or disable an account; disabling ends its sessions at once. Commit."""
    user.active = active
    if not active:
        user.session_version += 1
    record(
        "account_enabled" if active else "account_disabled",
        user=user,
        by=actor.email if actor is not None else None,
    )
    db.session.commit()


def regions_from(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(v.strip() for v in values if v and v.strip())


def change_password(user: User, current_password: str, new_password: str) -> None:
    """Set a new password after checking the current one; ends the user's other sessions. Commit.

    The caller signs the current session in again (its session version changed).
    """
    errors: dict[str, list[str]] = {}
    if not user.check_password(current_password):
        errors["current_password"] = [_("This is not your current password.")]
    if problems := password_problems(new_password, user.email):
        errors["new_password"] = problems
    if errors:
        db.session.rollback()  # check_password may have rehashed the old password
        raise Invalid(_("The password was not changed."), errors=errors)
    user.set_password(new_password)
    user.session_version += 1
    record("password_changed", user=user)
    db.session.commit()


# -- administration ----------------------------------------------------------------


@dataclass(frozen=True)
class UserFilter:
    """The user list's filters; empty means any."""

    role: str | None = None
    q: str | None = None


def list_users(
    actor: User, filters: UserFilter, *, page: int = 1, per_page: int = 50
) -> tuple[list[User], bool]:
    """Accounts by email, with their member (admin only); and whether more follow."""
    if not actor.is_admin:
        raise not_found()
    stmt = select(User).options(selectinload(User.member))
    if filters.role:
        stmt = stmt.where(User.role == filters.role)
    if filters.q:
        text = filters.q.strip()
        stmt = stmt.where(
            or_(
                User.email.icontains(text, autoescape=True),
                User.name.icontains(text, autoescape=True),
            )
        )
    stmt = stmt.order_by(User.email, User.id).offset((max(page, 1) - 1) * per_page)
    rows = list(db.session.scalars(stmt.limit(per_page + 1)))
    return rows[:per_page], len(rows) > per_page


def change_active(actor: User, user_id: int, active: bool) -> User:
    """Enable or disable ``user_id`` (admin only, others NotFound); never one's own account."""
    if not actor.is_admin:
        raise not_found()
    user = db.session.get(User, user_id)
    if user is None:
        raise not_found()
    if user.id == actor.id and not active:
        raise Conflict(_("You cannot disable your own account."))
    set_active(user, active, actor=actor)
    return user
