"""`/api/v1/implementer/proposals`: cities' proposals, their transitions, history and scores."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import selectinload

from driver import transitions
from driver.api import present, present_implementer
from driver.api.auth import current_actor
from driver.api.base import Blueprint
from driver.api.paging import PageQuery, page_of, paged_list, paged_query
from driver.api.schemas.implementer import (
    NewProposalSchema,
    ProposalPatchSchema,
    ProposalQuerySchema,
    ProposalSchema,
    ProposalScoresSchema,
    ProposalTransitionSchema,
    ReviewInSchema,
)
from driver.api.schemas.solution_finder import EventSchema
from driver.errors import Forbidden
from driver.implementer.bindings import PROPOSAL_BINDING
from driver.implementer.models import Proposal
from driver.implementer.services import proposals, scoring
from workflows import REVIEWER

blp = Blueprint(
    "api_implementer_proposals",
    __name__,
    url_prefix="/api/v1/implementer/proposals",
    tag="Project Implementer: proposals",
    description="Cities' proposals: drafts, screening, scoring on the rubric, selection.",
)


@blp.route("")
@blp.arguments(ProposalQuerySchema, location="query")
@blp.response(200, page_of(ProposalSchema))
@blp.errors(401)
def index(query: dict[str, Any]) -> dict[str, Any]:
    """List the proposals you can see, by id (a city: its own; staff: submitted ones)"""
    actor = current_actor()
    stmt = PROPOSAL_BINDING.scope(actor).order_by(Proposal.id)
    if "state" in query:
        stmt = stmt.where(Proposal.state == query["state"])
    if "call_id" in query:
        stmt = stmt.where(Proposal.call_id == query["call_id"])
    return paged_query(
        stmt,
        query,
        present_page=lambda rows: present_implementer.many(
            present_implementer.proposal, "proposal", rows, actor
        ),
        options=(selectinload(Proposal.member), selectinload(Proposal.areas)),
    )


@blp.route("", methods=["POST"])
@blp.arguments(NewProposalSchema)
@blp.response(201, ProposalSchema)
@blp.errors(401, 403, 404, 409)
def create(data: dict[str, Any]) -> dict[str, Any]:
    """Start your city's draft proposal to an open call (one per city and call)"""
    actor = current_actor()
    proposal = proposals.create_proposal(
        actor, data["call_id"], proposals.ProposalInput.from_mapping(data)
    )
    return present_implementer.proposal(proposal, actor)


@blp.route("/<id:proposal_id>")
@blp.response(200, ProposalSchema)
@blp.errors(401, 404)
def show(proposal_id: int) -> dict[str, Any]:
    """One proposal"""
    actor = current_actor()
    return present_implementer.proposal(PROPOSAL_BINDING.get(actor, proposal_id), actor)


@blp.route("/<id:proposal_id>", methods=["PATCH"])
@blp.arguments(ProposalPatchSchema)
@blp.response(200, ProposalSchema)
@blp.errors(401, 403, 404, 409)
def update(data: dict[str, Any], proposal_id: int) -> dict[str, Any]:
    """Edit a draft (its city); only the fields sent change"""
    actor = current_actor()
    fields = [name for name in proposals.PROPOSAL_FIELDS if name in data]
    proposal = proposals.update_proposal(
        actor,
        proposal_id,
        proposals.ProposalInput.from_mapping(data),
        fields=fields,
        expected_version=data.get("version"),
    )
    return present_implementer.proposal(proposal, actor)


@blp.route("/<id:proposal_id>/transitions", methods=["POST"])
@blp.arguments(ProposalTransitionSchema)
@blp.response(200, ProposalSchema)
@blp.errors(401, 403, 404, 409)
def transition(data: dict[str, Any], proposal_id: int) -> dict[str, Any]:
    """Take an action: submit, screen, reject_ineligible, shortlist, select_beneficiary…"""
    actor = current_actor()
    outcome = transitions.fire(
        PROPOSAL_BINDING,
        proposal_id,
        data["trigger"],
        actor,
        comment=data.get("comment") or "",
        expected_version=data.get("version"),
    )
    return present_implementer.proposal(outcome.obj, actor)


@blp.route("/<id:proposal_id>/history")
@blp.arguments(PageQuery, location="query")
@blp.response(200, page_of(EventSchema))
@blp.errors(401, 404)
def history(query: dict[str, Any], proposal_id: int) -> dict[str, Any]:
    """The audit trail, oldest first (its city and staff)"""
    proposal = PROPOSAL_BINDING.get(current_actor(), proposal_id)
    events = transitions.history(PROPOSAL_BINDING, proposal)
    return paged_list([present.event(e) for e in events], query)


@blp.route("/<id:proposal_id>/scores")
@blp.response(200, ProposalScoresSchema)
@blp.errors(401, 403, 404)
def scores(proposal_id: int) -> dict[str, Any]:
    """The weighted mean, the spread and every reviewer's standing (staff)"""
    actor = current_actor()
    proposal = PROPOSAL_BINDING.get(actor, proposal_id)
    if REVIEWER not in PROPOSAL_BINDING.relations(actor, proposal):
        raise Forbidden("Scores are WeGO's.")
    return present_implementer.scores(scoring.proposal_scores(proposal))


@blp.route("/<id:proposal_id>/scores", methods=["POST"])
@blp.arguments(ReviewInSchema)
@blp.response(200, ProposalScoresSchema)
@blp.errors(401, 403, 404, 409)
def review(data: dict[str, Any], proposal_id: int) -> dict[str, Any]:
    """Record your review: a conflict of interest, or a 0-5 score for every criterion

    Sending it again replaces your review; declaring a conflict removes your scores.
    """
    actor = current_actor()
    given = {s["criterion_id"]: (s["score"], s.get("comment", "")) for s in data.get("scores", [])}
    review = scoring.save_review(
        actor,
        proposal_id,
        scoring.ReviewInput(
            conflict_of_interest=data["conflict_of_interest"],
            conflict_note=data.get("conflict_note", ""),
            scores=given,
        ),
    )
    return present_implementer.scores(scoring.proposal_scores(review.proposal))
