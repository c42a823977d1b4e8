"""The annual membership fee (WeGO's fee rules): a table for local governments, a flat rate else.

Local governments pay by GDP per capita (PPP, USD) and population; the table
ships with the package (``driver/data/fees_local_government_usd.csv``). Each
band runs from its lower edge up to, not including, the next band's lower
edge. Population bands are in thousands of people; the calculator takes
people, so 49,999 people fall in the 0-49 band and 50,000 in the 50-199 band.
Corporations and institutions pay USD 2,000 with more than 50 employees and
USD 1,000 otherwise.
"""

from __future__ import annotations

import csv
import math
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache
from importlib import resources

from flask_babel import gettext as _

from driver.errors import Invalid
from driver.i18n import N_

CATEGORIES = ("local_government", "corporation", "institution")
LARGE_ORGANISATION_EMPLOYEES = 50  # more than this pays the higher flat fee
FLAT_FEES_USD = {"small": 1_000, "large": 2_000}


@dataclass(frozen=True)
class FeeTable:
    """The local-government table: band lower edges and one fee per (GDP band, population band)."""

    gdp_edges: tuple[float, ...]  # USD per capita
    population_edges: tuple[int, ...]  # people
    fees: tuple[tuple[int, ...], ...]  # fees[gdp band][population band]

    def fee(self, gdp_per_capita: float, population: int) -> int:
        row = bisect_right(self.gdp_edges, gdp_per_capita) - 1
        column = bisect_right(self.population_edges, population) - 1
        return self.fees[row][column]


def _lower_edge(label: str) -> int:
    """The lower edge of a band label: "1000-1999" and "10000+" give 1000 and 10000."""
    return int(label.strip().rstrip("+").split("-")[0].replace(",", ""))


def parse_table(text: str) -> FeeTable:
    """Read the CSV: a header of population bands (thousands), then one row per GDP band."""
    rows = [row for row in csv.reader(text.splitlines()) if row]
    header, body = rows[0], rows[1:]
    population_edges = tuple(_lower_edge(label) * 1_000 for label in header[1:])
    gdp_edges = tuple(float(_lower_edge(row[0])) for row in body)
    fees = tuple(tuple(int(cell) for cell in row[1:]) for row in body)
    if any(len(row) != len(population_edges) for row in fees):
        raise ValueError("every fee row needs one fee per population band")
    if list(gdp_edges) != sorted(gdp_edges) or list(population_edges) != sorted(population_edges):
        raise ValueError("bands must be listed from the lowest up")
    if gdp_edges[0] != 0 or population_edges[0] != 0:
        raise ValueError("the first bands must start at zero")
    return FeeTable(gdp_edges, population_edges, fees)


@cache
def local_government_table() -> FeeTable:
    """The table shipped with the package."""
    path = resources.files("driver").joinpath("data/fees_local_government_usd.csv")
    return parse_table(path.read_text("utf-8"))


def annual_fee_usd(
    category: str,
    *,
    gdp_per_capita: float | None = None,
    population: int | None = None,
    employees: int | None = None,
) -> int:
    """The annual fee in USD of a member of ``category``; Invalid names what is missing or wrong.

    ``population`` is in people, ``gdp_per_capita`` in USD (PPP).
    """
    errors: dict[str, list[str]] = {}
    if category not in CATEGORIES:
        errors["category"] = [f"Choose one of: {', '.join(CATEGORIES)}."]
    elif category == "local_government":
        _check_number(errors, "gdp_per_capita", gdp_per_capita, "GDP per capita")
        _check_number(errors, "population", population, "The population", whole=True)
        if employees is not None:
            errors["employees"] = ["Local governments pay by GDP and population, not staff."]
    else:
        _check_number(errors, "employees", employees, "The number of employees", whole=True)
        for name, value in (("gdp_per_capita", gdp_per_capita), ("population", population)):
            if value is not None:
                errors[name] = ["Corporations and institutions pay by number of employees."]
    if errors:
        raise Invalid("The fee cannot be calculated from this input.", errors=errors)
    if category == "local_government":
        assert gdp_per_capita is not None and population is not None
        return local_government_table().fee(gdp_per_capita, population)
    assert employees is not None
    large = employees > LARGE_ORGANISATION_EMPLOYEES
    return FLAT_FEES_USD["large" if large else "small"]


def _check_number(
    errors: dict[str, list[str]],
    name: str,
    value: float | int | None,
    label: str,
    *,
    whole: bool = False,
) -> None:
    if value is None:
        errors[name] = [f"{label} is required."]
    elif isinstance(value, bool) or not isinstance(value, int | float):
        errors[name] = [f"{label} must be a number."]
    elif whole and not isinstance(value, int):
        errors[name] = [f"{label} must be a whole number."]
    elif not math.isfinite(value):
        errors[name] = [f"{label} must be a finite number."]
    elif value < 0:
        errors[name] = [f"{label} cannot be negative."]


# -- the fee with the rule that produced it ------------------------------------------

CATEGORY_LABELS = {
    "local_government": "Local government",
    "corporation": "Corporation",
    "institution": "Institution",
}


@dataclass(frozen=True)
class FeeQuote:
    """An annual fee (None when it cannot be worked out) and the rule, in words."""

    amount_usd: int | None
    rule: str


def _band(edges: tuple[float, ...] | tuple[int, ...], value: float) -> str:
    """The label of the band of ``edges`` that ``value`` falls in: "1,000–1,999" or "20,000+"."""
    index = bisect_right(edges, value) - 1
    low = int(edges[index])
    if index + 1 == len(edges):
        return f"{low:,}+"
    return f"{low:,}–{int(edges[index + 1]) - 1:,}"


def explain_fee(
    category: str,
    *,
    gdp_per_capita: float | None = None,
    population: int | None = None,
    employees: int | None = None,
) -> FeeQuote:
    """The fee ``annual_fee_usd`` gives for these facts, with the rule that gives it.

    Facts that do not apply to the category are ignored; a missing one gives
    no amount and a rule that names it ("Fee unknown: population missing").
    """
    if category not in CATEGORY_LABELS:
        return FeeQuote(None, _("Fee unknown: no category"))
    if category == "local_government":
        if gdp_per_capita is None or population is None:
            missing = (gdp_per_capita is None, population is None)
            return FeeQuote(None, _(_MISSING[missing]))
        amount = annual_fee_usd(category, gdp_per_capita=gdp_per_capita, population=population)
        table = local_government_table()
        return FeeQuote(
            amount,
            _(
                "Local government: GDP per capita %(gdp)s USD, population %(population)s"
                " → USD %(amount)s",
                gdp=_band(table.gdp_edges, gdp_per_capita),
                population=_band(table.population_edges, population),
                amount=format(amount, ","),
            ),
        )
    if employees is None:
        return FeeQuote(None, _("Fee unknown: employees missing"))
    amount = annual_fee_usd(category, employees=employees)
    size = "large" if employees > LARGE_ORGANISATION_EMPLOYEES else "small"
    rule = _(
        _FLAT_RULES[(category, size)], num=LARGE_ORGANISATION_EMPLOYEES, amount=format(amount, ",")
    )
    return FeeQuote(amount, rule)


# The rule of a local government's missing facts: (GDP per capita missing, population missing).
_MISSING = {
    (True, True): N_("Fee unknown: GDP per capita and population missing"),
    (True, False): N_("Fee unknown: GDP per capita missing"),
    (False, True): N_("Fee unknown: population missing"),
}

# The rule of a flat fee, one whole sentence per category and size.
_FLAT_RULES = {
    ("corporation", "large"): N_("Corporation with more than %(num)d employees → USD %(amount)s"),
    ("corporation", "small"): N_("Corporation with %(num)d employees or fewer → USD %(amount)s"),
    ("institution", "large"): N_("Institution with more than %(num)d employees → USD %(amount)s"),
    ("institution", "small"): N_("Institution with %(num)d employees or fewer → USD %(amount)s"),
}


def member_fee(member: object) -> FeeQuote:
    """The fee quote of a registry member (anything with the member's fee facts)."""
    gdp = getattr(member, "gdp_per_capita_ppp", None)
    return explain_fee(
        getattr(member, "category", ""),
        gdp_per_capita=float(gdp) if gdp is not None else None,
        population=getattr(member, "population", None),
        employees=getattr(member, "employees", None),
    )
