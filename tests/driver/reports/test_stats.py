"""The reports' arithmetic on constructed numbers: percentiles, funnels, membership, stages."""

from __future__ import annotations

from fractions import Fraction

import pytest

from driver.reports import stats


@pytest.mark.parametrize(
    ("values", "p", "expected"),
    [
        ([], 0.5, None),
        ([7.0], 0.5, 7.0),
        ([7.0], 0.9, 7.0),
        ([3.0, 1.0, 2.0], 0.5, 2.0),  # odd count: the middle value, whatever the order
        ([1.0, 2.0, 3.0, 4.0], 0.5, 2.5),  # even count: the mean of the two middle values
        ([1.0, 2.0, 3.0, 4.0], 0.9, 3.7),  # h = 3 × 0.9 = 2.7: 3 + 0.7 × (4 - 3)
        ([10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0, 100.0], 0.9, 91.0),
        ([5.0, 5.0, 5.0], 0.9, 5.0),
        ([1.0, 9.0], 0.0, 1.0),
        ([1.0, 9.0], 1.0, 9.0),
    ],
)
def test_percentile_interpolates_between_closest_ranks(values, p, expected):
    result = stats.percentile(values, p)
    assert result == (None if expected is None else pytest.approx(expected))


def test_median_of_even_count_is_mean_of_middle_pair():
    assert stats.median([4.0, 1.0, 10.0, 2.0]) == 3.0


def test_percentile_refuses_a_share_outside_zero_to_one():
    with pytest.raises(ValueError, match="between 0 and 1"):
        stats.percentile([1.0], 90)


def test_rate_of_nothing_is_no_rate_not_zero():
    assert stats.rate(0, 0) is None
    assert stats.rate(1, 3) == Fraction(1, 3)
    assert stats.percent(Fraction(2, 3)) == "67 %"
    assert stats.percent(None) == "–"


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (None, "–"),
        (90, "2 minutes"),
        (3600 * 5.5, "5.5 hours"),
        (86_400 * 12, "12 days"),
        (86_400 * 2.25, "2.2 days"),
    ],
)
def test_durations_read_as_people_say_them(seconds, text):
    assert stats.human_duration(seconds) == text


STEPS = ["submitted", "in_review", "feedback_given", "matchmaking"]
LABELS = [(s, s.title()) for s in STEPS]


def test_funnel_counts_each_object_at_every_step_up_to_its_furthest():
    histories = {
        1: ["submitted", "in_review", "feedback_given", "matchmaking"],
        2: ["submitted", "in_review"],
        # went back and forth: still one object at each step it passed
        3: ["submitted", "in_review", "awaiting_clarification", "in_review", "feedback_given"],
        # skipped "in_review" and "feedback_given" (imported history): counted at them too
        4: ["submitted", "matchmaking"],
        5: ["submitted", "declined"],
    }
    steps = stats.funnel(LABELS, stats.furthest_steps(histories, STEPS))
    assert [s.reached for s in steps] == [5, 4, 3, 2]
    assert [s.from_previous for s in steps] == [
        None,
        Fraction(4, 5),
        Fraction(3, 4),
        Fraction(2, 3),
    ]
    assert steps[-1].from_first == Fraction(2, 5)


def test_objects_that_never_entered_the_funnel_are_left_out():
    assert stats.furthest_steps({1: ["draft"], 2: ["draft", "submitted"]}, STEPS) == {0: 1}


def test_an_empty_funnel_has_no_conversion():
    steps = stats.funnel(LABELS, {})
    assert [s.reached for s in steps] == [0, 0, 0, 0]
    assert all(s.from_first is None for s in steps)
    assert all(s.from_previous is None for s in steps)


def test_state_times_take_median_and_p90_of_finished_stays_and_name_the_slowest():
    day = 86_400.0
    times = stats.state_times(
        {"in_review": [1 * day, 2 * day, 3 * day, 4 * day], "matchmaking": [10 * day]},
        {"in_review": 2},
        [("submitted", "Submitted"), ("in_review", "In review"), ("matchmaking", "Matchmaking")],
    )
    submitted, in_review, matchmaking = times
    assert (submitted.stays, submitted.median_seconds, submitted.open_now) == (0, None, 0)
    assert in_review.median_seconds == 2.5 * day
    assert in_review.p90_seconds == pytest.approx(3.7 * day)
    assert in_review.open_now == 2
    assert stats.slowest(times) is matchmaking


def test_no_slowest_state_without_a_finished_stay():
    assert stats.slowest(stats.state_times({}, {"a": 3}, [("a", "A")])) is None


def test_membership_counts_members_active_on_each_31_december():
    years = [2019, 2020, 2021, 2022]
    groups = [
        ("Europe", 2019, None, 2),  # joined in 2019, still a member
        ("Europe", 2020, 2021, 1),  # left during 2021: active at the end of 2020 only
        ("Europe", 2021, 2022, 1),  # joined in 2021, left in 2022
        ("Africa", 2018, 2019, 1),  # left during 2019: never active at a year end shown
        ("Africa", 2022, None, 3),
        ("Africa", None, None, 5),  # no joining date: not placed in time
    ]
    active = stats.active_at_year_end(groups, years)
    assert active["Europe"] == [2, 3, 3, 2]
    assert active["Africa"] == [0, 0, 0, 3]


def test_a_member_who_joins_on_the_day_it_leaves_is_never_counted():
    assert stats.active_at_year_end([("x", 2020, 2020, 1)], [2019, 2020, 2021]) == {"x": [0, 0, 0]}


def test_year_range_starts_no_earlier_than_founding_and_ends_this_year():
    assert stats.year_range(2005, 2012, earliest=2010) == [2010, 2011, 2012]
    assert stats.year_range(2011, 2012, earliest=2010) == [2011, 2012]
    assert stats.year_range(None, 2012, earliest=2010) == [2012]


def test_stage_distribution_counts_insufficient_data_apart():
    counts = stats.stage_distribution(
        [("water", 3), ("water", 3), ("water", None), ("water", 5), ("energy", 1), ("x", 2)],
        ["water", "energy", "health"],
    )
    assert counts["water"] == [1, 0, 0, 2, 0, 1]
    assert counts["energy"] == [0, 1, 0, 0, 0, 0]
    assert counts["health"] == [0] * 6
    assert "x" not in counts
