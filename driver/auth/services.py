"""Accounts: sign-in checks and creating users."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select

from driver.auth.models import ROLES, User, verify_dummy_password
from driver.db import utcnow
from driver.errors import Conflict, Invalid
from driver.extensions import db
from driver.members.models import Member
from driver.members.reference import PROVIDER_CATEGORIES, REGIONS

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 128


def authenticate(email: str, password: str) -> User | None:
    """The active user with these credentials, else None (timing does not tell which failed)."""
    user = find_by_email(email)
    if user is None:
        verify_dummy_password(password)
        return None
    if not user.check_password(password) or not user.active:
        return None
    user.last_login_at = utcnow()
    db.session.commit()
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


def password_problems(password: str) -> list[str]:
    """What is wrong with a new password (length only: no composition rules, per ASVS)."""
    problems = []
    if len(password) < MIN_PASSWORD_LENGTH:
        problems.append(f"Use at least {MIN_PASSWORD_LENGTH} characters.")
    if len(password) > MAX_PASSWORD_LENGTH:
        problems.append(f"Use at most {MAX_PASSWORD_LENGTH} characters.")
    return problems


def create_user(data: NewUser, *, commit: bool = True) -> User:
    """Create an account after checking every rule; Invalid or Conflict otherwise."""
    errors: dict[str, list[str]] = {}
    try:
        email = validate_email(data.email, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        errors["email"] = [str(exc)]
        email = data.email
    if data.role not in ROLES:
        errors["role"] = [f"Choose one of: {', '.join(ROLES)}."]
    if problems := password_problems(data.password):
        errors["password"] = problems
    member = _member_for_role(data.role, data.member_id, errors)
    regions = list(dict.fromkeys(data.regions))
    if unknown := [r for r in regions if r not in REGIONS]:
        errors["regions"] = [f"Unknown region: {', '.join(unknown)}."]
    elif regions and data.role != "reviewer":
        errors["regions"] = ["Only reviewers are scoped to regions."]
    if errors:
        raise Invalid("The account could not be created.", errors=errors)
    if find_by_email(email) is not None:
        raise Conflict(
            f"An account with {email} already exists.", errors={"email": ["Already in use."]}
        )
    user = User(
        email=email,
        name=data.name.strip(),
        role=data.role,
        member_id=member.id if member else None,
        regions=regions,
    )
    user.set_password(data.password)
    db.session.add(user)
    if commit:
        db.session.commit()
    return user


def _member_for_role(
    role: str, member_id: int | None, errors: dict[str, list[str]]
) -> Member | None:
    if role not in {"city", "provider"}:
        if member_id is not None:
            errors["member_id"] = ["Only city and provider accounts belong to a member."]
        return None
    member = db.session.get(Member, member_id) if member_id is not None else None
    if member is None:
        errors["member_id"] = ["Choose the member organisation this person acts for."]
    elif role == "city" and member.category != "local_government":
        errors["member_id"] = ["A city account belongs to a local government."]
    elif role == "provider" and member.category not in PROVIDER_CATEGORIES:
        errors["member_id"] = ["A provider account belongs to a corporation or institution."]
    return member


def sign_out_everywhere(user: User) -> None:
    """End every session of ``user`` (their cookies stop working); commit."""
    user.session_version += 1
    db.session.commit()


def set_active(user: User, active: bool) -> None:
    """Enable or disable an account; disabling ends its sessions at once. Commit."""
    user.active = active
    if not active:
        user.session_version += 1
    db.session.commit()


def regions_from(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(v.strip() for v in values if v and v.strip())
