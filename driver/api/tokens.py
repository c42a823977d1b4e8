"""`/api/v1/auth/token`: trade an email and password for a bearer token; revoke it."""

from __future__ import annotations

from typing import Any

from flask import Response
from flask_limiter.errors import RateLimitExceeded

from driver.api.auth import Unauthenticated, current_token, issue_token, public, revoke
from driver.api.base import Blueprint
from driver.api.schemas.accounts import TokenRequestSchema, TokenSchema
from driver.auth.limits import account_key, guard_sign_in
from driver.auth.services import complete_sign_in, verify_credentials
from driver.auth.two_factor import check_second_factor, must_enrol
from driver.errors import Forbidden
from driver.extensions import db
from driver.main.errors import problem
from driver.security_log.services import record

blp = Blueprint(
    "api_tokens",
    __name__,
    url_prefix="/api/v1/auth",
    tag="Tokens",
    description="Sign in with an email and password to get a bearer token; revoke it.",
)


@blp.errorhandler(RateLimitExceeded)
def _too_many(exc: RateLimitExceeded) -> Response:
    """Over a limit of the token request: 429 problem+json (Retry-After is added after)."""
    db.session.rollback()
    record(
        "rate_limited",
        email=account_key().removeprefix("account:"),
        commit=True,
        limit=str(exc.limit.limit),
    )
    return problem(
        429, "Too Many Requests", "Too many failed attempts. Wait a few minutes, then try again."
    )


@blp.route("/token", methods=["POST"])
@guard_sign_in
@blp.arguments(TokenRequestSchema)
@blp.response(201, TokenSchema)
@blp.errors(401)
@blp.errors(403)
@blp.errors(429)
@blp.doc(security=[])
@public
def create(data: dict[str, Any]) -> dict[str, Any]:
    """Get a token

    Send it as `Authorization: Bearer <token>` on every other request. It
    expires after API_TOKEN_TTL_HOURS (24 by default); it is shown only once.
    An account with two-factor sign-in also sends `totp`. Failed attempts are
    limited per address and per account (429 with Retry-After).
    """
    user = verify_credentials(data["email"], data["password"])
    if user is None:
        raise Unauthenticated("The email or password is not right, or the account is disabled.")
    method = "password"
    if user.two_factor_enabled:
        method = check_second_factor(user, data.get("totp") or "") or ""
        if not method:
            db.session.rollback()
            record("two_factor_failed", user=user, commit=True, during="api token")
            raise Unauthenticated(
                "This account uses two-factor sign-in: send the app's current code as `totp`."
            )
    if must_enrol(user):
        raise Forbidden(
            "WeGO requires two-factor sign-in for staff: set it up on your account page first."
        )
    complete_sign_in(user, method=f"api token ({method})")
    issued = issue_token(user)
    return {"token": issued.secret, "token_type": "Bearer", "expires_at": issued.token.expires_at}


@blp.route("/token", methods=["DELETE"])
@blp.response(204)
@blp.errors(401)
def delete() -> None:
    """Revoke the token of this request"""
    revoke(current_token())
