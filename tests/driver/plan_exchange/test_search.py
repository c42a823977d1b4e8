"""Full-text search with filters; the same tests run on SQLite (FTS5) and PostgreSQL."""

from __future__ import annotations

import pytest

from driver import transitions
from driver.plan_exchange import services
from driver.plan_exchange.search import SearchFilter, search


def titles(**filters):
    return [p.title for p in search(SearchFilter(**filters)).items]


@pytest.fixture
def city(make_user, make_member):
    return make_user("city", member=make_member(name="Seoul", country="Korea"))


def test_finds_a_word_of_the_summary(city, make_project):
    make_project(city, title="Meters", summary="Leaks are found within hours.")
    make_project(city, title="Buses", summary="Real-time arrival boards.")
    assert titles(q="leaks") == ["Meters"]


def test_matches_a_word_prefix_case_insensitively(city, make_project):
    make_project(city, title="Flood sensors", summary="Early warning.")
    assert titles(q="FLOO") == ["Flood sensors"]


def test_every_word_must_match(city, make_project):
    make_project(city, title="Flood sensors", summary="Early warning for markets.")
    make_project(city, title="Flood maps", summary="Hazard maps.")
    assert titles(q="flood warning") == ["Flood sensors"]


def test_finds_the_city_and_stakeholders(city, make_project):
    make_project(city, title="Meters", stakeholders=(("K-Water Corporation", "executes"),))
    assert (titles(q="seoul"), titles(q="k-water")) == (["Meters"], ["Meters"])


def test_drafts_and_projects_in_review_are_never_found(city, make_project):
    make_project(city, title="Flood draft", state="draft")
    make_project(city, title="Flood review", state="in_review")
    assert titles(q="flood") == []


def test_an_edit_is_found_under_its_new_words(city, make_user, make_project):
    project = make_project(city, title="Flood sensors", state="draft")
    services.update_project(
        city, project.id, services.ProjectInput(title="Drought sensors"), fields=("title",)
    )
    transitions.fire(services.BINDING, project.id, "submit", city)
    transitions.fire(services.BINDING, project.id, "publish", make_user("reviewer"))
    assert (titles(q="drought"), titles(q="flood")) == (["Drought sensors"], [])


def test_punctuation_in_the_query_is_harmless(city, make_project):
    make_project(city, title="Flood sensors")
    assert titles(q='flood" * (:& -') == ["Flood sensors"]


def test_a_query_without_words_lists_everything(city, make_project):
    make_project(city, title="One")
    assert titles(q="!!!") == ["One"]


def test_the_better_match_comes_first(city, make_project):
    make_project(city, title="Buses", summary="Buses, buses and more buses with sensors.")
    make_project(city, title="Sensors for bins", summary="Sensors, sensors, sensors everywhere.")
    assert titles(q="sensors")[0] == "Sensors for bins"


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"area": "tourism"}, ["Guide app"]),
        ({"region": "Europe"}, ["Guide app"]),
        ({"country": "korea"}, ["Meters"]),
        ({"stage": 2}, ["Meters"]),
        ({"q": "guide", "region": "Asia-Pacific"}, []),
    ],
)
def test_filters(city, make_user, make_member, make_project, filters, expected):
    make_project(city, title="Meters", stage=2)
    lyon = make_user("city", member=make_member(name="Lyon", country="France", region="Europe"))
    make_project(lyon, title="Guide app", summary="A guide.", areas=("tourism",), stage=4)
    assert titles(**filters) == expected


def test_results_are_paged(city, make_project):
    for n in range(5):
        make_project(city, title=f"Flood project {n}")
    page = search(SearchFilter(q="flood"), page=2, per_page=2)
    assert (len(page.items), page.total, page.pages) == (2, 5, 3)


def test_the_public_page_searches_without_signing_in(browser, city, make_project):
    make_project(city, title="Flood sensors")
    html = browser().get("/plan-exchange?q=flood").get_data(as_text=True)
    assert "Flood sensors" in html
