"""`/api/v1/members`: the member registry."""

from __future__ import annotations

from typing import Any

from driver.api import present
from driver.api.auth import current_actor
from driver.api.base import Blueprint
from driver.api.paging import page_of, page_response
from driver.api.schemas.members import (
    MemberPatchSchema,
    MemberQuerySchema,
    MemberSchema,
    NewMemberSchema,
)
from driver.errors import Forbidden
from driver.members.facts import MemberFacts
from driver.members.registry import MemberFilter, create_member, list_members, update_member

blp = Blueprint(
    "api_members",
    __name__,
    url_prefix="/api/v1/members",
    tag="Members",
    description="WeGO's member registry: local governments, corporations, institutions.",
)


@blp.route("")
@blp.arguments(MemberQuerySchema, location="query")
@blp.response(200, page_of(MemberSchema))
@blp.errors(401)
def index(query: dict[str, Any]) -> dict[str, Any]:
    """List the members, by id

    Admins also get each member's registry facts and annual fee.
    """
    filters = MemberFilter(
        category=query.get("category"),
        region=query.get("region"),
        country=query.get("country"),
        q=query.get("q"),
    )
    rows, total = list_members(filters, page=query["page"], per_page=query["page_size"])
    registry = current_actor().is_admin
    items = [present.member(m, registry=registry) for m in rows]
    return page_response(items, query["page"], query["page_size"], total)


@blp.route("", methods=["POST"])
@blp.arguments(NewMemberSchema)
@blp.response(201, MemberSchema)
@blp.errors(401, 403, 409)
def create(data: dict[str, Any]) -> dict[str, Any]:
    """Add a member (admin)

    Without `region`, the region is the one the registry gives the country;
    a country no member is in yet needs its region. A sub-category must be
    one of the category's; a lapsed or suspended member needs `left_on`.
    """
    member = create_member(current_actor(), MemberFacts(**data))
    return present.member(member, registry=True)


@blp.route("/<id:member_id>", methods=["PATCH"])
@blp.arguments(MemberPatchSchema)
@blp.response(200, MemberSchema)
@blp.errors(401, 403, 404, 409)
def update(data: dict[str, Any], member_id: int) -> dict[str, Any]:
    """Change a member's registry facts (admin)

    Only the fields sent change; the change is recorded in the audit trail.
    A new `country` without `region` takes the country's region.
    """
    actor = current_actor()
    if not actor.is_admin:
        raise Forbidden("Only an admin changes the member registry.")
    member = update_member(actor, member_id, data)
    return present.member(member, registry=True)
