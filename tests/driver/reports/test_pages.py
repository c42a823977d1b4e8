"""The report pages: who may open them, what a region-scoped reviewer sees, bad filters,
the chart and its table, and a number of statements that does not grow with the data."""

from __future__ import annotations

import re
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from driver.extensions import db

from .conftest import at

PAGES = [
    "/reports",
    "/reports/funnel",
    "/reports/time-in-state",
    "/reports/geography",
    "/reports/matchmaking",
    "/reports/self-assessment",
    "/reports/membership",
]
REPORTS = PAGES[1:]


@pytest.fixture
def visitors(regions, make_provider, make_user):
    return {
        "city": regions.seoul_user,
        "provider": make_user("provider", member=make_provider()),
        "reviewer": regions.reviewer,
        "regional_reviewer": regions.africa,
        "admin": regions.admin,
    }


@pytest.mark.parametrize("url", PAGES)
def test_anonymous_visitors_are_sent_to_sign_in(browser, url):
    response = browser().get(url)
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("city", 404),
        ("provider", 404),
        ("reviewer", 200),
        ("regional_reviewer", 200),
        ("admin", 200),
    ],
)
def test_reports_are_for_wego_staff_only(browser, visitors, url, role, expected):
    assert browser(visitors[role]).get(url).status_code == expected


@pytest.mark.parametrize("url", REPORTS)
def test_each_report_has_a_labelled_chart_a_table_and_a_summary(browser, regions, url):
    html = browser(regions.admin).get(url).get_data(as_text=True)
    svg = re.search(r'<svg [^>]*role="img"[^>]*aria-labelledby="([^"]+)"', html)
    assert svg, "no labelled chart"
    for label_id in svg.group(1).split():
        assert f'id="{label_id}"' in html
    assert "<table" in html[svg.end() :]  # the numbers follow the chart
    assert "data-summary>" in html
    assert "reports.css" in html


@pytest.fixture
def spread(regions, make_application, history):
    """An application in Seoul (Asia-Pacific) and one in Kampala (Africa), with history."""
    seoul = make_application(regions.seoul_user, state="in_review", areas=("tourism",))
    kampala = make_application(regions.kampala_user, state="in_review", areas=("healthcare",))
    history("application", seoul.id, [("submitted", at(0)), ("in_review", at(12))])
    history("application", kampala.id, [("submitted", at(0)), ("in_review", at(2))])
    return seoul, kampala


def test_region_scoped_reviewer_sees_only_its_regions_numbers(browser, regions, spread):
    html = browser(regions.africa).get("/reports/geography").get_data(as_text=True)
    assert "Only cities in Africa" in html
    assert "Uganda" in html
    assert "Korea" not in html
    assert "Tourism: 1" not in html


def test_reviewer_for_every_region_sees_all(browser, regions, spread):
    html = browser(regions.reviewer).get("/reports/geography").get_data(as_text=True)
    assert "Every region is counted" in html
    assert "Korea" in html and "Uganda" in html


def test_time_in_state_names_the_bottleneck(browser, regions, spread):
    html = browser(regions.admin).get("/reports/time-in-state").get_data(as_text=True)
    assert "Most time is spent in “Submitted, waiting for a reviewer”: median 7 days" in html
    africa = browser(regions.africa).get("/reports/time-in-state").get_data(as_text=True)
    assert "median 2 days" in africa


def test_funnel_page_shows_the_counts_in_its_table(browser, regions, spread):
    html = browser(regions.admin).get("/reports/funnel?year=2025").get_data(as_text=True)
    table = html[html.index('id="funnel-table"') :]
    assert re.search(r"In review</th>\s*<td[^>]*>2</td>", table)
    assert "2 applications entered" in html


@pytest.mark.parametrize(
    "url",
    [
        "/reports/funnel?programme=nope",
        "/reports/funnel?year=1999",
        "/reports/time-in-state?programme=../../etc",
        "/reports/geography?kind=members",
        "/reports/matchmaking?year=abc",
        "/reports/self-assessment?year=",
    ],
)
def test_a_filter_outside_the_choices_is_refused_with_the_error(browser, regions, url):
    response = browser(regions.admin).get(url)
    assert response.status_code == 422
    assert "Please correct the following" in response.get_data(as_text=True)


def test_reports_are_linked_from_staff_navigation_and_dashboard(browser, regions):
    html = browser(regions.reviewer).get("/dashboard").get_data(as_text=True)
    assert html.count('href="/reports"') == 2
    city = browser(regions.seoul_user).get("/dashboard").get_data(as_text=True)
    assert 'href="/reports"' not in city


# -- statements per page ------------------------------------------------------------------


@contextmanager
def _counting():
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def _statements(visitor, url) -> int:
    with _counting() as statements:
        assert visitor.get(url).status_code == 200
    return len(statements)


def _add_data(regions, make_application, make_provider, make_match, history, make_member):
    from datetime import date

    for user in (regions.seoul_user, regions.kampala_user):
        app = make_application(user, state="matchmaking", areas=("tourism", "healthcare"))
        history(
            "application",
            app.id,
            [
                ("submitted", at(0)),
                ("in_review", at(1)),
                ("feedback_given", at(3)),
                ("matchmaking", at(4)),
            ],
        )
        match = make_match(app, make_provider())
        history("match", match.id, [("proposed", at(4)), ("accepted", at(5))])
    make_member(region="Europe", joined_on=date(2021, 3, 1))


@pytest.mark.parametrize("url", REPORTS)
def test_statements_per_page_are_few_and_do_not_grow_with_data(
    browser, regions, make_application, make_provider, make_match, history, make_member, url
):
    visitor = browser(regions.africa)
    data = (regions, make_application, make_provider, make_match, history, make_member)
    _add_data(*data)
    first = _statements(visitor, url)
    for _ in range(3):
        _add_data(*data)
    assert _statements(visitor, url) == first
    assert first <= 12
