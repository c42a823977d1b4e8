"""Bearer tokens: issue, resolve and revoke them, and authenticate every API request.

A token is 32 random bytes (`secrets.token_urlsafe`) that the client keeps;
the database keeps only its SHA-256, so a leaked table gives nobody a token.
A token works while it is not expired, not revoked, its user is active and
the user has not been signed out everywhere since it was issued.

The API never looks at the session cookie: `authenticate_request` puts the
token's user (or an anonymous user) where Flask-Login keeps the current user,
so nothing on an API request can fall back on a browser's session.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

from flask import current_app, g, request
from sqlalchemy import select, update
from sqlalchemy.exc import OperationalError

from driver.api.models import ApiToken
from driver.auth.models import User
from driver.db import utcnow
from driver.errors import Forbidden, Refusal, not_found
from driver.extensions import db, login_manager
from driver.security_log.services import record

# How stale `last_used_at` may get before a request refreshes it: reading
# requests then rarely write.
LAST_USED_PRECISION = timedelta(minutes=1)

V = TypeVar("V", bound=Callable[..., Any])


class Unauthenticated(Refusal):
    """No token, or one that does not (or no longer) work."""

    status = 401
    title = "Unauthorized"


@dataclass(frozen=True)
class IssuedToken:
    """A new token: the secret is shown once, here, and never again."""

    secret: str
    token: ApiToken


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def issue_token(user: User, *, now: datetime | None = None) -> IssuedToken:
    """A new token for an active `user`, valid for API_TOKEN_TTL_HOURS; commit."""
    now = now or utcnow()
    secret = secrets.token_urlsafe(32)
    token = ApiToken(
        user_id=user.id,
        token_hash=hash_secret(secret),
        session_version=user.session_version,
        created_at=now,
        expires_at=now + timedelta(hours=current_app.config["API_TOKEN_TTL_HOURS"]),
    )
    db.session.add(token)
    db.session.flush()
    record("token_issued", user=user, token_id=token.id)
    db.session.commit()
    return IssuedToken(secret, token)


def resolve(secret: str, *, now: datetime | None = None) -> ApiToken | None:
    """The working token whose secret is `secret`, else None."""
    if not secret or len(secret) > 200:
        return None
    digest = hash_secret(secret)
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == digest))
    if token is None or not hmac.compare_digest(token.token_hash, digest):
        return None
    now = now or utcnow()
    user = token.user
    if (
        token.revoked_at is not None
        or token.expires_at <= now
        or not user.active
        or user.session_version != token.session_version
    ):
        return None
    return token


def revoke(token: ApiToken) -> None:
    """End one token; commit."""
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        record("token_revoked", user=token.user, token_id=token.id)
    db.session.commit()


def revoke_all(user: User) -> int:
    """End every working token of `user`; commit. Returns how many were ended."""
    result = db.session.execute(
        update(ApiToken)
        .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    ended = result.rowcount or 0
    if ended:
        record("token_revoked", user=user, count=ended)
    db.session.commit()
    return ended


def revoke_tokens_of(actor: User, user_id: int) -> int:
    """End every token of user `user_id`: the user themself or an admin; commit.

    To anyone else the user is out of scope: NotFound, as if there were none.
    """
    if actor.id != user_id and not actor.is_admin:
        raise not_found()
    user = db.session.get(User, user_id)
    if user is None:
        raise not_found()
    return revoke_all(user)


def require_admin(actor: User, what: str) -> None:
    """Forbidden unless `actor` is an admin; `what` says what they tried."""
    if not actor.is_admin:
        raise Forbidden(f"Only an admin can {what}.")


# -- requests -----------------------------------------------------------------------


def public(view: V) -> V:
    """Mark an API view that answers without a token (only the token request itself)."""
    view.api_public = True  # type: ignore[attr-defined]
    return view


def bearer_secret() -> str | None:
    """The secret of an `Authorization: Bearer` header, if the request has one."""
    header = request.headers.get("Authorization", "")
    scheme, _, secret = header.partition(" ")
    if scheme.lower() != "bearer":
        return None
    return secret.strip() or None


def authenticate_request() -> None:
    """Before every API request: the bearer token's user, or 401 (public views excepted)."""
    g._login_user = login_manager.anonymous_user()  # the cookie is never read
    g.api_token = None
    view = current_app.view_functions.get(request.endpoint or "")
    if view is not None and getattr(view, "api_public", False):
        return
    secret = bearer_secret()
    if secret is None:
        raise Unauthenticated("Send an API token: “Authorization: Bearer <token>”.")
    token = resolve(secret)
    if token is None:
        raise Unauthenticated("The API token is not valid, has expired or was revoked.")
    _touch(token)
    g.api_token = token
    g._login_user = token.user


def current_actor() -> User:
    """The user the request's token belongs to."""
    token: ApiToken | None = g.get("api_token")
    if token is None:  # pragma: no cover - every non-public view runs after authentication
        raise Unauthenticated("Send an API token.")
    return token.user


def current_token() -> ApiToken:
    token: ApiToken | None = g.get("api_token")
    if token is None:  # pragma: no cover - as above
        raise Unauthenticated("Send an API token.")
    return token


def _touch(token: ApiToken) -> None:
    """Note when the token was last used, at most once a minute and never at any cost."""
    now = utcnow()
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_PRECISION:
        return
    try:
        db.session.execute(update(ApiToken).where(ApiToken.id == token.id).values(last_used_at=now))
        db.session.commit()
    except OperationalError:
        # A busy SQLite database must not fail a read because of a bookkeeping write.
        db.session.rollback()
