"""Refusals shown on forms."""

import pytest
from flask_wtf import FlaskForm
from wtforms import StringField

from driver.errors import Conflict, Invalid
from driver.main.forms import show_refusal


class _Form(FlaskForm):
    email = StringField("Email")


@pytest.fixture
def form(app):
    with app.test_request_context(method="POST"):
        yield _Form(meta={"csrf": False})


def test_field_errors_land_on_their_fields(form):
    show_refusal(form, Invalid("Not saved.", errors={"email": ["Already in use."]}))
    assert form.email.errors == ["Already in use."]
    assert form.form_errors == []


def test_errors_for_fields_the_form_lacks_are_shown_on_the_form(form):
    show_refusal(
        form, Invalid("Not saved.", errors={"email": ["Bad."], "member_id": ["Pick one."]})
    )
    assert form.form_errors == ["Pick one."]


def test_a_refusal_without_field_errors_shows_its_detail(form):
    show_refusal(form, Conflict("Someone else changed it."))
    assert form.form_errors == ["Someone else changed it."]


def test_a_refusal_for_no_field_of_the_form_shows_its_detail(form):
    show_refusal(form, Invalid("Choose among the partners.", errors={"match_ids": ["Unknown."]}))
    assert form.form_errors == ["Choose among the partners."]
