"""The registry rules: each fee with the rule that gives it, and the checks on the facts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from driver.members.facts import MemberFacts, check_facts
from driver.members.fees import annual_fee_usd, explain_fee

TODAY = date(2026, 6, 1)


@pytest.mark.parametrize(
    ("category", "facts", "amount", "rule"),
    [
        (
            "local_government",
            {"gdp_per_capita": 12_000, "population": 1_500_000},
            5_000,
            "Local government: GDP per capita 10,000–14,999 USD, "
            "population 1,000,000–1,999,999 → USD 5,000",
        ),
        (
            "local_government",
            {"gdp_per_capita": 25_000, "population": 12_000_000},
            10_000,
            "Local government: GDP per capita 20,000+ USD, population 10,000,000+ → USD 10,000",
        ),
        (
            "local_government",
            {"gdp_per_capita": 500, "population": 49_999},
            400,
            "Local government: GDP per capita 0–999 USD, population 0–49,999 → USD 400",
        ),
        (
            "corporation",
            {"employees": 51},
            2_000,
            "Corporation with more than 50 employees → USD 2,000",
        ),
        (
            "institution",
            {"employees": 50},
            1_000,
            "Institution with 50 employees or fewer → USD 1,000",
        ),
        ("local_government", {"gdp_per_capita": 9_000}, None, "Fee unknown: population missing"),
        (
            "local_government",
            {},
            None,
            "Fee unknown: GDP per capita and population missing",
        ),
        ("corporation", {}, None, "Fee unknown: employees missing"),
    ],
)
def test_each_fee_comes_with_its_rule(category, facts, amount, rule):
    quote = explain_fee(category, **facts)
    assert (quote.amount_usd, quote.rule) == (amount, rule)


@pytest.mark.parametrize(
    ("category", "facts"),
    [
        ("local_government", {"gdp_per_capita": 3_999.5, "population": 650_000}),
        ("local_government", {"gdp_per_capita": 20_000, "population": 50_000}),
        ("corporation", {"employees": 0}),
        ("institution", {"employees": 400}),
    ],
)
def test_the_explained_fee_is_the_calculators(category, facts):
    assert explain_fee(category, **facts).amount_usd == annual_fee_usd(category, **facts)


GOOD = MemberFacts(
    name="Suwon",
    category="local_government",
    country="Korea",
    sub_category="city",
    regional_office=None,
    status="active",
    population=1_200_000,
    gdp_per_capita_ppp=Decimal("35000.00"),
    joined_on=date(2012, 3, 1),
)


def test_good_facts_pass_and_take_the_region_of_the_country():
    cleaned, errors = check_facts(GOOD, today=TODAY)
    assert errors == {} and cleaned.region == "Asia-Pacific"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": "  "}, "name"),
        ({"category": "club"}, "category"),
        ({"sub_category": "sme"}, "sub_category"),
        ({"country": ""}, "country"),
        ({"region": "Europe"}, "region"),  # Korea is in Asia-Pacific
        ({"country": "Atlantis"}, "region"),  # no member there yet: give a region
        ({"region": "Mars"}, "region"),
        ({"regional_office": "moon"}, "regional_office"),
        ({"status": "gone"}, "status"),
        ({"population": -1}, "population"),
        ({"gdp_per_capita_ppp": Decimal("-0.01")}, "gdp_per_capita_ppp"),
        ({"gdp_per_capita_ppp": Decimal("NaN")}, "gdp_per_capita_ppp"),
        ({"employees": 10}, "employees"),  # a local government has no staff fee
        ({"joined_on": date(2026, 6, 2)}, "joined_on"),
        ({"status": "lapsed"}, "left_on"),  # lapsed needs its date
        ({"left_on": date(2020, 1, 1)}, "left_on"),  # active has none
        ({"status": "suspended", "left_on": date(2011, 1, 1)}, "left_on"),  # before joining
    ],
)
def test_each_rule_names_its_field(changes, field):
    _, errors = check_facts(replace(GOOD, **changes), today=TODAY)
    assert field in errors, errors


def test_a_corporation_has_employees_but_no_population():
    company = MemberFacts(name="Breeze", category="corporation", country="Germany", employees=12)
    assert check_facts(company, today=TODAY)[1] == {}
    _, errors = check_facts(replace(company, population=10), today=TODAY)
    assert "population" in errors


def test_an_unknown_country_with_its_region_is_accepted():
    cleaned, errors = check_facts(replace(GOOD, country="Atlantis", region="Europe"), today=TODAY)
    assert errors == {} and cleaned.region == "Europe"
