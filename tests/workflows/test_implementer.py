"""The Project Implementer's four workflows: names, edges and who fires what, as tables."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

from workflows import ADMIN, OWNER, PROVIDER, REVIEWER, Context, InvalidSource
from workflows.implementer import BID, CALL, PROJECT, PROPOSAL, call_accepting, call_closed_at

CALL_TRANSITIONS = {
    "open": ({"draft"}, "open", {ADMIN}),
    "close": ({"open"}, "closed", {ADMIN}),
    "award": ({"closed"}, "awarded", {ADMIN}),
}
PROPOSAL_TRANSITIONS = {
    "submit": ({"draft"}, "submitted", {OWNER}),
    "screen": ({"submitted"}, "eligible", {REVIEWER}),
    "reject_ineligible": ({"submitted"}, "ineligible", {REVIEWER}),
    "shortlist": ({"eligible"}, "shortlisted", {REVIEWER}),
    "select_beneficiary": ({"shortlisted"}, "selected", {ADMIN}),
    "not_select": ({"eligible", "shortlisted"}, "not_selected", {ADMIN}),
    "withdraw": ({"draft", "submitted", "eligible", "shortlisted"}, "withdrawn", {OWNER}),
}
OPEN_PROJECT = {
    "preparation",
    "consultant_procurement",
    "consultant_selected",
    "feasibility_study",
    "study_submitted",
    "pilot",
}
PROJECT_TRANSITIONS = {
    "open_tender": ({"preparation"}, "consultant_procurement", {REVIEWER}),
    "select_consultant": ({"consultant_procurement"}, "consultant_selected", {ADMIN}),
    "start_feasibility_study": ({"consultant_selected"}, "feasibility_study", {REVIEWER}),
    "submit_study": ({"feasibility_study"}, "study_submitted", {PROVIDER}),
    "return_study": ({"study_submitted"}, "feasibility_study", {REVIEWER}),
    "approve_study": ({"study_submitted"}, "pilot", {REVIEWER}),
    "complete": ({"pilot"}, "completed", {REVIEWER}),
    "cancel": (OPEN_PROJECT, "cancelled", {ADMIN}),
}
BID_TRANSITIONS = {
    "submit": ({"draft"}, "submitted", {PROVIDER}),
    "withdraw": ({"submitted"}, "withdrawn", {PROVIDER}),
    # Only the project's select_consultant and cancel fire these.
    "award": ({"submitted"}, "awarded", set()),
    "reject": ({"submitted"}, "rejected", set()),
}
TABLES = [
    (CALL, CALL_TRANSITIONS, "draft"),
    (PROPOSAL, PROPOSAL_TRANSITIONS, "draft"),
    (PROJECT, PROJECT_TRANSITIONS, "preparation"),
    (BID, BID_TRANSITIONS, "draft"),
]
EDGES = [
    pytest.param(w, trigger, spec, id=f"{w.name}-{trigger}")
    for w, table, _ in TABLES
    for trigger, spec in table.items()
]
PAIRS = [
    pytest.param(w, state, trigger, id=f"{w.name}-{state}-{trigger}")
    for w, _, _ in TABLES
    for state in w.states
    for trigger in w.transitions
]
STATES = [
    pytest.param(w, s, id=f"{w.name}-{s.name}") for w, _, _ in TABLES for s in w.states.values()
]


@pytest.mark.parametrize(
    ("workflow", "table", "initial"), TABLES, ids=lambda v: getattr(v, "name", None)
)
def test_triggers_are_the_contract(workflow, table, initial):
    assert (set(workflow.transitions), workflow.initial) == (set(table), initial)


@pytest.mark.parametrize(("workflow", "trigger", "spec"), EDGES)
def test_trigger_has_its_sources_destination_and_actors(workflow, trigger, spec):
    t = workflow.transition(trigger)
    assert (set(t.sources), t.dest, set(t.allowed)) == spec


@pytest.mark.parametrize(("workflow", "state", "trigger"), PAIRS)
def test_fires_exactly_from_its_sources(workflow, state, trigger):
    obj = SimpleNamespace(state=state)
    transition = workflow.transition(trigger)
    if state in transition.sources:
        workflow.fire(obj, trigger, Context(comment="Because."))
        assert obj.state == transition.dest
    else:
        with pytest.raises(InvalidSource):
            workflow.fire(obj, trigger, Context(comment="Because."))


@pytest.mark.parametrize(("workflow", "state"), STATES)
def test_every_state_has_a_step_and_two_labels_that_are_not_its_name(workflow, state):
    raw = {state.name, state.name.replace("_", " ")}
    assert state.step in {1, 2, 3, 4}
    assert state.staff_label.strip() not in raw and state.public_label.strip() not in raw


@pytest.mark.parametrize(
    ("workflow", "trigger", "field"),
    [
        (PROPOSAL, "reject_ineligible", "ineligible_reason"),
        (PROPOSAL, "not_select", "decision_message"),
        (PROJECT, "complete", "outcome_summary"),
        (PROJECT, "cancel", "cancel_reason"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_reason_is_required_and_kept_on_the_object(workflow, trigger, field):
    t = workflow.transition(trigger)
    assert (t.needs_comment, t.comment_field) == (True, field)


# -- the clock decides --------------------------------------------------------------------

CLOSES = datetime(2030, 3, 1, 9, 0, tzinfo=UTC)  # 18:00 in Seoul


def a_call(state: str = "open", **kw):
    return SimpleNamespace(
        state=state, opens_at=CLOSES - timedelta(days=30), closes_at=CLOSES, **kw
    )


@pytest.mark.parametrize(
    ("moment", "accepting"),
    [
        (CLOSES - timedelta(days=30, seconds=1), False),  # a second before it opens
        (CLOSES - timedelta(days=30), True),  # the second it opens
        (CLOSES - timedelta(seconds=1), True),  # the last second
        (CLOSES, False),  # the closing time itself
        (CLOSES + timedelta(seconds=1), False),
    ],
    ids=["before-opening", "opening", "last-second", "closing", "after"],
)
def test_call_accepts_proposals_from_opening_until_before_closing(moment, accepting):
    assert call_accepting(a_call(), moment) is accepting


@pytest.mark.parametrize(
    ("state", "moment", "closed"),
    [
        ("open", CLOSES - timedelta(seconds=1), False),
        ("open", CLOSES, True),
        ("draft", CLOSES + timedelta(days=1), False),
        ("closed", CLOSES - timedelta(days=1), True),
        ("awarded", CLOSES - timedelta(days=1), True),
    ],
)
def test_call_is_closed_once_recorded_or_once_its_time_passed(state, moment, closed):
    assert call_closed_at(a_call(state), moment) is closed


def test_proposal_cannot_be_submitted_one_second_after_closing():
    proposal = SimpleNamespace(call=a_call())
    unmet = PROPOSAL.unmet_guards(
        proposal_with(proposal), "submit", Context(now=CLOSES + timedelta(seconds=1))
    )
    assert [g.name for g in unmet] == ["call_open"]


def test_proposal_can_be_submitted_one_second_before_closing():
    proposal = proposal_with(SimpleNamespace(call=a_call()))
    assert (
        PROPOSAL.unmet_guards(proposal, "submit", Context(now=CLOSES - timedelta(seconds=1))) == []
    )


def proposal_with(base):
    return SimpleNamespace(
        call=SimpleNamespace(**{**vars(base.call), "budget_usd": 100_000}),
        title="T",
        problem="P",
        objectives="O",
        requested_usd=90_000,
        cofunding_cash_usd=0,
        cofunding_kind="Two engineers",
        local_team="ICT office",
        timeline="A year",
    )


@pytest.mark.parametrize(
    ("payload", "unmet"),
    [
        ({"selected": 0, "complete_scores": 2}, []),
        ({"selected": 2, "complete_scores": 2}, ["beneficiary_limit"]),
        ({"selected": 0, "complete_scores": 1}, ["two_complete_scores"]),
    ],
    ids=["fine", "limit-reached", "one-score"],
)
def test_selecting_a_beneficiary_needs_room_and_two_complete_scores(payload, unmet):
    proposal = SimpleNamespace(call=a_call("closed", beneficiaries=2))
    failed = PROPOSAL.unmet_guards(
        proposal, "select_beneficiary", Context(payload=payload, now=CLOSES)
    )
    assert [g.name for g in failed] == unmet


def test_selecting_a_beneficiary_waits_for_the_call_to_close():
    proposal = SimpleNamespace(call=a_call("open", beneficiaries=2))
    context = Context(
        payload={"selected": 0, "complete_scores": 2}, now=CLOSES - timedelta(seconds=1)
    )
    assert [g.name for g in PROPOSAL.unmet_guards(proposal, "select_beneficiary", context)] == [
        "call_closed"
    ]


@pytest.mark.parametrize(
    ("offset", "open_"),
    [(-1, True), (0, False), (1, False)],
    ids=["second-before", "deadline", "second-after"],
)
def test_bid_is_accepted_only_before_the_tender_deadline(offset, open_):
    project = SimpleNamespace(state="consultant_procurement", tender_deadline=CLOSES)
    bid = SimpleNamespace(
        project=project, technical_proposal="x", price_usd=1, team="t", timeline="y"
    )
    unmet = BID.unmet_guards(bid, "submit", Context(now=CLOSES + timedelta(seconds=offset)))
    assert ([g.name for g in unmet] == []) is open_
