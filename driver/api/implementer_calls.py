"""`/api/v1/implementer/calls`: calls for proposals, their transitions, history and ranking."""

from __future__ import annotations

from typing import Any

from driver import transitions
from driver.api import present, present_implementer
from driver.api.auth import current_actor
from driver.api.base import Blueprint
from driver.api.paging import PageQuery, page_of, paged_list, paged_query
from driver.api.schemas.implementer import (
    CallPatchSchema,
    CallQuerySchema,
    CallSchema,
    CallTransitionSchema,
    NewCallSchema,
    RankingRowSchema,
)
from driver.api.schemas.solution_finder import EventSchema
from driver.errors import Forbidden
from driver.implementer.bindings import CALL_BINDING
from driver.implementer.models import Call
from driver.implementer.services import calls, scoring
from workflows import REVIEWER

blp = Blueprint(
    "api_implementer_calls",
    __name__,
    url_prefix="/api/v1/implementer/calls",
    tag="Project Implementer: calls",
    description="Annual calls for proposals: rubric, times, closing by the clock (DESIGN §4).",
)


def _input(data: dict[str, Any]) -> calls.CallInput:
    values = {k: data[k] for k in calls.CALL_FIELDS if k in data and k != "criteria"}
    if "criteria" in data:
        values["criteria"] = tuple((c["name"], c["weight"]) for c in data["criteria"])
    return calls.CallInput(**values)


@blp.route("")
@blp.arguments(CallQuerySchema, location="query")
@blp.response(200, page_of(CallSchema))
@blp.errors(401)
def index(query: dict[str, Any]) -> dict[str, Any]:
    """List the calls you can see, by id (staff: drafts too)"""
    actor = current_actor()
    stmt = CALL_BINDING.scope(actor).order_by(Call.id)
    if "state" in query:
        stmt = stmt.where(Call.state == query["state"])
    return paged_query(stmt, query, lambda c: present_implementer.call(c, actor))


@blp.route("", methods=["POST"])
@blp.arguments(NewCallSchema)
@blp.response(201, CallSchema)
@blp.errors(401, 403)
def create(data: dict[str, Any]) -> dict[str, Any]:
    """Draft a call (admin)

    Without `criteria`, the rubric starts from WeGO's six criteria.
    """
    actor = current_actor()
    return present_implementer.call(calls.create_call(actor, _input(data)), actor)


@blp.route("/<id:call_id>")
@blp.response(200, CallSchema)
@blp.errors(401, 404)
def show(call_id: int) -> dict[str, Any]:
    """One call"""
    actor = current_actor()
    return present_implementer.call(CALL_BINDING.get(actor, call_id), actor)


@blp.route("/<id:call_id>", methods=["PATCH"])
@blp.arguments(CallPatchSchema)
@blp.response(200, CallSchema)
@blp.errors(401, 403, 404, 409)
def update(data: dict[str, Any], call_id: int) -> dict[str, Any]:
    """Change a draft call (admin); only the fields sent change"""
    actor = current_actor()
    fields = [name for name in calls.CALL_FIELDS if name in data]
    call = calls.update_call(
        actor, call_id, _input(data), fields=fields, expected_version=data.get("version")
    )
    return present_implementer.call(call, actor)


@blp.route("/<id:call_id>/transitions", methods=["POST"])
@blp.arguments(CallTransitionSchema)
@blp.response(200, CallSchema)
@blp.errors(401, 403, 404, 409)
def transition(data: dict[str, Any], call_id: int) -> dict[str, Any]:
    """Open, close or award a call (admin)

    A call past its closing time is recorded closed first, by the system.
    """
    actor = current_actor()
    outcome = calls.fire_call(
        actor,
        call_id,
        data["trigger"],
        comment=data.get("comment") or "",
        expected_version=data.get("version"),
    )
    return present_implementer.call(outcome.obj, actor)


@blp.route("/<id:call_id>/history")
@blp.arguments(PageQuery, location="query")
@blp.response(200, page_of(EventSchema))
@blp.errors(401, 403, 404)
def history(query: dict[str, Any], call_id: int) -> dict[str, Any]:
    """The call's audit trail, oldest first (staff)"""
    actor = current_actor()
    call = CALL_BINDING.get(actor, call_id)
    if REVIEWER not in CALL_BINDING.relations(actor, call):
        raise Forbidden("A call's history is WeGO's.")
    return paged_list([present.event(e) for e in transitions.history(CALL_BINDING, call)], query)


@blp.route("/<id:call_id>/ranking")
@blp.arguments(PageQuery, location="query")
@blp.response(200, page_of(RankingRowSchema))
@blp.errors(401, 403, 404)
def ranking(query: dict[str, Any], call_id: int) -> dict[str, Any]:
    """The proposals ranked by weighted mean, with spread and who has not scored (staff)"""
    _, rows = scoring.ranking(current_actor(), call_id)
    return paged_list([present_implementer.ranking_row(r) for r in rows], query)
