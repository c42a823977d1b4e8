"""Forms of the Solution Finder pages: the application, a workflow action, the queue's filters."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

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


def _stage_choices() -> list[SelectChoice]:
    return choices(
        [("", "Not sure yet"), *((str(n), f"{n} · {name}") for n, name in STAGES.items())]
    )


class ApplicationForm(FlaskForm):
    """A city's Solution Finder application; every field may stay empty in a draft."""

    title = StringField(
        "Title",
        validators=[Length(max=200, message="Keep the title under 200 characters.")],
        description="A short name for the challenge. Needed to submit.",
    )
    description = TextAreaField(
        "The urban challenge",
        validators=[Length(max=MAX_TEXT_LENGTH)],
        description="What problem does the city face, who is affected, what has been tried "
        "so far? Needed to submit.",
        render_kw={"rows": 6},
    )
    expected_outcomes = TextAreaField(
        "Expected outcomes",
        validators=[Length(max=MAX_TEXT_LENGTH)],
        description="What should be better once the solution is in place, and how you will see it.",
        render_kw={"rows": 4},
    )
    areas = MultiCheckboxField(
        "Areas the challenge is about",
        choices=choices(AREAS),
        description="Choose at least one before submitting.",
    )
    budget_usd = WholeNumberField(
        "Budget (USD)",
        validators=[
            Optional(),
            NumberRange(min=0, message="The budget cannot be negative."),
            NumberRange(max=MAX_BUDGET_USD, message="Enter a budget below USD 2,000,000,000."),
        ],
        invalid="Enter the budget as a whole number of US dollars, for example 250000.",
        description="Optional: what the city can spend, in US dollars.",
        render_kw={"inputmode": "numeric", "autocomplete": "off"},
    )
    city_stage = SelectField(
        "How advanced is your city in this area?",
        choices=_stage_choices(),
        coerce=_text,
        default="",
        validate_choice=False,
        validators=[
            AnyOf(
                ["", *map(str, STAGES)],
                message="Choose a stage from 1 (Exploring) to 5 (Optimising), or “Not sure yet”.",
            )
        ],
        description="Optional: the city's smart city stage, from Exploring to Optimising.",
    )
    languages = MultiCheckboxField(
        "Working languages",
        choices=choices(LANGUAGES.items()),
        description="The languages the city's team can work in with partners.",
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
        "How well did the partners deliver?",
        choices=choices(
            [
                ("", "No rating"),
                ("1", "1 · Poorly"),
                ("2", "2 · Below expectations"),
                ("3", "3 · As expected"),
                ("4", "4 · Well"),
                ("5", "5 · Excellently"),
            ]
        ),
        coerce=_text,
        default="",
        validate_choice=False,
        validators=[AnyOf(["", "1", "2", "3", "4", "5"], message="Choose a rating from 1 to 5.")],
        description="Optional: it feeds each selected partner's track record.",
        id=f"{trigger}-rating",
    )


# Fields some actions ask for besides their comment, by (workflow, trigger).
EXTRA_FIELDS = {(APPLICATION.name, "complete"): {"rating": _rating_field}}


@cache
def _action_form_class(workflow: Workflow, trigger: str) -> type[ActionForm]:
    transition = workflow.transition(trigger)
    fields: dict[str, Any] = {"version": HiddenField(id=f"{trigger}-version")}
    if transition.asks_comment:
        required = (
            [DataRequired(message=f"{transition.comment_label} is required.")]
            if transition.needs_comment
            else [Optional()]
        )
        fields["comment"] = TextAreaField(
            transition.comment_label,
            validators=[
                *required,
                Length(
                    max=MAX_COMMENT_LENGTH,
                    message=f"Keep it under {MAX_COMMENT_LENGTH:,} characters.",
                ),
            ],
            description=transition.comment_help,
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

    state = MultiCheckboxField("State", choices=[])
    area = SelectField("Area", choices=choices([("", "Any area"), *AREAS]), validate_choice=False)
    region = SelectField("Region", choices=[], validate_choice=False)
    q = SearchField("Title contains", validators=[Length(max=200)])
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
        form.state.choices = choices(states)
        form.region.choices = choices([("", "Any region"), *((r, r) for r in regions)])
        if not submitted:
            form.state.data = list(default_states)
            form.f.data = "1"
        return form
