"""The solution catalogue pages: a provider's solutions, one solution, verifying it."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from driver.catalogue import services
from driver.catalogue.forms import CatalogueFilterForm, SolutionForm, VerifyForm
from driver.catalogue.models import COST_BANDS, Solution
from driver.errors import Conflict, Invalid, not_found
from driver.main.forms import show_refusal
from driver.members.reference import AREAS, STAGES

bp = Blueprint("catalogue", __name__, url_prefix="/solutions")


@bp.before_request
def _signed_in() -> Response | None:
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()  # type: ignore[attr-defined]
    return None


@bp.route("")
def index() -> str:
    """List the solutions the user may see: a provider's own first, staff every one."""
    filters = CatalogueFilterForm(formdata=request.args)
    area = filters.area.data if filters.area.data in dict(AREAS) else None
    verified = {"yes": True, "no": False}.get(filters.verified.data or "")
    rows = services.catalogue(current_user, area=area, verified=verified)
    own = [s for s in rows if s.provider_id == current_user.member_id]
    return render_template(
        "catalogue/index.html",
        own=own if current_user.role == "provider" else [],
        others=[s for s in rows if s not in own] if current_user.role == "provider" else rows,
        filters=filters,
        stages=STAGES,
        bands=COST_BANDS,
    )


@bp.route("/new", methods=["GET", "POST"])
def new() -> str | Response | tuple[str, int]:
    """Add a solution to the provider's catalogue."""
    if current_user.role != "provider":
        raise not_found()
    form = SolutionForm()
    if form.validate_on_submit():
        try:
            solution = services.create_solution(current_user, form.to_input())
        except Invalid as exc:
            show_refusal(form, exc)
        else:
            flash(
                _("The solution is saved. WeGO will verify it before recommending it."), "success"
            )
            return redirect(url_for(".show", solution_id=solution.id))
    return _form_page(form, None)


@bp.route("/<int:solution_id>/edit", methods=["GET", "POST"])
def edit(solution_id: int) -> str | Response | tuple[str, int]:
    """Change a solution (its provider or an admin); a provider's change is verified anew."""
    solution = services.get_solution(current_user, solution_id)
    if not services.may_edit(current_user, solution):
        raise not_found()
    form = SolutionForm() if request.method == "POST" else SolutionForm.for_solution(solution)
    if form.validate_on_submit():
        try:
            services.update_solution(
                current_user, solution.id, form.to_input(), expected_version=form.expected_version()
            )
        except Invalid as exc:
            show_refusal(form, exc)
        except Conflict as exc:
            flash(_(str(exc.detail)), "error")
            return redirect(url_for(".show", solution_id=solution_id))
        else:
            flash(_("The solution is saved."), "success")
            return redirect(url_for(".show", solution_id=solution_id))
    return _form_page(form, solution)


def _form_page(form: SolutionForm, solution: Solution | None) -> str | tuple[str, int]:
    page = render_template("catalogue/form.html", form=form, solution=solution)
    return (page, 422) if request.method == "POST" else page


@bp.route("/<int:solution_id>")
def show(solution_id: int) -> str:
    """Show one solution."""
    solution = services.get_solution(current_user, solution_id)
    return render_template(
        "catalogue/show.html",
        solution=solution,
        can_edit=services.may_edit(current_user, solution),
        verify_form=VerifyForm(formdata=None, data={"verified": "0" if solution.verified else "1"}),
        stages=STAGES,
        bands=COST_BANDS,
    )


@bp.route("/<int:solution_id>/verify", methods=["POST"])
def verify(solution_id: int) -> Response:
    """Verify a solution or withdraw its verification (WeGO staff)."""
    form = VerifyForm()
    if not form.validate_on_submit():
        abort(400)
    solution = services.set_verified(current_user, solution_id, form.verified.data == "1")
    if solution.verified:
        flash(
            _("“%(name)s” is verified: it is recommended to cities now.", name=solution.name),
            "success",
        )
    else:
        flash(_("“%(name)s” is no longer verified.", name=solution.name), "info")
    return redirect(url_for(".show", solution_id=solution_id))
