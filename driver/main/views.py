"""The landing page and each role's dashboard."""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, current_app, redirect, render_template, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from driver.db import utcnow
from driver.implementer.dashboard import board_for as implementer_board
from driver.main.dashboard import (
    city_dashboard,
    match_label,
    provider_dashboard,
    staff_dashboard,
)
from driver.members.reference import STAGES

bp = Blueprint("main", __name__)

# Proposed matches left unanswered longer than this are flagged to reviewers.
DEFAULT_STALE_MATCH_DAYS = 7


@bp.route("/")
def index() -> str | Response:
    """Say what the Smart City Driver is; signed-in users go straight to their dashboard."""
    if current_user.is_authenticated:
        return redirect(url_for("main.dashboard"))
    return render_template("main/index.html")


@bp.route("/dashboard")
@login_required
def dashboard() -> str:
    """Show what waits for the user, in the way their role works."""
    user = current_user._get_current_object()
    pi_board = implementer_board(user, utcnow())
    if user.role == "city":
        return render_template(
            "main/dashboard_city.html",
            board=city_dashboard(user),
            stage_names=STAGES,
            pi_board=pi_board,
        )
    if user.role == "provider":
        return render_template(
            "main/dashboard_provider.html",
            board=provider_dashboard(user),
            match_label=lambda m: match_label(m, user),
            pi_board=pi_board,
        )
    days = int(current_app.config.get("STALE_MATCH_DAYS", DEFAULT_STALE_MATCH_DAYS))
    board = staff_dashboard(user, now=utcnow(), stale_after=timedelta(days=days))
    return render_template("main/dashboard_staff.html", board=board, pi_board=pi_board)
