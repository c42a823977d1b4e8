"""The matchmaking score (DESIGN §6) on constructed cases: each term, the total, the ranking."""

from __future__ import annotations

from dataclasses import replace

import pytest

from driver.matchmaking import scoring
from driver.matchmaking.scoring import Need, Offer

WEIGHTS = {
    "areas": 0.35,
    "stage": 0.15,
    "geography": 0.15,
    "budget": 0.15,
    "language": 0.10,
    "track_record": 0.10,
}

NEED = Need(
    areas=frozenset({"water-management", "disaster-risk-management", "education"}),
    country="Kenya",
    region="Africa",
    languages=frozenset({"en", "sw"}),
    budget_usd=200_000,
    stage=2,
)

OFFER = Offer(
    provider_id=1,
    name="Aqua Sensing",
    areas=frozenset({"water-management"}),
    countries=frozenset({"Germany"}),
    regions=frozenset({"Europe"}),
    languages=frozenset({"de"}),
    remote_capable=False,
    stage_min=1,
    stage_max=5,
)


def offer(**kw):
    return replace(OFFER, **kw)


def need(**kw):
    return replace(NEED, **kw)


# -- each term ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("areas", "fit"),
    [
        ({"water-management"}, 1 / 3),
        ({"water-management", "education"}, 2 / 3),
        ({"water-management", "education", "disaster-risk-management", "tourism"}, 1.0),
        ({"tourism"}, 0.0),
    ],
)
def test_area_fit_is_the_fraction_of_the_applications_areas_covered(areas, fit):
    assert scoring.area_fit(NEED, offer(areas=frozenset(areas)))[0] == pytest.approx(fit)


def test_area_fit_of_an_application_without_areas_is_zero():
    assert scoring.area_fit(need(areas=frozenset()), OFFER)[0] == 0.0


@pytest.mark.parametrize(
    ("stage", "low", "high", "fit"),
    [
        (2, 1, 5, 1.0),
        (2, 2, 2, 1.0),
        (1, 2, 4, 0.5),  # one stage below the range
        (5, 2, 4, 0.5),  # one stage above
        (1, 3, 5, 0.0),  # two stages away
        (5, 1, 2, 0.0),  # three stages away: never negative
        (None, 2, 4, 0.5),  # unknown stage: neutral
    ],
)
def test_stage_fit_inside_and_outside_the_range(stage, low, high, fit):
    result = scoring.stage_fit(need(stage=stage), offer(stage_min=low, stage_max=high))
    assert result[0] == fit


@pytest.mark.parametrize(
    ("changes", "fit"),
    [
        ({"countries": frozenset({"Kenya"})}, 1.0),
        ({"countries": frozenset({"kenya"})}, 1.0),  # case does not matter
        ({"countries": frozenset({"Kenya"}), "regions": frozenset({"Africa"})}, 1.0),
        ({"regions": frozenset({"Africa"})}, 0.7),
        ({"regions": frozenset({"Africa"}), "remote_capable": True}, 0.7),
        ({"remote_capable": True}, 0.3),
        ({}, 0.0),
    ],
    ids=["country", "country-case", "country-wins", "region", "region-wins", "remote", "none"],
)
def test_geography_fit(changes, fit):
    assert scoring.geography_fit(NEED, offer(**changes))[0] == fit


@pytest.mark.parametrize(
    ("budget", "low", "high", "fit"),
    [
        (200_000, 100_000, 400_000, 1.0),  # inside
        (100_000, 100_000, 400_000, 1.0),  # on the lower edge
        (400_000, 100_000, 400_000, 1.0),  # on the upper edge
        (50_000, 100_000, 400_000, 0.5),  # below: budget / lowest
        (800_000, 100_000, 400_000, 0.5),  # above: highest / budget
        (800_000, 100_000, None, 1.0),  # no upper bound
        (10_000, None, 400_000, 1.0),  # no lower bound
        (None, 100_000, 400_000, 0.5),  # unknown budget: neutral
        (200_000, None, None, 0.5),  # provider gave no range: neutral
    ],
)
def test_budget_fit(budget, low, high, fit):
    result = scoring.budget_fit(
        need(budget_usd=budget), offer(budget_min_usd=low, budget_max_usd=high)
    )
    assert result[0] == pytest.approx(fit)


@pytest.mark.parametrize(
    ("need_languages", "offer_languages", "fit"),
    [
        ({"en", "sw"}, {"sw"}, 1.0),
        ({"en"}, {"en", "fr"}, 1.0),
        ({"en", "sw"}, {"fr"}, 0.0),
        ({"en"}, set(), 0.0),
        (set(), {"fr"}, 0.5),  # the application names no language: neutral
    ],
    ids=["shared", "shared-one", "none-shared", "provider-none", "unknown"],
)
def test_language_fit(need_languages, offer_languages, fit):
    result = scoring.language_fit(
        need(languages=frozenset(need_languages)), offer(languages=frozenset(offer_languages))
    )
    assert result[0] == fit


def track(ratings):
    return scoring.track_record_fit(
        NEED, offer(ratings_sum=float(sum(ratings)), ratings_count=len(ratings))
    )[0]


def test_a_newcomer_has_a_neutral_track_record():
    assert track([]) == 0.5


def test_a_single_top_rating_raises_the_track_record():
    assert track([5]) > track([])


def test_a_single_top_rating_does_not_make_a_perfect_track_record():
    # One finished project counts for no more than the prior: at most halfway to perfect.
    assert track([5]) - track([]) <= (1.0 - track([])) / 2


def test_a_single_bottom_rating_lowers_the_track_record_but_not_to_zero():
    assert 0.0 < track([1]) < track([])


def test_more_top_ratings_weigh_more_than_one():
    assert track([5, 5, 5, 5]) > track([5])


def test_many_top_ratings_approach_a_perfect_track_record():
    assert track([5] * 100) == pytest.approx(1.0, abs=0.01)


def test_track_record_of_a_rating_at_the_prior_stays_neutral():
    assert track([3, 3, 3]) == pytest.approx(0.5)


def test_track_record_is_the_bayesian_mean_on_a_0_to_1_scale():
    # (3 x 2 + 5) / (2 + 1) = 11/3 on 1-5, i.e. (11/3 - 1) / 4 on 0-1.
    assert track([5]) == pytest.approx((11 / 3 - 1) / 4)


@pytest.mark.parametrize("term", sorted(scoring.TERMS))
def test_each_term_says_why(term):
    _fit, why = scoring.TERMS[term](NEED, OFFER)
    assert why.strip()


# -- the total ----------------------------------------------------------------------------

CASES = [
    pytest.param(NEED, OFFER, id="plain"),
    pytest.param(
        NEED,
        offer(
            areas=frozenset({"water-management", "education"}),
            countries=frozenset({"Kenya"}),
            languages=frozenset({"sw"}),
            budget_min_usd=100_000,
            budget_max_usd=300_000,
            ratings_sum=9.0,
            ratings_count=2,
        ),
        id="good",
    ),
    pytest.param(
        need(stage=None, budget_usd=None, languages=frozenset()),
        offer(remote_capable=True, ratings_sum=4.0, ratings_count=1),
        id="unknowns",
    ),
    pytest.param(
        need(areas=frozenset({"a", "b", "c"})),
        offer(areas=frozenset({"a", "b"}), ratings_sum=4.0, ratings_count=1),
        id="thirds-and-rounding",
    ),
]


@pytest.mark.parametrize(("the_need", "the_offer"), CASES)
def test_each_part_is_weight_times_fit_on_the_100_scale(the_need, the_offer):
    result = scoring.score(the_need, the_offer, WEIGHTS)
    assert [p.points for p in result.parts] == [
        round(100 * WEIGHTS[p.term] * p.fit, 1) for p in result.parts
    ]


@pytest.mark.parametrize(("the_need", "the_offer"), CASES)
def test_the_total_is_the_sum_of_the_parts_shown(the_need, the_offer):
    result = scoring.score(the_need, the_offer, WEIGHTS)
    assert result.score == round(sum(p.points for p in result.parts), 1)


def test_parts_come_in_the_order_of_the_design_with_labels():
    result = scoring.score(NEED, OFFER, WEIGHTS)
    assert [(p.term, p.label, p.weight) for p in result.parts] == [
        ("areas", "Area coverage", 0.35),
        ("stage", "Stage fit", 0.15),
        ("geography", "Geography", 0.15),
        ("budget", "Budget fit", 0.15),
        ("language", "Shared language", 0.10),
        ("track_record", "Track record", 0.10),
    ]


def test_a_known_case_scores_as_computed_by_hand():
    # areas 1/3, stage 1, geography 0, budget 0.5 (no range), language 0, track 0.5
    result = scoring.score(NEED, OFFER, WEIGHTS)
    assert result.score == pytest.approx(11.7 + 15 + 0 + 7.5 + 0 + 5)


def test_a_perfect_match_without_a_track_record_weight_scores_100():
    weights = {**WEIGHTS, "areas": 0.45, "track_record": 0.0}
    perfect = offer(
        areas=NEED.areas,
        countries=frozenset({"Kenya"}),
        languages=frozenset({"en"}),
        budget_min_usd=100_000,
        budget_max_usd=300_000,
    )
    assert scoring.score(NEED, perfect, weights).score == 100.0


def test_the_weights_decide_the_score():
    only_geography = dict.fromkeys(WEIGHTS, 0.0) | {"geography": 1.0}
    remote = offer(remote_capable=True)
    assert scoring.score(NEED, remote, only_geography).score == 30.0


def test_a_missing_weight_is_an_error():
    with pytest.raises(KeyError):
        scoring.score(NEED, OFFER, {"areas": 1.0})


# -- hard filters and ranking -------------------------------------------------------------------


def test_an_offer_without_a_shared_area_fails_the_hard_filter():
    assert not scoring.passes_hard_filters(NEED, offer(areas=frozenset({"tourism"})))


def test_an_offer_with_one_shared_area_passes_the_hard_filter():
    assert scoring.passes_hard_filters(NEED, offer(areas=frozenset({"education", "tourism"})))


def ranked(offers, the_need=NEED):
    return [(s.offer.provider_id) for s in scoring.rank(the_need, offers, WEIGHTS)]


def test_rank_leaves_out_offers_without_a_shared_area():
    offers = [offer(provider_id=1), offer(provider_id=2, areas=frozenset({"tourism"}))]
    assert ranked(offers) == [1]


def test_rank_puts_the_best_score_first():
    offers = [
        offer(provider_id=1),
        offer(provider_id=2, countries=frozenset({"Kenya"})),
        offer(provider_id=3, regions=frozenset({"Africa"})),
    ]
    assert ranked(offers) == [2, 3, 1]


def test_rank_breaks_ties_by_name_regardless_of_case():
    offers = [
        offer(provider_id=1, name="zeta"),
        offer(provider_id=2, name="Alpha"),
        offer(provider_id=3, name="beta"),
    ]
    assert ranked(offers) == [2, 3, 1]


def test_rank_breaks_ties_of_name_by_id():
    offers = [offer(provider_id=9, name="Same"), offer(provider_id=4, name="Same")]
    assert ranked(offers) == [4, 9]


def test_rank_of_nothing_is_empty():
    assert ranked([]) == []
