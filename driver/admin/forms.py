"""The admin's forms: a new account, the user list's filters, enable / disable, e-mail wording."""

from __future__ import annotations

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import select
from wtforms import (
    EmailField,
    PasswordField,
    SearchField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from driver.auth.services import NewUser
from driver.extensions import db
from driver.i18n import N_
from driver.members.forms import MultiCheckboxField
from driver.members.models import Member
from driver.members.reference import CATEGORIES, REGIONS

ROLE_LABELS = {
    "city": N_("City (staff of a member local government)"),
    "provider": N_("Provider (staff of a member corporation or institution)"),
    "reviewer": N_("Reviewer (WeGO Secretariat or regional office)"),
    "admin": N_("Admin (Secretariat lead)"),
}

# The roles' short names, as the user list shows them.
ROLE_NAMES = {
    "city": N_("City"),
    "provider": N_("Provider"),
    "reviewer": N_("Reviewer"),
    "admin": N_("Admin"),
}


def role_choices() -> list[SelectChoice]:
    return [SelectChoice(role, gettext(label)) for role, label in ROLE_LABELS.items()]


def member_choices() -> list[SelectChoice]:
    """Every member, grouped by category, after a "none" choice for staff accounts."""
    members = db.session.execute(
        select(Member.id, Member.name, Member.country, Member.category).order_by(
            Member.category, Member.name, Member.id
        )
    )
    return [
        SelectChoice("", gettext("None (reviewers and admins)")),
        *(
            SelectChoice(str(mid), f"{name} ({country})", optgroup=_category(cat))
            for mid, name, country, cat in members
        ),
    ]


def _category(key: str) -> str:
    return gettext(CATEGORIES[key]) if key in CATEGORIES else key


def optional_int(value: object) -> int | None:
    if value in (None, ""):
        return None
    return int(value)  # type: ignore[call-overload]


class NewUserForm(FlaskForm):
    """A new account. Only the shape is checked here: auth.services.create_user checks the
    rules (email, role and member, regions, password length), so that all its errors show at
    once."""

    email = EmailField(
        _l("Email"), validators=[DataRequired(), Length(max=254)], render_kw={"autocomplete": "off"}
    )
    name = StringField(_l("Name"), validators=[Optional(), Length(max=120)])
    role = SelectField(_l("Role"), choices=role_choices, validators=[InputRequired()])
    member_id = SelectField(
        _l("Member organisation"),
        coerce=optional_int,
        choices=member_choices,
        description=_l(
            "Cities belong to a local government, providers to a corporation or "
            "an institution; reviewers and admins to none."
        ),
    )
    regions = MultiCheckboxField(
        _l("Regions (reviewers only)"),
        choices=lambda: [SelectChoice(r, gettext(r)) for r in REGIONS],
        description=_l("Leave all unticked for a reviewer who covers every region."),
    )
    password = PasswordField(
        _l("Initial password"),
        validators=[DataRequired(), Length(max=256)],
        description=_l(
            "At least 8 characters (15 or more is better); common passwords are "
            "refused. Give it to the person safely; they can change it on their account page."
        ),
        render_kw={"autocomplete": "new-password"},
    )

    def new_user(self) -> NewUser:
        return NewUser(
            email=self.email.data.strip(),
            password=self.password.data,
            role=self.role.data,
            name=(self.name.data or "").strip(),
            member_id=self.member_id.data,
            regions=tuple(self.regions.data or ()),
        )


class UserFilterForm(FlaskForm):
    """The user list's filters (a GET form: no CSRF token)."""

    class Meta:
        csrf = False

    q = SearchField(_l("Email or name contains"), validators=[Optional(), Length(max=100)])
    role = SelectField(
        _l("Role"),
        choices=lambda: [
            SelectChoice("", gettext("Any role")),
            *(SelectChoice(r, gettext(name)) for r, name in ROLE_NAMES.items()),
        ],
        default="",
    )


class ActiveForm(FlaskForm):
    """The enable / disable button (the button carries ``active``)."""

    active = SelectField(
        _l("Active"),
        choices=[SelectChoice("1", _l("Enabled")), SelectChoice("0", _l("Disabled"))],
        validators=[InputRequired()],
    )


class EmailTemplateForm(FlaskForm):
    """The wording of one kind of e-mail in one language (subject and text, Jinja templates)."""

    subject = StringField(
        _l("Subject"),
        validators=[DataRequired(), Length(max=300)],
        render_kw={"spellcheck": "true"},
    )
    body = TextAreaField(
        _l("Text"),
        validators=[DataRequired(), Length(max=20_000)],
        render_kw={"rows": 12, "spellcheck": "true"},
        description=_l("The link to the object and the footer are added below it."),
    )
