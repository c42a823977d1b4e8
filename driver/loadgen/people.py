"""Member organisations, provider profiles and user accounts of the demo load."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from random import Random

from driver.loadgen.writer import BulkWriter
from driver.members.reference import REGIONS

COUNTRIES = {
    "Africa": ["Kenya", "Uganda", "Ghana", "Rwanda", "Nigeria"],
    "Americas": ["Mexico", "Brazil", "Peru", "United States", "Canada"],
    "Asia-Pacific": ["Korea", "Japan", "Indonesia", "Philippines", "Viet Nam"],
    "Europe": ["Germany", "Spain", "France", "Poland", "Romania"],
    "Middle East & North Africa": ["Jordan", "Morocco", "Oman", "Tunisia", "Egypt"],
}
LANGUAGES = ["en", "es", "fr", "ko", "ar", "pt"]
EMAIL_DOMAIN = "load.we-gov.test"


@dataclass
class People:
    """Who the generator made, by role, for the rest of the dataset to point at."""

    cities: list[int] = field(default_factory=list)
    providers: list[int] = field(default_factory=list)
    city_users: dict[int, list[int]] = field(default_factory=dict)  # member id -> user ids
    provider_users: dict[int, list[int]] = field(default_factory=dict)
    reviewers: list[int] = field(default_factory=list)
    admins: list[int] = field(default_factory=list)
    region_of: dict[int, str] = field(default_factory=dict)
    reviewer_regions: dict[int, list[str]] = field(default_factory=dict)
    solution_areas: list[dict[str, int]] = field(default_factory=list)
    area_ids: list[int] = field(default_factory=list)

    def reviewer_for(self, rnd: Random, region: str) -> int:
        """A reviewer who may see objects of ``region`` (every region, or that one)."""
        fit = [r for r in self.reviewers if self.reviewer_regions[r] in ([], [region])]
        return rnd.choice(fit or self.admins)


def make_people(
    w: BulkWriter,
    rnd: Random,
    *,
    members: int,
    users: int,
    area_ids: list[int],
    password_hash: str,
    batch: int,
    start: datetime,
) -> People:
    """Insert ``members`` organisations (half cities, half providers) and ``users`` accounts."""
    people = People(area_ids=area_ids)
    tag = f"b{batch}" if batch else ""
    member_rows, profile_rows, area_rows = [], [], []
    for n in range(members):
        mid = w.next_id("members")
        region = REGIONS[n % len(REGIONS)]
        country = rnd.choice(COUNTRIES[region])
        if n % 2 == 0:
            category = "local_government"
            people.cities.append(mid)
            name = f"Load City {tag}{n:05d}"
        else:
            category = "corporation" if n % 20 != 1 else "institution"
            people.providers.append(mid)
            name = f"Load Provider {tag}{n:05d}"
        people.region_of[mid] = region
        when = start + timedelta(days=rnd.randrange(0, 365))
        member_rows.append(
            {
                "id": mid,
                "name": name,
                "category": category,
                "country": country,
                "region": region,
                "status": "active",
                "languages": ["en", rnd.choice(LANGUAGES)],
                "population": rnd.randrange(50_000, 12_000_000)
                if category == "local_government"
                else None,
                "created_at": when,
                "updated_at": when,
            }
        )
        if category != "local_government":
            other = rnd.choice(REGIONS)
            stage_min = rnd.randint(1, 3)
            budget_min = rnd.choice([None, 10_000, 50_000, 100_000])
            profile_rows.append(
                {
                    "member_id": mid,
                    "summary": f"Smart city services from {name}.",
                    "countries": [country],
                    "regions": sorted({region, other}),
                    "languages": ["en", rnd.choice(LANGUAGES)],
                    "remote_capable": rnd.random() < 0.5,
                    "verified": rnd.random() < 0.85,
                    "stage_min": stage_min,
                    "stage_max": rnd.randint(stage_min, 5),
                    "budget_min_usd": budget_min,
                    "budget_max_usd": None if budget_min is None else budget_min * 20,
                    "created_at": when,
                    "updated_at": when,
                }
            )
            area_rows.extend(
                {"provider_id": mid, "area_id": a} for a in rnd.sample(area_ids, rnd.randint(1, 4))
            )
    w.insert("members", member_rows)
    w.insert("provider_profiles", profile_rows)
    w.insert("provider_areas", area_rows)
    w.insert("solutions", _solutions(w, rnd, people, start))
    w.insert("solution_areas", people.solution_areas)
    w.insert("users", _users(w, rnd, people, users, password_hash, tag, start))
    return people


def _users(w, rnd, people, count, password_hash, tag, start):
    staff = max(2, count // 100)
    n_cities = (count - staff) // 2
    for n in range(count):
        uid = w.next_id("users")
        member_id, regions = None, []
        if n < max(1, staff // 10):
            role = "admin"
            people.admins.append(uid)
        elif n < staff:
            role = "reviewer"
            people.reviewers.append(uid)
            # A few reviewers are scoped to a region, as WeGO's regional offices are.
            regions = [REGIONS[n % len(REGIONS)]] if n % 4 == 0 else []
            people.reviewer_regions[uid] = regions
        elif n < staff + n_cities:
            role = "city"
            member_id = people.cities[(n - staff) % len(people.cities)]
            people.city_users.setdefault(member_id, []).append(uid)
        else:
            role = "provider"
            member_id = people.providers[(n - staff - n_cities) % len(people.providers)]
            people.provider_users.setdefault(member_id, []).append(uid)
        when = start + timedelta(days=rnd.randrange(0, 400))
        yield {
            "id": uid,
            "email": f"{role}{tag}{n:05d}@{EMAIL_DOMAIN}",
            "name": f"Load {role.title()} {n}",
            "password_hash": password_hash,
            "role": role,
            "member_id": member_id,
            "regions": regions,
            "active": True,
            "language": "en",
            "session_version": 1,
            "created_at": when,
            "updated_at": when,
        }


def _solutions(w, rnd, people, start):
    """One catalogue solution per provider, most of them verified by WeGO."""
    for provider in people.providers:
        sid = w.next_id("solutions")
        verified = rnd.random() < 0.7
        stage_min = rnd.randint(1, 3)
        when = start + timedelta(days=rnd.randrange(30, 700))
        people.solution_areas.extend(
            {"solution_id": sid, "area_id": a} for a in rnd.sample(people.area_ids, 2)
        )
        yield {
            "id": sid,
            "provider_id": provider,
            "name": f"Load Solution {sid}",
            "summary": "Sensors, a data platform and a dashboard for the city.",
            "stage_min": stage_min,
            "stage_max": rnd.randint(stage_min, 5),
            "cost_band": rnd.choice(["under_50k", "50k_250k", "250k_1m", "over_1m"]),
            "reference_cities": ["Seoul"],
            "verified": verified,
            "verified_at": when if verified else None,
            "verified_by_id": None,
            "version": 1,
            "created_at": when,
            "updated_at": when,
        }
