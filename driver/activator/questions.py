"""The self-assessment's question bank: 16 areas × 6 dimensions (DESIGN §5), as package data.

Each dimension's five answer levels follow the scale of DESIGN §5 (0 not
considered, 1 planned, 2 pilot, 3 operational in part of the city, 4 city-wide
and evaluated); each area's questions (``question_texts``) say what the
dimension means there, so every question reads as written for the area. All
texts are English msgids marked ``N_``: translate them where they are shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from driver.activator.question_texts import QUESTION_TEXTS
from driver.i18n import N_
from driver.members.reference import AREAS

DIMENSIONS: dict[str, str] = {
    "strategy": N_("Strategy & governance"),
    "data": N_("Data"),
    "technology": N_("Technology deployed"),
    "operations": N_("Service operations"),
    "engagement": N_("Citizen & stakeholder engagement"),
    "outcomes": N_("Outcomes measured"),
}

LEVELS: dict[int, str] = {
    0: N_("Not considered"),
    1: N_("Planned"),
    2: N_("Pilot"),
    3: N_("Operational in part of the city"),
    4: N_("City-wide and evaluated"),
}
DONT_KNOW = "dk"  # the form's value for "don't know"


# What each answer level (0-4) means, per dimension; the same in every area.
LEVEL_TEXTS: dict[str, tuple[str, str, str, str, str]] = {
    "strategy": (
        N_("No strategy or lead unit for this area yet."),
        N_("A strategy for this area is being prepared."),
        N_("A strategy is adopted and tried out in a pilot, with a lead unit."),
        N_(
            "The strategy has a lead unit and a budget and guides work in some "
            "districts or departments."
        ),
        N_("The strategy guides the whole city and is reviewed against its results."),
    ),
    "data": (
        N_("These data are not collected in a usable form."),
        N_("The city plans to collect them."),
        N_("They are collected in a pilot project."),
        N_("They are collected regularly and used in decisions for part of the city."),
        N_(
            "They cover the whole city, are shared (openly where possible) and their "
            "quality is checked."
        ),
    ),
    "technology": (
        N_("No such technology is in use."),
        N_("The city plans to deploy it."),
        N_("It is being tested in a pilot."),
        N_("It runs in some districts or services."),
        N_("It covers the whole city and its performance is evaluated."),
    ),
    "operations": (
        N_("They are run without digital tools."),
        N_("The city plans to bring digital tools into them."),
        N_("Digital tools support them in a pilot."),
        N_("Staff rely on digital tools for them in some districts or departments."),
        N_("They are run digitally city-wide, with service levels monitored."),
    ),
    "engagement": (
        N_("They are not consulted."),
        N_("The city plans to involve them."),
        N_("They take part in a pilot, for example through workshops or co-design."),
        N_("They are consulted regularly on part of the work."),
        N_("They take part city-wide, and the city reports back what changed because of them."),
    ),
    "outcomes": (
        N_("Results are not measured."),
        N_("Indicators are being defined."),
        N_("Results are measured for a pilot."),
        N_("Indicators are tracked regularly for part of the city."),
        N_("Indicators are tracked city-wide, published and used to adjust the plan."),
    ),
}


@dataclass(frozen=True)
class Question:
    """One question: its area and dimension, its text, and what each answer level means."""

    area: str
    dimension: str
    text: str
    levels: tuple[str, str, str, str, str]

    @property
    def key(self) -> str:
        return f"{self.area}.{self.dimension}"

    @property
    def dimension_name(self) -> str:
        return DIMENSIONS[self.dimension]


def _question(area: str, dimension: str) -> Question:
    index = list(DIMENSIONS).index(dimension)
    return Question(area, dimension, QUESTION_TEXTS[area][index], LEVEL_TEXTS[dimension])


@cache
def question_bank() -> tuple[Question, ...]:
    """All 96 questions, area by area in the areas' order, dimensions in theirs."""
    return tuple(_question(slug, dimension) for slug, _ in AREAS for dimension in DIMENSIONS)


def questions_for(area: str) -> tuple[Question, ...]:
    """The six questions of one area."""
    return tuple(q for q in question_bank() if q.area == area)


AREA_NAMES: dict[str, str] = dict(AREAS)
AREA_ORDER: dict[str, int] = {slug: i for i, (slug, _) in enumerate(AREAS)}
QUESTION_COUNT = len(AREAS) * len(DIMENSIONS)
