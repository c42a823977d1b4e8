"""Demo data of the Activator: catalogue solutions, assessments, Plan Exchange projects."""

from __future__ import annotations

from driver import transitions
from driver.auth.models import User

SOLUTIONS = {
    "breeze": [
        (
            "Clean-air sensor network",
            "Low-cost sensors and a dashboard of air quality by street.",
            ["healthcare", "traffic-management"],
            (1, 3),
            "50k_250k",
            ["Hamburg", "Seoul"],
        ),
    ],
    "fatos": [
        (
            "Real-time transit feed",
            "GTFS-realtime feeds from the buses' GPS, with arrival boards.",
            ["public-transportation"],
            (2, 4),
            "250k_1m",
            ["Seoul"],
        ),
    ],
    "insightair": [
        (
            "Drone flood survey",
            "Drone mapping of drains and flood-prone districts after storms.",
            ["disaster-risk-management", "water-management"],
            (1, 2),
            "under_50k",
            [],
        ),
    ],
    "fiware": [
        (
            "Open city data platform",
            "An open-source context broker linking city services' data.",
            ["e-government", "connectivity", "water-management"],
            (2, 5),
            None,
            ["Valencia"],
        ),
    ],
}

# Seoul's answers per area a year ago and now (0-4 for the six dimensions; None: don't know).
SEOUL_BEFORE = [2, 2, 1, 2, 1, None]
SEOUL_NOW = {
    "public-transportation": [4, 4, 4, 4, 3, 4],
    "e-government": [4, 4, 4, 3, 3, 4],
    "connectivity": [4, 4, 4, 4, 3, 3],
    "water-management": [3, 2, 2, 2, 1, 2],
    "healthcare": [2, 2, 1, 2, 1, None],
    "energy-efficiency": [2, 1, 2, 1, 1, 1],
}
SEOUL_GOALS = {
    "healthcare": (4, 3),
    "energy-efficiency": (4, 3),
    "water-management": (4, 2),
    "disaster-risk-management": (4, 2),
}

PROJECTS = [
    # city, title, summary, outcomes, areas, (start, end), band, stage, stakeholders
    (
        "seoul",
        "Integrated transport card and open bus data",
        "One card for buses and metro, and every bus's position published as open data.",
        "Transfers rose sharply; dozens of apps now show live arrivals.",
        ["public-transportation", "traffic-management"],
        (2004, 2012),
        "over_1m",
        5,
        [
            ("Seoul Metropolitan Government", "plans"),
            ("Transit operators", "executes"),
            ("Seoul Institute", "evaluates"),
        ],
    ),
    (
        "mexico",
        "Flood sensors along the Gran Canal",
        "Water-level sensors and a public alert map for the districts along the canal.",
        "Warnings now reach residents about two hours before the water does.",
        ["water-management", "disaster-risk-management"],
        (2019, 2022),
        "250k_1m",
        3,
        [
            ("Mexico City water system", "executes"),
            ("Civil protection", "monitors"),
            ("National university", "evaluates"),
        ],
    ),
    (
        "kampala",
        "Digital revenue collection",
        "Market dues and permits paid by mobile money instead of cash.",
        "Own-source revenue up; queues at the city hall gone.",
        ["e-government"],
        (2016, 2019),
        "50k_250k",
        2,
        [("Kampala Capital City Authority", "plans"), ("Mobile network operators", "executes")],
    ),
]


def load(u: dict[str, User]) -> None:
    """Catalogue solutions, Seoul's assessments over two years and Plan Exchange projects."""
    from driver.activator import services as activator
    from driver.activator.questions import DIMENSIONS
    from driver.catalogue import services as catalogue
    from driver.db import utcnow
    from driver.members.reference import AREAS
    from driver.plan_exchange import services as plan_exchange

    reviewer = u["reviewer"]
    for provider, solutions in SOLUTIONS.items():
        for name, summary, areas, (low, high), band, cities in solutions:
            solution = catalogue.create_solution(
                u[provider],
                catalogue.SolutionInput(
                    name, summary, tuple(areas), low, high, band, tuple(cities)
                ),
            )
            catalogue.set_verified(reviewer, solution.id, True)

    seoul = u["seoul"]
    this_year = utcnow().year
    before = activator.start_assessment(seoul, this_year - 1)
    activator.save(
        seoul,
        before.id,
        answers={
            (a, d): v for a, _ in AREAS for d, v in zip(DIMENSIONS, SEOUL_BEFORE, strict=True)
        },
    )
    activator.complete(seoul, before.id)
    now = activator.start_assessment(seoul, this_year)
    answers = {
        (a, d): v
        for a, _ in AREAS
        for d, v in zip(DIMENSIONS, SEOUL_NOW.get(a, [3, 2, 2, 2, 2, 1]), strict=True)
    }
    activator.save(seoul, now.id, answers=answers, goals=SEOUL_GOALS)

    for city, title, summary, outcomes, areas, (start, end), band, stage, people in PROJECTS:
        project = plan_exchange.create_project(
            u[city],
            plan_exchange.ProjectInput(
                title=title,
                summary=summary,
                outcomes=outcomes,
                areas=tuple(areas),
                period_start=start,
                period_end=end,
                budget_band=band,
                stage=stage,
                stakeholders=tuple(people),
            ),
        )
        transitions.fire(plan_exchange.BINDING, project.id, "submit", u[city])
        if city != "kampala":  # Kampala's waits for WeGO's review
            transitions.fire(plan_exchange.BINDING, project.id, "publish", reviewer)
