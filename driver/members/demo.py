"""Demo registry facts: sub-categories, joining dates and regional offices for the seeded members.

Deterministic (derived from each member's name) and idempotent: only empty
facts are filled, so running the demo again changes nothing.
"""

from __future__ import annotations

import zlib
from datetime import date, timedelta

from sqlalchemy import select

from driver.extensions import db
from driver.members.models import Member

WEGO_FOUNDED = date(2010, 9, 15)
LAST_JOINING = date(2023, 12, 31)

# Where a regional office obviously serves the member's country.
OFFICE_BY_COUNTRY = {
    "China": "east_asia",
    "Mongolia": "east_asia",
    "Russia": "eurasia",
    "Belarus": "eurasia",
    "Kazakhstan": "eurasia",
    "Kyrgyzstan": "eurasia",
    "Uzbekistan": "eurasia",
    "Azerbaijan": "eurasia",
    "Türkiye": "mediterranean",
    "Tunisia": "mediterranean",
    "Morocco": "mediterranean",
    "Palestine": "mediterranean",
    "Mexico": "latin_america",
    "Peru": "latin_america",
    "Brazil": "latin_america",
    "Argentina": "latin_america",
    "Paraguay": "latin_america",
    "Ecuador": "latin_america",
    "Venezuela": "latin_america",
    "Costa Rica": "latin_america",
    "Dominican Republic": "latin_america",
}
ACADEMIC_WORDS = ("university", "school", "institute", "college", "enactus")
AGENCY_WORDS = ("agency", "authority", "corporation", "organization", "ministry", "(")


def _number(name: str) -> int:
    return zlib.crc32(name.encode("utf-8"))


def sub_category_for(member: Member) -> str | None:
    """A plausible sub-category from the member's name and category."""
    name = member.name.casefold()
    if member.category == "local_government":
        if any(w in name for w in ("state", "province", "region", "oblast")):
            return "state_province"
        if any(w in name for w in ("district", "-gu", "regency", "municipality of")):
            return "district"
        return "city"
    if member.category == "corporation":
        return ("startup", "sme", "sme", "multinational")[_number(member.name) % 4]
    if member.category == "institution":
        if any(w in name for w in ACADEMIC_WORDS):
            return "academic"
        if "foundation" in name:
            return "non_profit"
        if any(w in name for w in AGENCY_WORDS):
            return "public_agency"
        return "association"
    return None


def joined_on_for(member: Member) -> date:
    """A joining date between WeGO's founding and the 2023 member list, from the name."""
    span = (LAST_JOINING - WEGO_FOUNDED).days
    return WEGO_FOUNDED + timedelta(days=_number(member.name) % span)


def load() -> int:
    """Fill the empty registry facts of every member; return how many members changed. Commit."""
    changed = 0
    for member in db.session.scalars(select(Member).order_by(Member.id)):
        before = (member.sub_category, member.joined_on, member.regional_office, member.employees)
        if member.sub_category is None:
            member.sub_category = sub_category_for(member)
        if member.joined_on is None:
            member.joined_on = joined_on_for(member)
        if member.regional_office is None:
            office = OFFICE_BY_COUNTRY.get(member.country)
            member.regional_office = office or ("africa" if member.region == "Africa" else None)
        if member.category != "local_government" and member.employees is None:
            member.employees = 5 + _number(member.name) % 400
        after = (member.sub_category, member.joined_on, member.regional_office, member.employees)
        changed += before != after
    db.session.commit()
    return changed
