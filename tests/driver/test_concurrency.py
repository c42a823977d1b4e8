"""Races: several people fire the same trigger on one object at once; exactly one wins.

Each thread has its own app context, hence its own session and connection. A
barrier lines the threads up so that they fire together. On SQLite the write
transaction (BEGIN IMMEDIATE) queues them; on PostgreSQL the row lock (FOR
UPDATE) and the version compare-and-set do.
"""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from driver import transitions
from driver.audit.models import AuditEvent
from driver.auth.models import User
from driver.errors import Refusal
from driver.extensions import db
from driver.matchmaking import services as matchmaking
from driver.matchmaking.models import Match
from driver.solution_finder import services as solution_finder
from driver.solution_finder.models import Application

THREADS = 6
WON, CONFLICT = "won", 409


def race(app, binding, obj_id, trigger, user_ids, **kw):
    """Fire ``trigger`` on ``obj_id`` from one thread per user id, all at once; the outcomes."""
    db.session.rollback()  # SQLite: the test's own session must not hold the write lock
    barrier = threading.Barrier(len(user_ids), timeout=30)
    outcomes: list[object] = [None] * len(user_ids)

    def run(i: int, user_id: int) -> None:
        with app.app_context():
            try:
                actor = db.session.get(User, user_id)
                db.session.commit()  # end the read, so no thread waits on another at the barrier
                barrier.wait()
                transitions.fire(binding, obj_id, trigger, actor, **kw)
                outcomes[i] = WON
            except Refusal as refusal:
                outcomes[i] = refusal.status
            except BaseException as exc:
                outcomes[i] = repr(exc)

    threads = [threading.Thread(target=run, args=(i, u)) for i, u in enumerate(user_ids)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "a thread is stuck"
    db.session.expire_all()
    return sorted(outcomes, key=str)


def one_winner(n):
    return sorted([WON] + [CONFLICT] * (n - 1), key=str)


def events(object_type, object_id):
    stmt = select(func.count(AuditEvent.id)).where(
        AuditEvent.object_type == object_type, AuditEvent.object_id == object_id
    )
    return db.session.scalar(stmt)


@pytest.fixture
def reviewers(make_user):
    return [make_user("reviewer").id for _ in range(THREADS)]


@pytest.fixture
def submitted(cast, application_in):
    return application_in("submitted", match_state=None).id


# -- start_review ----------------------------------------------------------------------


def test_start_review_by_many_reviewers_has_exactly_one_winner(app, reviewers, submitted):
    outcomes = race(app, solution_finder.BINDING, submitted, "start_review", reviewers)
    assert outcomes == one_winner(THREADS)


def test_start_review_race_writes_one_audit_event(app, reviewers, submitted):
    race(app, solution_finder.BINDING, submitted, "start_review", reviewers)
    assert events("application", submitted) == 1


def test_start_review_race_moves_the_version_once(app, reviewers, submitted):
    race(app, solution_finder.BINDING, submitted, "start_review", reviewers)
    assert db.session.get(Application, submitted).version == 2


def test_start_review_race_assigns_the_winner(app, reviewers, submitted):
    race(app, solution_finder.BINDING, submitted, "start_review", reviewers)
    stored = db.session.get(Application, submitted)
    [event] = transitions.history(solution_finder.BINDING, stored)
    assert stored.assignee_id == event.actor_id


def test_start_review_by_the_same_reviewer_twice_at_once_has_one_winner(app, cast, submitted):
    outcomes = race(
        app, solution_finder.BINDING, submitted, "start_review", [cast.reviewer.id] * THREADS
    )
    assert (outcomes, events("application", submitted)) == (one_winner(THREADS), 1)


def test_start_review_race_notifies_once(app, cast, reviewers, submitted):
    from driver.notifications.models import Notification

    race(app, solution_finder.BINDING, submitted, "start_review", reviewers)
    notices = db.session.scalar(
        select(func.count(Notification.id)).where(Notification.user_id == cast.owner.id)
    )
    assert notices == 1


# -- submit by two colleagues ----------------------------------------------------------


def test_submit_by_two_colleagues_has_one_winner(app, cast, application_in):
    draft = application_in("draft", match_state=None).id
    outcomes = race(
        app, solution_finder.BINDING, draft, "submit", [cast.owner.id, cast.colleague.id]
    )
    stored = db.session.get(Application, draft)
    assert (outcomes, stored.version, events("application", draft)) == (one_winner(2), 2, 1)


# -- accept by two users of the offered provider ---------------------------------------


def test_accept_by_two_provider_users_has_one_winner(app, cast, application_in, make_user):
    application = application_in("matchmaking", match_state="proposed")
    match_id = db.session.scalar(select(Match.id).where(Match.application_id == application.id))
    second = make_user("provider", member=cast.provider)
    outcomes = race(
        app, matchmaking.BINDING, match_id, "accept", [cast.provider_user.id, second.id]
    )
    stored = db.session.get(Match, match_id)
    assert (outcomes, stored.state, stored.version, events("match", match_id)) == (
        one_winner(2),
        "accepted",
        2,
        1,
    )


# -- the compare-and-set alone -----------------------------------------------------------


def test_without_the_row_lock_the_version_still_lets_one_win(
    app, reviewers, submitted, monkeypatch
):
    """Even if the load did not lock the row, the versioned UPDATE refuses the losers."""
    unlocked = solution_finder.BINDING.get

    def get_without_lock(actor, obj_id, *, lock=False):
        return unlocked(actor, obj_id, lock=False)

    monkeypatch.setattr(solution_finder.BINDING, "get", get_without_lock)
    outcomes = race(app, solution_finder.BINDING, submitted, "start_review", reviewers)
    assert (outcomes, events("application", submitted)) == (one_winner(THREADS), 1)


def two_copies(app_id):
    """The same row loaded by two sessions, each read in its own (finished) transaction."""
    db.session.rollback()
    first = Session(db.engine, expire_on_commit=False)
    second = Session(db.engine, expire_on_commit=False)
    a = first.get(Application, app_id)
    first.commit()
    b = second.get(Application, app_id)
    second.commit()
    return (first, a), (second, b)


def test_the_second_of_two_writers_of_the_same_version_is_stale(make_user, make_application):
    app_id = make_application(make_user("city"), state="submitted").id
    (first, a), (second, b) = two_copies(app_id)
    try:
        a.title = "First"
        first.commit()
        b.title = "Second"
        with pytest.raises(StaleDataError):
            second.flush()
    finally:
        second.rollback()
        first.close()
        second.close()


def test_the_stale_write_changes_nothing(make_user, make_application):
    app_id = make_application(make_user("city"), state="submitted").id
    (first, a), (second, b) = two_copies(app_id)
    try:
        a.title = "First"
        first.commit()
        b.title = "Second"
        with pytest.raises(StaleDataError):
            second.commit()
    finally:
        second.rollback()
        first.close()
        second.close()
    db.session.expire_all()
    stored = db.session.get(Application, app_id)
    assert (stored.title, stored.version) == ("First", 2)


def test_each_write_bumps_the_version(make_user, make_application):
    app = make_application(make_user("city"), state="draft")
    app.title = "Again"
    db.session.commit()
    app.title = "And again"
    db.session.commit()
    assert app.version == 3


def test_fire_answers_a_stale_write_with_a_conflict(cast, submitted, monkeypatch):
    """fire loaded version 1; by its write, another session has committed version 2."""
    (first, theirs), (_unused, mine) = two_copies(submitted)
    _unused.close()
    theirs.title = "Changed by someone else"
    first.commit()
    first.close()

    def stale_get(actor, obj_id, *, lock=False):
        db.session.add(mine)  # what this session read before the other committed
        return mine

    monkeypatch.setattr(solution_finder.BINDING, "get", stale_get)
    with pytest.raises(Refusal) as refused:
        transitions.fire(solution_finder.BINDING, submitted, "start_review", cast.reviewer)
    assert (refused.value.status, events("application", submitted)) == (409, 0)


# -- races across objects -----------------------------------------------------------------


def together(app, *jobs):
    """Run each ``(user_id, call)`` in its own thread, all at once; the outcomes in order."""
    db.session.rollback()
    barrier = threading.Barrier(len(jobs), timeout=30)
    outcomes: list[object] = [None] * len(jobs)

    def run(i, user_id, call):
        with app.app_context():
            try:
                actor = db.session.get(User, user_id)
                db.session.commit()
                barrier.wait()
                call(actor)
                outcomes[i] = WON
            except Refusal as refusal:
                outcomes[i] = refusal.status
            except BaseException as exc:
                outcomes[i] = repr(exc)

    threads = [
        threading.Thread(target=run, args=(i, user_id, call))
        for i, (user_id, call) in enumerate(jobs)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "a thread is stuck"
    db.session.expire_all()
    return outcomes


def open_matches(app_id):
    stmt = select(Match.state).where(
        Match.application_id == app_id, Match.state.in_(["proposed", "accepted"])
    )
    return list(db.session.scalars(stmt))


def test_withdraw_and_accept_at_once_never_leave_an_open_match_behind(app, cast, application_in):
    app_id = application_in("matchmaking", match_state="proposed").id
    match_id = db.session.scalar(select(Match.id).where(Match.application_id == app_id))
    outcomes = together(
        app,
        (
            cast.owner.id,
            lambda actor: transitions.fire(solution_finder.BINDING, app_id, "withdraw", actor),
        ),
        (
            cast.provider_user.id,
            lambda actor: transitions.fire(matchmaking.BINDING, match_id, "accept", actor),
        ),
    )
    state = db.session.get(Application, app_id).state
    assert all(o in (WON, CONFLICT) for o in outcomes), outcomes
    assert (state == "withdrawn") == (outcomes[0] == WON)
    assert state != "withdrawn" or open_matches(app_id) == []


def test_select_partners_and_a_second_accept_at_once_leave_no_open_match(
    app, cast, application_in, make_provider, make_user, make_match
):
    application = application_in("matchmaking", match_state="accepted")
    app_id = application.id
    chosen = db.session.scalar(select(Match.id).where(Match.application_id == app_id))
    late = make_provider(name="Late Answer")
    late_user_id = make_user("provider", member=late).id
    late_match = make_match(application, late, state="proposed").id
    owner_id = cast.owner.id
    outcomes = together(
        app,
        (
            owner_id,
            lambda actor: transitions.fire(
                solution_finder.BINDING,
                app_id,
                "select_partners",
                actor,
                payload={"match_ids": [chosen]},
            ),
        ),
        (
            late_user_id,
            lambda actor: transitions.fire(matchmaking.BINDING, late_match, "accept", actor),
        ),
    )
    state = db.session.get(Application, app_id).state
    assert all(o in (WON, CONFLICT) for o in outcomes), outcomes
    assert state != "partnered" or open_matches(app_id) == []


def test_two_reviewers_proposing_the_same_provider_at_once_make_one_match(
    app, cast, application_in, make_user
):
    app_id = application_in("matchmaking", match_state=None).id
    provider_id = cast.provider.id
    second = make_user("reviewer")

    def propose(actor):
        matchmaking.propose_match(actor, app_id, provider_id)

    outcomes = together(app, (cast.reviewer.id, propose), (second.id, propose))
    assert (sorted(outcomes, key=str), events("match", _only_match(app_id))) == (
        one_winner(2),
        1,
    )


def _only_match(app_id):
    [match_id] = db.session.scalars(select(Match.id).where(Match.application_id == app_id))
    return match_id
