"""Solution Finder applications, their history and suggestions, and matches."""

from __future__ import annotations

import marshmallow as ma

from driver.api.fields import MAX_ID, Count, Id, Text
from driver.api.paging import PageQuery
from driver.api.schemas.members import language_list, slug_list
from workflows.match import MATCH
from workflows.solution_finder import APPLICATION

LONG_TEXT = 20_000


class ApplicationQuerySchema(PageQuery):
    state = ma.fields.String(validate=ma.validate.OneOf(list(APPLICATION.states)))


class NewApplicationSchema(ma.Schema):
    """A new draft: everything can still change until it is submitted."""

    title = Text(required=True, min_length=1, max_length=200)
    description = Text(required=True, max_length=LONG_TEXT)
    areas = slug_list(required=True, metadata={"description": "Area slugs (see /api/v1/areas)."})
    budget_usd = Count(allow_none=True)
    expected_outcomes = Text(max_length=LONG_TEXT)
    city_stage = Count(minimum=1, maximum=5, allow_none=True)
    languages = language_list()


class ApplicationPatchSchema(ma.Schema):
    """Only the fields sent are changed; `version` makes it a compare-and-set."""

    title = Text(max_length=200)
    description = Text(max_length=LONG_TEXT)
    areas = slug_list(metadata={"description": "Area slugs (see /api/v1/areas)."})
    budget_usd = Count(allow_none=True)
    expected_outcomes = Text(max_length=LONG_TEXT)
    city_stage = Count(minimum=1, maximum=5, allow_none=True)
    languages = language_list()
    version = Count(minimum=1, metadata={"description": "The version you read (409 if stale)."})


def _triggers(workflow_triggers: list[str]) -> str:
    return "One of: " + ", ".join(workflow_triggers) + "."


class TransitionSchema(ma.Schema):
    trigger = Text(
        required=True,
        min_length=1,
        max_length=60,
        metadata={"description": _triggers(list(APPLICATION.transitions))},
    )
    comment = Text(
        max_length=LONG_TEXT,
        allow_none=True,
        metadata={"description": "The message, reason or answer the action asks for."},
    )
    version = Count(minimum=1, metadata={"description": "The version you read (409 if stale)."})
    match_ids = ma.fields.List(
        Id(),
        validate=ma.validate.Length(max=100),
        metadata={"description": "select_partners: the accepted matches chosen."},
    )
    rating = Count(
        minimum=1,
        maximum=5,
        allow_none=True,
        metadata={"description": "complete: how well the partners delivered (1-5)."},
    )


class MatchTransitionSchema(ma.Schema):
    trigger = Text(
        required=True,
        min_length=1,
        max_length=60,
        metadata={"description": "accept, decline (with a reason) or retract."},
    )
    comment = Text(max_length=LONG_TEXT, allow_none=True)
    version = Count(minimum=1, metadata={"description": "The version you read (409 if stale)."})


class ActionSchema(ma.Schema):
    """A transition the caller may fire now (its guards are checked when it is fired)."""

    trigger = ma.fields.String(required=True)
    label = ma.fields.String(required=True)
    asks_comment = ma.fields.Boolean(required=True)
    comment_required = ma.fields.Boolean(required=True)
    comment_label = ma.fields.String(required=True, allow_none=True)


class ApplicationSchema(ma.Schema):
    """An application; providers do not get the review fields (feedback, decline_reason)."""

    id = ma.fields.Integer(required=True)
    title = ma.fields.String(required=True)
    description = ma.fields.String(required=True)
    expected_outcomes = ma.fields.String(required=True)
    areas = ma.fields.List(ma.fields.String(), required=True)
    budget_usd = ma.fields.Integer(required=True, allow_none=True)
    city_stage = ma.fields.Integer(required=True, allow_none=True)
    languages = ma.fields.List(ma.fields.String(), required=True)
    state = ma.fields.String(required=True, metadata={"enum": list(APPLICATION.states)})
    step = ma.fields.Integer(required=True, metadata={"description": "1-4, from the workflow."})
    state_label = ma.fields.String(required=True, metadata={"description": "For the caller."})
    version = ma.fields.Integer(required=True)
    member_id = ma.fields.Integer(required=True)
    city = ma.fields.String(required=True)
    country = ma.fields.String(required=True)
    region = ma.fields.String(required=True)
    created_at = ma.fields.DateTime(required=True)
    updated_at = ma.fields.DateTime(required=True)
    submitted_at = ma.fields.DateTime(required=True, allow_none=True)
    state_changed_at = ma.fields.DateTime(required=True)
    outcome_summary = ma.fields.String(required=True, allow_none=True)
    feedback = ma.fields.String(allow_none=True, metadata={"description": "Not for providers."})
    decline_reason = ma.fields.String(
        allow_none=True, metadata={"description": "Not for providers."}
    )
    assignee_id = ma.fields.Integer(allow_none=True, metadata={"description": "Staff only."})
    actions = ma.fields.List(ma.fields.Nested(ActionSchema), required=True)


class ActorSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)


class EventSchema(ma.Schema):
    """One entry of the audit trail."""

    id = ma.fields.Integer(required=True)
    trigger = ma.fields.String(required=True)
    from_state = ma.fields.String(required=True, allow_none=True)
    to_state = ma.fields.String(required=True)
    actor = ma.fields.Nested(ActorSchema, required=True, allow_none=True)
    created_at = ma.fields.DateTime(required=True)
    comment = ma.fields.String(required=True)
    payload = ma.fields.Dict(required=True, keys=ma.fields.String())


class PartSchema(ma.Schema):
    """One term of a match score: why the provider fits, and how much it counts."""

    term = ma.fields.String(required=True)
    label = ma.fields.String(required=True)
    weight = ma.fields.Float(required=True)
    fit = ma.fields.Float(required=True, metadata={"description": "0-1"})
    points = ma.fields.Float(required=True, metadata={"description": "Its share of the score."})
    why = ma.fields.String(required=True)


class SuggestionSchema(ma.Schema):
    provider_id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)
    score = ma.fields.Float(required=True, metadata={"description": "0-100"})
    parts = ma.fields.List(ma.fields.Nested(PartSchema), required=True)


class ProposeSchema(ma.Schema):
    provider_id = Id(required=True, metadata={"description": "The provider member's id."})


class MatchQuerySchema(PageQuery):
    state = ma.fields.String(validate=ma.validate.OneOf(list(MATCH.states)))
    application_id = ma.fields.Integer(validate=ma.validate.Range(min=1, max=MAX_ID))


class MatchSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    application_id = ma.fields.Integer(required=True)
    application_title = ma.fields.String(required=True)
    provider_id = ma.fields.Integer(required=True)
    provider_name = ma.fields.String(required=True)
    state = ma.fields.String(required=True, metadata={"enum": list(MATCH.states)})
    state_label = ma.fields.String(required=True)
    version = ma.fields.Integer(required=True)
    score = ma.fields.Float(required=True, allow_none=True)
    decline_reason = ma.fields.String(required=True, allow_none=True)
    outcome_rating = ma.fields.Integer(required=True, allow_none=True)
    created_at = ma.fields.DateTime(required=True)
    state_changed_at = ma.fields.DateTime(required=True)
    actions = ma.fields.List(ma.fields.Nested(ActionSchema), required=True)
