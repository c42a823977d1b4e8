"""Temporary: replaced by the dashboards work."""

from flask import Blueprint

bp = Blueprint("main", __name__)


@bp.route("/")
def index() -> str:
    return "index"


@bp.route("/dashboard")
def dashboard() -> str:
    return "dashboard"
