"""Forms of the self-assessment: one area's six questions with its goal, starting a year."""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectField
from wtforms.validators import AnyOf, Optional

from driver.activator.models import AssessmentGoal
from driver.activator.questions import DONT_KNOW, LEVELS, Question, questions_for
from driver.activator.scoring import PRIORITIES
from driver.main.fields import WholeNumberField, choices, parse_version
from driver.members.reference import STAGES

DEFAULT_PRIORITY = 2


def _numbered(names: dict[int, str]) -> list[tuple[str, Any]]:
    """Choices "1 · Exploring"…, each name translated when the form is drawn."""
    return [(str(n), _l("%(num)d · %(name)s", num=n, name=_l(name))) for n, name in names.items()]


class AreaForm(FlaskForm):
    """The six questions of one area (each 0-4 or "don't know"), its target and priority."""

    target_stage = SelectField(
        _l("Target stage"),
        choices=choices([("", _l("No target yet")), *_numbered(STAGES)]),
        default="",
        validate_choice=False,
        validators=[AnyOf(["", *map(str, STAGES)], message=_l("Choose a stage from 1 to 5."))],
        description=_l("Where the city wants to be in this area in the coming years."),
    )
    priority = SelectField(
        _l("Priority"),
        choices=choices(_numbered(PRIORITIES)),
        default=str(DEFAULT_PRIORITY),
        validate_choice=False,
        validators=[
            AnyOf([str(n) for n in PRIORITIES], message=_l("Choose a priority from 1 to 3."))
        ],
        description=_l("How much this area matters to the city now; it weighs the gap."),
    )
    version = HiddenField()

    questions: tuple[Question, ...] = ()

    def question_fields(self) -> list[Any]:
        return [self[q.dimension] for q in self.questions]

    def answers(self) -> dict[tuple[str, str], int | None]:
        """The questions answered on the form (a blank one keeps its earlier answer)."""
        out: dict[tuple[str, str], int | None] = {}
        for q in self.questions:
            raw = self[q.dimension].data
            if raw == DONT_KNOW:
                out[(q.area, q.dimension)] = None
            elif raw not in (None, ""):
                out[(q.area, q.dimension)] = int(raw)
        return out

    def goal(self) -> tuple[int | None, int | None]:
        target = self.target_stage.data
        return (int(target) if target else None, int(self.priority.data or DEFAULT_PRIORITY))

    def expected_version(self) -> int | None:
        return parse_version(self.version.data)


def _level_choices(question: Question) -> list[tuple[str, Any]]:
    levels = [
        (
            str(n),
            _l(
                "%(num)d · %(level)s: %(meaning)s",
                num=n,
                level=_l(LEVELS[n]),
                meaning=_l(question.levels[n]),
            ),
        )
        for n in LEVELS
    ]
    return [*levels, (DONT_KNOW, _l("Don't know"))]


@cache
def _form_class(area: str) -> type[AreaForm]:
    fields: dict[str, Any] = {"questions": questions_for(area)}
    for q in questions_for(area):
        fields[q.dimension] = RadioField(
            _l(q.text),
            choices=choices(_level_choices(q)),
            validators=[Optional()],
            description=_l(q.dimension_name),
        )
    return type(f"AreaForm_{area.replace('-', '_')}", (AreaForm,), fields)


def area_form(
    area: str,
    *,
    answers: dict[tuple[str, str], int | None] | None = None,
    goal: AssessmentGoal | None = None,
    version: int | None = None,
    from_request: bool = False,
) -> AreaForm:
    """The form of ``area``: read from the request, or filled with what was saved."""
    cls = _form_class(area)
    if from_request:
        return cls()
    data: dict[str, Any] = {"version": "" if version is None else str(version)}
    for q in questions_for(area):
        if answers is not None and (area, q.dimension) in answers:
            value = answers[(area, q.dimension)]
            data[q.dimension] = DONT_KNOW if value is None else str(value)
    if goal is not None:
        data["target_stage"] = "" if goal.target_stage is None else str(goal.target_stage)
        data["priority"] = str(goal.priority or DEFAULT_PRIORITY)
    return cls(formdata=None, data=data)


class StartForm(FlaskForm):
    """Start the assessment of a year (this year by default)."""

    year = SelectField(_l("Year"), choices=[], validate_choice=False)

    @classmethod
    def build(cls, taken: set[int], today: date, *, first: int = 2010) -> StartForm:
        form = cls()
        years = [y for y in range(today.year, first - 1, -1) if y not in taken]
        form.year.choices = choices((str(y), str(y)) for y in years)
        if not form.year.data and years:
            form.year.data = str(years[0])
        return form

    def chosen_year(self) -> int | None:
        raw = (self.year.data or "").strip()
        return int(raw) if raw.isdigit() else None


class PopulationForm(FlaskForm):
    """The city's population: used only to find cities of similar size for benchmarks."""

    population = WholeNumberField(
        _l("Population of your city"),
        invalid=_l("Enter the number of people as a whole number, for example 950000."),
        description=_l(
            "Optional: people living in the city. Used only to compare your stages "
            "with the average of cities of similar size; no other city sees it."
        ),
        render_kw={"inputmode": "numeric", "autocomplete": "off"},
    )


class CompleteForm(FlaskForm):
    """Mark an assessment complete (its version guards against a stale page)."""

    version = HiddenField()

    def expected_version(self) -> int | None:
        return parse_version(self.version.data)
