"""`/api/v1/solution-finder/applications`: applications, their transitions and history,
matchmaking suggestions and proposing matches.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import selectinload

from driver import transitions
from driver.api import present
from driver.api.auth import current_actor
from driver.api.base import Blueprint
from driver.api.paging import PageQuery, page_of, paged_list, paged_query
from driver.api.schemas.solution_finder import (
    ApplicationPatchSchema,
    ApplicationQuerySchema,
    ApplicationSchema,
    EventSchema,
    MatchSchema,
    NewApplicationSchema,
    ProposeSchema,
    SuggestionSchema,
    TransitionSchema,
)
from driver.errors import Forbidden
from driver.matchmaking import services as matchmaking
from driver.solution_finder import services as solution_finder
from driver.solution_finder.models import Application
from driver.solution_finder.scoping import visible_applications

BINDING = solution_finder.BINDING

blp = Blueprint(
    "api_applications",
    __name__,
    url_prefix="/api/v1/solution-finder/applications",
    tag="Solution Finder",
    description="A city's urban challenge, from draft to completed project (DESIGN §4).",
)


@blp.route("")
@blp.arguments(ApplicationQuerySchema, location="query")
@blp.response(200, page_of(ApplicationSchema))
@blp.errors(401)
def index(query: dict[str, Any]) -> dict[str, Any]:
    """List the applications you can see, by id

    A city sees its organisation's applications (drafts too); a provider those
    it has been offered; staff every submitted one (a region-scoped reviewer:
    from its regions).
    """
    actor = current_actor()
    stmt = visible_applications(actor).order_by(Application.id)
    if "state" in query:
        stmt = stmt.where(Application.state == query["state"])
    return paged_query(
        stmt,
        query,
        lambda app: present.application(app, actor),
        options=(selectinload(Application.areas), selectinload(Application.member)),
    )


@blp.route("", methods=["POST"])
@blp.arguments(NewApplicationSchema)
@blp.response(201, ApplicationSchema)
@blp.errors(401, 403)
def create(data: dict[str, Any]) -> dict[str, Any]:
    """Start a draft (city)"""
    actor = current_actor()
    app = solution_finder.create_application(actor, solution_finder.DraftInput.from_mapping(data))
    return present.application(app, actor)


@blp.route("/<id:app_id>")
@blp.response(200, ApplicationSchema)
@blp.errors(401, 404)
def show(app_id: int) -> dict[str, Any]:
    """One application"""
    actor = current_actor()
    return present.application(BINDING.get(actor, app_id), actor)


@blp.route("/<id:app_id>", methods=["PATCH"])
@blp.arguments(ApplicationPatchSchema)
@blp.response(200, ApplicationSchema)
@blp.errors(401, 403, 404, 409)
def update(data: dict[str, Any], app_id: int) -> dict[str, Any]:
    """Edit a draft (its city)

    Only the fields sent change. With `version`, the edit is made only if
    nobody changed the application since you read it (else 409).
    """
    actor = current_actor()
    fields = [name for name in solution_finder.DRAFT_FIELDS if name in data]
    app = solution_finder.update_draft(
        actor,
        app_id,
        solution_finder.DraftInput.from_mapping(data),
        fields=fields,
        expected_version=data.get("version"),
    )
    return present.application(app, actor)


@blp.route("/<id:app_id>/transitions", methods=["POST"])
@blp.arguments(TransitionSchema)
@blp.response(200, ApplicationSchema)
@blp.errors(401, 403, 404, 409)
def transition(data: dict[str, Any], app_id: int) -> dict[str, Any]:
    """Take an action: submit, start_review, give_feedback, select_partners…

    The application's `actions` list what you may do now. 422: unknown
    trigger or missing comment; 409: wrong state, a failed condition (named
    in `reasons`) or a stale `version`; 403: not yours to do.
    """
    actor = current_actor()
    payload = {key: data[key] for key in ("match_ids", "rating") if key in data}
    outcome = transitions.fire(
        BINDING,
        app_id,
        data["trigger"],
        actor,
        comment=data.get("comment") or "",
        payload=payload,
        expected_version=data.get("version"),
    )
    return present.application(outcome.obj, actor)


@blp.route("/<id:app_id>/history")
@blp.arguments(PageQuery, location="query")
@blp.response(200, page_of(EventSchema))
@blp.errors(401, 403, 404)
def history(query: dict[str, Any], app_id: int) -> dict[str, Any]:
    """The audit trail, oldest first (its city and staff)"""
    actor = current_actor()
    app = BINDING.get(actor, app_id)
    if not solution_finder.sees_review(actor, app):
        raise Forbidden("The history is shown to the city and to WeGO only.")
    events = transitions.history(BINDING, app)
    return paged_list([present.event(e) for e in events], query)


@blp.route("/<id:app_id>/match-suggestions")
@blp.arguments(PageQuery, location="query")
@blp.response(200, page_of(SuggestionSchema))
@blp.errors(401, 403, 404)
def suggestions(query: dict[str, Any], app_id: int) -> dict[str, Any]:
    """Providers ranked for the application, best first (staff)"""
    ranked = matchmaking.suggestions(current_actor(), app_id)
    return paged_list([present.suggestion(s) for s in ranked], query)


@blp.route("/<id:app_id>/matches", methods=["POST"])
@blp.arguments(ProposeSchema)
@blp.response(201, MatchSchema)
@blp.errors(401, 403, 404, 409)
def propose(data: dict[str, Any], app_id: int) -> dict[str, Any]:
    """Propose a provider (reviewer, while the application is in matchmaking)"""
    actor = current_actor()
    match = matchmaking.propose_match(actor, app_id, data["provider_id"])
    return present.match(match, actor)
