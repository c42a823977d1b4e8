"""Demo accounts and applications, walked through the real services (so history is real)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from driver import transitions
from driver.auth.models import User
from driver.auth.services import NewUser, create_user, find_by_email
from driver.extensions import db
from driver.matchmaking import services as matchmaking
from driver.members.services import find_member, update_profile
from driver.solution_finder import services as solution_finder
from driver.solution_finder.models import Application

DEMO_PASSWORD = "smart-city-demo-2026"

ACCOUNTS = [
    # email, role, member, regions, name
    ("admin@demo.we-gov.org", "admin", None, (), "Ana Admin"),
    ("reviewer@demo.we-gov.org", "reviewer", None, (), "Rui Reviewer"),
    ("reviewer.africa@demo.we-gov.org", "reviewer", None, ("Africa",), "Amara Africa Office"),
    ("seoul@demo.we-gov.org", "city", "Seoul", (), "Seo-yeon Kim"),
    ("kampala@demo.we-gov.org", "city", "Kampala", (), "Grace Namukasa"),
    ("mexico@demo.we-gov.org", "city", "Mexico City", (), "Diego Hernández"),
    ("breeze@demo.we-gov.org", "provider", "Breeze Technologies UG", (), "Robert Heinecke"),
    ("fatos@demo.we-gov.org", "provider", "FATOS Corporation", (), "Min-jun Park"),
    ("insightair@demo.we-gov.org", "provider", "InsightAir", (), "Sarah Miller"),
    ("fiware@demo.we-gov.org", "provider", "FIWARE Foundation", (), "Ulrich Ahle"),
]

PROFILES = {
    "Breeze Technologies UG": {
        "summary": "Air-quality sensors and analytics for city environmental planning.",
        "areas": ["energy-efficiency", "traffic-management", "healthcare"],
        "countries": ["Germany", "Korea"],
        "regions": ["Europe", "Asia-Pacific"],
        "languages": ["en"],
        "remote_capable": True,
        "stage_min": 1,
        "stage_max": 4,
        "budget_min_usd": 20_000,
        "budget_max_usd": 400_000,
    },
    "FATOS Corporation": {
        "summary": "Navigation and real-time traffic data for public transport operators.",
        "areas": ["traffic-management", "public-transportation"],
        "countries": ["Korea"],
        "regions": ["Asia-Pacific"],
        "languages": ["ko", "en"],
        "remote_capable": False,
        "stage_min": 2,
        "stage_max": 5,
        "budget_min_usd": 50_000,
        "budget_max_usd": 2_000_000,
    },
    "InsightAir": {
        "summary": "Drone inspection of water, energy and disaster-exposed infrastructure.",
        "areas": ["water-management", "disaster-risk-management", "energy-efficiency"],
        "countries": ["United States", "Mexico"],
        "regions": ["Americas"],
        "languages": ["en", "es"],
        "remote_capable": True,
        "stage_min": 1,
        "stage_max": 3,
        "budget_min_usd": 10_000,
        "budget_max_usd": 300_000,
    },
    "FIWARE Foundation": {
        "summary": "Open-source context-data platforms for interoperable city services.",
        "areas": ["e-government", "connectivity", "traffic-management", "water-management"],
        "countries": ["Germany"],
        "regions": ["Europe", "Africa", "Americas"],
        "languages": ["en", "es", "fr"],
        "remote_capable": True,
        "stage_min": 1,
        "stage_max": 5,
        "budget_min_usd": None,
        "budget_max_usd": None,
    },
}


def load_demo() -> None:
    """Create the demo accounts, profiles and applications once; safe to run again."""
    from driver.members.demo import load as load_registry

    load_registry()  # fills only empty facts, so it runs every time
    if find_by_email(ACCOUNTS[0][0]) is not None:
        return
    users = {}
    for email, role, member_name, regions, name in ACCOUNTS:
        member = find_member(member_name) if member_name else None
        users[email.split("@")[0]] = create_user(
            NewUser(
                email=email,
                password=DEMO_PASSWORD,
                role=role,
                name=name,
                member_id=member.id if member else None,
                regions=regions,
            )
        )
    admin = users["admin"]
    for member_name, profile in PROFILES.items():
        update_profile(admin, find_member(member_name), {**profile, "verified": True})
    _applications(users)
    from driver.activator.demo import load as load_activator
    from driver.implementer.demo import load as load_implementer

    load_activator(users)
    load_implementer(users)


def _walk(app: Application, actor: User, *steps: tuple[str, str]) -> None:
    for trigger, comment in steps:
        transitions.fire(solution_finder.BINDING, app.id, trigger, actor, comment=comment)


def _draft(
    city: User,
    title: str,
    description: str,
    areas: list[str],
    budget: int | None,
    stage: int | None,
    languages: list[str],
) -> Application:
    return solution_finder.create_application(
        city,
        solution_finder.DraftInput(
            title=title,
            description=description,
            areas=tuple(areas),
            budget_usd=budget,
            city_stage=stage,
            languages=tuple(languages),
            expected_outcomes="Measurable improvement within two years.",
        ),
    )


def _applications(u: dict[str, User]) -> None:
    seoul, kampala, mexico = u["seoul"], u["kampala"], u["mexico"]
    reviewer, africa = u["reviewer"], u["reviewer.africa"]

    _draft(
        seoul,
        "Heat islands in old neighbourhoods",
        "Summer heat is rising in dense districts with few trees.",
        ["energy-efficiency"],
        None,
        None,
        ["ko"],
    )

    app = _draft(
        kampala,
        "Flood early warning for Nakivubo channel",
        "Flash floods hit markets along the channel every rainy season; we need "
        "sensors and an alert service for traders.",
        ["disaster-risk-management", "water-management"],
        250_000,
        2,
        ["en"],
    )
    _walk(app, kampala, ("submit", ""))
    _walk(
        app,
        africa,
        ("start_review", ""),
        ("request_clarification", "Which agencies would operate the alert service?"),
    )

    app = _draft(
        mexico,
        "Real-time bus arrival information",
        "Passengers wait without knowing when the next bus comes; operators "
        "have GPS but no open data feed.",
        ["public-transportation", "traffic-management"],
        400_000,
        3,
        ["es", "en"],
    )
    _walk(app, mexico, ("submit", ""))
    _walk(
        app,
        reviewer,
        ("start_review", ""),
        ("give_feedback", "A strong case; an open GTFS-realtime feed is the first step."),
        ("open_matchmaking", ""),
    )
    fatos = matchmaking.propose_match(reviewer, app.id, find_member("FATOS Corporation").id)
    fiware = matchmaking.propose_match(reviewer, app.id, find_member("FIWARE Foundation").id)
    transitions.fire(matchmaking.BINDING, fiware.id, "accept", u["fiware"])
    del fatos  # left waiting for FATOS's answer

    app = _draft(
        seoul,
        "Air quality data for school routes",
        "Parents ask which routes to school are least polluted.",
        ["healthcare", "traffic-management"],
        120_000,
        3,
        ["ko", "en"],
    )
    _walk(app, seoul, ("submit", ""))
    _walk(
        app,
        reviewer,
        ("start_review", ""),
        ("give_feedback", "Good fit for sensor networks; let us find partners."),
        ("open_matchmaking", ""),
    )
    breeze = matchmaking.propose_match(reviewer, app.id, find_member("Breeze Technologies UG").id)
    transitions.fire(matchmaking.BINDING, breeze.id, "accept", u["breeze"])
    transitions.fire(
        solution_finder.BINDING,
        app.id,
        "select_partners",
        seoul,
        payload={"match_ids": [breeze.id]},
    )
    _walk(app, seoul, ("start_implementation", ""))

    app = _draft(
        kampala,
        "Citizen feedback portal",
        "Residents report potholes by phone; nothing is tracked.",
        ["e-government", "civic-engagement"],
        60_000,
        1,
        ["en"],
    )
    _walk(app, kampala, ("submit", ""))


def print_accounts(echo: Callable[[str], object]) -> None:
    """Print the demo accounts and their password."""
    emails = [a[0] for a in ACCOUNTS]
    found = {u.email: u for u in db.session.scalars(select(User).where(User.email.in_(emails)))}
    echo(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
    for email, role, member_name, regions, _name in ACCOUNTS:
        if email in found:
            scope = member_name or (", ".join(regions) if regions else "all regions")
            echo(f"  {role:<9} {email:<34} {scope}")
