"""Self-assessment services: one per city and year, partial saves, who may answer."""

from __future__ import annotations

from datetime import date

import pytest

from driver.activator import services
from driver.errors import Conflict, Forbidden, Invalid, NotFound


def test_one_assessment_per_city_and_year(make_user, assess):
    city = make_user("city")
    assess(city, year=2024)
    with pytest.raises(Conflict):
        services.start_assessment(city, 2024)


def test_a_colleague_cannot_start_a_second_one_for_the_same_year(make_user, make_member, assess):
    member = make_member()
    assess(make_user("city", member=member), year=2024)
    with pytest.raises(Conflict):
        services.start_assessment(make_user("city", member=member), 2024)


def test_a_future_year_is_refused(make_user):
    with pytest.raises(Invalid):
        services.start_assessment(make_user("city"), 2031, today=date(2030, 5, 1))


@pytest.mark.parametrize("role", ["provider", "reviewer", "admin"])
def test_only_cities_take_the_assessment(make_user, role):
    with pytest.raises(Forbidden):
        services.start_assessment(make_user(role))


def test_saving_keeps_earlier_answers(make_user, assess):
    city = make_user("city")
    assessment = assess(city, {"tourism": [1, 2]})
    services.save(city, assessment.id, answers={("education", "data"): 3})
    assert services.answers_of(assessment) == {
        ("tourism", "strategy"): 1,
        ("tourism", "data"): 2,
        ("education", "data"): 3,
    }


def test_saving_again_changes_an_answer(make_user, assess):
    city = make_user("city")
    assessment = assess(city, {"tourism": [1]})
    services.save(city, assessment.id, answers={("tourism", "strategy"): None})
    assert services.answers_of(assessment) == {("tourism", "strategy"): None}


def test_a_stale_version_is_refused(make_user, assess):
    city = make_user("city")
    assessment = assess(city)
    old = assessment.version
    services.save(city, assessment.id, answers={("tourism", "data"): 1})
    with pytest.raises(Conflict):
        services.save(city, assessment.id, answers={("tourism", "data"): 2}, expected_version=old)


@pytest.mark.parametrize(
    "answers",
    [{("tourism", "strategy"): 5}, {("tourism", "nope"): 1}, {("moon", "data"): 1}],
)
def test_invalid_answers_are_refused(make_user, assess, answers):
    city = make_user("city")
    assessment = assess(city)
    with pytest.raises(Invalid):
        services.save(city, assessment.id, answers=answers)


def test_another_city_cannot_see_it(make_user, assess):
    assessment = assess(make_user("city"))
    with pytest.raises(NotFound):
        services.save(make_user("city"), assessment.id, answers={("tourism", "data"): 1})


def test_staff_see_it_but_may_not_answer(make_user, assess):
    assessment = assess(make_user("city"))
    with pytest.raises(Forbidden):
        services.save(make_user("reviewer"), assessment.id, answers={("tourism", "data"): 1})


def test_results_score_each_area(make_user, assess):
    assessment = assess(make_user("city"), {"tourism": [2, 2, 2, 2, None]})
    assert services.results(assessment).by_area["tourism"].stage == 3


def test_completing_with_every_question_answered(make_user, assess):
    from driver.activator.questions import question_bank

    city = make_user("city")
    assessment = assess(city)
    services.save(
        city, assessment.id, answers={(q.area, q.dimension): None for q in question_bank()}
    )
    assert services.complete(city, assessment.id).completed_at is not None
