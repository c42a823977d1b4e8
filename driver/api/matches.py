"""`/api/v1/matches`: providers offered to applications; accepting and declining them."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import selectinload

from driver import transitions
from driver.api import present
from driver.api.auth import current_actor
from driver.api.base import Blueprint
from driver.api.paging import page_of, paged_query
from driver.api.schemas.solution_finder import MatchQuerySchema, MatchSchema, MatchTransitionSchema
from driver.errors import Forbidden
from driver.matchmaking.models import Match
from driver.matchmaking.services import BINDING
from driver.solution_finder.models import Application

# Fired only through the application's select_partners, never on their own.
THROUGH_SELECT_PARTNERS = frozenset({"select", "not_select"})

blp = Blueprint(
    "api_matches",
    __name__,
    url_prefix="/api/v1/matches",
    tag="Matches",
    description="Providers proposed for applications: a provider's offers; accept or decline.",
)


@blp.route("")
@blp.arguments(MatchQuerySchema, location="query")
@blp.response(200, page_of(MatchSchema))
@blp.errors(401)
def index(query: dict[str, Any]) -> dict[str, Any]:
    """List the matches you can see, by id (a provider: its own offers)"""
    actor = current_actor()
    stmt = BINDING.scope(actor).order_by(Match.id)
    if "state" in query:
        stmt = stmt.where(Match.state == query["state"])
    if "application_id" in query:
        stmt = stmt.where(Match.application_id == query["application_id"])
    return paged_query(
        stmt,
        query,
        lambda match: present.match(match, actor),
        options=(
            selectinload(Match.application).selectinload(Application.member),
            selectinload(Match.provider),
        ),
    )


@blp.route("/<id:match_id>")
@blp.response(200, MatchSchema)
@blp.errors(401, 404)
def show(match_id: int) -> dict[str, Any]:
    """One match"""
    actor = current_actor()
    return present.match(BINDING.get(actor, match_id), actor)


@blp.route("/<id:match_id>/transitions", methods=["POST"])
@blp.arguments(MatchTransitionSchema)
@blp.response(200, MatchSchema)
@blp.errors(401, 403, 404, 409)
def transition(data: dict[str, Any], match_id: int) -> dict[str, Any]:
    """Accept or decline an offer (its provider), or retract it (reviewer)

    Declining needs a reason in `comment`. Partners are selected through the
    application's `select_partners`, not here (403).
    """
    actor = current_actor()
    if data["trigger"] in THROUGH_SELECT_PARTNERS:
        BINDING.get(actor, match_id)  # out of scope stays 404
        raise Forbidden("Partners are chosen with the application's “select_partners” action.")
    outcome = transitions.fire(
        BINDING,
        match_id,
        data["trigger"],
        actor,
        comment=data.get("comment") or "",
        expected_version=data.get("version"),
    )
    return present.match(outcome.obj, actor)
