"""The Activator and Plan Exchange API: questions, assessments with results, project search."""

from __future__ import annotations

import pytest

from driver import transitions
from driver.activator import services as activator
from driver.plan_exchange import services as plan_exchange


def test_the_question_bank_has_96_questions(api, make_user):
    body = api(make_user("city")).get("activator/questions?page_size=100").get_json()
    assert (body["total"], len(body["items"][0]["levels"])) == (96, 5)


def test_questions_filter_by_area(api, make_user):
    body = api(make_user("city")).get("activator/questions?area=tourism").get_json()
    assert {q["area"] for q in body["items"]} == {"tourism"}


def test_a_city_starts_and_answers_an_assessment(api, make_user):
    client = api(make_user("city"))
    created = client.post("activator/assessments", {"year": 2024}).get_json()
    answers = [
        {"area": "tourism", "dimension": d, "value": 2}
        for d in ("strategy", "data", "technology", "operations")
    ]
    response = client.patch(
        f"activator/assessments/{created['id']}",
        {
            "answers": answers,
            "goals": [{"area": "tourism", "target_stage": 5, "priority": 3}],
            "version": created["version"],
        },
    )
    tourism = next(a for a in response.get_json()["areas"] if a["area"] == "tourism")
    assert (tourism["stage"], tourism["gap"]) == (3, 2)


def test_the_gap_comes_with_recommendations(api, make_user):
    city = make_user("city")
    assessment = activator.start_assessment(city, 2024)
    activator.save(
        city,
        assessment.id,
        answers={("tourism", d): 1 for d in ("strategy", "data", "technology", "operations")},
        goals={"tourism": (4, 3)},
    )
    body = api(city).get(f"activator/assessments/{assessment.id}").get_json()
    assert [r["area"] for r in body["recommendations"]] == ["tourism"]


def test_a_second_assessment_for_the_year_is_a_conflict(api, make_user, assert_problem):
    client = api(make_user("city"))
    client.post("activator/assessments", {"year": 2024})
    assert_problem(client.post("activator/assessments", {"year": 2024}), 409)


def test_dont_know_is_null(api, make_user):
    client = api(make_user("city"))
    created = client.post("activator/assessments", {"year": 2024}).get_json()
    body = client.patch(
        f"activator/assessments/{created['id']}",
        {"answers": [{"area": "tourism", "dimension": "data", "value": None}]},
    ).get_json()
    assert body["answers"] == [{"area": "tourism", "dimension": "data", "value": None}]


@pytest.mark.parametrize(("who", "status"), [("other_city", 404), ("provider", 404)])
def test_another_city_or_a_provider_cannot_see_it(api, make_user, assert_problem, who, status):
    assessment = activator.start_assessment(make_user("city"), 2024)
    role = "city" if who == "other_city" else "provider"
    assert_problem(api(make_user(role)).get(f"activator/assessments/{assessment.id}"), status)


def test_staff_read_but_may_not_answer(api, make_user, assert_problem):
    assessment = activator.start_assessment(make_user("city"), 2024)
    client = api(make_user("reviewer"))
    assert client.get(f"activator/assessments/{assessment.id}").status_code == 200
    assert_problem(
        client.patch(
            f"activator/assessments/{assessment.id}",
            {"answers": [{"area": "tourism", "dimension": "data", "value": 1}]},
        ),
        403,
    )


def test_an_answer_out_of_range_is_422(api, make_user, assert_problem):
    client = api(make_user("city"))
    created = client.post("activator/assessments", {"year": 2024}).get_json()
    assert_problem(
        client.patch(
            f"activator/assessments/{created['id']}",
            {"answers": [{"area": "tourism", "dimension": "data", "value": 5}]},
        ),
        422,
    )


# -- Plan Exchange ----------------------------------------------------------------------


def _project(city, reviewer, *, title, publish=True):
    project = plan_exchange.create_project(
        city,
        plan_exchange.ProjectInput(
            title=title,
            summary="Sensors warn of floods.",
            areas=("water-management",),
            stakeholders=(("Utility", "executes"),),
        ),
    )
    if publish:
        transitions.fire(plan_exchange.BINDING, project.id, "submit", city)
        transitions.fire(plan_exchange.BINDING, project.id, "publish", reviewer)
    return project


def test_search_finds_published_projects(api, make_user):
    city, reviewer = make_user("city"), make_user("reviewer")
    _project(city, reviewer, title="Flood sensors")
    _project(city, reviewer, title="Flood draft", publish=False)
    body = api(make_user("provider")).get("plan-exchange/projects?q=flood").get_json()
    assert [p["title"] for p in body["items"]] == ["Flood sensors"]


@pytest.mark.parametrize(("who", "status"), [("owner", 200), ("reviewer", 200), ("other", 404)])
def test_a_draft_is_only_for_its_city_and_staff(api, make_user, assert_problem, who, status):
    city = make_user("city")
    project = _project(city, make_user("reviewer"), title="Draft", publish=False)
    user = {"owner": city, "reviewer": make_user("reviewer"), "other": make_user("city")}[who]
    response = api(user).get(f"plan-exchange/projects/{project.id}")
    assert response.status_code == status


def test_search_needs_a_token(api, assert_problem):
    assert_problem(api().get("plan-exchange/projects"), 401)
