"""The reviewer queue: who may see it, its filters, order and pages."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from driver.extensions import db


@pytest.fixture
def city_in(make_member, make_user):
    """``city_in(region)``: a city user of a new city in ``region``."""

    def make(region="Asia-Pacific", country="Korea"):
        member = make_member("local_government", country=country, region=region)
        return make_user("city", member=member)

    return make


@pytest.fixture
def submitted(city_in, make_application):
    """``submitted(title, days_ago=…, state=…, region=…, areas=…)``: an application in the queue."""
    now = datetime.now(UTC)

    def make(title, *, days_ago=1, state="submitted", region="Asia-Pacific", **kw):
        app = make_application(city_in(region), state=state, title=title, **kw)
        app.submitted_at = now - timedelta(days=days_ago)
        db.session.commit()
        return app

    return make


@pytest.fixture
def reviewer(make_user):
    return make_user("reviewer")


def text(response) -> str:
    return response.get_data(as_text=True)


def visible(response) -> str:
    """The page's text without tags."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", text(response)))


def titles(response) -> list[str]:
    """The titles in the queue's table, in order."""
    return re.findall(r'<th scope="row"><a href="/applications/\d+">([^<]+)</a>', text(response))


@pytest.mark.parametrize("role", ["city", "provider"])
def test_queue_is_not_found_for_non_staff(browser, make_user, role):
    assert browser(make_user(role)).get("/review").status_code == 404


def test_queue_lists_oldest_submission_first(browser, reviewer, submitted):
    submitted("Newer", days_ago=1)
    submitted("Oldest", days_ago=9)
    submitted("Middle", days_ago=4)
    assert titles(browser(reviewer).get("/review")) == ["Oldest", "Middle", "Newer"]


def test_queue_shows_by_default_what_waits_for_a_reviewer(browser, reviewer, submitted):
    for state in ("submitted", "in_review", "awaiting_clarification", "matchmaking", "declined"):
        submitted(f"App {state}", state=state)
    assert sorted(titles(browser(reviewer).get("/review"))) == ["App in_review", "App submitted"]


def test_queue_shows_city_region_areas_label_assignee_and_age(browser, reviewer, submitted):
    submitted("Seen", days_ago=3, state="in_review", assignee=reviewer, areas=["tourism"])
    page = visible(browser(reviewer).get("/review"))
    row = page[page.index("Seen") :]
    assert all(
        part in row
        for part in (
            "Korea",
            "Asia-Pacific",
            "Tourism",
            "In review",
            reviewer.display_name,
            "3 days",
        )
    )


def test_queue_filters_by_state(browser, reviewer, submitted):
    submitted("Waiting", state="awaiting_clarification")
    submitted("Fresh", state="submitted")
    response = browser(reviewer).get("/review?f=1&state=awaiting_clarification")
    assert titles(response) == ["Waiting"]


def test_queue_with_no_state_ticked_shows_every_state(browser, reviewer, submitted):
    submitted("Declined", state="declined")
    submitted("Fresh", state="submitted")
    assert sorted(titles(browser(reviewer).get("/review?f=1"))) == ["Declined", "Fresh"]


def test_queue_filters_by_area(browser, reviewer, submitted):
    submitted("Water", areas=["water-management"])
    submitted("Buses", areas=["public-transportation"])
    assert titles(browser(reviewer).get("/review?f=1&area=public-transportation")) == ["Buses"]


def test_queue_filters_by_region(browser, reviewer, submitted):
    submitted("Kampala", region="Africa")
    submitted("Suwon", region="Asia-Pacific")
    assert titles(browser(reviewer).get("/review?f=1&region=Africa")) == ["Kampala"]


def test_queue_searches_titles(browser, reviewer, submitted):
    submitted("Flood sirens")
    submitted("Bus data")
    assert titles(browser(reviewer).get("/review?f=1&q=flood")) == ["Flood sirens"]


def test_queue_keeps_the_filters_in_the_form(browser, reviewer, submitted):
    page = text(browser(reviewer).get("/review?f=1&q=flood&region=Africa"))
    assert 'value="flood"' in page and re.search(r'<option selected value="Africa">', page)


def test_region_scoped_reviewer_sees_only_its_regions(browser, make_user, submitted):
    submitted("Kampala", region="Africa")
    submitted("Suwon", region="Asia-Pacific")
    africa = make_user("reviewer", regions=["Africa"])
    assert titles(browser(africa).get("/review?f=1&region=Asia-Pacific")) == []


@pytest.fixture
def small_pages(app, monkeypatch):
    monkeypatch.setitem(app.config, "QUEUE_PAGE_SIZE", 2)


@pytest.mark.parametrize(
    ("page", "expected", "has_prev", "has_next"),
    [
        (1, ["A", "B"], False, True),
        (2, ["C", "D"], True, True),
        (3, ["E"], True, False),
    ],
)
def test_queue_is_paged(
    browser, reviewer, submitted, small_pages, page, expected, has_prev, has_next
):
    for days, title in enumerate("EDCBA", start=1):
        submitted(title, days_ago=days)
    response = browser(reviewer).get(f"/review?page={page}")
    html = text(response)
    assert (titles(response), 'rel="prev"' in html, 'rel="next"' in html) == (
        expected,
        has_prev,
        has_next,
    )


def test_paging_links_keep_the_filters(browser, reviewer, submitted, small_pages):
    for days, title in enumerate("CBA", start=1):
        submitted(title, days_ago=days, areas=["tourism"])
    html = text(browser(reviewer).get("/review?f=1&state=submitted&area=tourism"))
    next_link = re.search(r'href="([^"]+)" rel="next"', html).group(1).replace("&amp;", "&")
    assert next_link.startswith("/review?") and all(
        part in next_link for part in ("f=1", "state=submitted", "area=tourism", "page=2")
    )
