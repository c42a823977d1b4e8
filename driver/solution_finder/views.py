"""The Solution Finder pages: the lists, the application form, the object page, actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from driver import transitions
from driver.activator.services import application_prefill
from driver.errors import Conflict, Forbidden, Invalid, not_found
from driver.exports import files as exports
from driver.exports.lists import application_columns, queue_columns
from driver.inputs import bounded_int
from driver.main.forms import show_refusal
from driver.matchmaking import services as matchmaking
from driver.members.reference import AREAS, LANGUAGES, REGIONS, STAGES
from driver.plan_exchange import publishing
from driver.plan_exchange import services as plan_exchange
from driver.plan_exchange.models import Project
from driver.solution_finder import services
from driver.solution_finder.forms import (
    ApplicationForm,
    QueueForm,
    action_form,
)
from driver.solution_finder.models import Application
from driver.solution_finder.services import BINDING
from workflows import Transition
from workflows.solution_finder import APPLICATION, STEPS, WAITING_FOR_REVIEWER

bp = Blueprint("solution_finder", __name__)

# Actions that need more than a comment have a page of their own.
ACTION_PAGES = {(APPLICATION.name, "select_partners"): "matchmaking.choose"}


@bp.before_request
def _signed_in() -> Response | None:
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()  # type: ignore[attr-defined]
    return None


# -- a city's (or a provider's) list ---------------------------------------------------------


@bp.route("/applications")
def index() -> str | Response:
    """List the applications of the user's organisation (or export it); staff go to the queue."""
    if current_user.is_staff:
        return redirect(url_for(".queue"))
    fmt = request.args.get("format")
    if fmt in exports.FORMATS:
        columns = application_columns(BINDING, current_user, STEPS)
        return exports.download(
            "applications", fmt, columns, exports.stream(services.organisation_stmt(current_user))
        )
    return render_template(
        "solution_finder/index.html",
        applications=services.for_organisation(current_user),
        binding=BINDING,
        steps=STEPS,
    )


# -- the application form ----------------------------------------------------------------------


@bp.route("/applications/new", methods=["GET", "POST"])
def new() -> str | Response | tuple[str, int]:
    """Start an application (city staff): save it as a draft, or save and submit it."""
    if current_user.role != "city":
        raise not_found()
    form = ApplicationForm()
    if request.method == "GET" and request.args.get("area") in dict(AREAS):
        form.areas.data = [request.args["area"]]
        assessment_id = request.args.get("assessment", type=bounded_int)
        if assessment_id is not None:
            prefill = application_prefill(current_user, assessment_id, request.args["area"])
            for name, value in prefill.items():
                form[name].data = value
    if form.validate_on_submit():
        try:
            app = services.create_application(current_user, form.to_input())
        except Invalid as exc:
            show_refusal(form, exc)
        else:
            return _after_save(app, _("Your draft is saved."))
    return _form_page(form, None)


@bp.route("/applications/<int:app_id>/edit", methods=["GET", "POST"])
def edit(app_id: int) -> str | Response | tuple[str, int]:
    """Change a draft, and submit it when asked."""
    app = BINDING.get(current_user, app_id)
    if not services.can_edit(current_user, app):
        flash(_("Only a draft can be edited, by its city."), "info")
        return redirect(url_for(".show", app_id=app.id))
    form = ApplicationForm() if request.method == "POST" else ApplicationForm.for_application(app)
    if form.validate_on_submit():
        try:
            app = services.update_draft(
                current_user, app.id, form.to_input(), expected_version=form.expected_version()
            )
        except Invalid as exc:
            show_refusal(form, exc)
        except Conflict as exc:
            flash(exc.detail, "error")
            return redirect(url_for(".show", app_id=app_id))
        else:
            return _after_save(app, _("Your changes are saved."))
    return _form_page(form, app)


def _after_save(app: Application, saved: str) -> Response:
    if request.form.get("action") != "submit":
        flash(saved, "success")
        return redirect(url_for(".show", app_id=app.id))
    try:
        transitions.fire(BINDING, app.id, "submit", current_user)
    except Conflict as exc:
        flash(
            _("Your draft is saved, but it cannot be submitted yet. %(reason)s", reason=exc.detail),
            "warning",
        )
        return redirect(url_for(".edit", app_id=app.id))
    flash(_("Your application is submitted. WeGO will review it and get back to you."), "success")
    return redirect(url_for(".show", app_id=app.id))


def _form_page(form: ApplicationForm, app: Application | None) -> str | tuple[str, int]:
    page = render_template("solution_finder/form.html", form=form, app=app)
    return (page, 422) if request.method == "POST" else page


# -- the object page ---------------------------------------------------------------------------


@bp.route("/applications/<int:app_id>")
def show(app_id: int) -> str:
    """Show an application: summary, step, diagram, history and the user's actions."""
    app = BINDING.get(current_user, app_id)
    context: dict[str, Any] = {
        "app": app,
        "binding": BINDING,
        "steps": STEPS,
        "state": APPLICATION.state(app.state),
        "label": BINDING.state_label(app, current_user),
        "staff": BINDING.is_staff_view(current_user),
        "sees_review": services.sees_review(current_user, app),
        "matches": matchmaking.matches_in_scope(current_user, application_id=app.id),
        "match_binding": matchmaking.BINDING,
        "plan_binding": plan_exchange.BINDING,
        "stages": STAGES,
        "languages": LANGUAGES,
    }
    if context["sees_review"]:
        context.update(
            history=transitions.history(BINDING, app),
            actions=actions_for(
                BINDING, app, lambda t: url_for(".transition", app_id=app.id, trigger=t)
            ),
            question=services.open_question(app),
            can_edit=services.can_edit(current_user, app),
            proposing=matchmaking.proposing_open(app),
            **publishing.publishing_box(BINDING, current_user, app, Project.application_id),
        )
    return render_template("solution_finder/show.html", **context)


def actions_for(
    binding: transitions.Binding, obj: Any, url_of: Callable[[str], str]
) -> list[dict[str, Any]]:
    """The actions the current user may take on ``obj``: a form each, or a link to its page."""
    actions = []
    for t in transitions.available(binding, obj, current_user):
        page = ACTION_PAGES.get((binding.workflow.name, t.trigger))
        actions.append(
            {
                "transition": t,
                "url": url_of(t.trigger),
                "page": url_for(page, app_id=obj.id) if page else None,
                "form": None
                if page
                else action_form(binding.workflow, t.trigger, version=obj.version),
            }
        )
    return actions


# -- firing an action --------------------------------------------------------------------------


@bp.route("/applications/<int:app_id>/transitions/<trigger>", methods=["GET", "POST"])
def transition(app_id: int, trigger: str) -> str | Response | tuple[str, int]:
    """Confirm an action (GET, no change) and carry it out (POST)."""
    app = BINDING.get(current_user, app_id)
    return run_action(
        BINDING,
        app,
        trigger,
        back=url_for(".show", app_id=app.id),
        template="solution_finder/transition.html",
        app=app,
    )


def run_action(
    binding: transitions.Binding,
    obj: Any,
    trigger: str,
    *,
    back: str,
    template: str,
    **context: Any,
) -> str | Response | tuple[str, int]:
    """The confirm page of ``trigger`` on ``obj`` (GET), or fire it and go ``back`` (POST)."""
    workflow = binding.workflow
    if trigger not in workflow.transitions:
        raise not_found()
    page = ACTION_PAGES.get((workflow.name, trigger))
    if page:
        return redirect(url_for(page, app_id=obj.id))
    try:  # checked again when firing; here it decides whether to show the form at all
        t = transitions.check_allowed(binding, obj, trigger, current_user)
    except (Conflict, Forbidden) as exc:
        flash(exc.detail, "error")
        return redirect(back)
    if request.method == "GET":
        form = action_form(workflow, trigger, version=obj.version)
        return render_template(template, **_confirm(binding, obj, form, t, back, context))
    form = action_form(workflow, trigger, from_request=True)
    if form.validate():
        try:
            outcome = transitions.fire(
                binding,
                obj.id,
                trigger,
                current_user,
                comment=form.comment_text(),
                payload=form.payload(),
                expected_version=form.expected_version(),
            )
        except Invalid as exc:
            show_refusal(form, exc)
        except (Conflict, Forbidden) as exc:
            flash(exc.detail, "error")
            return redirect(back)
        else:
            flash(_done(binding, t, outcome.obj), "success")
            return redirect(back)
    return render_template(template, **_confirm(binding, obj, form, t, back, context)), 422


def _confirm(
    binding: transitions.Binding,
    obj: Any,
    form: Any,
    t: Transition,
    back: str,
    context: dict[str, Any],
) -> dict[str, Any]:
    return {
        **context,
        "form": form,
        "transition": t,
        "back": back,
        "subject": binding.title(obj),
        "label": binding.state_label(obj, current_user),
    }


def _done(binding: transitions.Binding, t: Transition, obj: Any) -> str:
    return _(
        "Done: %(action)s. It is now “%(state)s”.",
        action=_(t.label).lower(),
        state=_(binding.state_label(obj, current_user)),
    )


# -- the reviewer queue ------------------------------------------------------------------------


@bp.route("/review")
def queue() -> str | Response:
    """The applications waiting for WeGO, oldest first, with filters and pages (staff only).

    With ``format=csv`` or ``format=xlsx``, the whole filtered queue as a file.
    """
    if not current_user.is_staff:
        raise not_found()
    regions = (
        current_user.regions if current_user.regions and not current_user.is_admin else REGIONS
    )
    form = QueueForm.build(
        request.args,
        states=[(s.name, s.staff_label) for s in APPLICATION.states.values() if s.name != "draft"],
        regions=regions,
        default_states=sorted(WAITING_FOR_REVIEWER, key=list(APPLICATION.states).index),
    )
    page = max(request.args.get("page", 1, type=bounded_int) or 1, 1)
    filters = services.QueueFilter(
        states=tuple(form.state.data or ()),
        area=form.area.data or None,
        region=form.region.data or None,
        q=(form.q.data or "").strip() or None,
    )
    fmt = request.args.get("format")
    if fmt in exports.FORMATS:
        rows = exports.stream(services.queue_stmt(current_user, filters))
        return exports.download("review-queue", fmt, queue_columns(BINDING, current_user), rows)
    rows, has_more = services.queue(
        current_user, filters, page=page, per_page=current_app.config["QUEUE_PAGE_SIZE"]
    )
    args = request.args.to_dict(flat=False)
    args.pop("page", None)
    args.pop("format", None)
    return render_template(
        "solution_finder/queue.html",
        form=form,
        rows=rows,
        page=page,
        prev_url=url_for(".queue", **args, page=page - 1) if page > 1 else None,
        next_url=url_for(".queue", **args, page=page + 1) if has_more else None,
        export_args=args,
        binding=BINDING,
    )
