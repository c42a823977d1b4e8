"""The language switcher on every page: a choice kept on the user, or in the visitor's session."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, request, session, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import HiddenField, SelectField
from wtforms.validators import AnyOf

from driver.auth.views import local_path
from driver.extensions import db
from driver.i18n import LANGUAGES, SESSION_KEY, browser_language, supported

bp = Blueprint("language", __name__)

AUTOMATIC = ""


class LanguageForm(FlaskForm):
    """One of the interface's languages, or automatic (the browser decides)."""

    language = SelectField(
        _l("Language"),
        choices=[AUTOMATIC, *LANGUAGES],
        validators=[AnyOf([AUTOMATIC, *LANGUAGES])],
        validate_choice=False,
    )
    next = HiddenField()


def chosen_language() -> str:
    """The language the reader chose (their own, or the visitor's in the session); "" if none."""
    if current_user.is_authenticated:
        return supported(current_user.language) or AUTOMATIC
    return supported(session.get(SESSION_KEY)) or AUTOMATIC


def switcher() -> dict:
    """What the switcher shows: the choice, the options, and the page to come back to."""
    here = request.full_path.rstrip("?") if request.method == "GET" else request.path
    return {
        "chosen": chosen_language(),
        "automatic": LANGUAGES[browser_language()],
        "next": here,
    }


@bp.post("/language")
def choose() -> Response:
    """Keep the reader's language (on the account when signed in) and go back to the page."""
    form = LanguageForm()
    back = local_path(form.next.data) or url_for("main.index")
    if not form.validate():
        flash(_("Choose one of the languages offered."), "error")
        return redirect(back)
    language = form.language.data or AUTOMATIC
    if current_user.is_authenticated:
        current_user.language = language
        db.session.commit()
        session.pop(SESSION_KEY, None)
    elif language:
        session[SESSION_KEY] = language
    else:
        session.pop(SESSION_KEY, None)
    shown = language or browser_language()
    with force_locale(shown):
        if language:
            flash(_("Language changed to %(language)s.", language=LANGUAGES[shown]), "success")
        else:
            flash(
                _(
                    "The pages now follow your browser's language (%(language)s).",
                    language=LANGUAGES[shown],
                ),
                "success",
            )
    return redirect(back)
