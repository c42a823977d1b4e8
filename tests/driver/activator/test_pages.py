"""The self-assessment pages: start, answer an area, resume, results, prefill an application."""

from __future__ import annotations

import pytest

from driver.activator import services
from driver.activator.models import Assessment
from driver.db import utcnow
from driver.extensions import db


def test_a_city_starts_this_years_assessment(browser, make_user):
    city = make_user("city")
    response = browser(city).post("/activator/assessments", {"year": str(utcnow().year)})
    assessment = db.session.query(Assessment).one()
    assert response.headers["Location"].endswith(f"/activator/assessments/{assessment.id}")


def test_starting_the_same_year_again_resumes_it(browser, make_user, assess):
    city = make_user("city")
    existing = assess(city)
    response = browser(city).post("/activator/assessments", {"year": str(existing.year)})
    assert response.headers["Location"].endswith(f"/activator/assessments/{existing.id}")


def test_answers_saved_on_an_area_page_are_kept(browser, make_user, assess):
    city = make_user("city")
    assessment = assess(city)
    b = browser(city)
    b.get(f"/activator/assessments/{assessment.id}/areas/water-management")
    b.post(
        f"/activator/assessments/{assessment.id}/areas/water-management",
        {
            "strategy": "3",
            "data": "dk",
            "target_stage": "4",
            "priority": "3",
            "version": str(assessment.version),
        },
    )
    db.session.expire_all()
    assert services.answers_of(db.session.get(Assessment, assessment.id)) == {
        ("water-management", "strategy"): 3,
        ("water-management", "data"): None,
    }


def test_the_area_page_shows_the_saved_answer(browser, make_user, assess):
    city = make_user("city")
    assessment = assess(city, {"water-management": [3]})
    html = (
        browser(city)
        .get(f"/activator/assessments/{assessment.id}/areas/water-management")
        .get_data(as_text=True)
    )
    assert '<input checked class="form-check-input" id="strategy-3"' in html


def test_a_bad_answer_re_renders_the_form_with_422(browser, make_user, assess):
    city = make_user("city")
    assessment = assess(city)
    response = browser(city).post(
        f"/activator/assessments/{assessment.id}/areas/water-management", {"strategy": "9"}
    )
    assert response.status_code == 422


def test_save_and_next_goes_to_the_next_area(browser, make_user, assess):
    city = make_user("city")
    assessment = assess(city)
    response = browser(city).post(
        f"/activator/assessments/{assessment.id}/areas/agriculture",
        {"strategy": "1", "action": "next", "priority": "2"},
    )
    assert response.headers["Location"].endswith("/areas/civic-engagement")


@pytest.mark.parametrize(
    ("who", "status"),
    [("owner", 200), ("colleague", 200), ("reviewer", 200), ("other_city", 404), ("provider", 404)],
)
def test_who_sees_the_results(browser, make_user, make_member, assess, who, status):
    city = make_member()
    owner = make_user("city", member=city)
    people = {
        "owner": owner,
        "colleague": make_user("city", member=city),
        "reviewer": make_user("reviewer"),
        "other_city": make_user("city"),
        "provider": make_user("provider"),
    }
    assessment = assess(owner, {"water-management": [3, 3, 3, 3]})
    response = browser(people[who]).get(f"/activator/assessments/{assessment.id}/results")
    assert response.status_code == status


def test_staff_may_not_answer_for_a_city(browser, make_user, assess):
    assessment = assess(make_user("city"))
    response = browser(make_user("reviewer")).get(
        f"/activator/assessments/{assessment.id}/areas/water-management"
    )
    assert response.status_code == 403


def test_results_page_draws_the_radar_without_script(browser, make_user, assess):
    city = make_user("city")
    assessment = assess(
        city, {"water-management": [2, 2, 2, 2]}, goals={"water-management": (4, 3)}
    )
    html = (
        browser(city).get(f"/activator/assessments/{assessment.id}/results").get_data(as_text=True)
    )
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-radar" role="img"' in html
    assert "<script" not in html and "style=" not in html


def test_results_offer_an_application_prefilled_for_the_gap(browser, make_user, assess):
    city = make_user("city")
    assessment = assess(
        city, {"water-management": [2, 2, 2, 2]}, goals={"water-management": (4, 3)}
    )
    html = (
        browser(city).get(f"/activator/assessments/{assessment.id}/results").get_data(as_text=True)
    )
    assert f"/applications/new?area=water-management&amp;assessment={assessment.id}" in html


def test_the_application_form_is_prefilled_from_the_assessment(browser, make_user, assess):
    city = make_user("city")
    assessment = assess(
        city, {"water-management": [2, 2, 2, 2]}, goals={"water-management": (4, 3)}
    )
    html = (
        browser(city)
        .get(f"/applications/new?area=water-management&assessment={assessment.id}")
        .get_data(as_text=True)
    )
    assert "puts" in html and "at stage 3 (Scaling) in Water Management" in html


def test_another_citys_assessment_cannot_prefill_an_application(browser, make_user, assess):
    assessment = assess(make_user("city"), {"water-management": [2, 2, 2, 2]})
    response = browser(make_user("city")).get(
        f"/applications/new?area=water-management&assessment={assessment.id}"
    )
    assert response.status_code == 404


def test_the_index_shows_progress_over_the_years(browser, make_user, assess):
    city = make_user("city")
    year = utcnow().year
    assess(city, {"water-management": [1, 1, 1, 1]}, year=year - 1)
    assess(city, {"water-management": [3, 3, 3, 3]}, year=year)
    html = browser(city).get("/activator").get_data(as_text=True)
    assert "chart-progress" in html and f">{year - 1}</a>" in html


def test_completing_needs_every_question_answered(browser, make_user, assess):
    city = make_user("city")
    assessment = assess(city, {"water-management": [1, 1, 1, 1]})
    b = browser(city)
    b.get(f"/activator/assessments/{assessment.id}")
    b.post(f"/activator/assessments/{assessment.id}/complete", {"version": str(assessment.version)})
    db.session.expire_all()
    assert db.session.get(Assessment, assessment.id).completed_at is None


def test_a_city_records_its_population(browser, make_user):
    city = make_user("city")
    b = browser(city)
    b.get("/activator")
    b.post("/activator/population", {"population": "950,000"})
    db.session.expire_all()
    assert city.member.population == 950_000


def test_the_city_dashboard_shows_the_assessment_and_top_advice(browser, make_user, assess):
    city = make_user("city")
    assess(city, {"tourism": [1, 1, 1, 1]}, goals={"tourism": (4, 3)})
    html = browser(city).get("/dashboard").get_data(as_text=True)
    assert "in progress" in html and "<strong>Tourism</strong>: stage 2 → 4" in html


def test_the_city_dashboard_invites_to_the_assessment(browser, make_user):
    html = browser(make_user("city")).get("/dashboard").get_data(as_text=True)
    assert "has not taken the self-assessment yet" in html


@pytest.mark.parametrize(
    ("role", "links"),
    [
        ("city", ["/activator", "/plan-exchange"]),
        ("provider", ["/solutions", "/plan-exchange"]),
        (None, ["/plan-exchange"]),
    ],
)
def test_navigation_entries(browser, make_user, role, links):
    b = browser(make_user(role)) if role else browser()
    html = b.get("/dashboard" if role else "/").get_data(as_text=True)
    nav = html.split("</nav>")[0]
    assert all(f'href="{link}"' in nav for link in links)


def test_an_unreadable_population_re_renders_with_what_was_typed(browser, make_user):
    city = make_user("city")
    b = browser(city)
    b.get("/activator")
    response = b.post("/activator/population", {"population": "lots"})
    assert response.status_code == 422 and 'value="lots"' in response.get_data(as_text=True)
