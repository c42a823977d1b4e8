"""Provider profile forms, the provider directory's filters and the verify button."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    IntegerField,
    SearchField,
    SelectField,
    SelectMultipleField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from driver.members.models import Member
from driver.members.reference import LANGUAGES, REGIONS, STAGES, member_rows

MAX_SUMMARY_LENGTH = 2000


class MultiCheckboxField(SelectMultipleField):
    """A multiple choice shown as a group of checkboxes (the form macro draws a fieldset)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def area_choices() -> list[SelectChoice]:
    from driver.members.services import all_areas

    return [SelectChoice(a.slug, gettext(a.name)) for a in all_areas()]


def country_choices(extra: Iterable[str] = ()) -> list[SelectChoice]:
    """The countries of WeGO's member list, plus any already on a profile."""
    names = {row.country for row in member_rows()} | set(extra)
    return [SelectChoice(name) for name in sorted(names, key=str.casefold)]


def stage_choices() -> list[SelectChoice]:
    return [SelectChoice(str(n), f"{n} · {gettext(name)}") for n, name in STAGES.items()]


def region_choices() -> list[SelectChoice]:
    return [SelectChoice(r, gettext(r)) for r in REGIONS]


def language_choices() -> list[SelectChoice]:
    return [SelectChoice(k, gettext(v)) for k, v in LANGUAGES.items()]


class ProfileForm(FlaskForm):
    """What a provider says about itself; everything matchmaking ranks on, except ``verified``."""

    summary = TextAreaField(
        _l("Summary"),
        validators=[Length(max=MAX_SUMMARY_LENGTH)],
        description=_l("What you offer cities, in a few sentences."),
        render_kw={"rows": 4},
    )
    areas = MultiCheckboxField(_l("Areas you work in"), choices=area_choices)
    countries = MultiCheckboxField(_l("Countries where you work"), choices=country_choices)
    regions = MultiCheckboxField(_l("WeGO regions you cover"), choices=region_choices)
    languages = MultiCheckboxField(_l("Working languages"), choices=language_choices)
    remote_capable = BooleanField(_l("We can work with a city remotely"))
    stage_min = SelectField(
        _l("Smart city stage, from"),
        coerce=int,
        choices=stage_choices,
        description=_l(
            "The cities' stages your solutions fit, from Exploring (1) to Optimising (5)."
        ),
    )
    stage_max = SelectField(_l("Smart city stage, up to"), coerce=int, choices=stage_choices)
    budget_min_usd = IntegerField(
        _l("Smallest project budget (USD)"),
        validators=[Optional(), NumberRange(min=0, max=10**12)],
        description=_l("Leave empty if there is no lower limit."),
    )
    budget_max_usd = IntegerField(
        _l("Largest project budget (USD)"),
        validators=[Optional(), NumberRange(min=0, max=10**12)],
        description=_l("Leave empty if there is no upper limit."),
    )

    # The fields handed to members.services.update_profile; nothing else is.
    PROFILE_FIELDS = (
        "summary",
        "areas",
        "countries",
        "regions",
        "languages",
        "remote_capable",
        "stage_min",
        "stage_max",
        "budget_min_usd",
        "budget_max_usd",
    )

    def __init__(self, *args: Any, extra_countries: Iterable[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.countries.choices = country_choices(extra_countries)

    def profile_data(self) -> dict[str, Any]:
        data = {name: self[name].data for name in self.PROFILE_FIELDS}
        data["summary"] = (data["summary"] or "").strip()
        return data


class AdminProfileForm(ProfileForm):
    """The profile as an admin edits it: it may also verify the provider."""

    verified = BooleanField(
        _l("Verified by WeGO"),
        description=_l("Only verified providers are suggested and proposed to cities."),
    )

    PROFILE_FIELDS = (*ProfileForm.PROFILE_FIELDS, "verified")


def profile_form_data(member: Member) -> dict[str, Any]:
    """The form's starting values from a member's profile (defaults when it has none yet)."""
    profile = member.profile
    if profile is None:
        return {"stage_min": 1, "stage_max": 5, "languages": list(member.languages or [])}
    return {
        "summary": profile.summary,
        "areas": profile.area_slugs,
        "countries": list(profile.countries),
        "regions": list(profile.regions),
        "languages": list(profile.languages),
        "remote_capable": profile.remote_capable,
        "stage_min": profile.stage_min,
        "stage_max": profile.stage_max,
        "budget_min_usd": profile.budget_min_usd,
        "budget_max_usd": profile.budget_max_usd,
        "verified": profile.verified,
    }


class ProviderFilterForm(FlaskForm):
    """The provider directory's filters (a GET form: no CSRF token)."""

    class Meta:
        csrf = False

    q = SearchField(_l("Name contains"), validators=[Optional(), Length(max=100)])
    verified = SelectField(
        _l("Verification"),
        choices=[
            SelectChoice("", _l("Any")),
            SelectChoice("yes", _l("Verified")),
            SelectChoice("no", _l("Not verified yet")),
        ],
        default="",
    )
    area = SelectField(
        _l("Area"),
        choices=lambda: [SelectChoice("", gettext("Any area")), *area_choices()],
        default="",
    )


class VerifyForm(FlaskForm):
    """An admin's verify / unverify button (the button carries ``verified``)."""

    verified = SelectField(
        _l("Verified"),
        choices=[SelectChoice("1", _l("Verified")), SelectChoice("0", _l("Not verified"))],
        validators=[InputRequired()],
    )
