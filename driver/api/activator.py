"""`/api/v1/activator`: the self-assessment's questions, and assessments with their results."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import selectinload

from driver.activator import services
from driver.activator.models import Assessment
from driver.activator.questions import question_bank
from driver.activator.recommendations import recommend
from driver.api.auth import current_actor
from driver.api.base import Blueprint
from driver.api.paging import PageQuery, page_of, paged_list, paged_query
from driver.api.schemas.activator import (
    AssessmentPatchSchema,
    AssessmentSchema,
    AssessmentSummarySchema,
    NewAssessmentSchema,
    QuestionQuerySchema,
    QuestionSchema,
)

blp = Blueprint(
    "api_activator",
    __name__,
    url_prefix="/api/v1/activator",
    tag="Activator",
    description="The self-assessment: 16 areas × 6 questions, stages and recommendations "
    "(DESIGN §5).",
)


@blp.route("/questions")
@blp.arguments(QuestionQuerySchema, location="query")
@blp.response(200, page_of(QuestionSchema))
@blp.errors(401)
def questions(query: dict[str, Any]) -> dict[str, Any]:
    """List the questions, area by area

    Answers are 0 not considered, 1 planned, 2 pilot, 3 operational in part of
    the city, 4 city-wide and evaluated, or null for "don't know".
    """
    items = [
        {
            "key": q.key,
            "area": q.area,
            "dimension": q.dimension,
            "dimension_name": q.dimension_name,
            "text": q.text,
            "levels": list(q.levels),
        }
        for q in question_bank()
        if "area" not in query or q.area == query["area"]
    ]
    return paged_list(items, query)


@blp.route("/assessments")
@blp.arguments(PageQuery, location="query")
@blp.response(200, page_of(AssessmentSummarySchema))
@blp.errors(401)
def index(query: dict[str, Any]) -> dict[str, Any]:
    """List the assessments you can see, by id (a city: its own; staff: all)"""
    stmt = services.visible_assessments(current_actor()).order_by(Assessment.id)
    return paged_query(
        stmt,
        query,
        _summary,
        options=(selectinload(Assessment.member), selectinload(Assessment.answers)),
    )


@blp.route("/assessments", methods=["POST"])
@blp.arguments(NewAssessmentSchema)
@blp.response(201, AssessmentSchema)
@blp.errors(401, 403, 409)
def create(data: dict[str, Any]) -> dict[str, Any]:
    """Start the city's assessment of a year (city; one per year, else 409)"""
    actor = current_actor()
    assessment = services.start_assessment(actor, data.get("year"))
    return _full(services.get_assessment(actor, assessment.id))


@blp.route("/assessments/<id:assessment_id>")
@blp.response(200, AssessmentSchema)
@blp.errors(401, 404)
def show(assessment_id: int) -> dict[str, Any]:
    """One assessment with its answers, stages per area and overall, and recommendations"""
    return _full(services.get_assessment(current_actor(), assessment_id))


@blp.route("/assessments/<id:assessment_id>", methods=["PATCH"])
@blp.arguments(AssessmentPatchSchema)
@blp.response(200, AssessmentSchema)
@blp.errors(401, 403, 404, 409)
def update(data: dict[str, Any], assessment_id: int) -> dict[str, Any]:
    """Save answers and goals (its city)

    Only the answers and goals sent change. With `version`, the change is made
    only if nobody changed the assessment since you read it (else 409).
    """
    actor = current_actor()
    assessment = services.save(
        actor,
        assessment_id,
        answers={(a["area"], a["dimension"]): a["value"] for a in data.get("answers", [])},
        goals={
            g["area"]: (g.get("target_stage"), g.get("priority")) for g in data.get("goals", [])
        },
        expected_version=data.get("version"),
    )
    return _full(services.get_assessment(actor, assessment.id))


def _summary(assessment: Assessment) -> dict[str, Any]:
    return {
        "id": assessment.id,
        "member_id": assessment.member_id,
        "city": assessment.member.name,
        "year": assessment.year,
        "version": assessment.version,
        "completed_at": assessment.completed_at,
        "answered": len(assessment.answers),
    }


def _full(assessment: Assessment) -> dict[str, Any]:
    result = services.results(assessment)
    advice = recommend(result.gaps, assessment.member_id)
    return {
        **_summary(assessment),
        "answers": [
            {"area": a.area, "dimension": a.dimension, "value": a.value} for a in assessment.answers
        ],
        "areas": [
            {
                "area": a.area,
                "answered": a.answered,
                "dont_know": a.dont_know,
                "percent": a.percent,
                "stage": a.stage,
                "target_stage": a.target,
                "priority": a.priority,
                "gap": a.gap,
            }
            for a in result.areas
        ],
        "overall": {
            "areas_counted": result.overall.areas_counted,
            "percent": result.overall.percent,
            "stage": result.overall.stage,
        },
        "recommendations": [
            {
                "area": item.gap.area,
                "gap": item.gap.gap,
                "priority": item.gap.priority,
                "solutions": [pick.__dict__ for pick in item.solutions],
                "projects": [pick.__dict__ for pick in item.projects],
            }
            for item in advice
        ],
    }
