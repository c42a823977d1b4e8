"""Two-factor sign-in with TOTP (RFC 6238, pyotp): enrol, check a code, recovery codes, disable.

A code is accepted in its 30-second step or the one either side, and never twice:
the last accepted step is stored and moved forward with a compare-and-set, so two
requests racing with one code cannot both pass. Recovery codes hold 125 random bits
each, so a SHA-256 of each is what is kept (ASVS 5.0 V6.5: lookup secrets of at
least 112 bits may be stored with an approved hash); each works once.

The admin may require two-factor for reviewers and admins (a row of
``security_settings``); such a user without it is fenced to the enrolment page.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

import pyotp
import segno
from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy import or_, select, update

from driver.auth.models import SecuritySetting, User
from driver.errors import Conflict, Invalid, not_found
from driver.extensions import db
from driver.security_log.services import record

ISSUER = "WeGO Smart City Driver"
STEP_SECONDS = 30
RECOVERY_CODES = 10
REQUIRE_STAFF_SETTING = "require_two_factor_staff"
_BASE32 = "abcdefghijklmnopqrstuvwxyz234567"


def new_secret() -> str:
    """A fresh TOTP secret (160 bits, base32) for an enrolment to confirm."""
    return pyotp.random_base32(32)


def provisioning_uri(secret: str, email: str) -> str:
    """The ``otpauth://`` URI an authenticator app reads (from the QR code or by hand)."""
    return pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=ISSUER)


def qr_svg(uri: str) -> Markup:
    """The URI as a QR code, an inline SVG drawn here (no image is fetched from elsewhere)."""
    svg = segno.make(uri, error="m").svg_inline(scale=4, light="#fff", title=_("QR code"))
    return Markup(svg)


def _matching_step(secret: str, code: str, now: float) -> int | None:
    """The time step whose code is ``code`` (this one or one either side), else None."""
    code = "".join(code.split())
    if len(code) != 6 or not code.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    for offset in (0, -1, 1):
        moment = now + offset * STEP_SECONDS
        if hmac.compare_digest(totp.at(moment), code):
            return int(moment // STEP_SECONDS)
    return None


def _hash_recovery(code: str) -> str:
    normal = "".join(ch for ch in code.lower() if ch.isalnum())
    return hashlib.sha256(normal.encode("ascii", "ignore")).hexdigest()


def _new_recovery_codes() -> list[str]:
    codes = []
    for _number in range(RECOVERY_CODES):
        chars = "".join(secrets.choice(_BASE32) for _position in range(25))
        codes.append("-".join(chars[i : i + 5] for i in range(0, 25, 5)))
    return codes


def _accept_step(user: User, step: int) -> bool:
    """Move the user's last accepted step to ``step`` unless it is there or beyond."""
    result = db.session.execute(
        update(User)
        .where(
            User.id == user.id,
            or_(User.totp_last_step.is_(None), User.totp_last_step < step),
        )
        .values(totp_last_step=step)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        return False
    user.totp_last_step = step
    return True


def _use_recovery_code(user: User, code: str) -> bool:
    digest = _hash_recovery(code)
    db.session.refresh(user, with_for_update=True)
    remaining = list(user.recovery_code_hashes or [])
    found = next((h for h in remaining if hmac.compare_digest(h, digest)), None)
    if found is None:
        return False
    remaining.remove(found)
    user.recovery_code_hashes = remaining
    return True


def check_second_factor(user: User, code: str, *, now: float | None = None) -> str | None:
    """``"totp"`` or ``"recovery"`` if ``code`` passes for ``user`` (used up), else None.

    Does not commit: the caller commits with the sign-in (or rolls back)."""
    if not user.two_factor_enabled or not code or len(code) > 64:
        return None
    step = _matching_step(user.totp_secret or "", code, time.time() if now is None else now)
    if step is not None:
        return "totp" if _accept_step(user, step) else None
    if any(ch.isalpha() for ch in code) and _use_recovery_code(user, code):
        return "recovery"
    return None


def confirm_enrolment(user: User, secret: str, code: str, *, now: float | None = None) -> list[str]:
    """Turn two-factor on with ``secret`` once ``code`` proves the app has it; commit.

    Returns the recovery codes, to show once (only their hashes are kept)."""
    if user.two_factor_enabled:
        raise Conflict(_("Two-factor sign-in is already on for this account."))
    step = _matching_step(secret, code or "", time.time() if now is None else now)
    if not secret or step is None:
        raise Invalid(
            _("The code does not match."),
            errors={"code": [_("This code does not match: check the app's clock and try again.")]},
        )
    codes = _new_recovery_codes()
    user.totp_secret = secret
    user.totp_last_step = step
    user.recovery_code_hashes = [_hash_recovery(c) for c in codes]
    record("two_factor_enabled", user=user)
    db.session.commit()
    return codes


def disable(user: User, password: str, code: str) -> None:
    """Turn two-factor off, given the password and a current code (or a recovery code)."""
    if not user.two_factor_enabled:
        raise Conflict(_("Two-factor sign-in is not on for this account."))
    if user.is_staff and two_factor_required():
        raise Conflict(_("Two-factor sign-in is required for WeGO staff; it cannot be turned off."))
    errors: dict[str, list[str]] = {}
    if not user.check_password(password):
        errors["password"] = [_("This is not your password.")]
    if check_second_factor(user, code) is None:
        errors["code"] = [_("This code does not match, or was used already.")]
    if errors:
        db.session.rollback()
        record("two_factor_failed", user=user, commit=True, during="disable")
        raise Invalid(_("Two-factor sign-in is still on."), errors=errors)
    user.totp_secret = None
    user.totp_last_step = None
    user.recovery_code_hashes = []
    record("two_factor_disabled", user=user)
    db.session.commit()


# -- the admin's requirement ---------------------------------------------------------


def two_factor_required() -> bool:
    """Whether reviewers and admins must use two-factor sign-in."""
    setting = db.session.get(SecuritySetting, REQUIRE_STAFF_SETTING)
    return setting is not None and setting.value == "1"


def must_enrol(user: User) -> bool:
    """Whether ``user`` must set up two-factor sign-in before doing anything else."""
    return user.is_staff and not user.two_factor_enabled and two_factor_required()


def set_two_factor_required(actor: User, required: bool) -> None:
    """Require (or stop requiring) two-factor for reviewers and admins (admin only); commit."""
    if not actor.is_admin:
        raise not_found()
    setting = db.session.scalar(
        select(SecuritySetting).where(SecuritySetting.name == REQUIRE_STAFF_SETTING)
    )
    value = "1" if required else "0"
    if setting is None:
        db.session.add(SecuritySetting(name=REQUIRE_STAFF_SETTING, value=value))
    elif setting.value == value:
        return
    else:
        setting.value = value
    record("two_factor_required", user=actor, required=required)
    db.session.commit()
