"""The membership registry pages: the list with fees and filters, adding and editing a member."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from driver.audit.models import AuditEvent
from driver.extensions import db
from driver.members.models import Member


@pytest.fixture
def admin_page(browser, make_user):
    return browser(make_user("admin"))


@pytest.fixture
def registry(make_member):
    return {
        "suwon": make_member(
            name="Suwon",
            sub_category="city",
            population=1_500_000,
            gdp_per_capita_ppp=Decimal("12000"),
            joined_on=date(2012, 3, 1),
        ),
        "gyeonggi": make_member(
            name="Gyeonggi Province", sub_category="state_province", joined_on=date(2015, 1, 5)
        ),
        "lyon": make_member(
            name="Lyon",
            country="France",
            region="Europe",
            status="lapsed",
            left_on=date(2020, 1, 1),
            joined_on=date(2012, 9, 9),
        ),
        "breeze": make_member(
            "corporation",
            name="Breeze",
            country="Germany",
            region="Europe",
            sub_category="startup",
            employees=80,
            regional_office=None,
        ),
    }


def names(response) -> list[str]:
    html = response.get_data(as_text=True)
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in html else ""
    return [
        cell.split(">", 1)[1].split("<", 1)[0]
        for cell in body.split('<th scope="row" class="fw-normal"')[1:]
    ]


def test_each_row_shows_the_fee_and_its_rule(admin_page, registry):
    html = admin_page.get("/admin/members").get_data(as_text=True)
    assert "USD 5,000" in html
    assert "GDP per capita 10,000–14,999 USD, population 1,000,000–1,999,999 → USD 5,000" in html
    assert "Corporation with more than 50 employees → USD 2,000" in html
    assert "Fee unknown: GDP per capita and population missing" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Breeze", "Gyeonggi Province", "Lyon", "Suwon"]),
        ("q=yon", ["Lyon"]),
        ("category=corporation", ["Breeze"]),
        ("sub_category=state_province", ["Gyeonggi Province"]),
        ("region=Europe", ["Breeze", "Lyon"]),
        ("country=france", ["Lyon"]),
        ("status=lapsed", ["Lyon"]),
        ("joined_year=2012", ["Lyon", "Suwon"]),
    ],
)
def test_the_list_is_filtered(admin_page, registry, query, expected):
    assert names(admin_page.get(f"/admin/members?{query}")) == expected


def test_a_bad_filter_is_shown_not_applied(admin_page, registry):
    response = admin_page.get("/admin/members?joined_year=abc")
    assert response.status_code == 422 and len(names(response)) == 4


def test_an_admin_adds_a_member_whose_region_comes_from_the_country(admin_page):
    response = admin_page.post(
        "/admin/members/new",
        {
            "name": "Gimhae",
            "category": "local_government",
            "sub_category": "city",
            "country": "Korea",
            "status": "active",
            "joined_on": "2014-05-02",
            "population": "530000",
        },
    )
    assert response.status_code == 302
    member = db.session.scalar(select(Member).where(Member.name == "Gimhae"))
    assert (member.region, member.joined_on, member.population) == (
        "Asia-Pacific",
        date(2014, 5, 2),
        530_000,
    )
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.object_id == member.id))
    assert (event.object_type, event.trigger, event.to_state) == ("member", "create", "active")


@pytest.mark.parametrize(
    ("changes", "field_error"),
    [
        ({"sub_category": "sme"}, "Not a sub-category of this category"),
        ({"status": "lapsed"}, "Give the date the membership was lapsed."),
        ({"left_on": "2020-01-01"}, "An active member has no leaving date."),
        ({"population": "-3"}, "Cannot be negative."),
        ({"joined_on": "2999-01-01"}, "The date cannot be in the future."),
        ({"region": "Europe"}, "Korea is in Asia-Pacific, not Europe."),
    ],
)
def test_a_bad_edit_shows_the_form_again_and_changes_nothing(
    admin_page, registry, changes, field_error
):
    suwon = registry["suwon"]
    data = {
        "name": "Suwon",
        "category": "local_government",
        "sub_category": "city",
        "country": "Korea",
        "status": "active",
        "population": "1500000",
        **changes,
    }
    response = admin_page.post(f"/admin/members/{suwon.id}/edit", data)
    assert response.status_code == 422
    assert field_error in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Member, suwon.id).sub_category == "city"
    assert db.session.scalar(select(AuditEvent.id)) is None


def test_an_edit_writes_the_change_and_its_audit_event(admin_page, registry):
    suwon = registry["suwon"]
    response = admin_page.post(
        f"/admin/members/{suwon.id}/edit",
        {
            "name": "Suwon",
            "category": "local_government",
            "sub_category": "city",
            "country": "Korea",
            "status": "suspended",
            "left_on": "2025-02-01",
            "joined_on": "2012-03-01",
            "population": "1500000",
            "gdp_per_capita_ppp": "12000",
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    member = db.session.get(Member, suwon.id)
    assert (member.status, member.left_on) == ("suspended", date(2025, 2, 1))
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.object_id == suwon.id))
    assert (event.trigger, event.from_state, event.to_state) == ("update", "active", "suspended")
    assert event.payload["changes"] == {
        "status": ["active", "suspended"],
        "left_on": [None, "2025-02-01"],
    }


def test_a_member_of_the_same_name_and_country_is_refused(admin_page, registry):
    response = admin_page.post(
        "/admin/members/new",
        {"name": "suwon", "category": "local_government", "country": "Korea", "status": "active"},
    )
    assert response.status_code == 422 and "already a member" in response.get_data(as_text=True)
