"""Proposing a match: who may, to whom, once; what it tells and records."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from driver import transitions
from driver.audit.models import AuditEvent
from driver.errors import Conflict, Forbidden, Invalid, NotFound
from driver.extensions import db
from driver.matchmaking import services
from driver.matchmaking.models import Match
from driver.notifications.models import Notification, OutboxMessage

from .support import count

# -- proposing a match ---------------------------------------------------------------------------


def propose(cast, app, who="reviewer", provider=None):
    provider_id = provider.id if provider is not None else cast.provider.id
    return services.propose_match(cast.actor(who), app.id, provider_id)


def test_a_reviewer_proposes_a_match(cast, in_matchmaking):
    match = propose(cast, in_matchmaking)
    db.session.expire_all()
    stored = db.session.get(Match, match.id)
    assert (
        stored.state,
        stored.application_id,
        stored.provider_id,
        stored.proposed_by_id,
        stored.version,
    ) == ("proposed", in_matchmaking.id, cast.provider.id, cast.reviewer.id, 1)


def test_a_proposed_match_keeps_the_providers_score(cast, in_matchmaking):
    match = propose(cast, in_matchmaking)
    [expected] = [
        s.score
        for s in services.suggestions(cast.reviewer, in_matchmaking.id)
        if s.offer.provider_id == cast.provider.id
    ]
    assert db.session.get(Match, match.id).score == expected


def test_proposing_writes_a_propose_audit_event(cast, in_matchmaking):
    match = propose(cast, in_matchmaking)
    [event] = transitions.history(services.BINDING, db.session.get(Match, match.id))
    assert (event.trigger, event.from_state, event.to_state, event.actor_id) == (
        "propose",
        None,
        "proposed",
        cast.reviewer.id,
    )


def test_proposing_notifies_the_provider(cast, in_matchmaking):
    propose(cast, in_matchmaking)
    notified = set(db.session.scalars(select(Notification.user_id)))
    assert cast.provider_user.id in notified


def test_proposing_emails_the_provider(cast, in_matchmaking):
    propose(cast, in_matchmaking)
    assert cast.provider_user.email in set(db.session.scalars(select(OutboxMessage.to_email)))


def test_proposing_tells_the_city(cast, in_matchmaking):
    propose(cast, in_matchmaking)
    notified = set(db.session.scalars(select(Notification.user_id)))
    assert {cast.owner.id, cast.colleague.id} <= notified


def test_proposing_does_not_notify_the_reviewer(cast, in_matchmaking):
    propose(cast, in_matchmaking)
    assert cast.reviewer.id not in set(db.session.scalars(select(Notification.user_id)))


@pytest.mark.parametrize(
    "state",
    [
        "submitted",
        "in_review",
        "awaiting_clarification",
        "feedback_given",
        "partnered",
        "implementing",
        "completed",
        "declined",
        "withdrawn",
    ],
)
def test_proposing_outside_matchmaking_is_a_conflict(cast, application_in, state):
    app = application_in(state, match_state=None)
    with pytest.raises(Conflict) as refused:
        propose(cast, app)
    assert refused.value.reasons == ["state"]


def test_proposing_on_a_draft_is_not_found(cast, application_in):
    with pytest.raises(NotFound):
        propose(cast, application_in("draft", match_state=None))


def test_proposing_a_city_is_invalid(cast, in_matchmaking):
    with pytest.raises(Invalid) as refused:
        propose(cast, in_matchmaking, provider=cast.city)
    assert list(refused.value.errors) == ["provider_id"]


def test_proposing_a_missing_member_is_invalid(cast, in_matchmaking):
    with pytest.raises(Invalid):
        services.propose_match(cast.reviewer, in_matchmaking.id, 999_999)


def test_proposing_an_unverified_provider_is_a_conflict(cast, in_matchmaking, make_provider):
    unverified = make_provider(name="Unchecked", verified=False)
    with pytest.raises(Conflict) as refused:
        propose(cast, in_matchmaking, provider=unverified)
    assert refused.value.reasons == ["provider_verified"]


def test_proposing_a_provider_without_a_profile_is_a_conflict(cast, in_matchmaking, make_member):
    bare = make_member("institution", name="No Profile Institute")
    with pytest.raises(Conflict):
        propose(cast, in_matchmaking, provider=bare)


def test_proposing_the_same_provider_twice_is_a_conflict(cast, in_matchmaking):
    propose(cast, in_matchmaking)
    with pytest.raises(Conflict):
        propose(cast, in_matchmaking, who="admin")


def test_a_duplicate_proposal_writes_nothing(cast, in_matchmaking):
    propose(cast, in_matchmaking)
    with pytest.raises(Conflict):
        propose(cast, in_matchmaking, who="admin")
    assert (count(Match), count(AuditEvent)) == (1, 1)


@pytest.mark.parametrize(
    ("who", "refusal"),
    [
        ("owner", Forbidden),
        ("colleague", Forbidden),
        ("other_city", NotFound),
        ("provider_user", NotFound),
        ("reviewer_out", NotFound),
    ],
)
def test_only_reviewers_in_scope_propose(cast, in_matchmaking, who, refusal):
    with pytest.raises(refusal):
        propose(cast, in_matchmaking, who=who)


def test_a_refused_proposal_writes_nothing(cast, in_matchmaking):
    with pytest.raises(Forbidden):
        propose(cast, in_matchmaking, who="owner")
    assert (count(Match), count(AuditEvent), count(Notification)) == (0, 0, 0)


def test_a_proposal_makes_the_application_visible_to_the_provider(cast, in_matchmaking):
    propose(cast, in_matchmaking)
    from driver.solution_finder.services import BINDING as APPLICATION_BINDING

    assert APPLICATION_BINDING.get(cast.provider_user, in_matchmaking.id).id == in_matchmaking.id
