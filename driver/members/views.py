"""Temporary: replaced by the provider pages work."""

from flask import Blueprint

bp = Blueprint("members", __name__)


@bp.route("/providers")
def providers() -> str:
    return ""


@bp.route("/providers/<int:member_id>")
def profile(member_id: int) -> str:
    return ""
