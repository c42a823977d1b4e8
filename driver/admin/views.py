"""Temporary: replaced by the admin pages work."""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.route("/users")
def users() -> str:
    return ""
