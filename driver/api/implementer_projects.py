"""`/api/v1/implementer/projects`: beneficiaries' projects, their tender and bids ranked."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import selectinload

from driver import transitions
from driver.api import present, present_implementer
from driver.api.auth import current_actor
from driver.api.base import Blueprint
from driver.api.paging import PageQuery, page_of, paged_list, paged_query
from driver.api.schemas.implementer import (
    ProjectPatchSchema,
    ProjectQuerySchema,
    ProjectSchema,
    ProjectTransitionSchema,
    RankedBidSchema,
)
from driver.api.schemas.solution_finder import EventSchema
from driver.errors import Forbidden
from driver.implementer.bindings import PROJECT_BINDING
from driver.implementer.models import ImplementerProject
from driver.implementer.services import projects, scoring
from workflows import REVIEWER

blp = Blueprint(
    "api_implementer_projects",
    __name__,
    url_prefix="/api/v1/implementer/projects",
    tag="Project Implementer: projects",
    description="Consultant tender, feasibility study, pilot and completion (DESIGN §4).",
)


@blp.route("")
@blp.arguments(ProjectQuerySchema, location="query")
@blp.response(200, page_of(ProjectSchema))
@blp.errors(401)
def index(query: dict[str, Any]) -> dict[str, Any]:
    """List the projects you can see, by id (a provider: open tenders and its own)"""
    actor = current_actor()
    stmt = PROJECT_BINDING.scope(actor).order_by(ImplementerProject.id)
    if "state" in query:
        stmt = stmt.where(ImplementerProject.state == query["state"])
    return paged_query(
        stmt,
        query,
        present_page=lambda rows: present_implementer.many(
            present_implementer.project, "project", rows, actor
        ),
        options=(selectinload(ImplementerProject.member),),
    )


@blp.route("/<id:project_id>")
@blp.response(200, ProjectSchema)
@blp.errors(401, 404)
def show(project_id: int) -> dict[str, Any]:
    """One project"""
    actor = current_actor()
    return present_implementer.project(PROJECT_BINDING.get(actor, project_id), actor)


@blp.route("/<id:project_id>", methods=["PATCH"])
@blp.arguments(ProjectPatchSchema)
@blp.response(200, ProjectSchema)
@blp.errors(401, 403, 404, 409)
def update(data: dict[str, Any], project_id: int) -> dict[str, Any]:
    """Write the tender while it is prepared (staff); only the fields sent change"""
    actor = current_actor()
    fields = tuple(name for name in projects.TENDER_FIELDS if name in data)
    values = {k: data[k] for k in fields}
    project = projects.update_tender(
        actor,
        project_id,
        projects.TenderInput(**values),
        fields=fields,
        expected_version=data.get("version"),
    )
    return present_implementer.project(project, actor)


@blp.route("/<id:project_id>/transitions", methods=["POST"])
@blp.arguments(ProjectTransitionSchema)
@blp.response(200, ProjectSchema)
@blp.errors(401, 403, 404, 409)
def transition(data: dict[str, Any], project_id: int) -> dict[str, Any]:
    """Take an action: open_tender, select_consultant (with `bid_id`), submit_study…"""
    actor = current_actor()
    payload = {"bid_id": data["bid_id"]} if "bid_id" in data else {}
    outcome = transitions.fire(
        PROJECT_BINDING,
        project_id,
        data["trigger"],
        actor,
        comment=data.get("comment") or "",
        payload=payload,
        expected_version=data.get("version"),
    )
    return present_implementer.project(outcome.obj, actor)


@blp.route("/<id:project_id>/history")
@blp.arguments(PageQuery, location="query")
@blp.response(200, page_of(EventSchema))
@blp.errors(401, 403, 404)
def history(query: dict[str, Any], project_id: int) -> dict[str, Any]:
    """The audit trail, oldest first (the city, staff and the consultant)"""
    actor = current_actor()
    project = PROJECT_BINDING.get(actor, project_id)
    if not projects.sees_inside(actor, project):
        raise Forbidden("The history is shown to the city, WeGO and the consultant.")
    events = transitions.history(PROJECT_BINDING, project)
    return paged_list([present.event(e) for e in events], query)


@blp.route("/<id:project_id>/ranking")
@blp.arguments(PageQuery, location="query")
@blp.response(200, page_of(RankedBidSchema))
@blp.errors(401, 403, 404)
def ranking(query: dict[str, Any], project_id: int) -> dict[str, Any]:
    """The bids ranked by QCBS, best first (staff; empty until the deadline)"""
    actor = current_actor()
    project = PROJECT_BINDING.get(actor, project_id)
    if REVIEWER not in PROJECT_BINDING.relations(actor, project):
        raise Forbidden("The bids' ranking is WeGO's.")
    rows = scoring.bid_ranking(actor, project)
    return paged_list([present_implementer.ranked_bid(r) for r in rows], query)
