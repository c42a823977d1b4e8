"""All or nothing: a failure anywhere in a transition rolls every change back."""

from __future__ import annotations

import pytest

from driver import transitions
from driver.audit.models import AuditEvent
from driver.errors import Conflict, NotFound
from driver.extensions import db
from driver.notifications.models import Notification, OutboxMessage
from driver.solution_finder.models import Application
from driver.solution_finder.services import BINDING

from .support import (
    count,
    events_of,
    fire_as,
    fresh,
    match_states,
    recipients,
)

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
