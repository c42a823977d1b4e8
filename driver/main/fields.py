"""Form fields and helpers every feature's forms share."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import StopValidation
from wtforms.widgets import CheckboxInput, ListWidget, TextInput


class MultiCheckboxField(SelectMultipleField):
    """A multiple choice shown as a group of checkboxes (the form macro draws a fieldset)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class WholeNumberField(IntegerField):
    """An optional whole number; "250,000" and "250 000" read as 250000."""

    widget = TextInput()

    def __init__(self, *args: Any, invalid: str | None = None, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.invalid_message = invalid or _l("Enter a whole number.")

    def process_formdata(self, valuelist: list[str]) -> None:
        if not valuelist:
            return
        raw = valuelist[0].strip().replace(",", "").replace(" ", "").replace("_", "")
        if not raw:
            self.data = None
            return
        try:
            self.data = int(raw)
        except ValueError:
            self.data = None
            raise ValueError(str(self.invalid_message)) from None

    def pre_validate(self, form: Any) -> None:
        # Unreadable input already has its message; range checks would only add noise.
        if self.process_errors:
            raise StopValidation()


def choices(pairs: Iterable[tuple[Any, str]]) -> list[SelectChoice]:
    """Select choices from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


def parse_version(value: Any) -> int | None:
    """The object version a form sent back, or None when it sent none."""
    text = "" if value is None else str(value).strip()
    return int(text) if text.isdigit() else None
