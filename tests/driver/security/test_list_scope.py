"""Lists show only what the caller may open: a status matrix cannot see a leak inside a 200.

The reviewer scoped to Europe must find nothing of city A (Suwon, Asia-Pacific) in the
queues, lists and rankings it may open; the unscoped reviewer finds A there (so the
check can fail); provider Y, involved in nothing of A, finds only A's open tender.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from .harness import Callers
from .world import build_world

PAGES = [
    "/review",
    "/implementer/proposals",
    "/implementer/projects",
    "/implementer/calls/{call}/ranking",
]
API = [
    "solution-finder/applications",
    "implementer/proposals",
    "implementer/projects",
    "plan-exchange/projects",
    "matches",
]


@pytest.fixture
def world(app, tmp_path, make_member, make_user, make_provider, make_application, make_match):
    factories = SimpleNamespace(
        make_member=make_member,
        make_user=make_user,
        make_provider=make_provider,
        make_application=make_application,
        make_match=make_match,
    )
    built = build_world(factories, tmp_path / "uploads")
    from ...conftest import Browser

    def browser(user):
        b = Browser(app.test_client())
        if user is not None:
            b.login(user)
        return b

    built.callers = Callers(app, built, browser)
    return built


def _pages(world, role: str) -> dict[str, str]:
    browser = world.callers.browsers[role]
    return {url: browser.get(url.format(call=world.call)).get_data(as_text=True) for url in PAGES}


def _api(world, role: str) -> dict[str, str]:
    api = world.callers.apis[role]
    return {path: api.get(path).get_data(as_text=True) for path in API}


def test_the_europe_reviewer_finds_nothing_of_city_a_in_lists(world):
    seen = {**_pages(world, "reviewer_europe"), **_api(world, "reviewer_europe")}
    assert [where for where, text in seen.items() if "Suwon" in text] == []


def test_the_unscoped_reviewer_finds_city_a_in_the_same_lists(world):
    seen = {**_pages(world, "reviewer"), **_api(world, "reviewer")}
    assert sorted(where for where, text in seen.items() if "Suwon" in text) == sorted(
        [*PAGES, *API[:3]]
    )


def test_provider_y_finds_of_city_a_only_its_open_tender(world):
    """An open consultant tender is public to verified providers (DESIGN); nothing else is."""
    seen = _api(world, "provider_y")
    assert [where for where, text in seen.items() if "Suwon" in text] == ["implementer/projects"]
