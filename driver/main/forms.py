"""Form helpers shared by every feature."""

from __future__ import annotations

from flask_wtf import FlaskForm

from driver.errors import Refusal


def show_refusal(form: FlaskForm, refusal: Refusal) -> None:
    """Show a service's refusal on ``form``: field errors on their fields, the rest on the form."""
    placed, unplaced = False, []
    for name, messages in refusal.errors.items():
        field = form._fields.get(name)
        if field is not None:
            field.errors = [*field.errors, *messages]
            placed = True
        else:
            unplaced.extend(messages)
    message = " ".join(unplaced) if placed else refusal.detail
    if message and message not in form.form_errors:
        form.form_errors.append(message)
    form._errors = None  # WTForms caches ``form.errors``
