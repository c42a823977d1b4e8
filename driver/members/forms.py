"""Provider profile forms, the provider directory's filters and the verify button."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

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

    return [SelectChoice(a.slug, a.name) for a in all_areas()]


def country_choices(extra: Iterable[str] = ()) -> list[SelectChoice]:
    """The countries of WeGO's member list, plus any already on a profile."""
    names = {row.country for row in member_rows()} | set(extra)
    return [SelectChoice(name) for name in sorted(names, key=str.casefold)]


def stage_choices() -> list[SelectChoice]:
    return [SelectChoice(str(n), f"{n} · {name}") for n, name in STAGES.items()]


class ProfileForm(FlaskForm):
    """What a provider says about itself; everything matchmaking ranks on, except ``verified``."""

    summary = TextAreaField(
        "Summary",
        validators=[Length(max=MAX_SUMMARY_LENGTH)],
        description="What you offer cities, in a few sentences.",
        render_kw={"rows": 4},
    )
    areas = MultiCheckboxField("Areas you work in", choices=area_choices)
    countries = MultiCheckboxField("Countries where you work", choices=country_choices)
    regions = MultiCheckboxField(
        "WeGO regions you cover", choices=[SelectChoice(r) for r in REGIONS]
    )
    languages = MultiCheckboxField(
        "Working languages", choices=[SelectChoice(k, v) for k, v in LANGUAGES.items()]
    )
    remote_capable = BooleanField("We can work with a city remotely")
    stage_min = SelectField(
        "Smart city stage, from",
        coerce=int,
        choices=stage_choices,
        description="The cities' stages your solutions fit, from Exploring (1) to Optimising (5).",
    )
    stage_max = SelectField("Smart city stage, up to", coerce=int, choices=stage_choices)
    budget_min_usd = IntegerField(
        "Smallest project budget (USD)",
        validators=[Optional(), NumberRange(min=0, max=10**12)],
        description="Leave empty if there is no lower limit.",
    )
    budget_max_usd = IntegerField(
        "Largest project budget (USD)",
        validators=[Optional(), NumberRange(min=0, max=10**12)],
        description="Leave empty if there is no upper limit.",
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
        "Verified by WeGO",
        description="Only verified providers are suggested and proposed to cities.",
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

    q = SearchField("Name contains", validators=[Optional(), Length(max=100)])
    verified = SelectField(
        "Verification",
        choices=[
            SelectChoice("", "Any"),
            SelectChoice("yes", "Verified"),
            SelectChoice("no", "Not verified yet"),
        ],
        default="",
    )
    area = SelectField(
        "Area",
        choices=lambda: [SelectChoice("", "Any area"), *area_choices()],
        default="",
    )


class VerifyForm(FlaskForm):
    """An admin's verify / unverify button (the button carries ``verified``)."""

    verified = SelectField(
        "Verified",
        choices=[SelectChoice("1", "Verified"), SelectChoice("0", "Not verified")],
        validators=[InputRequired()],
    )
