"""`/api/v1/users`: accounts created by an admin; ending a user's tokens."""

from __future__ import annotations

from typing import Any

from driver.api import present
from driver.api.auth import current_actor, require_admin, revoke_tokens_of
from driver.api.base import Blueprint
from driver.api.schemas.accounts import NewUserSchema, RevokedSchema, UserSchema
from driver.auth.services import NewUser, create_user

blp = Blueprint(
    "api_users",
    __name__,
    url_prefix="/api/v1/users",
    tag="Users",
    description="Accounts (admins create them) and their tokens.",
)


@blp.route("", methods=["POST"])
@blp.arguments(NewUserSchema)
@blp.response(201, UserSchema)
@blp.errors(401, 403, 409)
def create(data: dict[str, Any]) -> dict[str, Any]:
    """Create an account (admin)

    City and provider accounts belong to a member organisation (`member_id`);
    a reviewer may be limited to some `regions`.
    """
    require_admin(current_actor(), "create accounts")
    user = create_user(
        NewUser(
            email=data["email"],
            password=data["password"],
            role=data["role"],
            name=data["name"],
            member_id=data["member_id"],
            regions=tuple(data["regions"]),
        )
    )
    return present.user(user)


@blp.route("/<id:user_id>/tokens", methods=["DELETE"])
@blp.response(200, RevokedSchema)
@blp.errors(401, 404)
def revoke_tokens(user_id: int) -> dict[str, Any]:
    """End every token of a user (the user themself, or an admin)"""
    return {"revoked": revoke_tokens_of(current_actor(), user_id)}
