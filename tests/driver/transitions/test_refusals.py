"""Who may fire what, from which state, with which comment, guard and version.

A refused trigger changes nothing.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from driver import transitions
from driver.audit.models import AuditEvent
from driver.errors import Conflict, Invalid, NotFound
from driver.extensions import db
from driver.matchmaking.models import Match
from driver.notifications.models import Notification, OutboxMessage
from driver.solution_finder.models import Application
from driver.solution_finder.services import BINDING
from workflows.solution_finder import APPLICATION

from .support import (
    ACTORS,
    MATRIX,
    OK,
    SOURCE,
    count,
    fire_as,
    fresh,
    match_state_for,
)

CASES = [
    pytest.param(trigger, actor, expected, id=f"{trigger}-{actor}")
    for trigger, row in MATRIX.items()
    for actor, expected in zip(ACTORS, row, strict=True)
]


@pytest.mark.parametrize(("trigger", "actor", "expected"), CASES)
def test_who_may_fire_what(cast, application_in, trigger, actor, expected):
    app = application_in(SOURCE[trigger], match_state=match_state_for(trigger))
    if expected is OK:
        outcome = fire_as(cast, app, trigger, actor)
        assert outcome.obj.state == APPLICATION.transition(trigger).dest
    else:
        with pytest.raises(expected):
            fire_as(cast, app, trigger, actor)


@pytest.mark.parametrize(
    ("trigger", "actor", "expected"), [c for c in CASES if c.values[2] is not OK]
)
def test_a_refused_trigger_changes_nothing(cast, application_in, trigger, actor, expected):
    app = application_in(SOURCE[trigger], match_state=match_state_for(trigger))
    before = count(AuditEvent), count(Notification), count(OutboxMessage)
    with pytest.raises(expected):
        fire_as(cast, app, trigger, actor)
    stored = fresh(Application, app.id)
    assert (
        stored.state,
        stored.version,
        count(AuditEvent),
        count(Notification),
        count(OutboxMessage),
    ) == (
        SOURCE[trigger],
        1,
        *before,
    )


# -- wrong state -----------------------------------------------------------------------

FIRER = {
    "submit": "owner",
    "answer_clarification": "owner",
    "select_partners": "owner",
    "withdraw": "owner",
    "start_implementation": "owner",
}

WRONG_STATE = [
    pytest.param(trigger, state, id=f"{trigger}-from-{state}")
    for trigger, transition in APPLICATION.transitions.items()
    for state in APPLICATION.states
    if state not in transition.sources
    # staff never see a draft: that is a 404, tested above
    and not (state == "draft" and FIRER.get(trigger, "admin") == "admin")
]


@pytest.mark.parametrize(("trigger", "state"), WRONG_STATE)
def test_trigger_from_a_wrong_state_is_a_conflict(cast, application_in, trigger, state):
    app = application_in(state)
    with pytest.raises(Conflict) as refused:
        fire_as(cast, app, trigger, FIRER.get(trigger, "admin"))
    assert refused.value.reasons == ["state"]


def test_wrong_state_is_told_before_permission(cast, application_in):
    app = application_in("in_review")
    with pytest.raises(Conflict):
        fire_as(cast, app, "reopen", "provider_user")


def test_wrong_state_message_uses_the_readers_label(cast, application_in):
    app = application_in("in_review")
    with pytest.raises(Conflict, match="Under review"):
        fire_as(cast, app, "submit", "owner")


def test_unknown_trigger_is_invalid(cast, application_in):
    app = application_in("submitted")
    with pytest.raises(Invalid) as refused:
        fire_as(cast, app, "approve", "admin")
    assert refused.value.errors == {"trigger": ["Unknown."]}


def test_unknown_trigger_on_an_object_out_of_scope_is_not_found(cast, application_in):
    app = application_in("submitted")
    with pytest.raises(NotFound):
        fire_as(cast, app, "approve", "other_city")


def test_missing_object_is_not_found(cast):
    with pytest.raises(NotFound):
        transitions.fire(BINDING, 999_999, "start_review", cast.admin)


# -- comments --------------------------------------------------------------------------

NEEDS_COMMENT = [t.trigger for t in APPLICATION.transitions.values() if t.needs_comment]


def test_the_design_asks_a_comment_of_these_triggers():
    assert set(NEEDS_COMMENT) == {
        "request_clarification",
        "answer_clarification",
        "give_feedback",
        "decline",
        "complete",
        "reopen",
    }


@pytest.mark.parametrize("comment", ["", "   \n ", None])
@pytest.mark.parametrize("trigger", NEEDS_COMMENT)
def test_a_required_comment_missing_is_invalid(cast, application_in, trigger, comment):
    app = application_in(SOURCE[trigger], match_state=match_state_for(trigger))
    actor = "owner" if trigger == "answer_clarification" else "admin"
    with pytest.raises(Invalid) as refused:
        fire_as(cast, app, trigger, actor, comment=comment)
    assert list(refused.value.errors) == ["comment"]


@pytest.mark.parametrize(
    "comment", ["x" * (transitions.MAX_COMMENT_LENGTH + 1), "nul \x00 byte"], ids=["long", "nul"]
)
def test_an_unacceptable_comment_is_invalid(cast, application_in, comment):
    app = application_in("in_review")
    with pytest.raises(Invalid):
        fire_as(cast, app, "give_feedback", "reviewer", comment=comment)


def test_an_optional_comment_may_be_left_out(cast, application_in):
    app = application_in("submitted")
    outcome = fire_as(cast, app, "withdraw", "owner", comment="")
    assert outcome.obj.state == "withdrawn"


def test_the_comment_is_stored_stripped(cast, application_in):
    app = application_in("in_review")
    outcome = fire_as(cast, app, "give_feedback", "reviewer", comment="  Promising.  \n")
    assert outcome.event.comment == "Promising."


# -- guards ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fields", "reasons"),
    [
        ({"title": ""}, ["has_title"]),
        ({"description": " "}, ["has_description"]),
        ({"areas": ()}, ["has_areas"]),
        ({"title": "", "areas": ()}, ["has_title", "has_areas"]),
    ],
)
def test_submit_with_a_missing_field_is_a_conflict_naming_the_guard(
    cast, application_in, fields, reasons
):
    app = application_in("draft", **fields)
    with pytest.raises(Conflict) as refused:
        fire_as(cast, app, "submit", "owner")
    assert refused.value.reasons == reasons


def test_a_failed_guard_says_why_in_the_detail(cast, application_in):
    app = application_in("draft", title="")
    with pytest.raises(Conflict, match=re.escape("The application needs a title.")):
        fire_as(cast, app, "submit", "owner")


@pytest.mark.parametrize(
    ("match_state", "reasons"),
    [("proposed", ["partners_accepted"]), ("declined", ["partners_accepted"])],
)
def test_select_partners_that_did_not_accept_is_a_conflict(
    cast, application_in, match_state, reasons
):
    app = application_in("matchmaking", match_state=match_state)
    with pytest.raises(Conflict) as refused:
        fire_as(cast, app, "select_partners", "owner")
    assert refused.value.reasons == reasons


@pytest.mark.parametrize("payload", [{}, {"match_ids": []}], ids=["no-key", "empty"])
def test_select_partners_choosing_nobody_is_a_conflict(cast, application_in, payload):
    app = application_in("matchmaking")
    with pytest.raises(Conflict) as refused:
        fire_as(cast, app, "select_partners", "owner", payload=payload)
    assert refused.value.reasons == ["partners_chosen"]


def test_select_partners_with_a_match_of_another_application_is_invalid(cast, application_in):
    app = application_in("matchmaking")
    elsewhere = application_in("matchmaking", match_state=None)
    stray = db.session.scalar(select(Match.id).where(Match.application_id == app.id))
    with pytest.raises(Invalid):
        fire_as(cast, elsewhere, "select_partners", "owner", payload={"match_ids": [stray]})


@pytest.mark.parametrize(
    "match_ids", ["1", [True], ["1"], [1.0], 3], ids=["str", "bool", "str-item", "float", "int"]
)
def test_select_partners_with_malformed_ids_is_invalid(cast, application_in, match_ids):
    app = application_in("matchmaking")
    with pytest.raises(Invalid):
        fire_as(cast, app, "select_partners", "owner", payload={"match_ids": match_ids})


@pytest.mark.parametrize("rating", [0, 6, "five", True, 4.5], ids=str)
def test_complete_with_a_rating_outside_1_to_5_is_invalid(cast, application_in, rating):
    app = application_in("implementing", match_state="selected")
    with pytest.raises(Invalid):
        fire_as(cast, app, "complete", "reviewer", payload={"rating": rating})


# -- versions --------------------------------------------------------------------------


def test_a_stale_expected_version_is_a_conflict(cast, application_in):
    app = application_in("submitted")
    with pytest.raises(Conflict, match="Someone else changed this"):
        fire_as(cast, app, "start_review", "reviewer", expected_version=0)


def test_the_current_expected_version_fires(cast, application_in):
    app = application_in("submitted")
    outcome = fire_as(cast, app, "start_review", "reviewer", expected_version=1)
    assert outcome.obj.version == 2


def test_a_stale_expected_version_changes_nothing(cast, application_in):
    app = application_in("submitted")
    with pytest.raises(Conflict):
        fire_as(cast, app, "start_review", "reviewer", expected_version=7)
    stored = fresh(Application, app.id)
    assert (stored.state, stored.version, count(AuditEvent)) == ("submitted", 1, 0)


def test_a_lost_compare_and_set_is_a_conflict(cast, application_in, monkeypatch):
    """Someone else's UPDATE lands between our read and our write: 0 rows, 409."""
    from sqlalchemy import text

    app = application_in("submitted")
    original = BINDING.prepare

    def someone_else_moves_it(obj, *args):
        db.session.execute(
            text("UPDATE applications SET version = version + 1 WHERE id = :id"), {"id": obj.id}
        )
        return original(obj, *args)

    monkeypatch.setattr(BINDING, "prepare", someone_else_moves_it)
    with pytest.raises(Conflict, match="Someone else changed this"):
        fire_as(cast, app, "start_review", "reviewer")
