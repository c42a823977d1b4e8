"""`/api/v1/plan-exchange/projects`: search the published projects; read one in scope."""

from __future__ import annotations

from typing import Any

from driver.api.auth import current_actor
from driver.api.base import Blueprint
from driver.api.paging import page_of, page_response
from driver.api.schemas.activator import PlanProjectQuerySchema, PlanProjectSchema
from driver.auth.models import User
from driver.plan_exchange.models import Project
from driver.plan_exchange.search import SearchFilter, search
from driver.plan_exchange.services import BINDING

blp = Blueprint(
    "api_plan_exchange",
    __name__,
    url_prefix="/api/v1/plan-exchange/projects",
    tag="Plan Exchange",
    description="A directory of member cities' smart city projects and their stakeholders.",
)


@blp.route("")
@blp.arguments(PlanProjectQuerySchema, location="query")
@blp.response(200, page_of(PlanProjectSchema))
@blp.errors(401)
def index(query: dict[str, Any]) -> dict[str, Any]:
    """Search the published projects

    `q` matches every word (as a prefix) in the title, summary, outcomes, city
    and stakeholders, best match first; without `q`, latest published first.
    """
    actor = current_actor()
    found = search(
        SearchFilter(
            q=query.get("q", ""),
            area=query.get("area"),
            region=query.get("region"),
            country=query.get("country"),
            stage=query.get("stage"),
        ),
        page=query["page"],
        per_page=query["page_size"],
    )
    return page_response(
        [project(p, actor) for p in found.items], found.page, found.per_page, found.total
    )


@blp.route("/<id:project_id>")
@blp.response(200, PlanProjectSchema)
@blp.errors(401, 404)
def show(project_id: int) -> dict[str, Any]:
    """One project (a draft only for its city and WeGO staff)"""
    actor = current_actor()
    return project(BINDING.get(actor, project_id), actor)


def project(obj: Project, actor: User) -> dict[str, Any]:
    return {
        "id": obj.id,
        "title": obj.title,
        "summary": obj.summary,
        "outcomes": obj.outcomes,
        "areas": obj.area_slugs,
        "member_id": obj.member_id,
        "city": obj.member.name,
        "country": obj.member.country,
        "region": obj.member.region,
        "period_start": obj.period_start,
        "period_end": obj.period_end,
        "budget_band": obj.budget_band,
        "stage": obj.stage,
        "state": obj.state,
        "state_label": BINDING.state_label(obj, actor),
        "published_at": obj.published_at,
        "stakeholders": [{"name": s.name, "role": s.role} for s in obj.stakeholders],
    }
