"""Temporary: replaced by the Solution Finder pages work."""

from flask import Blueprint

bp = Blueprint("solution_finder", __name__)


@bp.route("/applications")
def index() -> str:
    return ""


@bp.route("/applications/new")
def new() -> str:
    return ""


@bp.route("/review")
def queue() -> str:
    return ""


@bp.route("/applications/<int:app_id>")
def show(app_id: int) -> str:
    return ""
