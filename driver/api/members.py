"""`/api/v1/members`: the member registry."""

from __future__ import annotations

from typing import Any

from driver.api import present
from driver.api.auth import current_actor
from driver.api.base import Blueprint
from driver.api.paging import page_of, page_response
from driver.api.schemas.members import MemberQuerySchema, MemberSchema, NewMemberSchema
from driver.members.registry import MemberFilter, NewMember, create_member, list_members

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
    """List the members, by id"""
    filters = MemberFilter(
        category=query.get("category"),
        region=query.get("region"),
        country=query.get("country"),
        q=query.get("q"),
    )
    rows, total = list_members(filters, page=query["page"], per_page=query["page_size"])
    items = [present.member(m) for m in rows]
    return page_response(items, query["page"], query["page_size"], total)


@blp.route("", methods=["POST"])
@blp.arguments(NewMemberSchema)
@blp.response(201, MemberSchema)
@blp.errors(401, 403, 409)
def create(data: dict[str, Any]) -> dict[str, Any]:
    """Add a member (admin)

    Without `region`, the region is the one the registry gives the country;
    a country no member is in yet needs its region.
    """
    member = create_member(current_actor(), NewMember(**data))
    return present.member(member)
