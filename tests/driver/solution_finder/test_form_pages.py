"""The application form: creating, editing, submitting a draft."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from driver.extensions import db
from driver.solution_finder.models import Application

from .pages import FULL, fresh, text, visible

# -- the form: creating, editing, submitting ---------------------------------------------------


def test_new_form_offers_every_area_and_the_two_buttons(browser, people):
    page = text(browser(people.owner).get("/applications/new"))
    assert page.count('name="areas"') == 16
    assert "Save draft" in page and "Save and submit" in page


def test_new_form_preselects_the_area_given_in_the_query(browser, people):
    page = text(browser(people.owner).get("/applications/new?area=tourism"))
    assert re.search(r'<input[^>]*checked[^>]*value="tourism"|value="tourism"[^>]*checked', page)


def test_city_saves_a_draft(browser, people):
    response = browser(people.owner).post("/applications/new", {**FULL, "action": "draft"})
    app = db.session.scalars(select(Application)).one()
    assert (response.status_code, app.state, app.budget_usd, app.city_stage) == (
        302,
        "draft",
        250_000,
        2,
    )
    assert sorted(app.area_slugs) == ["disaster-risk-management", "water-management"]


def test_saving_a_draft_leads_to_its_page(browser, people):
    response = browser(people.owner).post("/applications/new", {**FULL, "action": "draft"})
    app = db.session.scalars(select(Application)).one()
    assert response.headers["Location"] == f"/applications/{app.id}"


def test_city_saves_and_submits(browser, people):
    browser(people.owner).post("/applications/new", {**FULL, "action": "submit"})
    app = db.session.scalars(select(Application)).one()
    assert (app.state, app.submitted_at is not None) == ("submitted", True)


def test_submit_with_missing_fields_keeps_the_draft_and_shows_the_guard_reasons(browser, people):
    visitor = browser(people.owner)
    response = visitor.post("/applications/new", {"title": "Only a title", "action": "submit"})
    app = db.session.scalars(select(Application)).one()
    page = visible(visitor.get(response.headers["Location"]))
    assert (app.state, response.headers["Location"]) == ("draft", f"/applications/{app.id}/edit")
    assert "Describe the urban challenge before submitting." in page
    assert "Choose at least one area the challenge is about." in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("budget_usd", "-5", "The budget cannot be negative."),
        ("budget_usd", "lots", "Enter the budget as a whole number of US dollars"),
        ("budget_usd", "1.5", "Enter the budget as a whole number of US dollars"),
        ("budget_usd", "3000000000", "Enter a budget below USD 2,000,000,000."),
        ("city_stage", "7", "Choose a stage from 1 (Exploring) to 5 (Optimising)"),
        ("city_stage", "x", "Choose a stage from 1 (Exploring) to 5 (Optimising)"),
        ("areas", "atlantis", "is not a valid choice"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(browser, people, field, value, message):
    response = browser(people.owner).post("/applications/new", {**FULL, field: value})
    assert (response.status_code, message in visible(response)) == (422, True)


def test_bad_input_creates_nothing(browser, people):
    browser(people.owner).post("/applications/new", {**FULL, "budget_usd": "-5"})
    assert db.session.scalars(select(Application)).all() == []


def test_bad_input_keeps_what_was_typed(browser, people):
    response = browser(people.owner).post(
        "/applications/new", {**FULL, "title": "Keep me", "budget_usd": "lots"}
    )
    assert 'value="Keep me"' in text(response) and 'value="lots"' in text(response)


@pytest.mark.parametrize("role", ["provider_user", "reviewer", "admin"])
def test_only_a_city_can_start_an_application(browser, people, role):
    assert browser(getattr(people, role)).get("/applications/new").status_code == 404


def test_edit_form_shows_the_draft(browser, people, app_in):
    app = app_in("draft", match_state=None, budget_usd=1000)
    page = text(browser(people.owner).get(f"/applications/{app.id}/edit"))
    assert 'value="Flood warnings for the river district"' in page and 'value="1000"' in page


def test_colleague_edits_the_draft(browser, people, app_in):
    app = app_in("draft", match_state=None)
    browser(people.colleague).post(
        f"/applications/{app.id}/edit", {**FULL, "title": "Better title", "action": "draft"}
    )
    assert fresh(app).title == "Better title"


def test_editing_and_submitting_a_draft_submits_it(browser, people, app_in):
    app = app_in("draft", match_state=None, description="")
    browser(people.owner).post(f"/applications/{app.id}/edit", {**FULL, "action": "submit"})
    assert fresh(app).state == "submitted"


def test_a_submitted_application_cannot_be_edited(browser, people, app_in):
    app = app_in("submitted", match_state=None)
    response = browser(people.owner).get(f"/applications/{app.id}/edit")
    assert response.headers["Location"] == f"/applications/{app.id}"


def test_editing_a_stale_draft_changes_nothing(browser, people, app_in):
    app = app_in("draft", match_state=None)
    visitor = browser(people.owner)
    visitor.post(f"/applications/{app.id}/edit", {**FULL, "title": "Mine", "version": "99"})
    assert fresh(app).title == "Flood warnings for the river district"


def test_editing_a_stale_draft_says_someone_else_changed_it(browser, people, app_in):
    app = app_in("draft", match_state=None)
    visitor = browser(people.owner)
    visitor.post(f"/applications/{app.id}/edit", {**FULL, "version": "99"})
    page = visible(visitor.get(f"/applications/{app.id}"))
    assert "Someone else changed this in the meantime." in page
