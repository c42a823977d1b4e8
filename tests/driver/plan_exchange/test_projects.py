"""Plan Exchange projects: who sees drafts, the publication workflow, publishing an application."""

from __future__ import annotations

import pytest

from driver import transitions
from driver.errors import Conflict, Forbidden, Invalid, NotFound
from driver.extensions import db
from driver.plan_exchange import publishing, services
from driver.plan_exchange.models import Project


@pytest.mark.parametrize(
    ("state", "who", "status"),
    [
        ("draft", "owner", 200),
        ("draft", "colleague", 200),
        ("draft", "reviewer", 200),
        ("draft", "other_city", 404),
        ("draft", "provider", 404),
        ("draft", "anonymous", 404),
        ("in_review", "other_city", 404),
        ("in_review", "anonymous", 404),
        ("published", "anonymous", 200),
        ("published", "other_city", 200),
        ("published", "provider", 200),
    ],
)
def test_who_sees_a_project(browser, make_user, make_member, make_project, state, who, status):
    member = make_member()
    owner = make_user("city", member=member)
    people = {
        "owner": owner,
        "colleague": make_user("city", member=member),
        "reviewer": make_user("reviewer"),
        "other_city": make_user("city"),
        "provider": make_user("provider"),
        "anonymous": None,
    }
    project = make_project(owner, state=state)
    assert browser(people[who]).get(f"/plan-exchange/{project.id}").status_code == status


def test_the_public_page_shows_no_history_or_action(browser, make_user, make_project):
    project = make_project(make_user("city"))
    html = browser().get(f"/plan-exchange/{project.id}").get_data(as_text=True)
    assert "Stakeholders" in html and "History" not in html


def test_sending_needs_a_stakeholder(make_user, make_project):
    city = make_user("city")
    project = make_project(city, state="draft", stakeholders=())
    with pytest.raises(Conflict) as refused:
        transitions.fire(services.BINDING, project.id, "submit", city)
    assert refused.value.reasons == ["has_stakeholder"]


def test_a_reviewer_returns_it_to_the_city_with_a_reason(make_user, make_project):
    city = make_user("city")
    project = make_project(city, state="in_review")
    outcome = transitions.fire(
        services.BINDING,
        project.id,
        "return_to_city",
        make_user("reviewer"),
        comment="Add numbers.",
    )
    assert (outcome.obj.state, outcome.obj.return_reason) == ("draft", "Add numbers.")


def test_the_city_cannot_publish_its_own_project(make_user, make_project):
    city = make_user("city")
    project = make_project(city, state="in_review")
    with pytest.raises(Forbidden):
        transitions.fire(services.BINDING, project.id, "publish", city)


def test_publishing_notes_when(make_user, make_project):
    assert make_project(make_user("city")).published_at is not None


def test_only_a_draft_can_be_edited(make_user, make_project):
    city = make_user("city")
    project = make_project(city, state="in_review")
    with pytest.raises(Conflict):
        services.update_project(city, project.id, services.ProjectInput(title="New"))


def test_another_city_cannot_edit_a_published_project(make_user, make_project):
    project = make_project(make_user("city"))
    with pytest.raises(Forbidden):
        services.update_project(make_user("city"), project.id, services.ProjectInput(title="X"))


@pytest.mark.parametrize(
    "data",
    [
        services.ProjectInput(period_start=2022, period_end=2020),
        services.ProjectInput(budget_band="lots"),
        services.ProjectInput(stakeholders=(("Utility", "funds"),)),
        services.ProjectInput(period_start=1200),
    ],
)
def test_invalid_input_is_refused(make_user, data):
    with pytest.raises(Invalid):
        services.create_project(make_user("city"), data)


def test_a_city_adds_a_past_project_through_the_form(browser, make_user):
    city = make_user("city")
    b = browser(city)
    b.get("/plan-exchange/new")
    response = b.post(
        "/plan-exchange/new",
        {
            "title": "LED street lights",
            "summary": "All lights replaced.",
            "areas": ["energy-efficiency"],
            "period_start": "2018",
            "period_end": "2020",
            "stakeholders-0-name": "Lighting department",
            "stakeholders-0-role": "plans",
            "action": "submit",
        },
    )
    project = db.session.query(Project).one()
    assert response.status_code == 302 and project.state == "in_review"


def test_a_form_error_keeps_what_was_typed(browser, make_user):
    city = make_user("city")
    b = browser(city)
    b.get("/plan-exchange/new")
    response = b.post("/plan-exchange/new", {"title": "Kept title", "period_start": "soon"})
    assert response.status_code == 422 and 'value="Kept title"' in response.get_data(as_text=True)


# -- publishing a completed application ---------------------------------------------


@pytest.fixture
def completed(make_user, make_application, make_provider, make_match):
    city = make_user("city")
    app = make_application(
        city,
        state="completed",
        outcome_summary="Leaks down by a third.",
        city_stage=2,
        budget_usd=120_000,
    )
    make_match(app, make_provider(name="Aqua Sensing"), state="selected")
    return city, app


def test_a_completed_application_is_published_in_one_action(completed):
    city, app = completed
    project = publishing.publish_application(city, app.id)
    assert (project.state, project.title, project.outcomes, project.budget_band) == (
        "in_review",
        app.title,
        "Leaks down by a third.",
        "50k_250k",
    )


def test_the_selected_partners_become_executing_stakeholders(completed):
    city, app = completed
    project = publishing.publish_application(city, app.id)
    assert ("Aqua Sensing", "executes") in [(s.name, s.role) for s in project.stakeholders]


def test_an_application_is_published_once(completed):
    city, app = completed
    publishing.publish_application(city, app.id)
    with pytest.raises(Conflict):
        publishing.publish_application(city, app.id)


def test_an_unfinished_application_cannot_be_published(make_user, make_application):
    city = make_user("city")
    app = make_application(city, state="implementing")
    with pytest.raises(Conflict):
        publishing.publish_application(city, app.id)


def test_another_city_cannot_publish_it(completed, make_user):
    _, app = completed
    with pytest.raises(NotFound):
        publishing.publish_application(make_user("city"), app.id)


def test_the_application_page_offers_publishing(browser, completed):
    city, app = completed
    html = browser(city).get(f"/applications/{app.id}").get_data(as_text=True)
    assert f'action="/plan-exchange/from-application/{app.id}"' in html


def test_the_publish_button_posts_and_lands_on_the_project(browser, completed):
    city, app = completed
    b = browser(city)
    b.get(f"/applications/{app.id}")
    response = b.post(f"/plan-exchange/from-application/{app.id}")
    assert "/plan-exchange/" in response.headers["Location"]
