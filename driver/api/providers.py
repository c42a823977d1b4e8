"""`/api/v1/providers/{member_id}`: a solution provider's profile."""

from __future__ import annotations

from typing import Any

from driver.api import present
from driver.api.auth import current_actor
from driver.api.base import Blueprint
from driver.api.schemas.members import ProviderProfilePatchSchema, ProviderProfileSchema
from driver.auth.models import User
from driver.errors import not_found
from driver.extensions import db
from driver.members.models import Member
from driver.members.services import update_profile

blp = Blueprint(
    "api_providers",
    __name__,
    url_prefix="/api/v1/providers",
    tag="Providers",
    description="Solution providers' profiles: what matchmaking ranks on.",
)


def visible_provider(actor: User, member_id: int) -> Member:
    """The provider organisation, if `actor` may see its profile; else NotFound.

    Staff and the provider's own users see it in any case; everyone else only
    once it is verified.
    """
    member = db.session.get(Member, member_id)
    if member is None or not member.is_provider:
        raise not_found()
    own = actor.role == "provider" and actor.member_id == member.id
    verified = member.profile is not None and member.profile.verified
    if not (actor.is_staff or own or verified):
        raise not_found()
    return member


@blp.route("/<id:member_id>")
@blp.response(200, ProviderProfileSchema)
@blp.errors(401, 404)
def show(member_id: int) -> dict[str, Any]:
    """A provider's profile"""
    member = visible_provider(current_actor(), member_id)
    return present.profile(member, member.profile)


@blp.route("/<id:member_id>", methods=["PATCH"])
@blp.arguments(ProviderProfilePatchSchema)
@blp.response(200, ProviderProfileSchema)
@blp.errors(401, 403, 404)
def update(data: dict[str, Any], member_id: int) -> dict[str, Any]:
    """Change a provider's profile

    The provider's own users edit it; only an admin sets `verified`.
    """
    actor = current_actor()
    member = visible_provider(actor, member_id)
    profile = update_profile(actor, member, data)
    return present.profile(member, profile)
