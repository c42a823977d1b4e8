"""The membership fee rules: band edges of the local-government table, the flat rates, bad input."""

from __future__ import annotations

import math

import pytest

from driver.errors import Invalid
from driver.members.fees import annual_fee_usd, local_government_table, parse_table


@pytest.mark.parametrize(
    ("gdp_per_capita", "population", "fee"),
    [
        # First row, printed with merged cells in the source and expanded in the table.
        (0, 0, 400),
        (999.99, 49_999, 400),
        (999.99, 200_000, 400),
        (999.99, 300_000, 500),
        (999.99, 999_999, 500),
        (999.99, 1_000_000, 600),
        (999.99, 10_000_000, 700),
        # Second row, also merged; labelled "0 - 1,999" in the source, it is 1,000-1,999.
        (1_000, 199_999, 400),
        (1_000, 200_000, 500),
        (1_999.99, 6_999_999, 700),
        (1_999.99, 7_000_000, 800),
        (1_999.99, 50_000_000, 800),
        # The population edge in people: 49,999 is in 0-49 thousand, 50,000 in 50-199.
        (2_000, 49_999, 400),
        (2_000, 50_000, 450),
        (2_000, 299_999, 500),
        (2_000, 300_000, 750),
        # The GDP edges: each band starts at its lower edge.
        (9_999.99, 0, 1_600),
        (10_000, 0, 2_500),
        (19_999.99, 10_000_000, 8_000),
        (20_000, 9_999_999, 8_500),
        (20_000, 10_000_000, 10_000),
        (10**9, 10**10, 10_000),
    ],
)
def test_local_government_fee_by_band(gdp_per_capita, population, fee):
    assert (
        annual_fee_usd("local_government", gdp_per_capita=gdp_per_capita, population=population)
        == fee
    )


@pytest.mark.parametrize(
    ("category", "employees", "fee"),
    [
        ("corporation", 0, 1_000),
        ("corporation", 50, 1_000),
        ("corporation", 51, 2_000),
        ("corporation", 10_000, 2_000),
        ("institution", 50, 1_000),
        ("institution", 51, 2_000),
    ],
)
def test_corporations_and_institutions_pay_by_employees(category, employees, fee):
    assert annual_fee_usd(category, employees=employees) == fee


@pytest.mark.parametrize(
    ("category", "kwargs", "field"),
    [
        ("city", {"employees": 3}, "category"),
        ("", {}, "category"),
        ("local_government", {"population": 1000}, "gdp_per_capita"),
        ("local_government", {"gdp_per_capita": 1000}, "population"),
        ("local_government", {"gdp_per_capita": -1, "population": 1000}, "gdp_per_capita"),
        ("local_government", {"gdp_per_capita": 1000, "population": -1}, "population"),
        ("local_government", {"gdp_per_capita": math.nan, "population": 1000}, "gdp_per_capita"),
        ("local_government", {"gdp_per_capita": math.inf, "population": 1000}, "gdp_per_capita"),
        ("local_government", {"gdp_per_capita": "1000", "population": 1000}, "gdp_per_capita"),
        ("local_government", {"gdp_per_capita": 1000, "population": 1.5}, "population"),
        ("local_government", {"gdp_per_capita": True, "population": 1000}, "gdp_per_capita"),
        ("local_government", {"gdp_per_capita": 1, "population": 1, "employees": 3}, "employees"),
        ("corporation", {}, "employees"),
        ("corporation", {"employees": -1}, "employees"),
        ("institution", {"employees": 50.5}, "employees"),
        ("corporation", {"employees": 10, "population": 5}, "population"),
    ],
)
def test_bad_input_is_refused_naming_the_field(category, kwargs, field):
    with pytest.raises(Invalid) as refused:
        annual_fee_usd(category, **kwargs)
    assert field in refused.value.errors


def test_the_shipped_table_has_nine_gdp_and_ten_population_bands():
    table = local_government_table()
    assert len(table.gdp_edges) == 9
    assert table.population_edges[:3] == (0, 50_000, 200_000)
    assert all(len(row) == 10 for row in table.fees)


@pytest.mark.parametrize(
    "text",
    [
        "gdp \\ population,0-49,50+\n0-999,400\n",  # a row too short
        "gdp \\ population,0-49,50+\n1000-1999,400,400\n0-999,400,400\n",  # out of order
        "gdp \\ population,10-49,50+\n0-999,400,400\n",  # does not start at zero
    ],
)
def test_a_malformed_table_is_refused(text):
    with pytest.raises(ValueError):
        parse_table(text)
