"""Forms of Plan Exchange: a project with its stakeholders, and the directory's search."""

from __future__ import annotations

from typing import Any

from flask_babel import LazyString, gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    FieldList,
    Form,
    FormField,
    HiddenField,
    SearchField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import AnyOf, Length, NumberRange, Optional

from driver.catalogue.models import COST_BANDS
from driver.main.fields import MultiCheckboxField, WholeNumberField, choices, parse_version
from driver.members.reference import AREAS, REGIONS, STAGES
from driver.plan_exchange.models import ROLES, Project
from driver.plan_exchange.services import MAX_STAKEHOLDERS, MAX_YEAR, MIN_YEAR, ProjectInput
from driver.solution_finder.forms import MAX_TEXT_LENGTH

BLANK_ROWS = 3
_STAGES = [
    (str(n), LazyString(lambda n, name: f"{n} · {gettext(name)}", n, name))
    for n, name in STAGES.items()
]


def _labels(pairs: Any) -> list[tuple[Any, Any]]:
    """(value, label) pairs whose labels (marked with ``N_``) are translated when shown."""
    return [(value, _l(label)) for value, label in pairs]


def _year(label: Any) -> WholeNumberField:
    return WholeNumberField(
        label,
        validators=[
            Optional(),
            NumberRange(
                MIN_YEAR,
                MAX_YEAR,
                message=_l("Enter a year from %(min)s to %(max)s.", min=MIN_YEAR, max=MAX_YEAR),
            ),
        ],
        invalid=_l("Enter a year, for example 2021."),
        render_kw={"inputmode": "numeric", "autocomplete": "off"},
    )


class StakeholderRow(Form):
    """One stakeholder and its role (a row left empty is ignored)."""

    name = StringField(_l("Organisation"), validators=[Length(max=200)])
    role = SelectField(
        _l("Role"),
        choices=choices([("", _l("Choose a role")), *_labels(ROLES.items())]),
        default="",
        validate_choice=False,
        validators=[AnyOf(["", *ROLES], message=_l("Choose a role."))],
    )


class ProjectForm(FlaskForm):
    """A Plan Exchange project: every field may stay empty in a draft."""

    title = StringField(_l("Title"), validators=[Length(max=200)])
    summary = TextAreaField(
        _l("Summary"),
        validators=[Length(max=MAX_TEXT_LENGTH)],
        description=_l(
            "The challenge, what the city did and how. Needed to send it for publication."
        ),
        render_kw={"rows": 6},
    )
    outcomes = TextAreaField(
        _l("Outcomes"),
        validators=[Length(max=MAX_TEXT_LENGTH)],
        description=_l("What changed, with numbers where you have them."),
        render_kw={"rows": 4},
    )
    areas = MultiCheckboxField(_l("Areas"), choices=choices(_labels(AREAS)))
    period_start = _year(_l("Started in (year)"))
    period_end = _year(_l("Ended in (year)"))
    budget_band = SelectField(
        _l("Budget"),
        choices=choices([("", _l("Not given")), *_labels(COST_BANDS.items())]),
        default="",
        validate_choice=False,
        validators=[AnyOf(["", *COST_BANDS], message=_l("Choose one of the budget bands."))],
    )
    stage = SelectField(
        _l("Stage the city reached in this area"),
        choices=choices([("", _l("Not given")), *_STAGES]),
        default="",
        validate_choice=False,
        validators=[AnyOf(["", *map(str, STAGES)], message=_l("Choose a stage from 1 to 5."))],
    )
    stakeholders = FieldList(
        FormField(StakeholderRow), min_entries=BLANK_ROWS, max_entries=MAX_STAKEHOLDERS
    )
    version = HiddenField()

    @classmethod
    def for_project(cls, project: Project | None = None, data: ProjectInput | None = None) -> Any:
        """The form filled in with a project's text, with blank stakeholder rows to add more."""
        if project is not None:
            data = ProjectInput(
                title=project.title,
                summary=project.summary,
                outcomes=project.outcomes,
                areas=tuple(project.area_slugs),
                period_start=project.period_start,
                period_end=project.period_end,
                budget_band=project.budget_band,
                stage=project.stage,
                stakeholders=tuple((s.name, s.role) for s in project.stakeholders),
            )
        data = data or ProjectInput()
        rows = [{"name": n, "role": r} for n, r in data.stakeholders]
        rows += [{"name": "", "role": ""}] * BLANK_ROWS
        return cls(
            formdata=None,
            data={
                "title": data.title,
                "summary": data.summary,
                "outcomes": data.outcomes,
                "areas": list(data.areas),
                "period_start": data.period_start,
                "period_end": data.period_end,
                "budget_band": data.budget_band or "",
                "stage": str(data.stage or ""),
                "stakeholders": rows[:MAX_STAKEHOLDERS],
                "version": str(project.version) if project else "",
            },
        )

    def to_input(self) -> ProjectInput:
        rows = [
            ((row.form.name.data or "").strip(), row.form.role.data or "")
            for row in self.stakeholders
        ]
        return ProjectInput(
            title=(self.title.data or "").strip(),
            summary=(self.summary.data or "").strip(),
            outcomes=(self.outcomes.data or "").strip(),
            areas=tuple(self.areas.data or ()),
            period_start=self.period_start.data,
            period_end=self.period_end.data,
            budget_band=self.budget_band.data or None,
            stage=int(self.stage.data) if self.stage.data else None,
            stakeholders=tuple((n, r) for n, r in rows if n or r),
        )

    def expected_version(self) -> int | None:
        return parse_version(self.version.data)


class SearchForm(FlaskForm):
    """The directory's search and filters, read from the query string."""

    class Meta:
        csrf = False

    q = SearchField(
        _l("Search"),
        validators=[Length(max=200)],
        description=_l("Words in the title, summary, outcomes, city or stakeholders."),
    )
    area = SelectField(
        _l("Area"), choices=choices([("", _l("Any area")), *_labels(AREAS)]), validate_choice=False
    )
    region = SelectField(
        _l("Region"),
        choices=choices([("", _l("Any region")), *_labels((r, r) for r in REGIONS)]),
        validate_choice=False,
    )
    country = StringField(_l("Country"), validators=[Length(max=100)])
    stage = SelectField(
        _l("Stage"), choices=choices([("", _l("Any stage")), *_STAGES]), validate_choice=False
    )

    def stage_value(self) -> int | None:
        raw = self.stage.data or ""
        return int(raw) if raw in {str(n) for n in STAGES} else None
