"""Reference data taken from WeGO's documents: areas, regions, member categories."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

from driver.i18n import N_

AREAS: list[tuple[str, str]] = [
    ("agriculture", N_("Agriculture")),
    ("civic-engagement", N_("Civic Engagement")),
    ("connectivity", N_("Connectivity")),
    ("disaster-risk-management", N_("Disaster Risk Management")),
    ("education", N_("Education")),
    ("energy-efficiency", N_("Energy Efficiency")),
    ("healthcare", N_("Healthcare")),
    ("innovation-startups", N_("Innovation & Startups")),
    ("public-safety", N_("Public Safety")),
    ("public-transportation", N_("Public Transportation")),
    ("renewables-circular-economy", N_("Renewables & Circular Economy")),
    ("tourism", N_("Tourism")),
    ("traffic-management", N_("Traffic Management")),
    ("waste-management", N_("Waste Management")),
    ("water-management", N_("Water Management")),
    ("e-government", N_("e-Government")),
]

# The smart city stages of DESIGN §5, from least to most advanced.
STAGES = {
    1: N_("Exploring"),
    2: N_("Piloting"),
    3: N_("Scaling"),
    4: N_("Integrated"),
    5: N_("Optimising"),
}

REGIONS = [
    N_("Africa"),
    N_("Americas"),
    N_("Asia-Pacific"),
    N_("Europe"),
    N_("Middle East & North Africa"),
]

CATEGORIES = {
    "local_government": N_("Local government"),
    "corporation": N_("Corporation"),
    "institution": N_("Institution"),
}
PROVIDER_CATEGORIES = frozenset({"corporation", "institution"})

# WeGO's sub-categories of membership, per category.
SUB_CATEGORIES = {
    "local_government": {
        "city": N_("City"),
        "district": N_("District"),
        "state_province": N_("State or province"),
    },
    "corporation": {
        "multinational": N_("Multinational"),
        "sme": N_("SME"),
        "startup": N_("Start-up"),
    },
    "institution": {
        "association": N_("Association"),
        "public_agency": N_("Public agency"),
        "academic": N_("Academic"),
        "non_profit": N_("Non-profit"),
    },
}

MEMBER_STATUSES = {"active": N_("Active"), "lapsed": N_("Lapsed"), "suspended": N_("Suspended")}

# WeGO's regional offices (the Secretariat itself is in Seoul).
REGIONAL_OFFICES = {
    "east_asia": N_("East Asia (Chengdu)"),
    "eurasia": N_("Eurasia (Ulyanovsk Region)"),
    "mediterranean": N_("Mediterranean (Beyoğlu)"),
    "latin_america": N_("Latin America (Mexico City)"),
    "africa": N_("Africa (Abuja)"),
}

LANGUAGES = {
    "en": N_("English"),
    "ko": N_("Korean"),
    "es": N_("Spanish"),
    "fr": N_("French"),
    "ru": N_("Russian"),
    "zh": N_("Chinese"),
    "ar": N_("Arabic"),
    "pt": N_("Portuguese"),
    "tr": N_("Turkish"),
    "id": N_("Indonesian"),
    "mn": N_("Mongolian"),
    "sw": N_("Swahili"),
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
