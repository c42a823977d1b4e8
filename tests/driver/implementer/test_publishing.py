"""A city publishes its completed Project Implementer project in Plan Exchange, in one action."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from driver.errors import Conflict, Forbidden, NotFound
from driver.extensions import db
from driver.plan_exchange import publishing
from driver.plan_exchange.models import Project
from driver.solution_finder.services import areas_by_slug


@pytest.fixture
def completed(pi, make_project):
    project = make_project(
        "completed", consultant_id=pi.consultant.id, outcome_summary="Buses 18 % faster."
    )
    project.proposal.areas = areas_by_slug(["traffic-management"])
    db.session.commit()
    return project


def _stakeholders(project: Project) -> list[tuple[str, str]]:
    return [(s.name, s.role) for s in project.stakeholders]


def test_a_completed_project_goes_to_wego_review_in_one_action(pi, completed):
    project = publishing.publish_implementer_project(pi.owner, completed.id)
    assert (project.state, project.implementer_project_id) == ("in_review", completed.id)


def test_the_text_comes_from_the_project_and_its_proposal(pi, completed):
    project = publishing.publish_implementer_project(pi.owner, completed.id)
    assert (project.title, project.outcomes, project.budget_band, project.member_id) == (
        completed.title,
        "Buses 18 % faster.",
        "50k_250k",
        pi.city.id,
    )


def test_the_summary_holds_the_problem_and_the_objectives(pi, completed):
    project = publishing.publish_implementer_project(pi.owner, completed.id)
    assert project.summary.split("\n\n") == [
        completed.proposal.problem,
        completed.proposal.objectives,
    ]


def test_the_areas_come_from_the_proposal(pi, completed):
    project = publishing.publish_implementer_project(pi.owner, completed.id)
    assert [a.slug for a in project.areas] == ["traffic-management"]


def test_the_city_plans_the_consultant_executes_and_wego_monitors(pi, completed):
    project = publishing.publish_implementer_project(pi.owner, completed.id)
    assert _stakeholders(project) == [
        ("Cauayan", "plans"),
        ("Urban Consult", "executes"),
        ("WeGO Secretariat", "monitors"),
        ("WeGO Secretariat", "evaluates"),
    ]


def test_the_project_is_found_by_search_once_written(pi, completed):
    project = publishing.publish_implementer_project(pi.owner, completed.id)
    assert "Urban Consult" in project.search_text


def test_without_areas_it_stays_a_draft_for_the_city_to_complete(pi, completed):
    completed.proposal.areas = []
    db.session.commit()
    project = publishing.publish_implementer_project(pi.owner, completed.id)
    assert project.state == "draft"


def test_a_project_is_published_once(pi, completed):
    publishing.publish_implementer_project(pi.owner, completed.id)
    with pytest.raises(Conflict):
        publishing.publish_implementer_project(pi.colleague, completed.id)


def test_publishing_twice_leaves_one_plan_exchange_project(pi, completed):
    publishing.publish_implementer_project(pi.owner, completed.id)
    with pytest.raises(Conflict):
        publishing.publish_implementer_project(pi.owner, completed.id)
    assert db.session.scalar(select(func.count(Project.id))) == 1


def test_a_project_still_under_way_cannot_be_published(pi, make_project):
    project = make_project("pilot", consultant_id=pi.consultant.id)
    with pytest.raises(Conflict):
        publishing.publish_implementer_project(pi.owner, project.id)


def test_a_cancelled_project_cannot_be_published(pi, make_project):
    project = make_project("cancelled", cancel_reason="No consultant.")
    with pytest.raises(Conflict):
        publishing.publish_implementer_project(pi.owner, project.id)


def test_another_city_does_not_see_it(pi, completed):
    with pytest.raises(NotFound):
        publishing.publish_implementer_project(pi.other_city, completed.id)


@pytest.mark.parametrize("who", ["reviewer", "admin", "consultant_user"])
def test_only_its_city_may_publish_it(pi, completed, who):
    with pytest.raises(Forbidden):
        publishing.publish_implementer_project(pi.actor(who), completed.id)


def test_a_refusal_writes_nothing(pi, completed):
    with pytest.raises(Forbidden):
        publishing.publish_implementer_project(pi.admin, completed.id)
    assert db.session.scalar(select(func.count(Project.id))) == 0


def test_the_project_page_offers_publishing_to_its_city(pi, completed, browser):
    html = browser(pi.owner).get(f"/implementer/projects/{completed.id}").get_data(as_text=True)
    assert f'action="/plan-exchange/from-implementer/{completed.id}"' in html


def test_the_project_page_does_not_offer_it_to_staff(pi, completed, browser):
    html = browser(pi.admin).get(f"/implementer/projects/{completed.id}").get_data(as_text=True)
    assert "/plan-exchange/from-implementer/" not in html


def test_the_button_lands_on_the_project_in_review(pi, completed, browser):
    response = browser(pi.owner).post(f"/plan-exchange/from-implementer/{completed.id}")
    project = db.session.scalars(select(Project)).one()
    assert response.headers["Location"] == f"/plan-exchange/{project.id}"


def test_once_published_the_page_links_to_it(pi, completed, browser):
    project = publishing.publish_implementer_project(pi.owner, completed.id)
    html = browser(pi.owner).get(f"/implementer/projects/{completed.id}").get_data(as_text=True)
    assert f'href="/plan-exchange/{project.id}"' in html


def test_a_second_press_explains_it_is_already_there(pi, completed, browser):
    b = browser(pi.owner)
    b.post(f"/plan-exchange/from-implementer/{completed.id}")
    response = b.post(f"/plan-exchange/from-implementer/{completed.id}", follow_redirects=True)
    assert "already in Plan Exchange" in response.get_data(as_text=True)
