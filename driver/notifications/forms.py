"""The notification settings form: the user's language and a delivery per kind of event."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, InputRequired

from driver.i18n import LANGUAGES
from driver.notifications.kinds import Kind
from driver.notifications.models import DIGEST, IMMEDIATE, IN_APP

DELIVERY_CHOICES = [
    SelectChoice(IMMEDIATE, _l("E-mail me at once")),
    SelectChoice(DIGEST, _l("In the daily digest e-mail")),
    SelectChoice(IN_APP, _l("Only in the notification centre")),
]


def field_name(kind: str) -> str:
    """A form field name for a kind (dots are not welcome in field names)."""
    return "kind__" + kind.replace(".", "__")


class PreferencesForm(FlaskForm):
    """The user's language; the kinds' fields are added by ``preferences_form``."""

    language = SelectField(
        _l("Language of pages and e-mails"),
        choices=[
            SelectChoice("", _l("Automatic (your browser's language)")),
            *(SelectChoice(code, name) for code, name in LANGUAGES.items()),
        ],
        validators=[AnyOf(["", *LANGUAGES])],
        description=_l(
            "Pages follow this language on every device, as the switcher at the top does. "
            "Automatic: pages follow your browser, e-mails the language it asked for when you "
            "last signed in."
        ),
    )

    kinds: Sequence[Kind] = ()

    def choices(self) -> dict[str, str]:
        """The delivery chosen per kind."""
        return {kind.name: self[field_name(kind.name)].data for kind in self.kinds}


def preferences_form(
    kinds: Sequence[Kind], current: Mapping[str, str], language: str
) -> PreferencesForm:
    """A settings form with one delivery field per kind, filled with the user's choices."""

    class Form(PreferencesForm):
        pass

    for kind in kinds:
        setattr(
            Form,
            field_name(kind.name),
            SelectField(_(kind.label), choices=DELIVERY_CHOICES, validators=[InputRequired()]),
        )
    Form.kinds = tuple(kinds)
    data = {"language": language, **{field_name(k): v for k, v in current.items()}}
    return Form(data=data)
