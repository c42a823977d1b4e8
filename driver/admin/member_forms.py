"""The registry's forms: the list's filters, a member's facts, the CSV import."""

from __future__ import annotations

import base64
import binascii
import zlib
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    DateField,
    DecimalField,
    HiddenField,
    IntegerField,
    SearchField,
    SelectField,
    StringField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from driver.errors import Invalid
from driver.i18n import N_
from driver.members.facts import MemberFacts
from driver.members.reference import (
    CATEGORIES,
    MEMBER_STATUSES,
    REGIONAL_OFFICES,
    REGIONS,
    SUB_CATEGORIES,
)
from driver.members.registry import MemberFilter


def _with_any(pairs: dict[str, str] | list[str], any_label: str) -> Callable[[], list[Any]]:
    """The choices of ``pairs`` after a blank one, labels translated when the form is drawn."""
    items = list(pairs.items()) if isinstance(pairs, dict) else [(p, p) for p in pairs]

    def choices() -> list[SelectChoice]:
        return [
            SelectChoice("", gettext(any_label)),
            *(SelectChoice(k, gettext(v)) for k, v in items),
        ]

    return choices


def sub_category_choices(any_label: str) -> Callable[[], list[Any]]:
    """Every sub-category, grouped under its category."""

    def choices() -> list[SelectChoice]:
        return [
            SelectChoice("", gettext(any_label)),
            *(
                SelectChoice(key, gettext(label), optgroup=gettext(CATEGORIES[category]))
                for category, subs in SUB_CATEGORIES.items()
                for key, label in subs.items()
            ),
        ]

    return choices


def _plain(pairs: dict[str, str]) -> Callable[[], list[Any]]:
    return lambda: [SelectChoice(k, gettext(v)) for k, v in pairs.items()]


def _blank_is_none(value: Any) -> Any:
    return value or None


class RegistryFilterForm(FlaskForm):
    """The registry list's filters (GET, no CSRF)."""

    class Meta:
        csrf = False

    q = SearchField(_l("Name"), validators=[Optional(), Length(max=200)])
    category = SelectField(
        _l("Category"), choices=_with_any(CATEGORIES, N_("Any category")), default=""
    )
    sub_category = SelectField(
        _l("Sub-category"), choices=sub_category_choices(N_("Any sub-category")), default=""
    )
    region = SelectField(_l("Region"), choices=_with_any(REGIONS, N_("Any region")), default="")
    regional_office = SelectField(
        _l("Regional office"),
        choices=_with_any(REGIONAL_OFFICES, N_("Any regional office")),
        default="",
    )
    country = StringField(_l("Country"), validators=[Optional(), Length(max=100)])
    status = SelectField(
        _l("Status"), choices=_with_any(MEMBER_STATUSES, N_("Any status")), default=""
    )
    joined_year = IntegerField(
        _l("Joined in"), validators=[Optional(), NumberRange(min=1900, max=2999)]
    )

    def filters(self) -> MemberFilter:
        return MemberFilter(
            q=(self.q.data or "").strip() or None,
            category=self.category.data or None,
            sub_category=self.sub_category.data or None,
            region=self.region.data or None,
            regional_office=self.regional_office.data or None,
            country=(self.country.data or "").strip() or None,
            status=self.status.data or None,
            joined_year=self.joined_year.data,
        )


class MemberForm(FlaskForm):
    """A member's registry facts; the rules between fields are the service's (facts.py)."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    category = SelectField(_l("Category"), choices=_plain(CATEGORIES))
    sub_category = SelectField(
        _l("Sub-category"),
        choices=sub_category_choices(N_("None")),
        default="",
        description=_l("Must be one of the category's."),
    )
    country = StringField(_l("Country"), validators=[DataRequired(), Length(max=100)])
    region = SelectField(
        _l("Region"),
        choices=_with_any(REGIONS, N_("From the country")),
        default="",
        description=_l("Needed only for a country no member is in yet."),
    )
    regional_office = SelectField(
        _l("Regional office"), choices=_with_any(REGIONAL_OFFICES, N_("None")), default=""
    )
    status = SelectField(_l("Status"), choices=_plain(MEMBER_STATUSES))
    joined_on = DateField(_l("Joined on"), validators=[Optional()])
    left_on = DateField(
        _l("Left on"), validators=[Optional()], description=_l("When it lapsed or was suspended.")
    )
    population = IntegerField(
        _l("Population"), validators=[Optional()], description=_l("Local governments: people.")
    )
    gdp_per_capita_ppp = DecimalField(
        _l("GDP per capita (PPP, USD)"),
        places=2,
        validators=[Optional()],
        description=_l("Local governments."),
    )
    employees = IntegerField(
        _l("Employees"), validators=[Optional()], description=_l("Corporations and institutions.")
    )

    def facts(self) -> MemberFacts:
        gdp: Decimal | None = self.gdp_per_capita_ppp.data
        joined: date | None = self.joined_on.data
        return MemberFacts(
            name=self.name.data or "",
            category=self.category.data or "",
            country=self.country.data or "",
            region=_blank_is_none(self.region.data),
            sub_category=_blank_is_none(self.sub_category.data),
            regional_office=_blank_is_none(self.regional_office.data),
            status=self.status.data or "",
            population=self.population.data,
            gdp_per_capita_ppp=gdp,
            employees=self.employees.data,
            joined_on=joined,
            left_on=self.left_on.data,
        )


def member_form_data(member: Any) -> dict[str, Any]:
    """The form's initial data from a stored member."""
    return {
        name: getattr(member, name) if getattr(member, name) is not None else None
        for name in (
            "name",
            "category",
            "sub_category",
            "country",
            "region",
            "regional_office",
            "status",
            "joined_on",
            "left_on",
            "population",
            "gdp_per_capita_ppp",
            "employees",
        )
    }


class ImportForm(FlaskForm):
    """The CSV file to check."""

    file = FileField(_l("CSV file"), validators=[FileRequired(_l("Choose a CSV file."))])


class ConfirmImportForm(FlaskForm):
    """Apply a checked file: its text (compressed, base64) and the digest of the preview."""

    content = HiddenField(validators=[DataRequired()])
    digest = HiddenField(validators=[DataRequired(), Length(min=64, max=64)])


def pack(text: str) -> str:
    """The file's text for the confirm form's hidden field: compressed, as no byte may change."""
    return base64.b64encode(zlib.compress(text.encode("utf-8"), 9)).decode("ascii")


def unpack(value: str) -> str:
    """The file's text back from the hidden field; Invalid if it was mangled."""
    try:
        packed = base64.b64decode(value.encode("ascii"), validate=True)
        return zlib.decompress(packed).decode("utf-8")
    except (ValueError, binascii.Error, UnicodeError, zlib.error):
        raise Invalid(gettext("The confirmed file is damaged: check the file again.")) from None
