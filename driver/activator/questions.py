"""The self-assessment's question bank: 16 areas × 6 dimensions (DESIGN §5), as package data.

Each dimension has one question pattern whose five answer levels follow the
scale of DESIGN §5 (0 not considered, 1 planned, 2 pilot, 3 operational in part
of the city, 4 city-wide and evaluated); each area fills the pattern with what
that dimension means there, so every question reads as written for the area.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from driver.members.reference import AREAS

DIMENSIONS: dict[str, str] = {
    "strategy": "Strategy & governance",
    "data": "Data",
    "technology": "Technology deployed",
    "operations": "Service operations",
    "engagement": "Citizen & stakeholder engagement",
    "outcomes": "Outcomes measured",
}

LEVELS: dict[int, str] = {
    0: "Not considered",
    1: "Planned",
    2: "Pilot",
    3: "Operational in part of the city",
    4: "City-wide and evaluated",
}
DONT_KNOW = "dk"  # the form's value for "don't know"


@dataclass(frozen=True)
class AreaContext:
    """What each dimension is about in one area, in words a city official uses."""

    subject: str  # what the area covers
    data: str  # the data that matter there (plural)
    tech: str  # typical technology
    service: str  # the services the city runs (plural)
    people: str  # who should be involved
    outcomes: str  # indicators of results


CONTEXT: dict[str, AreaContext] = {
    "agriculture": AreaContext(
        "urban and peri-urban agriculture and the food supply",
        "soil, crop, market-price and food-supply data",
        "field sensors, precision irrigation or farm-management platforms",
        "advisory services for farmers and the running of food markets",
        "farmers, co-operatives and food businesses",
        "yields, water used per crop and local food prices",
    ),
    "civic-engagement": AreaContext(
        "citizen participation in the city's decisions",
        "records of consultations, petitions and participatory-budget votes",
        "online participation platforms, e-petitions or participatory-budgeting tools",
        "public consultations and participatory budgeting",
        "residents, community groups and civil-society organisations",
        "participation rates and the share of proposals taken up",
    ),
    "connectivity": AreaContext(
        "broadband, mobile coverage and public Wi-Fi",
        "coverage maps, connection speeds and take-up by district",
        "fibre backbones, public Wi-Fi or IoT networks",
        "permits and shared ducts and masts for network operators",
        "telecom operators, schools and poorly connected neighbourhoods",
        "coverage, speeds and the share of households connected",
    ),
    "disaster-risk-management": AreaContext(
        "preparing for and responding to floods, fires, earthquakes and heatwaves",
        "hazard maps, sensor readings and incident records",
        "early-warning sensors, public alert systems or emergency dispatch platforms",
        "early warning and emergency response",
        "residents at risk, emergency services and volunteers",
        "warning times, response times and losses avoided",
    ),
    "education": AreaContext(
        "schools and lifelong learning",
        "enrolment, attendance and learning-outcome data",
        "digital classrooms, learning platforms or school management systems",
        "school administration and digital learning",
        "teachers, parents and students",
        "attendance, learning results and digital skills",
    ),
    "energy-efficiency": AreaContext(
        "energy use in public buildings, street lighting and homes",
        "metered energy consumption of buildings and street lights",
        "smart meters, LED street lighting or building energy management systems",
        "the energy management of public buildings and street lighting",
        "building owners, utilities and residents",
        "energy saved, energy costs and emissions avoided",
    ),
    "healthcare": AreaContext(
        "public health and health services",
        "health-service, disease-surveillance and environmental-health data",
        "telemedicine, electronic health records or air-quality monitoring",
        "clinics, health information and prevention campaigns",
        "patients, health workers and care providers",
        "waiting times, service coverage and health indicators",
    ),
    "innovation-startups": AreaContext(
        "support for innovation and start-ups",
        "records of start-ups, innovation programmes and the use of open data",
        "open data portals, living labs or innovation hubs",
        "programmes that let start-ups test their solutions with the city",
        "start-ups, universities and investors",
        "start-ups supported, pilots procured and jobs created",
    ),
    "public-safety": AreaContext(
        "crime prevention and safety in public space",
        "incident, emergency-call and patrol records",
        "integrated control rooms, emergency call systems or smart street lighting",
        "emergency calls, policing and safety patrols",
        "residents, the police and neighbourhood groups",
        "response times, incidents and residents' sense of safety",
    ),
    "public-transportation": AreaContext(
        "buses, metro and other public transport",
        "vehicle positions, ridership and timetable data",
        "automatic vehicle location, e-ticketing or real-time passenger information",
        "public transport operations and passenger information",
        "passengers, operators and transport workers",
        "ridership, punctuality and travel times",
    ),
    "renewables-circular-economy": AreaContext(
        "renewable energy and the circular use of materials",
        "records of renewable generation and of material flows",
        "solar installations, microgrids or material-exchange platforms",
        "programmes for renewables, reuse and repair",
        "businesses, energy co-operatives and residents",
        "the renewable share of energy, materials recovered and emissions",
    ),
    "tourism": AreaContext(
        "tourism and services for visitors",
        "visitor numbers, visitor flows and spending data",
        "visitor apps, digital guides or crowd-monitoring sensors",
        "visitor information and destination management",
        "visitors, tourism businesses and residents of busy districts",
        "visitor satisfaction, spending and crowding",
    ),
    "traffic-management": AreaContext(
        "road traffic, parking and congestion",
        "traffic counts, speeds, incidents and parking occupancy",
        "adaptive traffic signals, a traffic control centre or smart parking",
        "traffic control and parking management",
        "drivers, cyclists, pedestrians and freight operators",
        "congestion, travel times and road casualties",
    ),
    "waste-management": AreaContext(
        "waste collection, recycling and disposal",
        "waste volumes, collection routes and recycling rates",
        "bin fill-level sensors, route optimisation or pay-as-you-throw systems",
        "waste collection and recycling",
        "households, businesses and collection crews",
        "recycling rates, waste per resident and collection costs",
    ),
    "water-management": AreaContext(
        "water supply, drainage and flood control",
        "metered consumption, network pressure, leak and water-quality data",
        "smart water meters, leak detection or flood sensors",
        "water supply, drainage and flood protection",
        "residents, the water utility and businesses",
        "water lost to leaks, hours of supply and floods avoided",
    ),
    "e-government": AreaContext(
        "public administration and its services online",
        "registers and service records kept in digital form",
        "online service portals, digital identity or e-payment",
        "permits, certificates and payments to the city",
        "residents and businesses who use city services",
        "the share of services used online, processing times and satisfaction",
    ),
}

# One pattern per dimension: the question, then what each level (0-4) means.
PATTERNS: dict[str, tuple[str, tuple[str, str, str, str, str]]] = {
    "strategy": (
        "Has the city set a strategy for {subject}, with a lead unit and a budget?",
        (
            "No strategy or lead unit for {subject} yet.",
            "A strategy for {subject} is being prepared.",
            "A strategy is adopted and tried out in a pilot, with a lead unit.",
            "The strategy has a lead unit and a budget and guides work in some "
            "districts or departments.",
            "The strategy guides the whole city and is reviewed against its results.",
        ),
    ),
    "data": (
        "Does the city collect and use {data}?",
        (
            "These data are not collected in a usable form.",
            "The city plans to collect them.",
            "They are collected in a pilot project.",
            "They are collected regularly and used in decisions for part of the city.",
            "They cover the whole city, are shared (openly where possible) and their "
            "quality is checked.",
        ),
    ),
    "technology": (
        "Does the city use technology for {subject}, such as {tech}?",
        (
            "No such technology is in use.",
            "The city plans to deploy it.",
            "It is being tested in a pilot.",
            "It runs in some districts or services.",
            "It covers the whole city and its performance is evaluated.",
        ),
    ),
    "operations": (
        "Are {service} run with digital tools and data?",
        (
            "They are run without digital tools.",
            "The city plans to bring digital tools into them.",
            "Digital tools support them in a pilot.",
            "Staff rely on digital tools for them in some districts or departments.",
            "They are run digitally city-wide, with service levels monitored.",
        ),
    ),
    "engagement": (
        "Are {people} involved in the city's work on {subject}?",
        (
            "They are not consulted.",
            "The city plans to involve them.",
            "They take part in a pilot, for example through workshops or co-design.",
            "They are consulted regularly on part of the work.",
            "They take part city-wide, and the city reports back what changed because of them.",
        ),
    ),
    "outcomes": (
        "Does the city measure the results of its work on {subject}, such as {outcomes}?",
        (
            "Results are not measured.",
            "Indicators are being defined.",
            "Results are measured for a pilot.",
            "Indicators are tracked regularly for part of the city.",
            "Indicators are tracked city-wide, published and used to adjust the plan.",
        ),
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
    context = CONTEXT[area]
    words = {
        "subject": context.subject,
        "data": context.data,
        "tech": context.tech,
        "service": context.service,
        "people": context.people,
        "outcomes": context.outcomes,
    }
    text, levels = PATTERNS[dimension]
    filled = tuple(level.format(**words) for level in levels)
    return Question(area, dimension, _capital(text.format(**words)), filled)  # type: ignore[arg-type]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


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
