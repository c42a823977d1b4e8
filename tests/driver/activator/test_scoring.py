"""Scoring and stage bands (DESIGN §5) on constructed answer sets."""

from __future__ import annotations

from fractions import Fraction

import pytest

from driver.activator.scoring import overall, ranked_gaps, score_area, stage_for


@pytest.mark.parametrize(
    ("answers", "stage"),
    [
        # five answers: 20 points possible, so 4/8/12/16 points sit exactly on the edges
        ([0, 0, 0, 0, 3], 1),  # 15 %
        ([1, 1, 1, 1, 0], 2),  # exactly 20 %
        ([2, 2, 2, 2, 0], 3),  # exactly 40 %
        ([3, 3, 3, 3, 0], 4),  # exactly 60 %
        ([4, 4, 4, 4, 0], 5),  # exactly 80 %
        ([1, 1, 1, 0, 0], 1),  # 15 %, just under 20
        ([2, 2, 2, 1, 0], 2),  # 35 %
        ([3, 3, 3, 2, 0], 3),  # 55 %
        ([4, 4, 4, 3, 0], 4),  # 75 %
        ([4, 4, 4, 4, 4, 4], 5),  # 100 %
        ([0, 0, 0, 0, 0, 0], 1),  # 0 %
    ],
)
def test_stage_bands_and_their_edges(answers, stage):
    assert score_area("water-management", answers).stage == stage


@pytest.mark.parametrize(
    ("score", "stage"),
    [
        (Fraction(19, 100), 1),
        (Fraction(20, 100), 2),
        (Fraction(39, 100), 2),
        (Fraction(40, 100), 3),
        (Fraction(59, 100), 3),
        (Fraction(60, 100), 4),
        (Fraction(79, 100), 4),
        (Fraction(80, 100), 5),
    ],
)
def test_stage_for_a_score(score, stage):
    assert stage_for(score) == stage


def test_dont_know_is_left_out_of_the_denominator():
    # 8 points over 4 answered (16 possible) = 50 %; the two "don't know" do not count.
    area = score_area("water-management", [2, 2, 2, 2, None, None])
    assert (area.score, area.stage, area.dont_know) == (Fraction(1, 2), 3, 2)


def test_all_dont_know_is_insufficient_data():
    area = score_area("water-management", [None] * 6)
    assert (area.stage, area.score, area.answered) == (None, None, 0)


def test_fewer_than_four_answers_is_insufficient_data():
    assert score_area("water-management", [4, 4, 4]).stage is None


def test_four_answers_are_enough():
    assert score_area("water-management", [4, 4, 4, 4]).stage == 5


def test_three_answers_and_dont_knows_are_still_insufficient():
    assert score_area("water-management", [4, 4, 4, None, None, None]).stage is None


def test_an_answer_out_of_range_is_refused():
    with pytest.raises(ValueError):
        score_area("water-management", [5, 1, 1, 1])


def test_percent_rounds_down_so_it_agrees_with_the_stage():
    # 19 of 24 points = 79.17 %: stage 4, shown as 79 %
    area = score_area("water-management", [4, 4, 4, 4, 3, 0])
    assert (area.percent, area.stage) == (79, 4)


def test_the_gap_is_target_minus_stage():
    area = score_area("water-management", [1, 1, 1, 1], target=4, priority=2)
    assert (area.stage, area.gap, area.weighted_gap) == (2, 2, 4)


def test_a_target_already_reached_leaves_no_gap():
    assert score_area("water-management", [4, 4, 4, 4], target=3, priority=3).gap == 0


def test_no_gap_without_a_stage():
    assert score_area("water-management", [4], target=5, priority=3).gap is None


def test_gaps_rank_by_gap_times_priority():
    areas = [
        score_area("tourism", [0, 0, 0, 0], target=4, priority=1),  # gap 3 × 1 = 3
        score_area("healthcare", [1, 1, 1, 1], target=4, priority=2),  # gap 2 × 2 = 4
        score_area("education", [2, 2, 2, 2], target=5, priority=3),  # gap 2 × 3 = 6
        score_area("agriculture", [4, 4, 4, 4], target=5, priority=3),  # no gap
    ]
    assert [a.area for a in ranked_gaps(areas)] == ["education", "healthcare", "tourism"]


def test_equal_weights_rank_the_higher_priority_first():
    areas = [
        score_area("healthcare", [0, 0, 0, 0], target=5, priority=1),  # gap 4 × 1 = 4
        score_area("tourism", [2, 2, 2, 2], target=5, priority=2),  # gap 2 × 2 = 4
    ]
    assert [a.area for a in ranked_gaps(areas)] == ["tourism", "healthcare"]


def test_overall_is_the_mean_of_the_scored_areas():
    areas = [
        score_area("a", [4, 4, 4, 4]),  # 100 %
        score_area("b", [2, 2, 2, 2]),  # 50 %
        score_area("c", [2, 2, 2, 2]),  # 50 %
        score_area("d", [0, 0, 0, 0]),  # 0 %
        score_area("e", [4]),  # insufficient: left out
    ]
    result = overall(areas)
    assert (result.score, result.stage, result.areas_counted) == (Fraction(1, 2), 3, 4)


def test_overall_needs_four_scored_areas():
    areas = [score_area(s, [4, 4, 4, 4]) for s in ("a", "b", "c")]
    assert overall(areas).stage is None
