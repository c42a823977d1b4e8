"""Project Implementer: calls, proposals and their scores, projects and bids."""

from __future__ import annotations

from typing import Any

import marshmallow as ma

from driver.api.fields import MAX_ID, Count, Id, Text
from driver.api.paging import PageQuery
from driver.api.schemas.members import slug_list
from driver.api.schemas.solution_finder import ActionSchema
from driver.implementer.times import timezones
from workflows import Workflow
from workflows.implementer import BID, CALL, PROJECT, PROPOSAL

LONG_TEXT = 20_000
VERSION = {"description": "The version you read (409 if stale)."}


def _aware(**kwargs: Any) -> ma.fields.AwareDateTime:
    return ma.fields.AwareDateTime(
        metadata={"description": "ISO 8601 with its UTC offset."}, **kwargs
    )


def _transition(workflow: Workflow, note: str = "", **extra: ma.fields.Field) -> type[ma.Schema]:
    """The body of a transition request of ``workflow`` (its own class, for the document)."""
    name = f"{workflow.name.title()}TransitionSchema"
    fields: dict[str, Any] = {
        "trigger": Text(
            required=True,
            min_length=1,
            max_length=60,
            metadata={"description": "One of: " + ", ".join(workflow.transitions) + "." + note},
        ),
        "comment": Text(max_length=LONG_TEXT, allow_none=True),
        "version": Count(minimum=1, metadata=VERSION),
        **extra,
    }
    return type(name, (ma.Schema,), fields)


# -- calls -----------------------------------------------------------------------------------


class CriterionInSchema(ma.Schema):
    name = Text(required=True, min_length=1, max_length=200)
    weight = Count(required=True, maximum=100)


class CallFieldsSchema(ma.Schema):
    title = Text(min_length=1, max_length=200)
    theme = Text(max_length=5_000)
    budget_usd = Count(allow_none=True, metadata={"description": "For each project."})
    beneficiaries = Count(minimum=1, maximum=2)
    opens_at = _aware(allow_none=True)
    closes_at = _aware(allow_none=True)
    timezone = ma.fields.String(
        validate=ma.validate.OneOf(timezones()),
        metadata={"description": "IANA zone the call is shown in, e.g. Asia/Seoul."},
    )
    criteria = ma.fields.List(
        ma.fields.Nested(CriterionInSchema),
        validate=ma.validate.Length(min=1, max=12),
        metadata={"description": "The rubric; WeGO's six criteria when left out."},
    )


class NewCallSchema(CallFieldsSchema):
    """A new draft call (admin)."""

    title = Text(required=True, min_length=1, max_length=200)


class CallPatchSchema(CallFieldsSchema):
    """Only the fields sent are changed, while the call is a draft."""

    version = Count(minimum=1, metadata=VERSION)


class CallQuerySchema(PageQuery):
    state = ma.fields.String(validate=ma.validate.OneOf(list(CALL.states)))


class CriterionSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)
    weight = ma.fields.Integer(required=True)


class CallSchema(ma.Schema):
    """A call; ``accepting`` says whether it takes proposals now (by the server's clock)."""

    id = ma.fields.Integer(required=True)
    title = ma.fields.String(required=True)
    theme = ma.fields.String(required=True)
    budget_usd = ma.fields.Integer(required=True, allow_none=True)
    beneficiaries = ma.fields.Integer(required=True)
    opens_at = ma.fields.DateTime(required=True, allow_none=True)
    closes_at = ma.fields.DateTime(required=True, allow_none=True)
    timezone = ma.fields.String(required=True)
    criteria = ma.fields.List(ma.fields.Nested(CriterionSchema), required=True)
    state = ma.fields.String(required=True, metadata={"enum": list(CALL.states)})
    step = ma.fields.Integer(required=True)
    state_label = ma.fields.String(required=True)
    accepting = ma.fields.Boolean(required=True)
    closed = ma.fields.Boolean(required=True, metadata={"description": "Past its closing time."})
    version = ma.fields.Integer(required=True)
    actions = ma.fields.List(ma.fields.Nested(ActionSchema), required=True)


CallTransitionSchema = _transition(CALL)


class RankingRowSchema(ma.Schema):
    """A proposal's place: weighted mean (0-5), spread (max - min), reviewers' standing."""

    proposal_id = ma.fields.Integer(required=True)
    title = ma.fields.String(required=True)
    city = ma.fields.String(required=True)
    state = ma.fields.String(required=True)
    rank = ma.fields.Integer(required=True, allow_none=True)
    tied = ma.fields.Boolean(required=True)
    mean = ma.fields.Float(required=True, allow_none=True)
    spread = ma.fields.Float(required=True, allow_none=True)
    complete_scores = ma.fields.Integer(required=True)
    not_scored = ma.fields.List(ma.fields.Integer(), required=True)
    conflicts = ma.fields.List(ma.fields.Integer(), required=True)


# -- proposals -------------------------------------------------------------------------------


class ProposalFieldsSchema(ma.Schema):
    title = Text(max_length=200)
    problem = Text(max_length=LONG_TEXT)
    objectives = Text(max_length=LONG_TEXT)
    expected_outcomes = Text(max_length=LONG_TEXT)
    areas = slug_list(metadata={"description": "Area slugs (see /api/v1/areas)."})
    requested_usd = Count(allow_none=True)
    cofunding_cash_usd = Count(allow_none=True)
    cofunding_kind = Text(max_length=5_000)
    local_team = Text(max_length=5_000)
    timeline = Text(max_length=5_000)


class NewProposalSchema(ProposalFieldsSchema):
    """A new draft proposal of the caller's city to a call."""

    call_id = Id(required=True)


class ProposalPatchSchema(ProposalFieldsSchema):
    version = Count(minimum=1, metadata=VERSION)


class ProposalQuerySchema(PageQuery):
    state = ma.fields.String(validate=ma.validate.OneOf(list(PROPOSAL.states)))
    call_id = ma.fields.Integer(validate=ma.validate.Range(min=1, max=MAX_ID))


class DocumentSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    kind = ma.fields.String(required=True)
    name = ma.fields.String(required=True)
    mime_type = ma.fields.String(required=True)
    size = ma.fields.Integer(required=True)
    url = ma.fields.String(required=True, metadata={"description": "Download (signed-in page)."})


class ProposalSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    call_id = ma.fields.Integer(required=True)
    member_id = ma.fields.Integer(required=True)
    city = ma.fields.String(required=True)
    title = ma.fields.String(required=True)
    problem = ma.fields.String(required=True)
    objectives = ma.fields.String(required=True)
    expected_outcomes = ma.fields.String(required=True)
    areas = ma.fields.List(ma.fields.String(), required=True)
    requested_usd = ma.fields.Integer(required=True, allow_none=True)
    cofunding_cash_usd = ma.fields.Integer(required=True, allow_none=True)
    cofunding_kind = ma.fields.String(required=True)
    local_team = ma.fields.String(required=True)
    timeline = ma.fields.String(required=True)
    state = ma.fields.String(required=True, metadata={"enum": list(PROPOSAL.states)})
    step = ma.fields.Integer(required=True)
    state_label = ma.fields.String(required=True)
    version = ma.fields.Integer(required=True)
    submitted_at = ma.fields.DateTime(required=True, allow_none=True)
    ineligible_reason = ma.fields.String(required=True, allow_none=True)
    decision_message = ma.fields.String(required=True, allow_none=True)
    documents = ma.fields.List(ma.fields.Nested(DocumentSchema), required=True)
    actions = ma.fields.List(ma.fields.Nested(ActionSchema), required=True)


ProposalTransitionSchema = _transition(PROPOSAL)


class ScoreInSchema(ma.Schema):
    criterion_id = Id(required=True)
    score = Count(required=True, maximum=5)
    comment = Text(max_length=5_000)


class ReviewInSchema(ma.Schema):
    """Your review: a conflict of interest, or a 0-5 score for every criterion."""

    conflict_of_interest = ma.fields.Boolean(load_default=False)
    conflict_note = Text(max_length=5_000)
    scores = ma.fields.List(ma.fields.Nested(ScoreInSchema), validate=ma.validate.Length(max=12))


class ReviewerLineSchema(ma.Schema):
    reviewer_id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)
    status = ma.fields.String(
        required=True, metadata={"enum": ["scored", "conflict", "incomplete", "missing"]}
    )
    score = ma.fields.Float(required=True, allow_none=True)


class ProposalScoresSchema(ma.Schema):
    proposal_id = ma.fields.Integer(required=True)
    mean = ma.fields.Float(required=True, allow_none=True)
    spread = ma.fields.Float(required=True, allow_none=True)
    complete_scores = ma.fields.Integer(required=True)
    reviewers = ma.fields.List(ma.fields.Nested(ReviewerLineSchema), required=True)


# -- projects and bids ----------------------------------------------------------------------


class ProjectPatchSchema(ma.Schema):
    """The tender, while it is prepared (staff)."""

    tender_terms = Text(max_length=LONG_TEXT)
    tender_deadline = _aware(allow_none=True)
    technical_weight = Count(maximum=100, metadata={"description": "Per cent; cost is the rest."})
    version = Count(minimum=1, metadata=VERSION)


class ProjectQuerySchema(PageQuery):
    state = ma.fields.String(validate=ma.validate.OneOf(list(PROJECT.states)))


class ProjectSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    proposal_id = ma.fields.Integer(required=True)
    call_id = ma.fields.Integer(required=True)
    member_id = ma.fields.Integer(required=True)
    city = ma.fields.String(required=True)
    title = ma.fields.String(required=True)
    budget_usd = ma.fields.Integer(required=True, allow_none=True)
    tender_terms = ma.fields.String(required=True)
    tender_deadline = ma.fields.DateTime(required=True, allow_none=True)
    tender_open = ma.fields.Boolean(required=True)
    technical_weight = ma.fields.Integer(required=True)
    cost_weight = ma.fields.Integer(required=True)
    consultant_id = ma.fields.Integer(required=True, allow_none=True)
    state = ma.fields.String(required=True, metadata={"enum": list(PROJECT.states)})
    step = ma.fields.Integer(required=True)
    state_label = ma.fields.String(required=True)
    version = ma.fields.Integer(required=True)
    outcome_summary = ma.fields.String(required=True, allow_none=True)
    cancel_reason = ma.fields.String(required=True, allow_none=True)
    documents = ma.fields.List(ma.fields.Nested(DocumentSchema), required=True)
    actions = ma.fields.List(ma.fields.Nested(ActionSchema), required=True)


ProjectTransitionSchema = _transition(
    PROJECT, bid_id=Id(metadata={"description": "select_consultant: the bid to award."})
)


class BidFieldsSchema(ma.Schema):
    technical_proposal = Text(max_length=LONG_TEXT)
    price_usd = Count(allow_none=True)
    team = Text(max_length=5_000)
    timeline = Text(max_length=5_000)


class NewBidSchema(BidFieldsSchema):
    """A new draft bid of the caller's organisation on an open tender."""

    project_id = Id(required=True)


class BidPatchSchema(BidFieldsSchema):
    version = Count(minimum=1, metadata=VERSION)


class BidQuerySchema(PageQuery):
    state = ma.fields.String(validate=ma.validate.OneOf(list(BID.states)))
    project_id = ma.fields.Integer(validate=ma.validate.Range(min=1, max=MAX_ID))


class BidSchema(ma.Schema):
    """A bid, to its bidder, or to staff once the tender's deadline has passed."""

    id = ma.fields.Integer(required=True)
    project_id = ma.fields.Integer(required=True)
    provider_id = ma.fields.Integer(required=True)
    provider_name = ma.fields.String(required=True)
    technical_proposal = ma.fields.String(required=True)
    price_usd = ma.fields.Integer(required=True, allow_none=True)
    team = ma.fields.String(required=True)
    timeline = ma.fields.String(required=True)
    state = ma.fields.String(required=True, metadata={"enum": list(BID.states)})
    step = ma.fields.Integer(required=True)
    state_label = ma.fields.String(required=True)
    version = ma.fields.Integer(required=True)
    submitted_at = ma.fields.DateTime(required=True, allow_none=True)
    technical_scores = ma.fields.List(
        ma.fields.Integer(), metadata={"description": "Staff only: the reviewers' 0-100 scores."}
    )
    documents = ma.fields.List(ma.fields.Nested(DocumentSchema), required=True)
    actions = ma.fields.List(ma.fields.Nested(ActionSchema), required=True)


BidTransitionSchema = _transition(BID, " award and reject come with select_consultant.")


class BidScoreInSchema(ma.Schema):
    score = Count(required=True, maximum=100)
    comment = Text(max_length=5_000)


class RankedBidSchema(ma.Schema):
    """A bid's QCBS result (staff, once the deadline has passed)."""

    bid_id = ma.fields.Integer(required=True)
    provider_id = ma.fields.Integer(required=True)
    provider_name = ma.fields.String(required=True)
    state = ma.fields.String(required=True)
    price_usd = ma.fields.Integer(required=True)
    technical = ma.fields.Float(required=True, allow_none=True)
    financial = ma.fields.Float(required=True)
    combined = ma.fields.Float(required=True, allow_none=True)
    rank = ma.fields.Integer(required=True, allow_none=True)
    tied = ma.fields.Boolean(required=True)
