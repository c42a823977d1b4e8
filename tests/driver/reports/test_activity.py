"""Work by area, region and country, and matchmaking outcomes, on constructed data."""

from __future__ import annotations

from datetime import UTC, datetime
from fractions import Fraction

import pytest

from driver.extensions import db
from driver.implementer.models import Call, ImplementerProject, Proposal
from driver.reports.activity import geography, matchmaking
from driver.solution_finder.services import areas_by_slug

from .conftest import at

JAN_2024 = datetime(2024, 1, 15, tzinfo=UTC)


@pytest.fixture
def proposal_of(regions):
    """``proposal_of(user, submitted_at, areas, project=False)``: a proposal (and its project)."""
    call = Call(created_by_id=regions.admin.id, title="PI", budget_usd=100_000, state="open")
    db.session.add(call)
    db.session.commit()

    def make(user, submitted_at, areas=("energy-efficiency",), *, project=False):
        proposal = Proposal(
            call_id=call.id,
            member_id=user.member_id,
            created_by_id=user.id,
            state="submitted" if submitted_at else "draft",
            submitted_at=submitted_at,
            areas=areas_by_slug(areas),
        )
        db.session.add(proposal)
        db.session.flush()
        if project:
            db.session.add(
                ImplementerProject(
                    proposal_id=proposal.id,
                    call_id=call.id,
                    member_id=user.member_id,
                    created_at=submitted_at,
                )
            )
        db.session.commit()
        return proposal

    return make


@pytest.fixture
def work(regions, make_member, make_user, make_application, proposal_of):
    """Seoul: 2 applications and a proposal with its project; Kampala: 1 application;
    Busan (Korea): 1 application in 2024; one draft that never counts."""
    busan = make_user("city", member=make_member(name="Busan", country="Korea"))

    def sf(user, *, state, areas, submitted_at=None):
        app = make_application(user, state=state, areas=areas)
        app.submitted_at = submitted_at
        db.session.commit()

    sf(
        regions.seoul_user,
        state="submitted",
        areas=("water-management", "healthcare"),
        submitted_at=at(1),
    )
    sf(regions.seoul_user, state="in_review", areas=("water-management",), submitted_at=at(2))
    sf(regions.kampala_user, state="submitted", areas=("healthcare",), submitted_at=at(3))
    sf(busan, state="submitted", areas=("tourism",), submitted_at=JAN_2024)
    sf(regions.seoul_user, state="draft", areas=("tourism",))
    proposal_of(regions.seoul_user, at(5), ("energy-efficiency",), project=True)
    proposal_of(regions.kampala_user, None)


def test_counts_by_region_country_and_area(regions, work):
    report = geography(regions.admin, 2025)
    regions_ = {r.label: r.counts for r in report.regions}
    # (Solution Finder, proposals, projects)
    assert regions_ == {"Asia-Pacific": (2, 1, 1), "Africa": (1, 0, 0)}
    countries = [(r.label, r.region, r.total) for r in report.countries]
    assert countries == [("Korea", "Asia-Pacific", 4), ("Uganda", "Africa", 1)]
    areas = {r.label: r.counts for r in report.areas}
    assert areas["Water Management"] == (2, 0, 0)
    assert areas["Healthcare"] == (2, 0, 0)  # an application about two areas counts in both
    assert areas["Energy Efficiency"] == (0, 1, 1)
    assert areas["Tourism"] == (0, 0, 0)  # the 2024 application and the draft are not counted
    assert report.totals == (3, 1, 1)


def test_countries_are_sorted_by_total_then_name(regions, work):
    report = geography(regions.admin, None)
    assert [r.label for r in report.countries] == ["Korea", "Uganda"]
    assert report.countries[0].counts == (3, 1, 1)


def test_one_kind_only(regions, work):
    report = geography(regions.admin, None, "implementer")
    assert report.kinds == ["Project Implementer proposals"]
    assert {r.label: r.counts for r in report.regions} == {"Asia-Pacific": (1,)}


def test_geography_of_a_region_scoped_reviewer(regions, work):
    report = geography(regions.africa, None)
    assert [r.label for r in report.regions] == ["Africa"]
    assert [r.label for r in report.countries] == ["Uganda"]
    assert {r.label: r.total for r in report.areas if r.total} == {"Healthcare": 1}


# -- matchmaking ------------------------------------------------------------------------


@pytest.fixture
def offers(regions, make_application, make_provider, make_match, history):
    """Aqua: 4 offers (one accepted then retracted), Breeze: 1 declined; one offer in Africa."""
    aqua = make_provider(name="Aqua")
    breeze = make_provider(name="Breeze")
    seoul = [make_application(regions.seoul_user, state="matchmaking") for _ in range(4)]
    kampala = make_application(regions.kampala_user, state="matchmaking")
    make_match(seoul[0], aqua, state="selected")
    make_match(seoul[1], aqua, state="accepted")
    retracted = make_match(seoul[2], aqua, state="retracted")
    history("match", retracted.id, [("proposed", at(0)), ("accepted", at(1)), ("retracted", at(2))])
    make_match(seoul[3], aqua, state="proposed")
    make_match(kampala, breeze, state="declined")
    return aqua, breeze


def test_outcomes_per_provider(regions, offers):
    report = matchmaking(regions.admin, None)
    aqua, breeze = report.providers
    assert (aqua.name, aqua.offers, aqua.accepted, aqua.declined) == ("Aqua", 4, 3, 0)
    assert (aqua.retracted, aqua.selected, aqua.open) == (1, 1, 2)
    assert aqua.accept_rate == Fraction(1)
    assert (breeze.offers, breeze.accepted, breeze.declined) == (1, 0, 1)
    assert breeze.accept_rate == Fraction(0)
    overall = report.overall
    assert (overall.offers, overall.accepted, overall.declined) == (5, 3, 1)
    assert overall.accept_rate == Fraction(3, 4)
    assert overall.select_rate == Fraction(1, 3)


def test_matchmaking_of_a_region_scoped_reviewer(regions, offers):
    report = matchmaking(regions.africa, None)
    assert [(p.name, p.offers) for p in report.providers] == [("Breeze", 1)]


def test_matchmaking_year_is_the_year_of_the_offer(regions, offers):
    assert matchmaking(regions.admin, 2019).overall.offers == 0
    assert matchmaking(regions.admin, datetime.now(UTC).year).overall.offers == 5
