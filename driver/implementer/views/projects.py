"""Projects: the lists, the tender page, the tender form, its actions, choosing the consultant."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from driver import transitions
from driver.db import utcnow
from driver.errors import Conflict, Forbidden, Invalid, not_found
from driver.exports import files as exports
from driver.exports.lists import bid_columns
from driver.implementer.bindings import BID_BINDING, PROJECT_BINDING
from driver.implementer.forms import UploadForm
from driver.implementer.models.document import KINDS
from driver.implementer.project_forms import SelectConsultantForm, TenderForm
from driver.implementer.services import bids, documents, projects, scoring
from driver.implementer.views.common import actions_for, bp, form_page, run_action
from driver.main.fields import choices
from driver.main.forms import show_refusal
from driver.plan_exchange import publishing
from driver.plan_exchange.models import Project as PlanProject
from driver.plan_exchange.services import BINDING as PLAN_BINDING
from workflows import ADMIN
from workflows.implementer import STEPS
from workflows.implementer.project import REPORT_DUE


@bp.route("/projects")
def projects_list() -> str | Response:
    """List the projects: a city's own, every one for staff; providers go to their tenders."""
    if current_user.role == "provider":
        return redirect(url_for(".tenders"))
    return render_template(
        "implementer/projects.html",
        rows=projects.projects_for(current_user),
        binding=PROJECT_BINDING,
        steps=STEPS,
    )


@bp.route("/tenders")
def tenders() -> str:
    """A provider's tenders: open ones to answer, its bids, its engagements as consultant."""
    if current_user.role != "provider":
        raise not_found()
    now = utcnow()
    rows = projects.projects_for(current_user)
    sent = bids.bids_for(current_user)
    own = {b.project_id: b for b in sent if b.state != "withdrawn"}
    return render_template(
        "implementer/tenders.html",
        open_rows=[p for p in rows if projects.tender_open(p, now)],
        engaged=[p for p in rows if p.consultant_id == current_user.member_id],
        bids=sent,
        own=own,
        binding=PROJECT_BINDING,
        bid_binding=bids.BID_BINDING,
    )


@bp.route("/projects/<int:project_id>")
def project(project_id: int) -> str | Response:
    """Show a project: tender, documents, bids (once unsealed), step, diagram, history.

    With ``format=csv`` or ``format=xlsx``, its ranked bids as a file: staff
    only, and only once a bid is awarded (404 before).
    """
    project = PROJECT_BINDING.get(current_user, project_id)
    fmt = request.args.get("format")
    if fmt in exports.FORMATS:
        rows = scoring.awarded_bid_ranking(current_user, project)
        columns = bid_columns(BID_BINDING, current_user)
        return exports.download(f"bids-project-{project.id}", fmt, columns, rows)
    now = utcnow()
    inside = projects.sees_inside(current_user, project)
    staff = PROJECT_BINDING.is_staff_view(current_user)
    ranking = scoring.bid_ranking(current_user, project) if staff else []
    kinds = [
        (kind, _(label))
        for kind, label in KINDS["project"].items()
        if documents.may_upload(current_user, "project", kind, project)
    ]
    upload = None
    if kinds:
        upload = UploadForm(formdata=None)
        upload.kind.choices = choices(kinds)
    return render_template(
        "implementer/project.html",
        project=project,
        binding=PROJECT_BINDING,
        steps=STEPS,
        state=PROJECT_BINDING.workflow.state(project.state),
        label=_(PROJECT_BINDING.state_label(project, current_user)),
        staff=staff,
        inside=inside,
        history=transitions.history(PROJECT_BINDING, project) if inside else [],
        actions=actions_for(
            PROJECT_BINDING,
            project,
            lambda t: url_for(".project_transition", project_id=project.id, trigger=t),
            pages={"select_consultant": url_for(".select_consultant", project_id=project.id)},
        )
        if inside
        else [],
        documents=documents.visible_documents(current_user, "project", project),
        upload=upload,
        tender_open=projects.tender_open(project, now),
        sealed=projects.sealed(project, now),
        sent=projects.sent_bid_count(project) if staff else None,
        ranking=ranking,
        exportable=any(row.bid.state == "awarded" for row in ranking),
        own_bid=bids.own_bid(current_user, project),
        report_due=REPORT_DUE.get(project.state),
        can_edit=projects.can_edit_tender(current_user, project),
        plan_binding=PLAN_BINDING,
        **publishing.publishing_box(
            PROJECT_BINDING, current_user, project, PlanProject.implementer_project_id
        ),
    )


@bp.route("/projects/<int:project_id>/tender", methods=["GET", "POST"])
def tender(project_id: int) -> str | Response | tuple[str, int]:
    """Write the consultant tender while it is prepared (staff)."""
    project = PROJECT_BINDING.get(current_user, project_id)
    if not projects.can_edit_tender(current_user, project):
        flash(_("The tender can be changed by WeGO while it is prepared."), "info")
        return redirect(url_for(".project", project_id=project.id))
    form = TenderForm() if request.method == "POST" else TenderForm.for_project(project)
    if form.validate_on_submit():
        try:
            projects.update_tender(
                current_user, project.id, form.to_input(), expected_version=form.expected_version()
            )
        except Invalid as exc:
            show_refusal(form, exc)
        except Conflict as exc:
            flash(exc.detail, "error")
            return redirect(url_for(".project", project_id=project.id))
        else:
            flash(_("The tender is saved."), "success")
            return redirect(url_for(".project", project_id=project.id))
    return form_page("implementer/tender_form.html", form=form, project=project)


@bp.route("/projects/<int:project_id>/transitions/<trigger>", methods=["GET", "POST"])
def project_transition(project_id: int, trigger: str) -> str | Response | tuple[str, int]:
    """Confirm an action on a project (GET) and carry it out (POST)."""
    project = PROJECT_BINDING.get(current_user, project_id)
    if not projects.sees_inside(current_user, project):
        raise Forbidden(_("Only the city, WeGO and the consultant act on a project."))
    return run_action(
        PROJECT_BINDING,
        project,
        trigger,
        back=url_for(".project", project_id=project.id),
        pages={"select_consultant": url_for(".select_consultant", project_id=project.id)},
    )


@bp.route("/projects/<int:project_id>/select-consultant", methods=["GET", "POST"])
def select_consultant(project_id: int) -> str | Response | tuple[str, int]:
    """Choose the consultant among the bids ranked by QCBS (admin)."""
    project = PROJECT_BINDING.get(current_user, project_id)
    back = url_for(".project", project_id=project.id)
    if ADMIN not in PROJECT_BINDING.relations(current_user, project):
        raise Forbidden(_("Only an admin selects the consultant."))
    if project.state != "consultant_procurement":
        flash(_("The consultant is chosen while the tender runs."), "error")
        return redirect(back)
    ranking = scoring.bid_ranking(current_user, project)
    form = (
        SelectConsultantForm()
        if request.method == "POST"
        else SelectConsultantForm(formdata=None, data={"version": str(project.version)})
    )
    form.bid_id.choices = choices(
        (str(row.bid.id), f"{row.bid.provider.name}")
        for row in ranking
        if row.bid.state == "submitted"
    )
    if request.method == "POST" and form.validate():
        try:
            transitions.fire(
                PROJECT_BINDING,
                project.id,
                "select_consultant",
                current_user,
                comment=form.comment.data or "",
                payload={"bid_id": form.bid_id.data},
                expected_version=form.expected_version(),
            )
        except Invalid as exc:
            show_refusal(form, exc)
        except (Conflict, Forbidden) as exc:
            flash(exc.detail, "error")
            return redirect(back)
        else:
            flash(_("The consultant is selected; every bidder is told."), "success")
            return redirect(back)
    return form_page(
        "implementer/select_consultant.html",
        form=form,
        project=project,
        ranking=ranking,
        sealed=projects.sealed(project),
        back=back,
    )
