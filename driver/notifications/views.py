"""Temporary: replaced by the notification centre work."""

from flask import Blueprint

bp = Blueprint("notifications", __name__)


@bp.route("/notifications")
def index() -> str:
    return ""
