"""Forms of the matchmaking pages: proposing a provider, choosing partners."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField
from wtforms.validators import InputRequired

from driver.main.fields import MultiCheckboxField, parse_version


class ProposeForm(FlaskForm):
    """The "Propose" button of one suggested provider (the button carries the provider's id).

    CSRFProtect checks every POST; the page renders the token once per button form.
    """

    class Meta:
        csrf = False

    provider_id = IntegerField(
        _l("Provider"), validators=[InputRequired(message=_l("Choose a provider to propose."))]
    )


class ChoosePartnersForm(FlaskForm):
    """The city's choice among the providers who accepted its application."""

    match_ids = MultiCheckboxField(
        _l("Partners who accepted"),
        coerce=int,
        validate_choice=False,  # the workflow's guards say what is wrong with a choice
        description=_l("Choose one or more. The others are told they were not selected."),
    )
    version = HiddenField()

    def expected_version(self) -> int | None:
        return parse_version(self.version.data)
