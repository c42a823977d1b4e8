"""Each exported list holds what the list on screen shows, for the same filters and scope."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest


def ids_on_page(response, prefix: str) -> list[int]:
    """The ids of the objects linked from the page's table, in order."""
    html = response.get_data(as_text=True)
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in html else ""
    return [int(i) for i in re.findall(rf'href="{prefix}/(\d+)"', body)]


def column(rows: list[list[str]], heading: str) -> list[str]:
    index = rows[0].index(heading)
    return [row[index] for row in rows[1:]]


# -- the membership registry ---------------------------------------------------------------


@pytest.fixture
def registry(make_member):
    make_member(
        name="Suwon",
        sub_category="city",
        population=1_500_000,
        gdp_per_capita_ppp=Decimal("12000"),
        joined_on=date(2012, 3, 1),
    )
    make_member(name="=HYPERLINK(evil)", country="France", region="Europe")
    make_member("corporation", name="Breeze", country="Germany", region="Europe", employees=80)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("query", ["", "region=Europe", "q=suw", "category=corporation"])
def test_the_registry_export_is_the_filtered_list(
    browser, make_user, registry, read_export, fmt, query
):
    page = browser(make_user("admin"))
    html = page.get(f"/admin/members?{query}").get_data(as_text=True)
    on_screen = re.findall(r'<th scope="row" class="fw-normal">([^<]*)</th>', html)
    rows = read_export(page.get(f"/admin/members?{query}&format={fmt}"))
    exported = [n[1:] if n.startswith("'=") else n for n in column(rows, "Name")]
    assert [n.replace("&#34;", '"') for n in on_screen] == exported


def test_the_registry_export_has_the_fee_and_its_rule(browser, make_user, registry, read_export):
    rows = read_export(browser(make_user("admin")).get("/admin/members?q=Suwon&format=csv"))
    assert column(rows, "Annual fee (USD)") == ["5000"]
    assert column(rows, "Fee rule")[0].endswith("→ USD 5,000")
    assert column(rows, "Joined on") == ["2012-03-01"]
    assert column(rows, "Sub-category") == ["City"]


def test_a_formula_in_a_name_is_neutralised(browser, make_user, registry, read_export):
    rows = read_export(browser(make_user("admin")).get("/admin/members?country=France&format=csv"))
    assert column(rows, "Name") == ["'=HYPERLINK(evil)"]


def test_the_download_names_the_list_and_the_day(browser, make_user, registry):
    response = browser(make_user("admin")).get("/admin/members?format=xlsx")
    assert re.fullmatch(
        r'attachment; filename="members-\d{4}-\d{2}-\d{2}\.xlsx"',
        response.headers["Content-Disposition"],
    )


# -- the Solution Finder -------------------------------------------------------------------


@pytest.fixture
def queue(people, app_in, make_member, make_user, make_application):
    lyon = make_member(name="Lyon", country="France", region="Europe")
    lyon_user = make_user("city", member=lyon)
    return {
        "submitted": app_in("submitted", match_state=None, title="Suwon floods"),
        "in_review": app_in("in_review", match_state=None, title="Suwon buses"),
        "lyon": make_application(lyon_user, state="submitted", title="Lyon lights"),
        "draft": app_in("draft", match_state=None, title="Suwon draft"),
        "lyon_user": lyon_user,
    }


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("query", ["", "region=Europe", "f=1&state=in_review", "q=floods"])
def test_the_queue_export_is_the_filtered_queue(people, queue, browser, read_export, fmt, query):
    page = browser(people.reviewer)
    on_screen = ids_on_page(page.get(f"/review?{query}"), "/applications")
    rows = read_export(page.get(f"/review?{query}&format={fmt}"))
    assert [int(i) for i in column(rows, "ID")] == on_screen
    assert on_screen  # every filter here matches something


def test_a_regional_reviewer_exports_only_its_regions(people, queue, browser, read_export):
    rows = read_export(browser(people.reviewer_out).get("/review?format=csv"))
    assert rows[1:] == []  # Africa only: no Korean or French application


def test_a_city_exports_only_its_own_applications(people, queue, browser, read_export):
    page = browser(queue["lyon_user"])
    on_screen = ids_on_page(page.get("/applications"), "/applications")
    rows = read_export(page.get("/applications?format=csv"))
    assert [int(i) for i in column(rows, "ID")] == on_screen == [queue["lyon"].id]
    assert column(rows, "City") == ["Lyon"]


def test_a_city_export_includes_its_drafts_like_its_list(people, queue, browser, read_export):
    page = browser(people.owner)
    on_screen = ids_on_page(page.get("/applications"), "/applications")
    rows = read_export(page.get("/applications?format=xlsx"))
    assert [int(i) for i in column(rows, "ID")] == on_screen
    assert queue["draft"].id in on_screen and queue["lyon"].id not in on_screen


def test_staff_do_not_export_a_city_list(people, queue, browser):
    response = browser(people.reviewer).get("/applications?format=csv")
    assert response.status_code == 302 and response.headers["Location"].startswith("/review")


def test_an_export_is_never_offered_to_a_visitor(people, queue, browser):
    response = browser().get("/review?format=csv")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
