"""The reports' filters: GET forms (no CSRF token, nothing changes) for year and programme."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice

from driver.reports.activity import KINDS
from driver.reports.network import FIRST_YEAR
from driver.reports.pipeline import FUNNEL_PROGRAMMES, PROGRAMMES


def _years(*, every: bool = True) -> list[SelectChoice]:
    years = [SelectChoice(str(y), str(y)) for y in range(date.today().year, FIRST_YEAR - 1, -1)]
    return [SelectChoice("", _l("Every year")), *years] if every else years


class _Filter(FlaskForm):
    class Meta:
        csrf = False

    @property
    def year_value(self) -> int | None:
        value = self.year.data
        return int(value) if value else None


class FunnelFilter(_Filter):
    """Programme and the year its objects entered the funnel."""

    programme = SelectField(
        _l("Programme"),
        choices=[SelectChoice(p.key, _l(p.label)) for p in FUNNEL_PROGRAMMES],
        default=FUNNEL_PROGRAMMES[0].key,
    )
    year = SelectField(
        _l("Entered in"), choices=_years, default="", description=_l("The year of submission.")
    )


class TimeFilter(_Filter):
    """Programme and the year the stays began."""

    programme = SelectField(
        _l("Programme"),
        choices=[SelectChoice(key, _l(p.label)) for key, p in PROGRAMMES.items()],
        default="solution_finder",
    )
    year = SelectField(_l("Stays that began in"), choices=_years, default="")


class GeographyFilter(_Filter):
    """Which work to count, and the year of submission."""

    kind = SelectField(
        _l("Count"),
        choices=[
            SelectChoice("", _l("Applications and projects")),
            *(SelectChoice(k, _l(label)) for k, label in KINDS.items()),
        ],
        default="",
    )
    year = SelectField(_l("Submitted in"), choices=_years, default="")


class YearFilter(_Filter):
    """Just the year (matchmaking: the year the offers were made)."""

    year = SelectField(_l("Offers made in"), choices=_years, default="")


class AssessmentFilter(_Filter):
    """The year the stages are taken at (each city's latest assessment up to it)."""

    year = SelectField(
        _l("As of"),
        choices=lambda: _years(every=False),
        description=_l("Each city's latest completed self-assessment of this year or before."),
    )
