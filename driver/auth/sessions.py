"""Flask-Login wiring: load the signed-in user, ending sessions whose version is stale."""

from __future__ import annotations

from flask_babel import gettext

from driver.auth.models import User
from driver.extensions import db, login_manager
from driver.i18n import N_

login_manager.login_view = "auth.login"
login_manager.login_message = N_("Please sign in to see this page.")
login_manager.localize_callback = gettext  # the message shows in the reader's language
login_manager.login_message_category = "info"
login_manager.session_protection = "strong"


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """The user of a session cookie, unless the account was disabled or signed out everywhere."""
    ident, _, version = user_id.partition(":")
    if not ident.isdigit() or not version.isdigit():
        return None
    user = db.session.get(User, int(ident))
    if user is None or not user.active or user.session_version != int(version):
        return None
    return user
