"""Form helpers shared by every feature."""

from __future__ import annotations

from flask_babel import gettext
from flask_wtf import FlaskForm

from driver.errors import Refusal


def show_refusal(form: FlaskForm, refusal: Refusal) -> None:
    """Show a service's refusal on ``form``: field errors on their fields, the rest on the form.

    Messages marked with ``N_`` (kept in English for the API) show in the reader's language.
    """
    placed, unplaced = False, []
    for name, english in refusal.errors.items():
        messages = [gettext(str(m)) for m in english]
        field = form._fields.get(name)
        if field is not None:
            field.errors = [*field.errors, *messages]
            placed = True
        else:
            unplaced.extend(messages)
    message = " ".join(unplaced) if placed else gettext(str(refusal.detail))
    if message and message not in form.form_errors:
        form.form_errors.append(message)
    form._errors = None  # WTForms caches ``form.errors``
