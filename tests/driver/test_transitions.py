"""driver.transitions.fire on the real database: who may fire what, and what it leaves behind."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from driver import transitions
from driver.audit.models import AuditEvent
from driver.errors import Conflict, Forbidden, Invalid, NotFound
from driver.extensions import db
from driver.matchmaking.models import Match
from driver.notifications.models import Notification, OutboxMessage
from driver.solution_finder.models import Application
from driver.solution_finder.services import BINDING
from workflows.solution_finder import APPLICATION

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
OK = "ok"

# The state each trigger is tried from, and its payload.
SOURCE = {
    "submit": "draft",
    "start_review": "submitted",
    "request_clarification": "in_review",
    "answer_clarification": "awaiting_clarification",
    "give_feedback": "in_review",
    "decline": "submitted",
    "open_matchmaking": "feedback_given",
    "select_partners": "matchmaking",
    "start_implementation": "partnered",
    "complete": "implementing",
    "withdraw": "submitted",
    "reopen": "declined",
}

ACTORS = (
    "owner",
    "colleague",
    "other_city",
    "provider_user",
    "stranger_provider",
    "reviewer",
    "reviewer_out",
    "admin",
)
F, N = Forbidden, NotFound

# Who gets what. Out of scope is 404 for every trigger: another city, a provider
# that was not offered the application, a reviewer of other regions; staff
# never see drafts. The offered provider sees the application but fires nothing.
MATRIX = {
    #                        owner colleague other provider stranger reviewer out admin
    "submit": (OK, OK, N, F, N, N, N, N),
    "start_review": (F, F, N, F, N, OK, N, OK),
    "request_clarification": (F, F, N, F, N, OK, N, OK),
    "answer_clarification": (OK, OK, N, F, N, F, N, F),
    "give_feedback": (F, F, N, F, N, OK, N, OK),
    "decline": (F, F, N, F, N, OK, N, OK),
    "open_matchmaking": (F, F, N, F, N, OK, N, OK),
    "select_partners": (OK, OK, N, F, N, F, N, F),
    "start_implementation": (OK, OK, N, F, N, OK, N, OK),
    "complete": (F, F, N, F, N, OK, N, OK),
    "withdraw": (OK, OK, N, F, N, F, N, F),
    "reopen": (F, F, N, F, N, F, N, OK),
}


def payload_for(trigger, app):
    if trigger == "select_partners":
        ids = db.session.scalars(select(Match.id).where(Match.application_id == app.id)).all()
        return {"match_ids": list(ids)}
    if trigger == "complete":
        return {"rating": 4}
    return {}


def match_state_for(trigger):
    # A partnered application has a selected partner; elsewhere the offer was accepted.
    return "selected" if SOURCE[trigger] in {"partnered", "implementing"} else "accepted"


def fire_as(cast, app, trigger, actor_name, **kw):
    kw.setdefault("comment", "Because.")
    kw.setdefault("payload", payload_for(trigger, app))
    kw.setdefault("now", NOW)
    return transitions.fire(BINDING, app.id, trigger, cast.actor(actor_name), **kw)


def fresh(model, obj_id):
    db.session.expire_all()
    return db.session.get(model, obj_id)


def count(model, *where):
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def events_of(app):
    return transitions.history(BINDING, fresh(Application, app.id))


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


# -- what a success leaves behind ------------------------------------------------------

SUCCESS = [
    pytest.param(trigger, "admin" if row[0] is not OK else "owner", id=trigger)
    for trigger, row in MATRIX.items()
]


@pytest.mark.parametrize(("trigger", "actor"), SUCCESS)
def test_success_moves_the_state_to_the_destination(cast, application_in, trigger, actor):
    app = application_in(SOURCE[trigger], match_state=match_state_for(trigger))
    fire_as(cast, app, trigger, actor)
    assert fresh(Application, app.id).state == APPLICATION.transition(trigger).dest


@pytest.mark.parametrize(("trigger", "actor"), SUCCESS)
def test_success_increments_the_version_once(cast, application_in, trigger, actor):
    app = application_in(SOURCE[trigger], match_state=match_state_for(trigger))
    fire_as(cast, app, trigger, actor)
    assert fresh(Application, app.id).version == 2


@pytest.mark.parametrize(("trigger", "actor"), SUCCESS)
def test_success_stamps_state_changed_at(cast, application_in, trigger, actor):
    app = application_in(SOURCE[trigger], match_state=match_state_for(trigger))
    fire_as(cast, app, trigger, actor)
    assert fresh(Application, app.id).state_changed_at == NOW


@pytest.mark.parametrize(("trigger", "actor"), SUCCESS)
def test_success_appends_one_audit_event_for_the_application(cast, application_in, trigger, actor):
    app = application_in(SOURCE[trigger], match_state=match_state_for(trigger))
    fire_as(cast, app, trigger, actor, comment="On the record.")
    [event] = events_of(app)
    assert (
        event.object_type,
        event.object_id,
        event.trigger,
        event.from_state,
        event.to_state,
        event.actor_id,
        event.comment,
        event.created_at,
    ) == (
        "application",
        app.id,
        trigger,
        SOURCE[trigger],
        APPLICATION.transition(trigger).dest,
        cast.actor(actor).id,
        "On the record.",
        NOW,
    )


def test_outcome_returns_the_event_it_wrote(cast, application_in):
    app = application_in("submitted")
    outcome = fire_as(cast, app, "start_review", "reviewer")
    assert outcome.event.id == events_of(app)[0].id


def test_audit_payload_of_select_partners_keeps_the_chosen_ids(cast, application_in):
    app = application_in("matchmaking")
    ids = payload_for("select_partners", app)["match_ids"]
    fire_as(cast, app, "select_partners", "owner", payload={"match_ids": ids})
    assert events_of(app)[0].payload == {"match_ids": ids}


def test_audit_payload_of_complete_keeps_the_rating(cast, application_in):
    app = application_in("implementing", match_state="selected")
    fire_as(cast, app, "complete", "reviewer", payload={"rating": "5"})
    assert events_of(app)[0].payload == {"rating": 5}


def test_audit_payload_is_empty_for_a_plain_trigger(cast, application_in):
    app = application_in("submitted")
    fire_as(cast, app, "start_review", "reviewer", payload={"ignored": True})
    assert events_of(app)[0].payload == {}


# Who hears about each trigger (the cast's reviewer is the assignee past submission;
# the cast's provider holds the selected match of a partnered application).
AUDIENCE = {
    ("submit", "owner"): {"reviewer"},
    ("start_review", "reviewer"): {"owner", "colleague"},
    ("request_clarification", "reviewer"): {"owner", "colleague"},
    ("answer_clarification", "owner"): {"reviewer"},
    ("give_feedback", "reviewer"): {"owner", "colleague"},
    ("decline", "admin"): {"owner", "colleague"},
    ("open_matchmaking", "reviewer"): {"owner", "colleague"},
    ("select_partners", "owner"): {"reviewer"},
    ("start_implementation", "owner"): {"colleague", "reviewer", "provider_user"},
    ("start_implementation", "reviewer"): {"owner", "colleague", "provider_user"},
    ("complete", "reviewer"): {"owner", "colleague", "provider_user"},
    ("withdraw", "owner"): {"reviewer"},
    ("reopen", "admin"): {"owner", "colleague", "reviewer"},
}


def recipients(model, event_id, cast):
    ids = set(db.session.scalars(select(model.user_id).where(model.event_id == event_id)))
    return {name for name in ACTORS if cast.actor(name).id in ids}


@pytest.mark.parametrize(
    ("trigger", "actor", "audience"),
    [pytest.param(t, a, who, id=f"{t}-by-{a}") for (t, a), who in AUDIENCE.items()],
)
def test_success_notifies_the_people_concerned_in_app(
    cast, application_in, trigger, actor, audience
):
    app = application_in(SOURCE[trigger], match_state=match_state_for(trigger))
    outcome = fire_as(cast, app, trigger, actor)
    assert recipients(Notification, outcome.event.id, cast) == audience


@pytest.mark.parametrize(
    ("trigger", "actor", "audience"),
    [pytest.param(t, a, who, id=f"{t}-by-{a}") for (t, a), who in AUDIENCE.items()],
)
def test_success_queues_one_email_per_person_concerned(
    cast, application_in, trigger, actor, audience
):
    app = application_in(SOURCE[trigger], match_state=match_state_for(trigger))
    outcome = fire_as(cast, app, trigger, actor)
    rows = db.session.scalars(
        select(OutboxMessage).where(OutboxMessage.event_id == outcome.event.id)
    ).all()
    assert sorted(r.to_email for r in rows) == sorted(cast.actor(n).email for n in audience)


def test_the_actor_is_never_notified_even_when_in_the_audience(cast, application_in):
    app = application_in("declined", assignee=cast.admin)
    outcome = fire_as(cast, app, "reopen", "admin")
    assert cast.admin.id not in set(
        db.session.scalars(
            select(Notification.user_id).where(Notification.event_id == outcome.event.id)
        )
    )


def test_an_inactive_user_is_not_notified(cast, application_in):
    cast.colleague.active = False
    db.session.commit()
    app = application_in("submitted")
    outcome = fire_as(cast, app, "start_review", "reviewer")
    assert recipients(Notification, outcome.event.id, cast) == {"owner"}


def test_submission_goes_to_the_admins_when_no_reviewer_covers_the_region(cast, application_in):
    cast.reviewer.regions = ["Europe"]
    db.session.commit()
    app = application_in("draft")
    outcome = fire_as(cast, app, "submit", "owner")
    assert recipients(Notification, outcome.event.id, cast) == {"admin"}


def test_the_notice_reads_the_recipients_label(cast, application_in):
    app = application_in("submitted")
    outcome = fire_as(cast, app, "start_review", "reviewer")
    notice = db.session.scalar(
        select(Notification).where(
            Notification.event_id == outcome.event.id, Notification.user_id == cast.owner.id
        )
    )
    assert "Under review" in notice.message and "in_review" not in notice.message


# -- side effects ----------------------------------------------------------------------


def test_submit_stamps_submitted_at(cast, application_in):
    app = application_in("draft")
    fire_as(cast, app, "submit", "owner")
    assert fresh(Application, app.id).submitted_at == NOW


def test_start_review_makes_the_reviewer_the_assignee(cast, application_in):
    app = application_in("submitted")
    fire_as(cast, app, "start_review", "reviewer")
    assert fresh(Application, app.id).assignee_id == cast.reviewer.id


def test_give_feedback_stores_the_feedback(cast, application_in):
    app = application_in("in_review")
    fire_as(cast, app, "give_feedback", "reviewer", comment="A clear case.")
    assert fresh(Application, app.id).feedback == "A clear case."


def test_decline_stores_the_reason(cast, application_in):
    app = application_in("in_review")
    fire_as(cast, app, "decline", "reviewer", comment="Out of scope.")
    assert fresh(Application, app.id).decline_reason == "Out of scope."


def test_complete_stores_the_outcome_summary(cast, application_in):
    app = application_in("implementing", match_state="selected")
    fire_as(cast, app, "complete", "reviewer", comment="Sensors in place.")
    assert fresh(Application, app.id).outcome_summary == "Sensors in place."


def test_reopen_makes_the_admin_the_assignee_when_there_was_none(cast, application_in):
    app = application_in("withdrawn", assignee=None)
    fire_as(cast, app, "reopen", "admin")
    assert fresh(Application, app.id).assignee_id == cast.admin.id


def test_reopen_keeps_the_assignee(cast, application_in):
    app = application_in("declined")
    fire_as(cast, app, "reopen", "admin")
    assert fresh(Application, app.id).assignee_id == cast.reviewer.id


@pytest.fixture
def shortlist(cast, application_in, make_provider, make_user, make_match):
    """An application in matchmaking with one match in each state, and a user per provider."""
    app = application_in("matchmaking", match_state=None)
    matches = {}
    for state in ("accepted", "proposed", "declined", "retracted"):
        provider = make_provider(name=f"Provider {state}")
        make_user("provider", member=provider)
        matches[state] = make_match(app, provider, state=state)
    second = make_provider(name="Provider second")
    make_user("provider", member=second)
    matches["accepted_too"] = make_match(app, second, state="accepted")
    return app, {k: m.id for k, m in matches.items()}


def match_states(ids):
    db.session.expire_all()
    return {k: db.session.get(Match, i).state for k, i in ids.items()}


def test_select_partners_selects_the_chosen_and_closes_the_other_open_matches(cast, shortlist):
    app, ids = shortlist
    fire_as(cast, app, "select_partners", "owner", payload={"match_ids": [ids["accepted"]]})
    assert match_states(ids) == {
        "accepted": "selected",
        "accepted_too": "not_selected",
        "proposed": "not_selected",
        "declined": "declined",
        "retracted": "retracted",
    }


def test_select_partners_may_choose_several(cast, shortlist):
    app, ids = shortlist
    chosen = [ids["accepted"], ids["accepted_too"]]
    fire_as(cast, app, "select_partners", "owner", payload={"match_ids": chosen})
    assert [match_states(ids)[k] for k in ("accepted", "accepted_too")] == ["selected", "selected"]


def test_select_partners_writes_an_audit_event_per_match_it_moves(cast, shortlist):
    app, ids = shortlist
    fire_as(cast, app, "select_partners", "owner", payload={"match_ids": [ids["accepted"]]})
    rows = db.session.execute(
        select(AuditEvent.object_id, AuditEvent.trigger, AuditEvent.from_state, AuditEvent.to_state)
        .where(AuditEvent.object_type == "match")
        .order_by(AuditEvent.object_id)
    ).all()
    assert sorted(rows) == sorted(
        [
            (ids["accepted"], "select", "accepted", "selected"),
            (ids["proposed"], "not_select", "proposed", "not_selected"),
            (ids["accepted_too"], "not_select", "accepted", "not_selected"),
        ]
    )


def test_select_partners_match_events_name_the_city_user_as_actor(cast, shortlist):
    app, ids = shortlist
    fire_as(cast, app, "select_partners", "owner", payload={"match_ids": [ids["accepted"]]})
    actors = set(
        db.session.scalars(select(AuditEvent.actor_id).where(AuditEvent.object_type == "match"))
    )
    assert actors == {cast.owner.id}


def test_select_partners_increments_each_moved_match_version(cast, shortlist):
    app, ids = shortlist
    fire_as(cast, app, "select_partners", "owner", payload={"match_ids": [ids["accepted"]]})
    db.session.expire_all()
    versions = {k: db.session.get(Match, i).version for k, i in ids.items()}
    assert versions == {
        "accepted": 2,
        "accepted_too": 2,
        "proposed": 2,
        "declined": 1,
        "retracted": 1,
    }


def test_select_partners_tells_each_provider_its_outcome(cast, shortlist):
    app, ids = shortlist
    fire_as(cast, app, "select_partners", "owner", payload={"match_ids": [ids["accepted"]]})
    rows = db.session.execute(
        select(AuditEvent.object_id, Notification.kind)
        .join(Notification, Notification.event_id == AuditEvent.id)
        .where(AuditEvent.object_type == "match")
    ).all()
    assert sorted(rows) == sorted(
        [
            (ids["accepted"], "match.select"),
            (ids["proposed"], "match.not_select"),
            (ids["accepted_too"], "match.not_select"),
        ]
    )


def test_withdraw_in_matchmaking_closes_the_open_matches(cast, shortlist):
    app, ids = shortlist
    fire_as(cast, app, "withdraw", "owner")
    assert match_states(ids) == {
        "accepted": "not_selected",
        "accepted_too": "not_selected",
        "proposed": "not_selected",
        "declined": "declined",
        "retracted": "retracted",
    }


def test_withdraw_in_matchmaking_audits_each_closed_match(cast, shortlist):
    app, _ids = shortlist
    fire_as(cast, app, "withdraw", "owner")
    assert count(AuditEvent, AuditEvent.object_type == "match") == 3


def test_complete_rates_the_selected_partners_only(cast, shortlist):
    app, ids = shortlist
    fire_as(cast, app, "select_partners", "owner", payload={"match_ids": [ids["accepted"]]})
    fire_as(cast, app, "start_implementation", "owner")
    fire_as(cast, app, "complete", "reviewer", payload={"rating": 5})
    db.session.expire_all()
    ratings = {k: db.session.get(Match, i).outcome_rating for k, i in ids.items()}
    assert ratings == {
        "accepted": 5,
        "accepted_too": None,
        "proposed": None,
        "declined": None,
        "retracted": None,
    }


def test_complete_without_a_rating_rates_nobody(cast, application_in):
    app = application_in("implementing", match_state="selected")
    fire_as(cast, app, "complete", "reviewer", payload={})
    assert db.session.scalar(select(Match.outcome_rating)) is None


# -- all or nothing --------------------------------------------------------------------


class Boom(RuntimeError):
    pass


def boom(*_args, **_kw):
    raise Boom("failure after the state changed")


def assert_nothing_persisted(app_id, *, state, version=1):
    stored = fresh(Application, app_id)
    assert (
        stored.state,
        stored.version,
        count(AuditEvent),
        count(Notification),
        count(OutboxMessage),
    ) == (state, version, 0, 0, 0)


@pytest.mark.parametrize(
    ("target", "name"),
    [
        ("driver.transitions", "notify"),
        ("driver.transitions", "record"),
        ("driver.solution_finder.services.ApplicationBinding", "after"),
    ],
    ids=["notify", "record", "after"],
)
def test_a_failure_after_the_state_changed_rolls_everything_back(
    cast, application_in, monkeypatch, target, name
):
    app = application_in("submitted")
    monkeypatch.setattr(f"{target}.{name}", boom)
    with pytest.raises(Boom):
        fire_as(cast, app, "start_review", "reviewer")
    assert_nothing_persisted(app.id, state="submitted")


def test_a_failure_in_the_commit_rolls_everything_back(cast, application_in, monkeypatch):
    app = application_in("submitted")
    monkeypatch.setattr(db.session, "commit", boom)
    with pytest.raises(Boom):
        fire_as(cast, app, "start_review", "reviewer")
    monkeypatch.undo()
    assert_nothing_persisted(app.id, state="submitted")


def test_a_failure_leaves_no_assignee_behind(cast, application_in, monkeypatch):
    app = application_in("submitted")
    monkeypatch.setattr("driver.transitions.notify", boom)
    with pytest.raises(Boom):
        fire_as(cast, app, "start_review", "reviewer")
    assert fresh(Application, app.id).assignee_id is None


def test_a_failure_in_a_nested_match_transition_rolls_back_the_whole_selection(
    cast, shortlist, monkeypatch
):
    app, ids = shortlist
    real_notify = transitions.notify

    def fail_on_the_last_match(users, **kw):
        if kw["kind"] == "match.not_select":
            raise Boom("the second match could not be closed")
        return real_notify(users, **kw)

    monkeypatch.setattr("driver.transitions.notify", fail_on_the_last_match)
    with pytest.raises(Boom):
        fire_as(cast, app, "select_partners", "owner", payload={"match_ids": [ids["accepted"]]})
    assert (match_states(ids)["accepted"], count(AuditEvent)) == ("accepted", 0)


def test_the_session_is_usable_after_a_failure(cast, application_in, monkeypatch):
    app = application_in("submitted")
    monkeypatch.setattr("driver.transitions.notify", boom)
    with pytest.raises(Boom):
        fire_as(cast, app, "start_review", "reviewer")
    monkeypatch.undo()
    assert fire_as(cast, app, "start_review", "reviewer").obj.state == "in_review"


def test_a_refused_guard_leaves_the_session_clean(cast, application_in):
    app = application_in("draft", title="")
    with pytest.raises(Conflict):
        fire_as(cast, app, "submit", "owner")
    assert not (db.session.dirty or db.session.new)


# -- history and availability ----------------------------------------------------------


def test_history_is_oldest_first(cast, application_in):
    app = application_in("submitted")
    fire_as(cast, app, "start_review", "reviewer")
    fire_as(cast, app, "give_feedback", "reviewer")
    fire_as(cast, app, "open_matchmaking", "reviewer")
    assert [e.trigger for e in events_of(app)] == [
        "start_review",
        "give_feedback",
        "open_matchmaking",
    ]


@pytest.mark.parametrize(
    ("state", "actor", "triggers"),
    [
        ("draft", "owner", ["submit", "withdraw"]),
        ("submitted", "reviewer", ["start_review", "decline"]),
        ("submitted", "provider_user", []),
        ("declined", "reviewer", []),
        ("declined", "admin", ["reopen"]),
        ("partnered", "colleague", ["start_implementation"]),
    ],
)
def test_available_lists_what_the_actor_may_fire(cast, application_in, state, actor, triggers):
    app = application_in(state)
    listed = transitions.available(BINDING, app, cast.actor(actor))
    assert [t.trigger for t in listed] == triggers


# -- a draft withdrawn before it was sent ---------------------------------------------------


def test_withdrawing_a_draft_tells_nobody_at_wego(cast, application_in):
    app = application_in("draft", match_state=None, title="Our unsent idea")
    outcome = fire_as(cast, app, "withdraw", "owner")
    assert recipients(Notification, outcome.event.id, cast) == set()


def test_withdrawing_a_submitted_application_without_assignee_tells_the_reviewers(
    cast, application_in
):
    app = application_in("submitted", match_state=None)
    outcome = fire_as(cast, app, "withdraw", "owner")
    assert recipients(Notification, outcome.event.id, cast) == {"reviewer"}


def test_a_draft_withdrawn_unsent_cannot_be_reopened_into_review(cast, application_in):
    app = application_in("draft", match_state=None, title="")
    fire_as(cast, app, "withdraw", "owner")
    with pytest.raises(NotFound):
        fire_as(cast, app, "reopen", "admin")
