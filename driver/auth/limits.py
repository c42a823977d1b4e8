"""Rate limits on sign-in, the two-factor step and the token request (Flask-Limiter).

Each is limited per client address and per account (the e-mail address typed, or the
account half-way through two-factor), with the limits of LOGIN_LIMIT_PER_ADDRESS and
LOGIN_LIMIT_PER_ACCOUNT. Only failed attempts count, so people who sign in well are
never slowed down; an address or account over its limit gets a 429 (the sign-in form
with a message, or problem+json with Retry-After) until the window passes. The
per-account limit is shared by the page and the API, so one cannot double the other.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import current_app, request, session
from flask_limiter.util import get_remote_address
from werkzeug.wrappers import Response

from driver.extensions import limiter

V = TypeVar("V", bound=Callable[..., Any])

PENDING_TWO_FACTOR = "two_factor_pending"


def failed(response: Response) -> bool:
    """Whether an attempt failed (a success redirects, or issues a token)."""
    return response.status_code >= 400 or response.status_code == 200


def address_key() -> str:
    return f"address:{get_remote_address()}"


def account_key() -> str:
    """The account an attempt is about: the e-mail typed (form or JSON), lower-cased."""
    email = request.form.get("email")
    if email is None:
        body = request.get_json(silent=True)
        email = body.get("email") if isinstance(body, dict) else None
    if not isinstance(email, str):
        email = ""
    return f"account:{email.strip().lower()[:254]}"


def pending_account_key() -> str:
    """The account half-way through two-factor sign-in (its id from the session)."""
    pending = session.get(PENDING_TWO_FACTOR) or {}
    return f"account-id:{pending.get('user', '')}"


def _per_address() -> str:
    return current_app.config["LOGIN_LIMIT_PER_ADDRESS"]


def _per_account() -> str:
    return current_app.config["LOGIN_LIMIT_PER_ACCOUNT"]


def guard_sign_in(view: V) -> V:
    """Limit failed POSTs of ``view`` (sign-in or token) per address and per e-mail."""
    view = limiter.shared_limit(
        _per_account,
        "sign-in-account",
        key_func=account_key,
        methods=["POST"],
        deduct_when=failed,
    )(view)
    return limiter.shared_limit(
        _per_address,
        "sign-in-address",
        key_func=address_key,
        methods=["POST"],
        deduct_when=failed,
    )(view)


def guard_second_factor(view: V) -> V:
    """Limit failed POSTs of the two-factor step per address and per pending account."""
    view = limiter.shared_limit(
        _per_account,
        "two-factor-account",
        key_func=pending_account_key,
        methods=["POST"],
        deduct_when=failed,
    )(view)
    return limiter.shared_limit(
        _per_address,
        "two-factor-address",
        key_func=address_key,
        methods=["POST"],
        deduct_when=failed,
    )(view)
