"""The public members page: active members by region, counts, the latest published projects."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from driver import transitions
from driver.members.directory import public_directory
from driver.plan_exchange import services


@pytest.fixture
def members(make_member):
    return {
        "suwon": make_member(name="Suwon", gdp_per_capita_ppp=Decimal("43210"), employees=None),
        "kisa": make_member("institution", name="KISA", sub_category="public_agency"),
        "busan": make_member(name="Busan", sub_category="city"),
        "lyon": make_member(
            name="Lyon",
            country="France",
            region="Europe",
            status="lapsed",
            left_on=date(2020, 1, 1),
        ),
        "breeze": make_member(
            "corporation", name="Breeze", country="Germany", region="Europe", employees=987
        ),
    }


def test_members_are_grouped_by_region_cities_first(members):
    directory = public_directory()
    grouped = {region: [m.name for m in ms] for region, ms in directory.by_region}
    assert grouped == {"Asia-Pacific": ["Busan", "Suwon", "KISA"], "Europe": ["Breeze"]}


def test_counts_are_of_active_members_by_region_and_category(members):
    directory = public_directory()
    assert directory.counts == {
        "Asia-Pacific": {"Local government": 2, "Institution": 1},
        "Europe": {"Corporation": 1},
    }
    assert directory.totals == {"Local government": 2, "Institution": 1, "Corporation": 1}


def test_a_visitor_sees_the_page_without_private_facts(client, members):
    response = client.get("/members")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Suwon" in html and "Public agency" in html
    assert "Lyon" not in html  # lapsed
    assert "43210" not in html and "987" not in html and "fee" not in html.lower()


def test_the_page_lists_only_published_projects(client, make_user, make_member):
    city = make_user("city", member=make_member(name="Seoul", country="Korea"))
    services.create_project(city, services.ProjectInput(title="A secret draft"))
    html = client.get("/members").get_data(as_text=True)
    assert "A secret draft" not in html and "No project is published yet." in html
    shared = services.create_project(
        city,
        services.ProjectInput(
            title="Smart meters",
            summary="Meters report leaks.",
            areas=("water-management",),
            stakeholders=(("City water utility", "executes"),),
        ),
    )
    transitions.fire(services.BINDING, shared.id, "submit", city)
    transitions.fire(services.BINDING, shared.id, "publish", make_user("reviewer"))
    html = client.get("/members").get_data(as_text=True)
    assert f'href="/plan-exchange/{shared.id}"' in html and "A secret draft" not in html


def test_the_landing_page_the_navigation_and_the_footer_link_to_it(client):
    html = client.get("/").get_data(as_text=True)
    assert html.count('href="/members"') == 3
