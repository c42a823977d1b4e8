"""The match workflow through transitions.fire: who may accept, decline, retract."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from driver import transitions
from driver.audit.models import AuditEvent
from driver.errors import Conflict, Forbidden, Invalid, NotFound
from driver.extensions import db
from driver.matchmaking import services
from driver.matchmaking.models import Match
from driver.notifications.models import Notification
from driver.solution_finder.models import Application
from workflows.match import MATCH

from .support import count

# -- the match workflow through transitions.fire --------------------------------------------------

OK = "ok"
F, N = Forbidden, NotFound
ACTORS = (
    "owner",
    "other_city",
    "provider_user",
    "provider_colleague",
    "stranger_provider",
    "reviewer",
    "reviewer_out",
    "admin",
)
SOURCE = {
    "accept": "proposed",
    "decline": "proposed",
    "retract": "proposed",
    "select": "accepted",
    "not_select": "accepted",
}
MATRIX = {
    #              owner other provider colleague stranger reviewer out admin
    "accept": (F, N, OK, OK, N, F, N, F),
    "decline": (F, N, OK, OK, N, F, N, F),
    "retract": (F, N, F, F, N, OK, N, OK),
    # only the application's select_partners moves a match to (not_)selected
    "select": (F, N, F, F, N, F, N, F),
    "not_select": (F, N, F, F, N, F, N, F),
}


@pytest.fixture
def offered(cast, in_matchmaking, make_match, make_user):
    """``offered(state)``: the cast's provider's match on the application, in ``state``."""
    make_user("provider", member=cast.provider, name="Provider colleague")

    def make(state="proposed"):
        return make_match(in_matchmaking, cast.provider, state=state)

    return make


def actor(cast, name):
    if name == "provider_colleague":
        return db.session.scalar(
            select(type(cast.owner)).where(type(cast.owner).name == "Provider colleague")
        )
    return cast.actor(name)


def fire(cast, match, trigger, who, **kw):
    kw.setdefault("comment", "Because.")
    return transitions.fire(services.BINDING, match.id, trigger, actor(cast, who), **kw)


@pytest.mark.parametrize(
    ("trigger", "who", "expected"),
    [
        pytest.param(t, a, e, id=f"{t}-{a}")
        for t, row in MATRIX.items()
        for a, e in zip(ACTORS, row, strict=True)
    ],
)
def test_who_may_fire_what_on_a_match(cast, offered, trigger, who, expected):
    match = offered(SOURCE[trigger])
    if expected is OK:
        assert fire(cast, match, trigger, who).obj.state == MATCH.transition(trigger).dest
    else:
        with pytest.raises(expected):
            fire(cast, match, trigger, who)


@pytest.mark.parametrize(
    ("trigger", "state"),
    [
        pytest.param(t, s, id=f"{t}-from-{s}")
        for t, tr in MATCH.transitions.items()
        for s in MATCH.states
        if s not in tr.sources and t in {"accept", "decline", "retract"}
    ],
)
def test_a_match_trigger_from_a_wrong_state_is_a_conflict(cast, offered, trigger, state):
    match = offered(state)
    who = "admin" if trigger == "retract" else "provider_user"
    with pytest.raises(Conflict):
        fire(cast, match, trigger, who)


def test_accepting_after_the_application_left_matchmaking_is_a_conflict(
    cast, offered, in_matchmaking
):
    match = offered()
    in_matchmaking.state = "withdrawn"
    db.session.commit()
    with pytest.raises(Conflict) as refused:
        fire(cast, match, "accept", "provider_user")
    assert refused.value.reasons == ["application_in_matchmaking"]


def test_declining_stores_the_reason(cast, offered):
    match = offered()
    fire(cast, match, "decline", "provider_user", comment="No team free this year.")
    db.session.expire_all()
    assert db.session.get(Match, match.id).decline_reason == "No team free this year."


def test_declining_without_a_reason_is_invalid(cast, offered):
    with pytest.raises(Invalid):
        fire(cast, offered(), "decline", "provider_user", comment=" ")


def test_retracting_without_a_reason_is_allowed(cast, offered):
    assert fire(cast, offered(), "retract", "reviewer", comment="").obj.state == "retracted"


def recipients_of(outcome):
    return set(
        db.session.scalars(
            select(Notification.user_id).where(Notification.event_id == outcome.event.id)
        )
    )


def test_accepting_tells_the_city_and_the_assignee(cast, offered):
    outcome = fire(cast, offered(), "accept", "provider_user")
    assert recipients_of(outcome) == {cast.owner.id, cast.colleague.id, cast.reviewer.id}


def test_declining_tells_the_assignee(cast, offered):
    outcome = fire(cast, offered(), "decline", "provider_user")
    assert recipients_of(outcome) == {cast.reviewer.id}


def test_retracting_tells_the_providers_users(cast, offered):
    match = offered()
    colleague = actor(cast, "provider_colleague")
    outcome = fire(cast, match, "retract", "reviewer")
    assert recipients_of(outcome) == {cast.provider_user.id, colleague.id}


def test_a_retracted_match_disappears_for_the_city(cast, offered):
    match = offered()
    fire(cast, match, "retract", "reviewer")
    with pytest.raises(NotFound):
        services.BINDING.get(cast.owner, match.id)


def test_accepting_moves_the_version_and_writes_an_event(cast, offered):
    match = offered()
    fire(cast, match, "accept", "provider_user")
    db.session.expire_all()
    stored = db.session.get(Match, match.id)
    assert (stored.version, count(AuditEvent, AuditEvent.object_type == "match")) == (2, 1)


def test_accepting_does_not_move_the_application(cast, offered, in_matchmaking):
    fire(cast, offered(), "accept", "provider_user")
    db.session.expire_all()
    stored = db.session.get(Application, in_matchmaking.id)
    assert (stored.state, stored.version) == ("matchmaking", 1)
