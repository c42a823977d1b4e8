"""The self-assessment's questions and assessments, and Plan Exchange projects."""

from __future__ import annotations

import marshmallow as ma

from driver.activator.questions import DIMENSIONS
from driver.api.fields import Count, Text
from driver.api.paging import PageQuery
from driver.api.schemas.members import AREA_SLUGS
from driver.catalogue.models import COST_BANDS
from driver.members.reference import REGIONS
from driver.plan_exchange.models import ROLES
from workflows.plan_exchange import PROJECT

AREA = ma.fields.String(required=True, validate=ma.validate.OneOf(AREA_SLUGS))


class QuestionQuerySchema(PageQuery):
    area = ma.fields.String(validate=ma.validate.OneOf(AREA_SLUGS))


class QuestionSchema(ma.Schema):
    """A question of the self-assessment and what each answer level (0-4) means."""

    key = ma.fields.String(required=True, metadata={"example": "water-management.data"})
    area = ma.fields.String(required=True)
    dimension = ma.fields.String(required=True, metadata={"enum": list(DIMENSIONS)})
    dimension_name = ma.fields.String(required=True)
    text = ma.fields.String(required=True)
    levels = ma.fields.List(ma.fields.String(), required=True, metadata={"description": "0-4"})


class NewAssessmentSchema(ma.Schema):
    year = Count(minimum=2010, maximum=2100, metadata={"description": "This year by default."})


class AnswerInSchema(ma.Schema):
    area = AREA
    dimension = ma.fields.String(required=True, validate=ma.validate.OneOf(list(DIMENSIONS)))
    value = Count(
        required=True,
        maximum=4,
        allow_none=True,
        metadata={"description": "0-4; null: don't know."},
    )


class GoalInSchema(ma.Schema):
    area = AREA
    target_stage = Count(minimum=1, maximum=5, allow_none=True)
    priority = Count(minimum=1, maximum=3, allow_none=True)


class AssessmentPatchSchema(ma.Schema):
    """Only the answers and goals sent change; the others stay as they were."""

    answers = ma.fields.List(ma.fields.Nested(AnswerInSchema), validate=ma.validate.Length(max=96))
    goals = ma.fields.List(ma.fields.Nested(GoalInSchema), validate=ma.validate.Length(max=16))
    version = Count(minimum=1, metadata={"description": "The version you read (409 if stale)."})


class AnswerSchema(ma.Schema):
    area = ma.fields.String(required=True)
    dimension = ma.fields.String(required=True)
    value = ma.fields.Integer(required=True, allow_none=True)


class AreaResultSchema(ma.Schema):
    """One area's result: stage null means insufficient data (fewer than 4 answers)."""

    area = ma.fields.String(required=True)
    answered = ma.fields.Integer(required=True)
    dont_know = ma.fields.Integer(required=True)
    percent = ma.fields.Integer(required=True, allow_none=True)
    stage = ma.fields.Integer(required=True, allow_none=True)
    target_stage = ma.fields.Integer(required=True, allow_none=True)
    priority = ma.fields.Integer(required=True, allow_none=True)
    gap = ma.fields.Integer(required=True, allow_none=True)


class OverallSchema(ma.Schema):
    areas_counted = ma.fields.Integer(required=True)
    percent = ma.fields.Integer(required=True, allow_none=True)
    stage = ma.fields.Integer(required=True, allow_none=True)


class PickSchema(ma.Schema):
    kind = ma.fields.String(required=True, metadata={"enum": ["solution", "project"]})
    id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)
    by = ma.fields.String(required=True)
    reason = ma.fields.String(required=True)


class AdviceSchema(ma.Schema):
    """Recommendations for one of the largest gaps (gap × priority)."""

    area = ma.fields.String(required=True)
    gap = ma.fields.Integer(required=True)
    priority = ma.fields.Integer(required=True)
    solutions = ma.fields.List(ma.fields.Nested(PickSchema), required=True)
    projects = ma.fields.List(ma.fields.Nested(PickSchema), required=True)


class AssessmentSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    member_id = ma.fields.Integer(required=True)
    city = ma.fields.String(required=True)
    year = ma.fields.Integer(required=True)
    version = ma.fields.Integer(required=True)
    completed_at = ma.fields.DateTime(required=True, allow_none=True)
    answered = ma.fields.Integer(required=True)
    answers = ma.fields.List(ma.fields.Nested(AnswerSchema), required=True)
    areas = ma.fields.List(ma.fields.Nested(AreaResultSchema), required=True)
    overall = ma.fields.Nested(OverallSchema, required=True)
    recommendations = ma.fields.List(ma.fields.Nested(AdviceSchema), required=True)


class AssessmentSummarySchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    member_id = ma.fields.Integer(required=True)
    city = ma.fields.String(required=True)
    year = ma.fields.Integer(required=True)
    version = ma.fields.Integer(required=True)
    completed_at = ma.fields.DateTime(required=True, allow_none=True)
    answered = ma.fields.Integer(required=True)


# -- Plan Exchange ------------------------------------------------------------------


class PlanProjectQuerySchema(PageQuery):
    q = Text(max_length=200, metadata={"description": "Words, each matched as a prefix."})
    area = ma.fields.String(validate=ma.validate.OneOf(AREA_SLUGS))
    region = ma.fields.String(validate=ma.validate.OneOf(REGIONS))
    country = Text(max_length=100, metadata={"description": "Exact country (any case)."})
    stage = Count(minimum=1, maximum=5)


class StakeholderSchema(ma.Schema):
    name = ma.fields.String(required=True)
    role = ma.fields.String(required=True, metadata={"enum": list(ROLES)})


class PlanProjectSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    title = ma.fields.String(required=True)
    summary = ma.fields.String(required=True)
    outcomes = ma.fields.String(required=True)
    areas = ma.fields.List(ma.fields.String(), required=True)
    member_id = ma.fields.Integer(required=True)
    city = ma.fields.String(required=True)
    country = ma.fields.String(required=True)
    region = ma.fields.String(required=True)
    period_start = ma.fields.Integer(required=True, allow_none=True)
    period_end = ma.fields.Integer(required=True, allow_none=True)
    budget_band = ma.fields.String(
        required=True, allow_none=True, metadata={"enum": [*COST_BANDS, None]}
    )
    stage = ma.fields.Integer(required=True, allow_none=True)
    state = ma.fields.String(required=True, metadata={"enum": list(PROJECT.states)})
    state_label = ma.fields.String(required=True)
    published_at = ma.fields.DateTime(required=True, allow_none=True)
    stakeholders = ma.fields.List(ma.fields.Nested(StakeholderSchema), required=True)
