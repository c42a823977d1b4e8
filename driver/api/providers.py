"""`/api/v1/providers/{member_id}`: a solution provider's profile."""

from __future__ import annotations

from typing import Any

from driver.api import present
from driver.api.auth import current_actor
from driver.api.base import Blueprint
from driver.api.schemas.members import ProviderProfilePatchSchema, ProviderProfileSchema
from driver.members.services import update_profile, visible_provider

blp = Blueprint(
    "api_providers",
    __name__,
    url_prefix="/api/v1/providers",
    tag="Providers",
    description="Solution providers' profiles: what matchmaking ranks on.",
)


@blp.route("/<id:member_id>")
@blp.response(200, ProviderProfileSchema)
@blp.errors(401, 404)
def show(member_id: int) -> dict[str, Any]:
    """A provider's profile

    Staff and the provider's own users see it; a city sees verified providers
    and those offered to its applications.
    """
    member = visible_provider(current_actor(), member_id)
    return present.profile(member, member.profile)


@blp.route("/<id:member_id>", methods=["PATCH"])
@blp.arguments(ProviderProfilePatchSchema)
@blp.response(200, ProviderProfileSchema)
@blp.errors(401, 403, 404)
def update(data: dict[str, Any], member_id: int) -> dict[str, Any]:
    """Change a provider's profile

    The provider's own users edit it; only an admin sets `verified`. Others
    who can see the profile get 403; it stays 404 for everyone else.
    """
    actor = current_actor()
    member = visible_provider(actor, member_id)
    profile = update_profile(actor, member, data)
    return present.profile(member, profile)
