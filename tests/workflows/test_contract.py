"""The workflows' names, edges and permissions are the contract of DESIGN §4."""

from __future__ import annotations

import pytest

from workflows import ADMIN, OWNER, PROVIDER, REVIEWER
from workflows.match import MATCH
from workflows.solution_finder import APPLICATION

APPLICATION_STATES = {
    "draft",
    "submitted",
    "in_review",
    "awaiting_clarification",
    "feedback_given",
    "declined",
    "matchmaking",
    "partnered",
    "implementing",
    "completed",
    "withdrawn",
}

BEFORE_PARTNERED = {
    "draft",
    "submitted",
    "in_review",
    "awaiting_clarification",
    "feedback_given",
    "matchmaking",
}

# trigger: (sources, destination, who may fire it)
APPLICATION_TRANSITIONS = {
    "submit": ({"draft"}, "submitted", {OWNER}),
    "start_review": ({"submitted"}, "in_review", {REVIEWER}),
    "request_clarification": (
        {"in_review", "feedback_given"},
        "awaiting_clarification",
        {REVIEWER},
    ),
    "answer_clarification": ({"awaiting_clarification"}, "in_review", {OWNER}),
    "give_feedback": ({"in_review"}, "feedback_given", {REVIEWER}),
    "decline": ({"submitted", "in_review", "feedback_given"}, "declined", {REVIEWER}),
    "open_matchmaking": ({"feedback_given"}, "matchmaking", {REVIEWER}),
    "select_partners": ({"matchmaking"}, "partnered", {OWNER}),
    "start_implementation": ({"partnered"}, "implementing", {OWNER, REVIEWER}),
    "complete": ({"implementing"}, "completed", {REVIEWER}),
    "withdraw": (BEFORE_PARTNERED, "withdrawn", {OWNER}),
    "reopen": ({"declined", "withdrawn"}, "in_review", {ADMIN}),
}

MATCH_STATES = {"proposed", "accepted", "declined", "retracted", "selected", "not_selected"}

MATCH_TRANSITIONS = {
    "accept": ({"proposed"}, "accepted", {PROVIDER}),
    "decline": ({"proposed"}, "declined", {PROVIDER}),
    "retract": ({"proposed", "accepted"}, "retracted", {REVIEWER}),
    # Only the application's select_partners fires these: nobody may on their own.
    "select": ({"accepted"}, "selected", set()),
    "not_select": ({"proposed", "accepted"}, "not_selected", set()),
}

CONTRACTS = [
    pytest.param(APPLICATION, APPLICATION_STATES, APPLICATION_TRANSITIONS, id="application"),
    pytest.param(MATCH, MATCH_STATES, MATCH_TRANSITIONS, id="match"),
]

# Comments the design asks for: the trigger refuses to fire without one.
REQUIRED_COMMENTS = [
    (APPLICATION, "request_clarification"),
    (APPLICATION, "answer_clarification"),
    (APPLICATION, "give_feedback"),
    (APPLICATION, "decline"),
    (APPLICATION, "complete"),
    (APPLICATION, "reopen"),
    (MATCH, "decline"),
]


@pytest.mark.parametrize(("workflow", "states", "_transitions"), CONTRACTS)
def test_state_names_are_the_contract(workflow, states, _transitions):
    assert set(workflow.states) == states


@pytest.mark.parametrize(("workflow", "_states", "transitions"), CONTRACTS)
def test_trigger_names_are_the_contract(workflow, _states, transitions):
    assert set(workflow.transitions) == set(transitions)


@pytest.mark.parametrize(
    ("workflow", "trigger", "expected"),
    [
        *[(APPLICATION, t, spec) for t, spec in APPLICATION_TRANSITIONS.items()],
        *[(MATCH, t, spec) for t, spec in MATCH_TRANSITIONS.items()],
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_each_trigger_has_the_declared_sources_destination_and_actors(workflow, trigger, expected):
    sources, dest, allowed = expected
    transition = workflow.transition(trigger)
    assert (set(transition.sources), transition.dest, set(transition.allowed)) == (
        sources,
        dest,
        allowed,
    )


@pytest.mark.parametrize(
    ("workflow", "initial"), [(APPLICATION, "draft"), (MATCH, "proposed")], ids=["app", "match"]
)
def test_initial_state(workflow, initial):
    assert workflow.initial == initial


@pytest.mark.parametrize(
    ("workflow", "trigger"), REQUIRED_COMMENTS, ids=lambda v: v if isinstance(v, str) else None
)
def test_trigger_requires_a_comment(workflow, trigger):
    assert workflow.transition(trigger).needs_comment


@pytest.mark.parametrize(
    ("workflow", "trigger"),
    [
        (w, t)
        for w in (APPLICATION, MATCH)
        for t in w.transitions
        if (w, t) not in REQUIRED_COMMENTS
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_trigger_does_not_require_a_comment(workflow, trigger):
    assert not workflow.transition(trigger).needs_comment


@pytest.mark.parametrize(
    ("workflow", "trigger", "field"),
    [
        (APPLICATION, "give_feedback", "feedback"),
        (APPLICATION, "decline", "decline_reason"),
        (APPLICATION, "complete", "outcome_summary"),
        (MATCH, "decline", "decline_reason"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_comment_is_kept_on_the_object(workflow, trigger, field):
    assert workflow.transition(trigger).comment_field == field


STATE_LIST = [
    pytest.param(w, s, id=f"{w.name}-{s.name}")
    for w in (APPLICATION, MATCH)
    for s in w.states.values()
]


@pytest.mark.parametrize(("workflow", "state"), STATE_LIST)
def test_every_state_has_a_step_from_1_to_4(workflow, state):
    assert state.step in {1, 2, 3, 4}


@pytest.mark.parametrize(("workflow", "state"), STATE_LIST)
def test_every_state_has_two_non_empty_labels(workflow, state):
    assert state.staff_label.strip() and state.public_label.strip()


@pytest.mark.parametrize(("workflow", "state"), STATE_LIST)
def test_public_label_is_never_the_raw_state_name(workflow, state):
    assert workflow.label(state.name, staff=False) not in {state.name, state.name.replace("_", " ")}


@pytest.mark.parametrize(("workflow", "state"), STATE_LIST)
def test_staff_label_is_never_the_raw_state_name(workflow, state):
    assert workflow.label(state.name, staff=True) not in {state.name, state.name.replace("_", " ")}


@pytest.mark.parametrize(
    ("state", "step"),
    [
        ("draft", 1),
        ("submitted", 1),
        ("in_review", 2),
        ("awaiting_clarification", 2),
        ("feedback_given", 2),
        ("matchmaking", 3),
        ("partnered", 3),
        ("implementing", 4),
        ("completed", 4),
    ],
)
def test_application_state_is_on_the_step_of_the_design(state, step):
    assert APPLICATION.state(state).step == step


@pytest.mark.parametrize(
    ("workflow", "terminal"),
    [
        (APPLICATION, {"declined", "completed", "withdrawn"}),
        (MATCH, {"declined", "retracted", "selected", "not_selected"}),
    ],
    ids=["application", "match"],
)
def test_terminal_states(workflow, terminal):
    assert {s.name for s in workflow.states.values() if s.terminal} == terminal


@pytest.mark.parametrize(
    ("workflow", "state"),
    [
        pytest.param(w, s.name, id=f"{w.name}-{s.name}")
        for w in (APPLICATION, MATCH)
        for s in w.states.values()
        if s.terminal
    ],
)
def test_only_an_admin_leaves_a_terminal_state(workflow, state):
    leaving = workflow.from_state(state)
    assert all(t.allowed == {ADMIN} for t in leaving)
