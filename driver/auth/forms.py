"""The sign-in forms (password, second factor) and the account page's forms."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length

from driver.auth.passwords import PASSWORD_HINT


class LoginForm(FlaskForm):
    email = EmailField(
        _l("Email"),
        validators=[DataRequired(), Length(max=254)],
        render_kw={"autocomplete": "username"},
    )
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(), Length(max=256)],
        render_kw={"autocomplete": "current-password"},
    )


class PasswordChangeForm(FlaskForm):
    """A new password, given with the current one; auth.services checks both."""

    current_password = PasswordField(
        _l("Current password"),
        validators=[DataRequired(), Length(max=256)],
        render_kw={"autocomplete": "current-password"},
    )
    new_password = PasswordField(
        _l("New password"),
        validators=[DataRequired(), Length(max=256)],
        description=PASSWORD_HINT,
        render_kw={"autocomplete": "new-password"},
    )
    confirm_password = PasswordField(
        _l("New password again"),
        validators=[DataRequired(), EqualTo("new_password", message=_l("The two do not match."))],
        render_kw={"autocomplete": "new-password"},
    )


class SignOutEverywhereForm(FlaskForm):
    """A button that ends every session of the account (its name tells the two forms apart)."""

    sign_out_everywhere = SubmitField(_l("Sign out everywhere"))


class TwoFactorForm(FlaskForm):
    """The second step of sign-in: a code from the authenticator app, or a recovery code."""

    code = StringField(
        _l("Code"),
        validators=[DataRequired(), Length(max=64)],
        description=_l("The 6 digits your authenticator app shows, or one of your recovery codes."),
        render_kw={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True},
    )


class EnrolTwoFactorForm(FlaskForm):
    """Confirm two-factor enrolment with the first code the app shows."""

    code = StringField(
        _l("Code from the app"),
        validators=[DataRequired(), Length(max=16)],
        render_kw={"autocomplete": "one-time-code", "inputmode": "numeric"},
    )


class DisableTwoFactorForm(FlaskForm):
    """Turn two-factor off: the password and a current code."""

    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(), Length(max=256)],
        render_kw={"autocomplete": "current-password"},
    )
    code = StringField(
        _l("Code from the app (or a recovery code)"),
        validators=[DataRequired(), Length(max=64)],
        render_kw={"autocomplete": "one-time-code"},
    )
