"""`/api/v1/implementer/bids`: providers' sealed bids, their transitions and technical scores."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import selectinload

from driver import transitions
from driver.api import present, present_implementer
from driver.api.auth import current_actor
from driver.api.base import Blueprint
from driver.api.paging import PageQuery, page_of, paged_list, paged_query
from driver.api.schemas.implementer import (
    BidPatchSchema,
    BidQuerySchema,
    BidSchema,
    BidScoreInSchema,
    BidTransitionSchema,
    NewBidSchema,
)
from driver.api.schemas.solution_finder import EventSchema
from driver.errors import Forbidden
from driver.implementer.bindings import BID_BINDING
from driver.implementer.models import Bid
from driver.implementer.services import bids, scoring

# Fired only through the project's select_consultant and cancel.
THROUGH_THE_PROJECT = frozenset({"award", "reject"})

blp = Blueprint(
    "api_implementer_bids",
    __name__,
    url_prefix="/api/v1/implementer/bids",
    tag="Project Implementer: bids",
    description="Sealed bids on consultant tenders: only the bidder sees one before the deadline.",
)


@blp.route("")
@blp.arguments(BidQuerySchema, location="query")
@blp.response(200, page_of(BidSchema))
@blp.errors(401)
def index(query: dict[str, Any]) -> dict[str, Any]:
    """List the bids you can see, by id (a provider: its own; staff: once unsealed)"""
    actor = current_actor()
    stmt = BID_BINDING.scope(actor).order_by(Bid.id)
    if "state" in query:
        stmt = stmt.where(Bid.state == query["state"])
    if "project_id" in query:
        stmt = stmt.where(Bid.project_id == query["project_id"])
    return paged_query(
        stmt,
        query,
        present_page=lambda rows: present_implementer.many(
            present_implementer.bid, "bid", rows, actor
        ),
        options=(selectinload(Bid.provider), selectinload(Bid.scores)),
    )


@blp.route("", methods=["POST"])
@blp.arguments(NewBidSchema)
@blp.response(201, BidSchema)
@blp.errors(401, 403, 404, 409)
def create(data: dict[str, Any]) -> dict[str, Any]:
    """Start your organisation's draft bid on an open tender (verified providers)"""
    actor = current_actor()
    bid = bids.start_bid(actor, data["project_id"], bids.BidInput.from_mapping(data))
    return present_implementer.bid(bid, actor)


@blp.route("/<id:bid_id>")
@blp.response(200, BidSchema)
@blp.errors(401, 404)
def show(bid_id: int) -> dict[str, Any]:
    """One bid"""
    actor = current_actor()
    return present_implementer.bid(BID_BINDING.get(actor, bid_id), actor)


@blp.route("/<id:bid_id>", methods=["PATCH"])
@blp.arguments(BidPatchSchema)
@blp.response(200, BidSchema)
@blp.errors(401, 403, 404, 409)
def update(data: dict[str, Any], bid_id: int) -> dict[str, Any]:
    """Edit a draft bid while the tender is open (its bidder)"""
    actor = current_actor()
    fields = [name for name in bids.BID_FIELDS if name in data]
    bid = bids.update_bid(
        actor,
        bid_id,
        bids.BidInput.from_mapping(data),
        fields=fields,
        expected_version=data.get("version"),
    )
    return present_implementer.bid(bid, actor)


@blp.route("/<id:bid_id>/transitions", methods=["POST"])
@blp.arguments(BidTransitionSchema)
@blp.response(200, BidSchema)
@blp.errors(401, 403, 404, 409)
def transition(data: dict[str, Any], bid_id: int) -> dict[str, Any]:
    """Submit or withdraw your bid, before the deadline"""
    actor = current_actor()
    if data["trigger"] in THROUGH_THE_PROJECT:
        BID_BINDING.get(actor, bid_id)  # out of scope stays 404
        raise Forbidden("Bids are awarded with the project's “select_consultant” action.")
    outcome = transitions.fire(
        BID_BINDING,
        bid_id,
        data["trigger"],
        actor,
        comment=data.get("comment") or "",
        expected_version=data.get("version"),
    )
    return present_implementer.bid(outcome.obj, actor)


@blp.route("/<id:bid_id>/history")
@blp.arguments(PageQuery, location="query")
@blp.response(200, page_of(EventSchema))
@blp.errors(401, 404)
def history(query: dict[str, Any], bid_id: int) -> dict[str, Any]:
    """The audit trail, oldest first"""
    bid = BID_BINDING.get(current_actor(), bid_id)
    return paged_list([present.event(e) for e in transitions.history(BID_BINDING, bid)], query)


@blp.route("/<id:bid_id>/score", methods=["POST"])
@blp.arguments(BidScoreInSchema)
@blp.response(200, BidSchema)
@blp.errors(401, 403, 404, 409)
def score(data: dict[str, Any], bid_id: int) -> dict[str, Any]:
    """Record your technical score (0-100) of a bid, once the tender is closed (staff)"""
    actor = current_actor()
    row = scoring.save_bid_score(actor, bid_id, data["score"], data.get("comment", ""))
    return present_implementer.bid(row.bid, actor)
