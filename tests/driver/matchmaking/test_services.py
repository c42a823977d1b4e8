"""Matchmaking services: suggestions, proposing a match, the match workflow, a provider's offers."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from driver import transitions
from driver.audit.models import AuditEvent
from driver.errors import Conflict, Forbidden, Invalid, NotFound
from driver.extensions import db
from driver.matchmaking import scoring, services
from driver.matchmaking.models import Match
from driver.notifications.models import Notification, OutboxMessage
from driver.solution_finder.models import Application
from workflows.match import MATCH


def count(model, *where):
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


@pytest.fixture
def in_matchmaking(application_in):
    """An application of the cast's city in matchmaking, with no match yet."""
    return application_in(
        "matchmaking",
        match_state=None,
        areas=("water-management", "education"),
        budget_usd=200_000,
        city_stage=2,
    )


# -- suggestions ----------------------------------------------------------------------------


@pytest.fixture
def candidates(cast, make_provider):
    """Providers around the cast's city (Suwon, Korea, Asia-Pacific)."""
    return {
        "same_country": make_provider(
            name="Han River Labs", country="Korea", region="Asia-Pacific"
        ),
        "same_region": make_provider(name="Tokyo Flow", country="Japan", region="Asia-Pacific"),
        "remote": make_provider(name="Remote Co", remote_capable=True),
        "far": make_provider(name="Far Away"),
        "unverified": make_provider(name="Unchecked", country="Korea", verified=False),
        "other_areas": make_provider(name="Tourism Inc", country="Korea", areas=("tourism",)),
    }


def names(suggestions):
    return [s.offer.name for s in suggestions]


def test_suggestions_rank_verified_providers_covering_an_area(cast, in_matchmaking, candidates):
    ranked = services.suggestions(cast.reviewer, in_matchmaking.id)
    assert names(ranked)[:4] == ["Han River Labs", "Tokyo Flow", "Remote Co", "Aqua Sensing"]


def test_suggestions_leave_out_unverified_providers(cast, in_matchmaking, candidates):
    assert "Unchecked" not in names(services.suggestions(cast.reviewer, in_matchmaking.id))


def test_suggestions_leave_out_providers_without_a_shared_area(cast, in_matchmaking, candidates):
    assert "Tourism Inc" not in names(services.suggestions(cast.reviewer, in_matchmaking.id))


def test_suggestions_are_best_first(cast, in_matchmaking, candidates):
    scores = [s.score for s in services.suggestions(cast.reviewer, in_matchmaking.id)]
    assert scores == sorted(scores, reverse=True)


def test_suggestions_show_each_terms_contribution(cast, in_matchmaking, candidates):
    best = services.suggestions(cast.reviewer, in_matchmaking.id)[0]
    assert {p.term: p.fit for p in best.parts}["geography"] == 1.0


def test_suggestions_respect_the_limit(cast, in_matchmaking, candidates):
    assert len(services.suggestions(cast.reviewer, in_matchmaking.id, limit=2)) == 2


def test_suggestions_use_the_configured_weights(app, cast, in_matchmaking, candidates, monkeypatch):
    only_geography = dict.fromkeys(app.config["MATCH_WEIGHTS"], 0.0) | {"geography": 1.0}
    monkeypatch.setitem(app.config, "MATCH_WEIGHTS", only_geography)
    ranked = services.suggestions(cast.reviewer, in_matchmaking.id)
    assert [(s.offer.name, s.score) for s in ranked] == [
        ("Han River Labs", 100.0),
        ("Tokyo Flow", 70.0),
        ("Remote Co", 30.0),
        ("Aqua Sensing", 0.0),  # ties by name
        ("Elsewhere Ltd", 0.0),
        ("Far Away", 0.0),
    ]


def test_suggestions_count_the_providers_past_ratings(
    app, cast, in_matchmaking, candidates, make_application, make_match, monkeypatch
):
    only_track = dict.fromkeys(app.config["MATCH_WEIGHTS"], 0.0) | {"track_record": 1.0}
    monkeypatch.setitem(app.config, "MATCH_WEIGHTS", only_track)
    for rating in (5, 5):
        done = make_application(cast.owner, state="completed")
        match = make_match(done, candidates["far"], state="selected")
        match.outcome_rating = rating
    db.session.commit()
    best = services.suggestions(cast.reviewer, in_matchmaking.id)[0]
    # (3 x 2 + 10) / (2 + 2) = 4.0 on 1-5: 0.75, i.e. 75 points.
    assert (best.offer.name, best.offer.ratings_count, best.score) == ("Far Away", 2, 75.0)


@pytest.mark.parametrize(
    ("who", "refusal"),
    [
        ("owner", Forbidden),
        ("provider_user", NotFound),  # no match on it yet
        ("other_city", NotFound),
        ("reviewer_out", NotFound),
    ],
)
def test_only_reviewers_in_scope_see_suggestions(cast, in_matchmaking, who, refusal):
    with pytest.raises(refusal):
        services.suggestions(cast.actor(who), in_matchmaking.id)


def test_admin_sees_suggestions(cast, in_matchmaking, candidates):
    assert services.suggestions(cast.admin, in_matchmaking.id)


def test_need_of_falls_back_to_the_citys_languages(cast, in_matchmaking):
    cast.city.languages = ["ko"]
    in_matchmaking.languages = []
    db.session.commit()
    assert services.need_of(in_matchmaking).languages == frozenset({"ko"})


def test_need_of_reads_the_application_and_its_city(cast, in_matchmaking):
    assert services.need_of(in_matchmaking) == scoring.Need(
        areas=frozenset({"water-management", "education"}),
        country="Korea",
        region="Asia-Pacific",
        languages=frozenset({"en"}),
        budget_usd=200_000,
        stage=2,
    )


def test_offers_for_no_area_is_empty(cast):
    assert services.offers_for([]) == []


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


# -- lists -----------------------------------------------------------------------------------------


@pytest.fixture
def offers(cast, application_in, make_provider, make_match):
    """The cast's provider's matches in every state, and one match of someone else."""
    mine = {}
    for state in sorted(MATCH.states):
        app = application_in("matchmaking", match_state=None, title=f"App {state}")
        mine[state] = make_match(app, cast.provider, state=state).id
    others = make_provider(name="Someone Else")
    make_match(db.session.get(Application, app.id), others, state="proposed")
    return mine


def test_matches_in_scope_of_a_provider_are_its_own(cast, offers):
    found = services.matches_in_scope(cast.provider_user)
    assert {m.id for m in found} == set(offers.values())


def test_open_offers_of_a_provider_are_proposed_or_accepted(cast, offers):
    found = services.open_offers(cast.provider_user)
    assert {m.id for m in found} == {offers["proposed"], offers["accepted"]}


def test_matches_in_scope_filter_by_state(cast, offers):
    found = services.matches_in_scope(cast.provider_user, states=["declined"])
    assert [m.id for m in found] == [offers["declined"]]


def test_matches_in_scope_are_newest_first(cast, offers):
    ids = [m.id for m in services.matches_in_scope(cast.reviewer)]
    assert ids == sorted(ids, reverse=True)


def test_matches_in_scope_of_a_city_leave_out_retracted(cast, offers):
    found = {m.state for m in services.matches_in_scope(cast.owner)}
    assert "retracted" not in found and "accepted" in found


def test_matches_in_scope_by_application(cast, offers):
    app_id = db.session.get(Match, offers["accepted"]).application_id
    found = services.matches_in_scope(cast.reviewer, application_id=app_id)
    assert [m.id for m in found] == [offers["accepted"]]
