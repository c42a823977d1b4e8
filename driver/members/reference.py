"""Reference data taken from WeGO's documents: areas, regions, member categories."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

AREAS: list[tuple[str, str]] = [
    ("agriculture", "Agriculture"),
    ("civic-engagement", "Civic Engagement"),
    ("connectivity", "Connectivity"),
    ("disaster-risk-management", "Disaster Risk Management"),
    ("education", "Education"),
    ("energy-efficiency", "Energy Efficiency"),
    ("healthcare", "Healthcare"),
    ("innovation-startups", "Innovation & Startups"),
    ("public-safety", "Public Safety"),
    ("public-transportation", "Public Transportation"),
    ("renewables-circular-economy", "Renewables & Circular Economy"),
    ("tourism", "Tourism"),
    ("traffic-management", "Traffic Management"),
    ("waste-management", "Waste Management"),
    ("water-management", "Water Management"),
    ("e-government", "e-Government"),
]

# The smart city stages of DESIGN §5, from least to most advanced.
STAGES = {1: "Exploring", 2: "Piloting", 3: "Scaling", 4: "Integrated", 5: "Optimising"}

REGIONS = ["Africa", "Americas", "Asia-Pacific", "Europe", "Middle East & North Africa"]

CATEGORIES = {
    "local_government": "Local government",
    "corporation": "Corporation",
    "institution": "Institution",
}
PROVIDER_CATEGORIES = frozenset({"corporation", "institution"})

# WeGO's sub-categories of membership, per category.
SUB_CATEGORIES = {
    "local_government": {
        "city": "City",
        "district": "District",
        "state_province": "State or province",
    },
    "corporation": {
        "multinational": "Multinational",
        "sme": "SME",
        "startup": "Start-up",
    },
    "institution": {
        "association": "Association",
        "public_agency": "Public agency",
        "academic": "Academic",
        "non_profit": "Non-profit",
    },
}

MEMBER_STATUSES = {"active": "Active", "lapsed": "Lapsed", "suspended": "Suspended"}

# WeGO's regional offices (the Secretariat itself is in Seoul).
REGIONAL_OFFICES = {
    "east_asia": "East Asia (Chengdu)",
    "eurasia": "Eurasia (Ulyanovsk Region)",
    "mediterranean": "Mediterranean (Beyoğlu)",
    "latin_america": "Latin America (Mexico City)",
    "africa": "Africa (Abuja)",
}

LANGUAGES = {
    "en": "English",
    "ko": "Korean",
    "es": "Spanish",
    "fr": "French",
    "ru": "Russian",
    "zh": "Chinese",
    "ar": "Arabic",
    "pt": "Portuguese",
    "tr": "Turkish",
    "id": "Indonesian",
    "mn": "Mongolian",
    "sw": "Swahili",
}

# Corporate members named in WeGO's 2019-2020 reports, with the country of
# their seat; the 2023 list does not name corporations.
CORPORATE_MEMBERS = [
    ("InsightAir", "United States", "Americas"),
    ("WeavAir", "Canada", "Americas"),
    ("Breeze Technologies UG", "Germany", "Europe"),
    ("DamoGO", "Kenya", "Africa"),
    ("FATOS Corporation", "Korea", "Asia-Pacific"),
    ("UCWARE", "Korea", "Asia-Pacific"),
    ("beCloud", "Belarus", "Europe"),
]


@dataclass(frozen=True)
class MemberRow:
    name: str
    category: str
    country: str
    region: str


@cache
def member_rows() -> tuple[MemberRow, ...]:
    """The 2023 member list shipped with the package, plus the named corporations."""
    text = resources.files("driver").joinpath("data/members_2023.csv").read_text("utf-8")
    rows = [MemberRow(**row) for row in csv.DictReader(text.splitlines())]
    rows += [MemberRow(n, "corporation", c, r) for n, c, r in CORPORATE_MEMBERS]
    return tuple(rows)


@cache
def country_regions() -> dict[str, str]:
    """Each known country's WeGO region, as the member list assigns them."""
    return {row.country.casefold(): row.region for row in member_rows()}


def region_of(country: str) -> str | None:
    """The region of ``country``, or None when no member list names it."""
    return country_regions().get(country.strip().casefold())
