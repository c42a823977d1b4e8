"""Forms of the Solution Finder pages: the application, a workflow action, the queue's filters."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from flask_wtf import FlaskForm
from wtforms import (
    Field,
    HiddenField,
    SearchField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, DataRequired, Length, NumberRange, Optional

from driver.main.fields import MultiCheckboxField, WholeNumberField, choices, parse_version
from driver.members.reference import AREAS, LANGUAGES, REGIONS, STAGES
from driver.solution_finder.models import Application
from driver.solution_finder.services import DraftInput
from driver.transitions import MAX_COMMENT_LENGTH
from workflows import Workflow
from workflows.solution_finder import APPLICATION

MAX_BUDGET_USD = 2_000_000_000  # an INTEGER column on PostgreSQL
MAX_TEXT_LENGTH = 20_000


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _stage_label(number: int, name: str) -> str:
    return f"{number} · {gettext(name)}"


def _stage_choices() -> list[SelectChoice]:
    return choices(
        [
            ("", _l("Not sure yet")),
            *((str(n), LazyString(_stage_label, n, name)) for n, name in STAGES.items()),
        ]
    )


def _area_choices(first: tuple[str, Any] | None = None) -> list[SelectChoice]:
    """The areas, their names translated when shown (optionally after a ``first`` choice)."""
    return choices([*([first] if first else []), *((slug, _l(name)) for slug, name in AREAS)])


class ApplicationForm(FlaskForm):
    """A city's Solution Finder application; every field may stay empty in a draft."""

    title = StringField(
        _l("Title"),
        validators=[Length(max=200, message=_l("Keep the title under 200 characters."))],
        description=_l("A short name for the challenge. Needed to submit."),
    )
    description = TextAreaField(
        _l("The urban challenge"),
        validators=[Length(max=MAX_TEXT_LENGTH)],
        description=_l(
            "What problem does the city face, who is affected, what has been tried "
            "so far? Needed to submit."
        ),
        render_kw={"rows": 6},
    )
    expected_outcomes = TextAreaField(
        _l("Expected outcomes"),
        validators=[Length(max=MAX_TEXT_LENGTH)],
        description=_l(
            "What should be better once the solution is in place, and how you will see it."
        ),
        render_kw={"rows": 4},
    )
    areas = MultiCheckboxField(
        _l("Areas the challenge is about"),
        choices=_area_choices(),
        description=_l("Choose at least one before submitting."),
    )
    budget_usd = WholeNumberField(
        _l("Budget (USD)"),
        validators=[
            Optional(),
            NumberRange(min=0, message=_l("The budget cannot be negative.")),
            NumberRange(max=MAX_BUDGET_USD, message=_l("Enter a budget below USD 2,000,000,000.")),
        ],
        invalid=_l("Enter the budget as a whole number of US dollars, for example 250000."),
        description=_l("Optional: what the city can spend, in US dollars."),
        render_kw={"inputmode": "numeric", "autocomplete": "off"},
    )
    city_stage = SelectField(
        _l("How advanced is your city in this area?"),
        choices=_stage_choices(),
        coerce=_text,
        default="",
        validate_choice=False,
        validators=[
            AnyOf(
                ["", *map(str, STAGES)],
                message=_l(
                    "Choose a stage from 1 (Exploring) to 5 (Optimising), or “Not sure yet”."
                ),
            )
        ],
        description=_l("Optional: the city's smart city stage, from Exploring to Optimising."),
    )
    languages = MultiCheckboxField(
        _l("Working languages"),
        choices=choices(LANGUAGES.items()),
        description=_l("The languages the city's team can work in with partners."),
    )
    version = HiddenField()

    @classmethod
    def for_application(cls, app: Application) -> ApplicationForm:
        """The form filled in with a draft's text (no request data)."""
        return cls(
            formdata=None,
            data={
                "title": app.title,
                "description": app.description,
                "expected_outcomes": app.expected_outcomes,
                "areas": app.area_slugs,
                "budget_usd": app.budget_usd,
                "city_stage": _text(app.city_stage),
                "languages": list(app.languages or ()),
                "version": str(app.version),
            },
        )

    def to_input(self) -> DraftInput:
        stage = self.city_stage.data
        return DraftInput(
            title=(self.title.data or "").strip(),
            description=(self.description.data or "").strip(),
            expected_outcomes=(self.expected_outcomes.data or "").strip(),
            areas=tuple(self.areas.data or ()),
            budget_usd=self.budget_usd.data,
            city_stage=int(stage) if stage else None,
            languages=tuple(self.languages.data or ()),
        )

    def expected_version(self) -> int | None:
        return parse_version(self.version.data)


# -- workflow actions --------------------------------------------------------------------------


class ActionForm(FlaskForm):
    """One workflow action: the comment it asks for, extra fields, and the version the page showed.

    CSRFProtect checks every POST, and one page shows several actions, so these
    forms carry no token field of their own: the template renders the token.
    """

    class Meta:
        csrf = False

    version = HiddenField()

    def expected_version(self) -> int | None:
        return parse_version(self.version.data)

    def comment_text(self) -> str:
        field = self._fields.get("comment")
        return (field.data or "") if field is not None else ""

    def payload(self) -> dict[str, Any]:
        field = self._fields.get("rating")
        if field is not None and field.data:
            return {"rating": int(field.data)}
        return {}


def _rating_field(trigger: str) -> Field:
    return SelectField(
        _l("How well did the partners deliver?"),
        choices=choices(
            [
                ("", _l("No rating")),
                ("1", _l("1 · Poorly")),
                ("2", _l("2 · Below expectations")),
                ("3", _l("3 · As expected")),
                ("4", _l("4 · Well")),
                ("5", _l("5 · Excellently")),
            ]
        ),
        coerce=_text,
        default="",
        validate_choice=False,
        validators=[
            AnyOf(["", "1", "2", "3", "4", "5"], message=_l("Choose a rating from 1 to 5."))
        ],
        description=_l("Optional: it feeds each selected partner's track record."),
        id=f"{trigger}-rating",
    )


# Fields some actions ask for besides their comment, by (workflow, trigger).
EXTRA_FIELDS = {(APPLICATION.name, "complete"): {"rating": _rating_field}}


@cache
def _action_form_class(workflow: Workflow, trigger: str) -> type[ActionForm]:
    transition = workflow.transition(trigger)
    fields: dict[str, Any] = {"version": HiddenField(id=f"{trigger}-version")}
    if transition.asks_comment:
        # The workflow's texts are extracted from workflows/ and translated when shown.
        label = _l(transition.comment_label)
        required = (
            [DataRequired(message=_l("%(label)s is required.", label=label))]
            if transition.needs_comment
            else [Optional()]
        )
        fields["comment"] = TextAreaField(
            label,
            validators=[
                *required,
                Length(
                    max=MAX_COMMENT_LENGTH,
                    message=_l(
                        "Keep it under %(num)s characters.", num=format(MAX_COMMENT_LENGTH, ",")
                    ),
                ),
            ],
            description=_l(transition.comment_help) if transition.comment_help else None,
            render_kw={"rows": 4},
            id=f"{trigger}-comment",
        )
    for name, make in EXTRA_FIELDS.get((workflow.name, trigger), {}).items():
        fields[name] = make(trigger)
    name = "".join(part.title() for part in trigger.split("_")) + "Form"
    return type(name, (ActionForm,), fields)


def action_form(
    workflow: Workflow, trigger: str, *, version: int | None = None, from_request: bool = False
) -> ActionForm:
    """The form of ``trigger``: empty with ``version``, or read from the request."""
    cls = _action_form_class(workflow, trigger)
    if from_request:
        return cls()
    return cls(formdata=None, data={"version": _text(version)})


# -- the reviewer queue ------------------------------------------------------------------------


class QueueForm(FlaskForm):
    """The reviewer queue's filters, read from the query string."""

    class Meta:
        csrf = False

    state = MultiCheckboxField(_l("State"), choices=[])
    area = SelectField(
        _l("Area"), choices=_area_choices(("", _l("Any area"))), validate_choice=False
    )
    region = SelectField(_l("Region"), choices=[], validate_choice=False)
    q = SearchField(_l("Title contains"), validators=[Length(max=200)])
    f = HiddenField(default="1")  # marks a submitted filter, so "no state ticked" means any

    @classmethod
    def build(
        cls,
        args: Mapping[str, Any] | None,
        *,
        states: Iterable[tuple[str, str]],
        regions: Iterable[str] = REGIONS,
        default_states: Iterable[str] = (),
    ) -> QueueForm:
        """The filters from ``args`` (the query string), or the defaults when none were sent."""
        submitted = args is not None and "f" in args
        form = cls(formdata=args if submitted else None)
        form.state.choices = choices((name, gettext(label)) for name, label in states)
        form.region.choices = choices(
            [("", gettext("Any region")), *((r, gettext(r)) for r in regions)]
        )
        if not submitted:
            form.state.data = list(default_states)
            form.f.data = "1"
        return form
