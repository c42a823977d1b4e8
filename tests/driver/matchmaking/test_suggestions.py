"""Suggestions: verified providers covering the application's areas, ranked with reasons."""

from __future__ import annotations

import pytest

from driver.errors import Forbidden, NotFound
from driver.extensions import db
from driver.matchmaking import scoring, services

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
