"""Funnels and time in state, computed by the database from constructed audit histories."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from driver.reports.pipeline import PROGRAMMES, funnel, time_in_state

from .conftest import at

SF = PROGRAMMES["solution_finder"]
DAY = 86_400


@pytest.fixture
def apps(regions, make_application):
    """``apps(n, city_user)``: n applications of that city (their state does not matter here)."""

    def make(n, user):
        return [make_application(user, state="submitted") for _ in range(n)]

    return make


def test_funnel_counts_objects_at_each_step_they_passed(regions, apps, history):
    a, b, c, d = apps(4, regions.seoul_user)
    history(
        "application",
        a.id,
        [
            ("draft", at(0)),
            ("submitted", at(1)),
            ("in_review", at(2)),
            ("feedback_given", at(3)),
            ("matchmaking", at(4)),
        ],
    )
    history(
        "application",
        b.id,
        [
            ("draft", at(0)),
            ("submitted", at(1)),
            ("in_review", at(2)),
            ("awaiting_clarification", at(3)),
            ("in_review", at(4)),
            ("declined", at(5)),
        ],
    )
    # skipped review and feedback (an imported history): still counted at them
    history("application", c.id, [("submitted", at(1)), ("matchmaking", at(9))])
    history("application", d.id, [("draft", at(0)), ("submitted", at(1)), ("withdrawn", at(2))])

    report = funnel(SF, regions.admin, 2025)

    reached = {s.state: s.reached for s in report.steps}
    assert reached["submitted"] == 4
    assert reached["in_review"] == 3
    assert reached["feedback_given"] == 2
    assert reached["matchmaking"] == 2
    assert reached["partnered"] == 0
    assert dict(report.exits) == {"Declined": 1, "Withdrawn by the city": 1}


def test_funnel_cohort_is_the_year_of_first_submission(regions, apps, history):
    early, late = apps(2, regions.seoul_user)
    dec = datetime(2024, 12, 31, 23, 59, tzinfo=UTC)
    history("application", early.id, [("submitted", dec), ("in_review", at(1))])
    history("application", late.id, [("submitted", at(1)), ("in_review", at(2))])

    assert funnel(SF, regions.admin, 2024).entered == 1
    assert funnel(SF, regions.admin, 2025).entered == 1
    assert funnel(SF, regions.admin, None).entered == 2
    # reaching "in review" in 2025 does not move the December application into 2025's cohort
    assert funnel(SF, regions.admin, 2025).steps[1].reached == 1


def test_drafts_never_submitted_are_not_in_the_funnel(regions, apps, history):
    (draft,) = apps(1, regions.seoul_user)
    history("application", draft.id, [("draft", at(0)), ("withdrawn", at(1))])
    assert funnel(SF, regions.admin, None).entered == 0


def test_region_scoped_reviewer_counts_only_its_regions(regions, apps, history):
    for app in apps(2, regions.seoul_user) + apps(1, regions.kampala_user):
        history("application", app.id, [("submitted", at(1))])
    assert funnel(SF, regions.reviewer, None).entered == 3
    assert funnel(SF, regions.africa, None).entered == 1


def test_time_in_state_from_consecutive_events(regions, apps, history):
    durations = [1, 2, 3, 4]
    for app, days in zip(apps(4, regions.seoul_user), durations, strict=True):
        history(
            "application",
            app.id,
            [("submitted", at(0)), ("in_review", at(0.5)), ("feedback_given", at(0.5 + days))],
        )
    report = time_in_state(SF, regions.admin, None)
    by_state = {t.state: t for t in report.states}
    in_review = by_state["in_review"]
    assert in_review.stays == 4
    assert in_review.median_seconds == pytest.approx(2.5 * DAY)
    assert in_review.p90_seconds == pytest.approx(3.7 * DAY)
    assert by_state["submitted"].median_seconds == pytest.approx(0.5 * DAY)
    # still in "feedback_given": shown as there now, its unfinished stay not counted
    assert (by_state["feedback_given"].stays, by_state["feedback_given"].open_now) == (0, 4)
    assert report.slowest.state == "in_review"


def test_each_return_to_a_state_is_its_own_stay(regions, apps, history):
    (app,) = apps(1, regions.seoul_user)
    history(
        "application",
        app.id,
        [
            ("submitted", at(0)),
            ("in_review", at(1)),
            ("awaiting_clarification", at(2)),
            ("in_review", at(7)),
            ("feedback_given", at(10)),
        ],
    )
    report = time_in_state(SF, regions.admin, None)
    by_state = {t.state: t for t in report.states}
    assert by_state["in_review"].stays == 2
    assert by_state["in_review"].median_seconds == pytest.approx(2 * DAY)  # 1 and 3 days
    assert by_state["awaiting_clarification"].median_seconds == pytest.approx(5 * DAY)
    assert report.slowest.state == "awaiting_clarification"


def test_terminal_states_and_drafts_are_not_measured(regions, apps, history):
    (app,) = apps(1, regions.seoul_user)
    history("application", app.id, [("draft", at(0)), ("submitted", at(3)), ("declined", at(4))])
    states = {t.state for t in time_in_state(SF, regions.admin, None).states}
    assert "declined" not in states
    assert "draft" not in states


def test_time_in_state_year_keeps_stays_that_began_that_year(regions, apps, history):
    (app,) = apps(1, regions.seoul_user)
    dec = datetime(2024, 12, 30, tzinfo=UTC)
    history(
        "application", app.id, [("submitted", dec), ("in_review", at(1)), ("feedback_given", at(3))]
    )
    states_2024 = {t.state: t.stays for t in time_in_state(SF, regions.admin, 2024).states}
    states_2025 = {t.state: t.stays for t in time_in_state(SF, regions.admin, 2025).states}
    assert (states_2024["submitted"], states_2024["in_review"]) == (1, 0)
    assert (states_2025["submitted"], states_2025["in_review"]) == (0, 1)


def test_time_in_state_is_scoped_to_the_readers_regions(regions, apps, history):
    (seoul,) = apps(1, regions.seoul_user)
    (kampala,) = apps(1, regions.kampala_user)
    history("application", seoul.id, [("submitted", at(0)), ("in_review", at(10))])
    history("application", kampala.id, [("submitted", at(0)), ("in_review", at(2))])
    everyone = {t.state: t for t in time_in_state(SF, regions.reviewer, None).states}
    africa = {t.state: t for t in time_in_state(SF, regions.africa, None).states}
    assert everyone["submitted"].stays == 2
    assert africa["submitted"].stays == 1
    assert africa["submitted"].median_seconds == pytest.approx(2 * DAY)


def test_match_stays_are_scoped_by_the_city_of_the_application(
    regions, apps, history, make_provider, make_match
):
    provider = make_provider()
    (seoul,) = apps(1, regions.seoul_user)
    match = make_match(seoul, provider)
    history("match", match.id, [("proposed", at(0)), ("accepted", at(4))])
    programme = PROGRAMMES["matchmaking"]
    assert time_in_state(programme, regions.reviewer, None).states[0].stays == 1
    assert time_in_state(programme, regions.africa, None).states[0].stays == 0
