"""The membership-fee calculator over HTTP: population in people, and bad input refused."""

from __future__ import annotations

import pytest


@pytest.fixture
def client(api, make_user):
    return api(make_user("city"))


@pytest.mark.parametrize(
    ("query", "fee"),
    [
        ("gdp_per_capita=999.99&population=49999", 400),
        ("gdp_per_capita=999.99&population=300000", 500),
        ("gdp_per_capita=1000&population=200000", 500),
        ("gdp_per_capita=1999.99&population=7000000", 800),
        ("gdp_per_capita=2000&population=49999", 400),
        ("gdp_per_capita=2000&population=50000", 450),
        ("gdp_per_capita=20000&population=10000000", 10_000),
    ],
)
def test_local_government_fee(client, query, fee):
    response = client.get(f"membership-fee?category=local_government&{query}")
    assert response.status_code == 200
    assert response.get_json() == {"annual_fee_usd": fee}


@pytest.mark.parametrize(
    ("category", "employees", "fee"),
    [("corporation", 50, 1_000), ("corporation", 51, 2_000), ("institution", 51, 2_000)],
)
def test_corporation_and_institution_fee(client, category, employees, fee):
    response = client.get(f"membership-fee?category={category}&employees={employees}")
    assert response.get_json() == {"annual_fee_usd": fee}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("", "category"),
        ("category=club&employees=3", "category"),
        ("category=local_government&population=1000", "gdp_per_capita"),
        ("category=local_government&gdp_per_capita=1000", "population"),
        ("category=local_government&gdp_per_capita=-1&population=5", "gdp_per_capita"),
        ("category=local_government&gdp_per_capita=1000&population=-5", "population"),
        ("category=local_government&gdp_per_capita=lots&population=5", "gdp_per_capita"),
        ("category=local_government&gdp_per_capita=1000&population=1.5e5", "population"),
        ("category=local_government&gdp_per_capita=NaN&population=5", "gdp_per_capita"),
        ("category=local_government&gdp_per_capita=inf&population=5", "gdp_per_capita"),
        ("category=local_government&gdp_per_capita=1e400&population=5", "gdp_per_capita"),
        ("category=corporation", "employees"),
        ("category=corporation&employees=-1", "employees"),
        ("category=corporation&employees=ten", "employees"),
        ("category=institution&employees=10&population=3", "population"),
    ],
)
def test_bad_input_is_a_422_problem(client, assert_problem, query, field):
    body = assert_problem(client.get(f"membership-fee?{query}"), 422)
    assert field in body["errors"]
