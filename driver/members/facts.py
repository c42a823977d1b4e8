"""A member's registry facts and the rules they must follow, shared by the form, API and import."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date
from decimal import Decimal
from typing import Any

from flask_babel import gettext as _

from driver.members.reference import (
    CATEGORIES,
    MEMBER_STATUSES,
    REGIONAL_OFFICES,
    REGIONS,
    SUB_CATEGORIES,
    region_of,
)

MAX_POPULATION = 100_000_000_000
MAX_EMPLOYEES = 10_000_000
MAX_GDP = Decimal("9999999999.99")  # Numeric(12, 2)


@dataclass(frozen=True)
class MemberFacts:
    """Everything the registry keeps about a member; ``region`` None means "from the country"."""

    name: str
    category: str
    country: str
    region: str | None = None
    sub_category: str | None = None
    regional_office: str | None = None
    status: str = "active"
    population: int | None = None
    gdp_per_capita_ppp: Decimal | None = None
    employees: int | None = None
    joined_on: date | None = None
    left_on: date | None = None


FACT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(MemberFacts))


def facts_of(member: Any) -> MemberFacts:
    """The facts a stored member has now."""
    return MemberFacts(**{name: getattr(member, name) for name in FACT_FIELDS})


def check_facts(facts: MemberFacts, *, today: date) -> tuple[MemberFacts, dict[str, list[str]]]:
    """``facts`` cleaned (names trimmed, region derived) and the errors, field by field.

    Sub-categories belong to their category; a known country gives the region
    (a different region given is an error); population and GDP per capita are
    a local government's facts, employees a corporation's or institution's;
    numbers are not negative, dates not in the future; an active member has
    no leaving date, a lapsed or suspended one has it.
    """
    errors: dict[str, list[str]] = {}

    def error(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    name, country = facts.name.strip(), facts.country.strip()
    if not name:
        error("name", _("Give the organisation's name."))
    elif len(name) > 200:
        error("name", _("At most %(num)d characters.", num=200))
    if facts.category not in CATEGORIES:
        error(
            "category",
            _("Unknown category; choose one of: %(choices)s.", choices=_codes(CATEGORIES)),
        )
    subs = SUB_CATEGORIES.get(facts.category, {})
    if facts.sub_category is not None and facts.sub_category not in subs:
        known = ", ".join(subs) or _("none")
        error(
            "sub_category",
            _("Not a sub-category of this category (choose: %(choices)s).", choices=known),
        )
    region = facts.region
    if not country:
        error("country", _("Give the country."))
    elif len(country) > 100:
        error("country", _("At most %(num)d characters.", num=100))
    else:
        known_region = region_of(country)
        if region is not None and region not in REGIONS:
            error(
                "region", _("Unknown region; choose one of: %(choices)s.", choices=_codes(REGIONS))
            )
        elif known_region is not None and region is not None and region != known_region:
            error(
                "region",
                _(
                    "%(country)s is in %(known)s, not %(given)s.",
                    country=country,
                    known=_(known_region),
                    given=_(region),
                ),
            )
        elif known_region is None and region is None:
            error("region", _("No member is in %(country)s yet: give its region.", country=country))
        region = region or known_region
    if facts.regional_office is not None and facts.regional_office not in REGIONAL_OFFICES:
        error(
            "regional_office",
            _("Unknown regional office; choose: %(choices)s.", choices=_codes(REGIONAL_OFFICES)),
        )
    if facts.status not in MEMBER_STATUSES:
        error(
            "status",
            _("Unknown status; choose one of: %(choices)s.", choices=_codes(MEMBER_STATUSES)),
        )
    _check_numbers(facts, error)
    for field, value in (("joined_on", facts.joined_on), ("left_on", facts.left_on)):
        if value is not None and value > today:
            error(field, _("The date cannot be in the future."))
    if facts.joined_on and facts.left_on and facts.left_on < facts.joined_on:
        error("left_on", _("The leaving date cannot be before the joining date."))
    if facts.status == "active" and facts.left_on is not None:
        error("left_on", _("An active member has no leaving date."))
    elif facts.status == "lapsed" and facts.left_on is None:
        error("left_on", _("Give the date the membership was lapsed."))
    elif facts.status == "suspended" and facts.left_on is None:
        error("left_on", _("Give the date the membership was suspended."))
    return replace(facts, name=name, country=country, region=region), errors


def _codes(choices: dict[str, str] | list[str]) -> str:
    """The codes an API or import file may give, listed (codes are not translated)."""
    return ", ".join(choices)


def _check_numbers(facts: MemberFacts, error: Any) -> None:
    local = facts.category == "local_government"
    for field, value, limit in (
        ("population", facts.population, MAX_POPULATION),
        ("employees", facts.employees, MAX_EMPLOYEES),
        ("gdp_per_capita_ppp", facts.gdp_per_capita_ppp, MAX_GDP),
    ):
        if value is None:
            continue
        if isinstance(value, Decimal) and not value.is_finite():
            error(field, _("Give a number."))
        elif value < 0:
            error(field, _("Cannot be negative."))
        elif value > limit:
            error(field, _("At most %(limit)s.", limit=format(limit, ",")))
        if facts.category in CATEGORIES:
            if field == "employees" and local:
                error(field, _("Local governments pay by GDP and population, not staff."))
            elif field != "employees" and not local:
                error(field, _("Only local governments have a population and GDP per capita here."))


def changes_between(old: MemberFacts | None, new: MemberFacts) -> dict[str, tuple[Any, Any]]:
    """The fields that differ, each with its old and new value (every field for a new member)."""
    changed: dict[str, tuple[Any, Any]] = {}
    for name in FACT_FIELDS:
        before = getattr(old, name) if old is not None else None
        after = getattr(new, name)
        if before != after:
            changed[name] = (before, after)
    return changed


def plain(value: Any) -> Any:
    """A value as JSON keeps it: dates as ISO text, decimals as text."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value
