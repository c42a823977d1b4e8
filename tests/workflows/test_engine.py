"""The engine fires triggers on plain objects, as the tables declare, with no database."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from workflows import (
    ADMIN,
    OWNER,
    PROVIDER,
    REVIEWER,
    Context,
    Guard,
    InvalidSource,
    State,
    Transition,
    UnknownTrigger,
    Workflow,
)
from workflows.match import MATCH
from workflows.solution_finder import APPLICATION

WORKFLOWS = (APPLICATION, MATCH)

PAIRS = [
    pytest.param(w, state, trigger, id=f"{w.name}-{state}-{trigger}")
    for w in WORKFLOWS
    for state in w.states
    for trigger in w.transitions
]


def thing(state: str, **kw):
    return SimpleNamespace(state=state, **kw)


@pytest.mark.parametrize(("workflow", "state", "trigger"), PAIRS)
def test_fires_exactly_from_its_sources_and_lands_on_its_destination(workflow, state, trigger):
    transition = workflow.transition(trigger)
    obj = thing(state)
    if state in transition.sources:
        left = workflow.fire(obj, trigger, Context(comment="Because."))
        assert (left, obj.state) == (state, transition.dest)
    else:
        with pytest.raises(InvalidSource):
            workflow.fire(obj, trigger, Context(comment="Because."))
        assert obj.state == state


@pytest.mark.parametrize(("workflow", "state", "trigger"), PAIRS)
def test_from_state_lists_the_trigger_exactly_when_state_is_a_source(workflow, state, trigger):
    listed = trigger in {t.trigger for t in workflow.from_state(state)}
    assert listed == (state in workflow.transition(trigger).sources)


def test_fire_returns_the_state_it_left():
    assert APPLICATION.fire(thing("matchmaking"), "withdraw") == "matchmaking"


def test_fire_without_context_works_for_a_transition_without_comment():
    obj = thing("submitted")
    APPLICATION.fire(obj, "start_review")
    assert obj.state == "in_review"


def test_unknown_trigger_raises_unknown_trigger():
    with pytest.raises(UnknownTrigger):
        APPLICATION.fire(thing("draft"), "launch")


def test_unknown_trigger_leaves_the_state_alone():
    obj = thing("draft")
    with pytest.raises(UnknownTrigger):
        APPLICATION.fire(obj, "to_submitted")  # no auto transitions
    assert obj.state == "draft"


def test_a_model_attribute_named_like_a_trigger_is_not_called():
    obj = thing("submitted", start_review=lambda: pytest.fail("called the attribute"))
    APPLICATION.fire(obj, "start_review")
    assert obj.state == "in_review"


@pytest.mark.parametrize(
    ("workflow", "state", "trigger", "field"),
    [
        (APPLICATION, "in_review", "give_feedback", "feedback"),
        (APPLICATION, "feedback_given", "decline", "decline_reason"),
        (APPLICATION, "implementing", "complete", "outcome_summary"),
        (MATCH, "proposed", "decline", "decline_reason"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_fire_records_the_comment_in_the_comment_field(workflow, state, trigger, field):
    obj = thing(state)
    workflow.fire(obj, trigger, Context(comment="Written down."))
    assert getattr(obj, field) == "Written down."


def test_fire_does_not_record_a_comment_for_a_transition_without_comment_field():
    obj = thing("in_review")
    APPLICATION.fire(obj, "request_clarification", Context(comment="Which agency?"))
    assert vars(obj) == {"state": "awaiting_clarification"}


def test_fire_leaves_the_comment_field_alone_on_invalid_source():
    obj = thing("draft", feedback=None)
    with pytest.raises(InvalidSource):
        APPLICATION.fire(obj, "give_feedback", Context(comment="Too early."))
    assert obj.feedback is None


def test_state_attribute_can_be_named():
    flow = Workflow(
        "door",
        [State("shut", 1, "Shut", "Closed"), State("open", 1, "Open", "Opened")],
        [Transition("open_it", ("shut",), "open", frozenset({OWNER}), 1, "Open")],
        initial="shut",
        attribute="status",
    )
    obj = SimpleNamespace(status="shut")
    flow.fire(obj, "open_it")
    assert obj.status == "open"


# -- guards --------------------------------------------------------------------------


def draft(**kw):
    fields = {"title": "Floods", "description": "The river floods.", "area_slugs": ["water"]}
    return thing("draft", **{**fields, **kw})


def unmet(workflow, obj, trigger, context=None):
    return [g.name for g in workflow.unmet_guards(obj, trigger, context or Context())]


def test_submit_has_three_guards_in_order():
    guards = APPLICATION.transition("submit").guards
    assert [g.name for g in guards] == ["has_title", "has_description", "has_areas"]


def test_submit_guards_hold_for_a_complete_draft():
    assert unmet(APPLICATION, draft(), "submit") == []


@pytest.mark.parametrize(
    ("changes", "failed"),
    [
        ({"title": ""}, ["has_title"]),
        ({"title": "   "}, ["has_title"]),
        ({"title": None}, ["has_title"]),
        ({"description": ""}, ["has_description"]),
        ({"description": "\n\t"}, ["has_description"]),
        ({"area_slugs": []}, ["has_areas"]),
        (
            {"title": "", "description": "", "area_slugs": []},
            ["has_title", "has_description", "has_areas"],
        ),
    ],
)
def test_submit_guard_fails_for_a_missing_field(changes, failed):
    assert unmet(APPLICATION, draft(**changes), "submit") == failed


@pytest.mark.parametrize(
    ("guard", "message"),
    [
        ("has_title", "The application needs a title."),
        ("has_description", "Describe the urban challenge before submitting."),
        ("has_areas", "Choose at least one area the challenge is about."),
    ],
)
def test_submit_guard_says_why_it_failed(guard, message):
    guards = {g.name: g for g in APPLICATION.transition("submit").guards}
    assert guards[guard].unmet == message


def selection(*states):
    return Context(payload={"matches": [thing(s) for s in states]})


@pytest.mark.parametrize(
    ("context", "failed"),
    [
        (selection("accepted"), []),
        (selection("accepted", "accepted"), []),
        (Context(), ["partners_chosen"]),
        (selection(), ["partners_chosen"]),
        (selection("proposed"), ["partners_accepted"]),
        (selection("accepted", "declined"), ["partners_accepted"]),
        (selection("retracted"), ["partners_accepted"]),
    ],
    ids=["one", "two", "no-payload", "none", "proposed", "one-declined", "retracted"],
)
def test_select_partners_guards(context, failed):
    assert unmet(APPLICATION, thing("matchmaking"), "select_partners", context) == failed


def test_select_partners_guards_say_why_they_failed():
    guards = APPLICATION.transition("select_partners").guards
    assert [g.unmet for g in guards] == [
        "Choose at least one partner.",
        "Every partner you choose must have accepted the match.",
    ]


@pytest.mark.parametrize(
    ("app_state", "failed"), [("matchmaking", []), ("partnered", ["application_in_matchmaking"])]
)
def test_accept_needs_the_application_in_matchmaking(app_state, failed):
    match = thing("proposed", application=thing(app_state))
    assert unmet(MATCH, match, "accept") == failed


@pytest.mark.parametrize(
    ("workflow", "trigger"),
    [
        pytest.param(w, t.trigger, id=f"{w.name}-{t.trigger}")
        for w in WORKFLOWS
        for t in w.transitions.values()
        if t.trigger not in {"submit", "select_partners"}
        and not (w is MATCH and t.trigger == "accept")
    ],
)
def test_other_triggers_have_no_guards(workflow, trigger):
    assert workflow.transition(trigger).guards == ()


def test_unmet_guards_of_an_unknown_trigger_raise():
    with pytest.raises(UnknownTrigger):
        APPLICATION.unmet_guards(draft(), "launch", Context())


def test_guards_see_the_time_given_in_the_context():
    now = datetime(2026, 3, 1, tzinfo=UTC)
    seen = []
    flow = Workflow(
        "clock",
        [State("a", 1, "A", "Alpha"), State("b", 1, "B", "Beta")],
        [
            Transition(
                "go",
                ("a",),
                "b",
                frozenset({OWNER}),
                1,
                "Go",
                guards=(Guard("t", lambda _o, ctx: seen.append(ctx.now) or True, "never"),),
            )
        ],
        initial="a",
    )
    flow.unmet_guards(thing("a"), "go", Context(now=now))
    assert seen == [now]


# -- declaration checks --------------------------------------------------------------

TWO_STATES = [State("a", 1, "A", "Alpha"), State("b", 1, "B", "Beta")]


def go(trigger="go", sources=("a",), dest="b", allowed=frozenset({OWNER})):
    return Transition(trigger, sources, dest, allowed, 1, "Go")


@pytest.mark.parametrize(
    ("transitions", "initial", "message"),
    [
        ([go(), go()], "a", "declared twice"),
        ([go(sources=("c",))], "a", "unknown state 'c'"),
        ([go(dest="c")], "a", "unknown state 'c'"),
        ([go(allowed=frozenset({"mayor"}))], "a", "unknown relations"),
        ([go()], "c", "unknown initial state"),
    ],
    ids=["duplicate-trigger", "unknown-source", "unknown-dest", "unknown-relation", "bad-initial"],
)
def test_a_wrong_declaration_raises_value_error(transitions, initial, message):
    with pytest.raises(ValueError, match=message):
        Workflow("broken", TWO_STATES, transitions, initial=initial)


def test_a_correct_declaration_is_accepted():
    flow = Workflow("fine", TWO_STATES, [go()], initial="a")
    assert flow.edges() == [("a", "b", "go")]


# -- reading the definition ----------------------------------------------------------


def test_edges_of_the_match_workflow():
    assert set(MATCH.edges()) == {
        ("proposed", "accepted", "accept"),
        ("proposed", "declined", "decline"),
        ("proposed", "retracted", "retract"),
        ("accepted", "retracted", "retract"),
        ("accepted", "selected", "select"),
        ("proposed", "not_selected", "not_select"),
        ("accepted", "not_selected", "not_select"),
    }


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda w: w.name)
def test_edges_are_one_per_source_of_every_transition(workflow):
    expected = sum(len(t.sources) for t in workflow.transitions.values())
    assert len(set(workflow.edges())) == expected


@pytest.mark.parametrize(
    ("state", "relations", "triggers"),
    [
        ("draft", {OWNER}, ["submit", "withdraw"]),
        ("draft", {REVIEWER, ADMIN}, []),
        ("submitted", {REVIEWER}, ["start_review", "decline"]),
        ("submitted", {OWNER}, ["withdraw"]),
        ("in_review", {REVIEWER}, ["request_clarification", "give_feedback", "decline"]),
        ("awaiting_clarification", {OWNER}, ["answer_clarification", "withdraw"]),
        ("awaiting_clarification", {REVIEWER, ADMIN}, []),
        ("feedback_given", {REVIEWER}, ["request_clarification", "decline", "open_matchmaking"]),
        ("matchmaking", {OWNER}, ["select_partners", "withdraw"]),
        ("partnered", {OWNER}, ["start_implementation"]),
        ("partnered", {REVIEWER}, ["start_implementation"]),
        ("implementing", {REVIEWER}, ["complete"]),
        ("implementing", {OWNER}, []),
        ("declined", {REVIEWER}, []),
        ("declined", {REVIEWER, ADMIN}, ["reopen"]),
        ("withdrawn", {OWNER}, []),
        ("completed", {REVIEWER, ADMIN}, []),
        ("in_review", {PROVIDER}, []),
        ("in_review", set(), []),
    ],
)
def test_application_allowed_from_by_relation(state, relations, triggers):
    assert [t.trigger for t in APPLICATION.allowed_from(state, relations)] == triggers


@pytest.mark.parametrize(
    ("state", "relations", "triggers"),
    [
        ("proposed", {PROVIDER}, ["accept", "decline"]),
        ("proposed", {REVIEWER}, ["retract"]),
        ("accepted", {PROVIDER}, []),
        ("accepted", {REVIEWER}, ["retract"]),
        ("accepted", {OWNER}, []),
        ("declined", {PROVIDER, REVIEWER}, []),
    ],
)
def test_match_allowed_from_by_relation(state, relations, triggers):
    assert [t.trigger for t in MATCH.allowed_from(state, relations)] == triggers


@pytest.mark.parametrize(("staff", "label"), [(True, "In review"), (False, "Under review")])
def test_label_depends_on_the_reader(staff, label):
    assert APPLICATION.label("in_review", staff=staff) == label
