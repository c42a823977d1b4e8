"""Self-assessment stages by area and membership over time, on constructed data."""

from __future__ import annotations

from datetime import date

import pytest

from driver.activator.models import Assessment, AssessmentAnswer
from driver.activator.questions import DIMENSIONS
from driver.auth.models import User
from driver.db import utcnow
from driver.extensions import db
from driver.reports.network import area_stages, latest_assessment_year, membership, stage_of

WATER = "Water Management"
ENERGY = "Energy Efficiency"


@pytest.fixture
def assessment():
    """``assessment(member, year, {area: [answers]}, completed=True)``, straight in the database."""

    def make(member, year, answers, *, completed=True):
        a = Assessment(member_id=member.id, year=year, completed_at=utcnow() if completed else None)
        a.answers = [
            AssessmentAnswer(area=area, dimension=dim, value=value)
            for area, values in answers.items()
            for dim, value in zip(DIMENSIONS, values, strict=False)
        ]
        db.session.add(a)
        db.session.commit()
        return a

    return make


@pytest.mark.parametrize(
    ("answered", "points", "stage"),
    [(3, 12, None), (4, 0, 1), (4, 3, 1), (4, 4, 2), (6, 24, 5), (5, 11, 3), (5, 12, 4)],
)
def test_stage_of_an_area_from_its_sums(answered, points, stage):
    assert stage_of(answered, points) == stage


def test_stages_per_area_with_insufficient_data(regions, make_member, assessment):
    third = make_member("local_government", name="Lima", country="Peru", region="Americas")
    # Seoul: water stage 5 (all 4s), energy insufficient (3 answers + 3 "don't know")
    assessment(
        regions.seoul,
        2025,
        {"water-management": [4] * 6, "energy-efficiency": [2, 2, 2, None, None, None]},
    )
    # Kampala: water stage 1 (all 0s), energy stage 3 (12 of 24 points)
    assessment(regions.kampala, 2025, {"water-management": [0] * 6, "energy-efficiency": [2] * 6})
    # Lima: water stage 5; no answer at all in energy: insufficient too
    assessment(third, 2025, {"water-management": [4] * 6})

    report = area_stages(regions.admin, 2025)

    rows = dict(report.rows)
    assert report.cities == 3
    assert rows[WATER] == [0, 1, 0, 0, 0, 2]  # [insufficient, stage 1 … 5]
    assert rows[ENERGY] == [2, 0, 0, 1, 0, 0]
    assert rows["Tourism"] == [3, 0, 0, 0, 0, 0]


def test_each_city_counts_once_with_its_latest_completed_assessment(regions, assessment):
    assessment(regions.seoul, 2023, {"water-management": [0] * 6})
    assessment(regions.seoul, 2024, {"water-management": [4] * 6})
    assessment(regions.seoul, 2025, {"water-management": [2] * 6}, completed=False)

    assert dict(area_stages(regions.admin, 2023).rows)[WATER] == [0, 1, 0, 0, 0, 0]
    # 2025's assessment is not completed: 2024's counts, once
    assert dict(area_stages(regions.admin, 2025).rows)[WATER] == [0, 0, 0, 0, 0, 1]
    assert area_stages(regions.admin, 2022).cities == 0
    assert latest_assessment_year(regions.admin) == 2024


def test_stages_of_a_region_scoped_reviewer(regions, assessment):
    assessment(regions.seoul, 2025, {"water-management": [4] * 6})
    assessment(regions.kampala, 2025, {"water-management": [0] * 6})
    report = area_stages(regions.africa, 2025)
    assert report.cities == 1
    assert dict(report.rows)[WATER] == [0, 1, 0, 0, 0, 0]


def test_providers_self_assessments_are_not_cities(regions, make_provider, assessment):
    assessment(make_provider(), 2025, {"water-management": [4] * 6})
    assert area_stages(regions.admin, 2025).cities == 0


# -- membership -------------------------------------------------------------------------


def test_membership_at_each_year_end_with_joins_and_lapses_at_the_boundaries(make_member):
    admin_region = "Europe"
    m = make_member
    m("local_government", region=admin_region, joined_on=date(2022, 12, 31))  # counts end 2022
    m("local_government", region=admin_region, joined_on=date(2023, 1, 1))  # from end 2023
    m("corporation", region=admin_region, joined_on=date(2022, 6, 1), left_on=date(2023, 12, 31))
    m("corporation", region=admin_region, joined_on=date(2022, 6, 1), left_on=date(2024, 1, 1))
    m("institution", region="Africa", joined_on=date(2024, 3, 1))
    m("institution", region="Africa")  # no joining date
    admin = User(role="admin")
    report = membership(admin, date(2024, 7, 1))

    assert report.years == [2022, 2023, 2024]
    regions = dict(report.by_region)
    # left on 31 December 2023: gone at the end of 2023; left on 1 January 2024: still there
    assert regions["Europe"] == [3, 3, 2]
    assert regions["Africa"] == [0, 0, 1]
    categories = dict(report.by_category)
    assert categories["Local government"] == [1, 2, 2]
    assert categories["Corporation"] == [2, 1, 0]
    assert categories["Institution"] == [0, 0, 1]
    assert report.totals == [3, 3, 3]
    assert report.undated == 1


def test_membership_of_a_region_scoped_reviewer(regions, make_member):
    make_member(region="Africa", joined_on=date(2020, 5, 1))
    make_member(region="Europe", joined_on=date(2020, 5, 1))
    report = membership(regions.africa, date(2021, 1, 1))
    assert [name for name, _ in report.by_region] == ["Africa"]
    assert report.totals == [1, 1]
    assert report.undated == 1  # the regions fixture's Kampala has no joining date
