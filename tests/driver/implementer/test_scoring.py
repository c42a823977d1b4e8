"""The rubric's weighted means and QCBS, on constructed numbers."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from driver.implementer.scoring import BidFacts, mean, qcbs, rank, spread, weighted_score

WEIGHTS = {1: 20, 2: 20, 3: 20, 4: 15, 5: 15, 6: 10}  # WeGO's default rubric


def test_weighted_score_weighs_each_criterion_by_its_share():
    scores = {1: 5, 2: 5, 3: 0, 4: 4, 5: 2, 6: 3}
    # (100 + 100 + 0 + 60 + 30 + 30) / 100
    assert weighted_score(scores, WEIGHTS) == F(320, 100)


def test_equal_scores_give_that_score_whatever_the_weights():
    assert weighted_score(dict.fromkeys(WEIGHTS, 3), WEIGHTS) == 3


def test_a_missing_criterion_makes_the_review_incomplete():
    assert weighted_score({1: 5, 2: 5}, WEIGHTS) is None


def test_a_criterion_of_weight_zero_need_not_be_scored():
    assert weighted_score({1: 4}, {1: 10, 2: 0}) == 4


def test_mean_and_spread_of_reviewers():
    values = [F(32, 10), F(41, 10), F(38, 10)]
    assert (mean(values), spread(values)) == (F(37, 10), F("0.9"))


def test_one_reviewer_has_no_spread():
    assert spread([F(4)]) == 0


def test_nobody_scored_gives_no_mean_and_no_spread():
    assert (mean([]), spread([])) == (None, None)


def test_ties_share_a_rank_and_the_next_rank_is_skipped():
    ranked = rank({10: F(3), 11: F(4), 12: F(3), 13: F(1), 14: None})
    assert [(r.key, r.rank, r.tied) for r in ranked] == [
        (11, 1, False),
        (10, 2, True),
        (12, 2, True),
        (13, 4, False),
        (14, None, False),
    ]


# -- QCBS -----------------------------------------------------------------------------------


def results(bids, weight=80):
    return {r.bid_id: r for r in qcbs(bids, weight)}


def test_qcbs_combines_quality_and_cost_as_the_design_says():
    # A: 0.8 × 85 + 0.2 × 100 × 80k/100k = 68 + 16 = 84; B: 0.8 × 70 + 0.2 × 100 = 76.
    out = results([BidFacts(1, 100_000, (80, 90)), BidFacts(2, 80_000, (70,))])
    assert [(r.bid_id, r.combined, r.rank) for r in out.values()] == [(1, 84, 1), (2, 76, 2)]


def test_the_lowest_price_gets_the_full_cost_score():
    out = results([BidFacts(1, 100_000, (50,)), BidFacts(2, 80_000, (50,))])
    assert (out[2].financial, out[1].financial) == (100, 80)


def test_a_single_bid_gets_the_full_cost_score():
    out = results([BidFacts(7, 95_000, (60,))])
    assert (out[7].financial, out[7].combined, out[7].rank) == (100, F(68), 1)


def test_equal_combined_scores_are_a_tie():
    # A: 0.8 × 90 + 0.2 × 100 × 100k/200k = 72 + 10 = 82; B: 0.8 × 77.5 + 0.2 × 100 = 82.
    out = results([BidFacts(1, 200_000, (90,)), BidFacts(2, 100_000, (75, 80))])
    assert [(r.rank, r.tied) for r in out.values()] == [(1, True), (1, True)]


def test_an_unscored_bid_is_listed_last_without_a_rank_but_sets_the_lowest_price():
    out = results([BidFacts(1, 100_000, (80,)), BidFacts(2, 50_000, ())])
    assert (out[2].rank, out[2].combined, out[1].financial) == (None, None, 50)


@pytest.mark.parametrize(
    ("weight", "expected"),
    [(100, 80), (0, 50)],
    ids=["quality-only", "cost-only"],
)
def test_weights_are_per_tender(weight, expected):
    out = results([BidFacts(1, 100_000, (80,)), BidFacts(2, 50_000, (10,))], weight)
    assert out[1].combined == expected


def test_no_bids_rank_as_an_empty_list():
    assert qcbs([], 80) == []


@pytest.mark.parametrize("weight", [-1, 101])
def test_a_weight_outside_0_to_100_is_refused(weight):
    with pytest.raises(ValueError):
        qcbs([BidFacts(1, 1, (1,))], weight)
