"""`/api/v1/auth/token`: trade an email and password for a bearer token; revoke it."""

from __future__ import annotations

from typing import Any

from driver.api.auth import Unauthenticated, current_token, issue_token, public, revoke
from driver.api.base import Blueprint
from driver.api.schemas.accounts import TokenRequestSchema, TokenSchema
from driver.auth.services import authenticate

blp = Blueprint(
    "api_tokens",
    __name__,
    url_prefix="/api/v1/auth",
    tag="Tokens",
    description="Sign in with an email and password to get a bearer token; revoke it.",
)


@blp.route("/token", methods=["POST"])
@blp.arguments(TokenRequestSchema)
@blp.response(201, TokenSchema)
@blp.errors(401)
@blp.doc(security=[])
@public
def create(data: dict[str, Any]) -> dict[str, Any]:
    """Get a token

    Send it as `Authorization: Bearer <token>` on every other request. It
    expires after API_TOKEN_TTL_HOURS (24 by default); it is shown only once.
    """
    user = authenticate(data["email"], data["password"])
    if user is None:
        raise Unauthenticated("The email or password is not right, or the account is disabled.")
    issued = issue_token(user)
    return {"token": issued.secret, "token_type": "Bearer", "expires_at": issued.token.expires_at}


@blp.route("/token", methods=["DELETE"])
@blp.response(204)
@blp.errors(401)
def delete() -> None:
    """Revoke the token of this request"""
    revoke(current_token())
