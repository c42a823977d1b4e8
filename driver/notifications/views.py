"""The notification centre (notices, opening one, all read) and the user's settings."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from driver.auth.views import local_path
from driver.errors import Invalid
from driver.inputs import bounded_int
from driver.notifications.forms import field_name, preferences_form
from driver.notifications.kinds import preferable_kinds
from driver.notifications.services import (
    mark_read,
    open_notification,
    page_of,
    preferences_of,
    save_preferences,
)

bp = Blueprint("notifications", __name__)

PER_PAGE = 50


@bp.route("/notifications")
@login_required
def index() -> str:
    """List the user's notices, newest first, unread ones marked."""
    page = max(request.args.get("page", 1, type=bounded_int) or 1, 1)
    notices, more = page_of(current_user, page=page, per_page=PER_PAGE)
    return render_template("notifications/index.html", notices=notices, page=page, more=more)


@bp.route("/notifications/<int:notification_id>/read", methods=["POST"])
@login_required
def read(notification_id: int) -> Response:
    """Mark one of the user's notices read and go to what it is about (others 404)."""
    notice = open_notification(current_user, notification_id)
    return redirect(local_path(notice.link) or url_for("notifications.index"))


@bp.route("/notifications/read", methods=["POST"])
@login_required
def read_all() -> Response:
    """Mark every notice of the user read."""
    mark_read(current_user)
    flash(_("Every notification is marked as read."), "success")
    return redirect(url_for("notifications.index"))


@bp.route("/account/notifications", methods=["GET", "POST"])
@login_required
def preferences() -> str | Response | tuple[str, int]:
    """Choose the language and how to hear of each kind of event."""
    user = current_user._get_current_object()
    kinds = preferable_kinds()
    form = preferences_form(kinds, preferences_of(user), user.language)
    if form.validate_on_submit():
        try:
            save_preferences(user, language=form.language.data, choices=form.choices())
        except Invalid as exc:
            for name, messages in exc.errors.items():
                field = form[name] if name in form else form[field_name(name)]
                field.errors = [*field.errors, *messages]
        else:
            flash(_("Your notification settings are saved."), "success")
            return redirect(url_for("notifications.preferences"))
    groups: dict[str, list] = {}
    for kind in kinds:
        groups.setdefault(kind.group, []).append(form[field_name(kind.name)])
    html = render_template("notifications/preferences.html", form=form, groups=groups)
    return (html, 422) if form.errors else html
