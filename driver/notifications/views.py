"""The notification centre: a user's notices, opening one, marking all read."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from driver.auth.views import local_path
from driver.notifications.services import mark_read, open_notification, page_of

bp = Blueprint("notifications", __name__)

PER_PAGE = 50


@bp.route("/notifications")
@login_required
def index() -> str:
    """List the user's notices, newest first, unread ones marked."""
    page = max(request.args.get("page", 1, type=int) or 1, 1)
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
    flash("Every notification is marked as read.", "success")
    return redirect(url_for("notifications.index"))
