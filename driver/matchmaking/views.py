"""Temporary: replaced by the matchmaking pages work."""

from flask import Blueprint

bp = Blueprint("matchmaking", __name__)


@bp.route("/offers")
def offers() -> str:
    return ""


@bp.route("/matches/<int:match_id>")
def show(match_id: int) -> str:
    return ""
