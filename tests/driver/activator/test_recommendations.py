"""Recommendations: the top gaps, each with fitting verified solutions and published projects."""

from __future__ import annotations

from driver.activator import services
from driver.activator.recommendations import recommend
from driver.catalogue.models import Solution
from driver.extensions import db
from driver.plan_exchange.models import Project
from driver.solution_finder.services import areas_by_slug


def solution(provider, name, areas, stages, *, verified=True):
    s = Solution(
        provider_id=provider.id,
        name=name,
        areas=areas_by_slug(areas),
        stage_min=stages[0],
        stage_max=stages[1],
        verified=verified,
    )
    db.session.add(s)
    db.session.commit()
    return s


def project(member, title, areas, stage, *, state="published"):
    p = Project(
        member_id=member.id, title=title, areas=areas_by_slug(areas), stage=stage, state=state
    )
    db.session.add(p)
    db.session.commit()
    return p


def advice_for(city, answers, goals):
    from driver.activator.questions import DIMENSIONS

    assessment = services.start_assessment(city)
    given = {(a, d): v for a, vs in answers.items() for d, v in zip(DIMENSIONS, vs, strict=False)}
    services.save(city, assessment.id, answers=given, goals=goals)
    result = services.results(assessment)
    return recommend(result.gaps, city.member_id)


def test_the_largest_weighted_gaps_come_first(make_user):
    advice = advice_for(
        make_user("city"),
        {"tourism": [0] * 4, "education": [2] * 4, "healthcare": [1] * 4, "agriculture": [0] * 4},
        {
            "tourism": (2, 1),  # 1 × 1
            "education": (5, 3),  # 2 × 3
            "healthcare": (4, 2),  # 2 × 2
            "agriculture": (3, 2),  # 2 × 2, tied with healthcare: the areas' order decides
        },
    )
    assert [a.gap.area for a in advice] == ["education", "agriculture", "healthcare"]


def test_only_verified_solutions_for_the_area_and_stage_are_recommended(make_user, make_provider):
    provider = make_provider()
    fits = solution(provider, "Leak finder", ["water-management"], (1, 3))
    solution(provider, "Unverified", ["water-management"], (1, 3), verified=False)
    solution(provider, "Too advanced", ["water-management"], (4, 5))
    solution(provider, "Other area", ["tourism"], (1, 5))
    advice = advice_for(
        make_user("city"), {"water-management": [1] * 4}, {"water-management": (4, 3)}
    )
    assert [p.id for p in advice[0].solutions] == [fits.id]


def test_each_recommendation_says_why(make_user, make_provider):
    solution(make_provider(), "Leak finder", ["water-management"], (1, 3))
    advice = advice_for(
        make_user("city"), {"water-management": [1] * 4}, {"water-management": (4, 3)}
    )
    assert "suits cities at stages 1–3, and yours is 2" in advice[0].solutions[0].reason


def test_narrower_stage_ranges_come_first(make_user, make_provider):
    provider = make_provider()
    broad = solution(provider, "A broad one", ["water-management"], (1, 5))
    narrow = solution(provider, "Z narrow one", ["water-management"], (2, 2))
    advice = advice_for(
        make_user("city"), {"water-management": [1] * 4}, {"water-management": (4, 3)}
    )
    assert [p.id for p in advice[0].solutions] == [narrow.id, broad.id]


def test_published_projects_between_stage_and_target_of_other_cities(make_user, make_member):
    city = make_user("city")
    other = make_member()
    fits = project(other, "Smart meters", ["water-management"], 3)
    project(other, "Draft", ["water-management"], 3, state="draft")
    project(other, "Beyond the target", ["water-management"], 5)
    project(other, "Behind us", ["water-management"], 2)
    project(city.member, "Our own", ["water-management"], 3)
    advice = advice_for(city, {"water-management": [1] * 4}, {"water-management": (4, 3)})
    assert [p.id for p in advice[0].projects] == [fits.id]


def test_no_gap_no_recommendation(make_user):
    assert advice_for(make_user("city"), {"water-management": [4] * 4}, {}) == []
