"""Plan Exchange pages: the public directory and project pages, writing and publishing projects."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from driver import transitions
from driver.catalogue.models import COST_BANDS
from driver.errors import Conflict, Forbidden, Invalid, not_found
from driver.exports import files as exports
from driver.exports.lists import PLAN_EXCHANGE_COLUMNS
from driver.inputs import bounded_int
from driver.main.forms import show_refusal
from driver.members.reference import STAGES
from driver.plan_exchange import publishing, services
from driver.plan_exchange.forms import ProjectForm, SearchForm
from driver.plan_exchange.models import Project
from driver.plan_exchange.search import SearchFilter, search, search_stmt
from driver.plan_exchange.services import BINDING
from driver.solution_finder.views import actions_for, run_action
from workflows.plan_exchange import PROJECT, STEPS

bp = Blueprint("plan_exchange", __name__, url_prefix="/plan-exchange")


@bp.route("")
def index() -> str | Response | tuple[str, int]:
    """Search the published projects by words, area, region, country and stage (public).

    With ``format=csv`` or ``format=xlsx``, every matching project as a file.
    """
    form = SearchForm(formdata=request.args)
    valid = form.validate()
    page = max(request.args.get("page", 1, type=bounded_int) or 1, 1)
    filters = SearchFilter()
    if valid:
        filters = SearchFilter(
            q=(form.q.data or "").strip(),
            area=form.area.data or None,
            region=form.region.data or None,
            country=(form.country.data or "").strip() or None,
            stage=form.stage_value(),
        )
    fmt = request.args.get("format")
    if valid and fmt in exports.FORMATS:
        rows = exports.stream(search_stmt(filters))
        return exports.download("plan-exchange", fmt, PLAN_EXCHANGE_COLUMNS, rows)
    results = search(filters, page=page, per_page=current_app.config["QUEUE_PAGE_SIZE"])
    args = {k: v for k, v in request.args.items() if k not in {"page", "format"}}
    html = render_template(
        "plan_exchange/index.html",
        form=form,
        results=results,
        searching=bool(filters.q),
        prev_url=url_for(".index", **args, page=page - 1) if page > 1 else None,
        next_url=url_for(".index", **args, page=page + 1) if results.has_next else None,
        stages=STAGES,
        export_args=args,
    )
    return html if valid else (html, 422)


@bp.route("/mine")
@login_required
def mine() -> str:
    """List the projects of the user's city in every state (city staff)."""
    if current_user.role != "city":
        raise not_found()
    return render_template(
        "plan_exchange/mine.html", projects=services.for_city(current_user), binding=BINDING
    )


@bp.route("/review")
@login_required
def review() -> str:
    """List the projects waiting for WeGO's review, oldest first (staff)."""
    if not current_user.is_staff:
        raise not_found()
    return render_template(
        "plan_exchange/review.html", projects=services.review_queue(current_user), binding=BINDING
    )


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new() -> str | Response | tuple[str, int]:
    """Add a project of the user's city, a past one or a current one, as a draft."""
    if current_user.role != "city":
        raise not_found()
    form = ProjectForm() if request.method == "POST" else ProjectForm.for_project()
    if form.validate_on_submit():
        try:
            project = services.create_project(current_user, form.to_input())
        except Invalid as exc:
            show_refusal(form, exc)
        else:
            return _after_save(project, _("Your project is saved as a draft."))
    return _form_page(form, None)


@bp.route("/<int:project_id>/edit", methods=["GET", "POST"])
@login_required
def edit(project_id: int) -> str | Response | tuple[str, int]:
    """Change a draft project (its city), and send it for publication when asked."""
    project = BINDING.get(current_user, project_id)
    if not services.can_edit(current_user, project):
        flash(_("Only a draft can be edited, by its city."), "info")
        return redirect(url_for(".show", project_id=project.id))
    form = ProjectForm() if request.method == "POST" else ProjectForm.for_project(project)
    if form.validate_on_submit():
        try:
            project = services.update_project(
                current_user, project.id, form.to_input(), expected_version=form.expected_version()
            )
        except Invalid as exc:
            show_refusal(form, exc)
        except Conflict as exc:
            flash(exc.detail, "error")
            return redirect(url_for(".show", project_id=project_id))
        else:
            return _after_save(project, _("Your changes are saved."))
    return _form_page(form, project)


def _after_save(project: Project, saved: str) -> Response:
    if request.form.get("action") != "submit":
        flash(saved, "success")
        return redirect(url_for(".show", project_id=project.id))
    try:
        transitions.fire(BINDING, project.id, "submit", current_user)
    except Conflict as exc:
        flash(
            _("Your project is saved, but it cannot be sent yet. %(reason)s", reason=exc.detail),
            "warning",
        )
        return redirect(url_for(".edit", project_id=project.id))
    flash(_("Your project is sent to WeGO. Once reviewed it is published."), "success")
    return redirect(url_for(".show", project_id=project.id))


def _form_page(form: ProjectForm, project: Project | None) -> str | tuple[str, int]:
    page = render_template("plan_exchange/form.html", form=form, project=project)
    return (page, 422) if request.method == "POST" else page


@bp.route("/<int:project_id>")
def show(project_id: int) -> str:
    """Show a project: public once published; drafts only to their city and WeGO staff."""
    project = BINDING.get(current_user, project_id)
    involved = bool(BINDING.relations(current_user, project))
    context: dict[str, Any] = {
        "project": project,
        "binding": BINDING,
        "steps": STEPS,
        "state": PROJECT.state(project.state),
        "label": BINDING.state_label(project, current_user),
        "staff": BINDING.is_staff_view(current_user),
        "involved": involved,
        "stages": STAGES,
        "bands": COST_BANDS,
    }
    if involved:
        context.update(
            history=transitions.history(BINDING, project),
            actions=actions_for(
                BINDING,
                project,
                lambda t: url_for(".transition", project_id=project.id, trigger=t),
            ),
            can_edit=services.can_edit(current_user, project),
        )
    return render_template("plan_exchange/show.html", **context)


@bp.route("/<int:project_id>/transitions/<trigger>", methods=["GET", "POST"])
@login_required
def transition(project_id: int, trigger: str) -> str | Response | tuple[str, int]:
    """Confirm a publication action (GET, no change) and carry it out (POST)."""
    project = BINDING.get(current_user, project_id)
    return run_action(
        BINDING,
        project,
        trigger,
        back=url_for(".show", project_id=project.id),
        template="solution_finder/transition.html",
    )


@bp.route("/from-application/<int:app_id>", methods=["POST"])
@login_required
def publish_application(app_id: int) -> Response:
    """Publish a completed Solution Finder application in Plan Exchange, in one action."""
    return _published(
        lambda: publishing.publish_application(current_user, app_id),
        url_for("solution_finder.show", app_id=app_id),
    )


@bp.route("/from-implementer/<int:project_id>", methods=["POST"])
@login_required
def publish_implementer_project(project_id: int) -> Response:
    """Publish a completed Project Implementer project in Plan Exchange, in one action."""
    return _published(
        lambda: publishing.publish_implementer_project(current_user, project_id),
        url_for("implementer.project", project_id=project_id),
    )


def _published(publish: Any, source_url: str) -> Response:
    try:
        project = publish()
    except (Conflict, Forbidden) as exc:
        flash(exc.detail, "error")
        return redirect(source_url)
    if project.state == "in_review":
        flash(_("Your project is sent to WeGO; it will be public once reviewed."), "success")
        return redirect(url_for(".show", project_id=project.id))
    flash(_("Your project is saved as a draft: complete it and send it to WeGO."), "warning")
    return redirect(url_for(".edit", project_id=project.id))
