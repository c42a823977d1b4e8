"""Forms of the solution catalogue: a solution, verifying it, the list's filters."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import AnyOf, Length

from driver.catalogue.models import COST_BANDS, Solution
from driver.catalogue.services import SolutionInput
from driver.main.fields import MultiCheckboxField, choices, parse_version
from driver.members.reference import AREAS, STAGES

_STAGE_CHOICES = [
    (str(n), _l("%(num)s · %(name)s", num=n, name=_l(name))) for n, name in STAGES.items()
]
_AREA_CHOICES = [(slug, _l(label)) for slug, label in AREAS]
_BAND_CHOICES = [(band, _l(label)) for band, label in COST_BANDS.items()]
_STAGE_MESSAGE = _l("Choose a stage from 1 to 5.")


class SolutionForm(FlaskForm):
    """A solution in the provider's catalogue."""

    name = StringField(_l("Name"), validators=[Length(max=200)])
    summary = TextAreaField(
        _l("What it does"),
        validators=[Length(max=5000)],
        description=_l("What problem it solves for a city, and how."),
        render_kw={"rows": 4},
    )
    areas = MultiCheckboxField(_l("Areas"), choices=choices(_AREA_CHOICES))
    stage_min = SelectField(
        _l("Suits cities from stage"),
        choices=choices(_STAGE_CHOICES),
        default="1",
        validate_choice=False,
        validators=[AnyOf([str(n) for n in STAGES], message=_STAGE_MESSAGE)],
    )
    stage_max = SelectField(
        _l("Up to stage"),
        choices=choices(_STAGE_CHOICES),
        default="5",
        validate_choice=False,
        validators=[AnyOf([str(n) for n in STAGES], message=_STAGE_MESSAGE)],
    )
    cost_band = SelectField(
        _l("Typical cost"),
        choices=choices([("", _l("Not given")), *_BAND_CHOICES]),
        default="",
        validate_choice=False,
        validators=[AnyOf(["", *COST_BANDS], message=_l("Choose one of the cost bands."))],
    )
    reference_cities = TextAreaField(
        _l("Reference cities"),
        validators=[Length(max=3000)],
        description=_l("Cities where it is in use, one per line."),
        render_kw={"rows": 3},
    )
    version = HiddenField()

    @classmethod
    def for_solution(cls, solution: Solution) -> SolutionForm:
        return cls(
            formdata=None,
            data={
                "name": solution.name,
                "summary": solution.summary,
                "areas": solution.area_slugs,
                "stage_min": str(solution.stage_min),
                "stage_max": str(solution.stage_max),
                "cost_band": solution.cost_band or "",
                "reference_cities": "\n".join(solution.reference_cities),
                "version": str(solution.version),
            },
        )

    def to_input(self) -> SolutionInput:
        cities = re.split(r"[\n;]+", self.reference_cities.data or "")
        return SolutionInput(
            name=(self.name.data or "").strip(),
            summary=(self.summary.data or "").strip(),
            areas=tuple(self.areas.data or ()),
            stage_min=int(self.stage_min.data or 1),
            stage_max=int(self.stage_max.data or 5),
            cost_band=self.cost_band.data or None,
            reference_cities=tuple(c.strip() for c in cities if c.strip()),
        )

    def expected_version(self) -> int | None:
        return parse_version(self.version.data)


class VerifyForm(FlaskForm):
    """Verify a solution (1) or withdraw the verification (0)."""

    verified = HiddenField(validators=[AnyOf(["0", "1"])])


class CatalogueFilterForm(FlaskForm):
    """The catalogue's filters, read from the query string."""

    class Meta:
        csrf = False

    area = SelectField(
        _l("Area"), choices=choices([("", _l("Any area")), *_AREA_CHOICES]), validate_choice=False
    )
    verified = SelectField(
        _l("Verified"),
        choices=choices(
            [("", _l("Any")), ("no", _l("Waiting for verification")), ("yes", _l("Verified"))]
        ),
        validate_choice=False,
    )
