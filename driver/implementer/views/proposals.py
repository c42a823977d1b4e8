"""Proposals: the city's form with attachments, the proposal page, its actions, reviews."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import joinedload
from werkzeug.wrappers import Response

from driver import transitions
from driver.errors import Conflict, Forbidden, Invalid, not_found
from driver.exports import files as exports
from driver.exports.lists import proposal_columns
from driver.extensions import db
from driver.implementer.bindings import CALL_BINDING, PROJECT_BINDING, PROPOSAL_BINDING
from driver.implementer.forms import ProposalForm, UploadForm, read_files, review_form
from driver.implementer.models import Call, ImplementerProject, Proposal
from driver.implementer.rubric import reviews_of
from driver.implementer.services import documents, proposals, scoring
from driver.implementer.views.common import actions_for, bp, form_page, run_action
from driver.main.fields import choices
from driver.main.forms import show_refusal
from workflows import REVIEWER
from workflows.implementer import STEPS
from workflows.implementer.proposal import SCORABLE_STATES


@bp.route("/proposals")
def proposals_list() -> str | Response:
    """List the proposals the user may see: a city's own; staff's by state. Or export them."""
    if current_user.role not in {"city"} and not current_user.is_staff:
        raise not_found()
    state = request.args.get("state") or None
    states = [state] if state in PROPOSAL_BINDING.workflow.states else []
    fmt = request.args.get("format")
    if fmt in exports.FORMATS:
        stmt = proposals.visible(current_user, states=states).order_by(
            Proposal.updated_at.desc(), Proposal.id.desc()
        )
        columns = proposal_columns(PROPOSAL_BINDING, current_user)
        return exports.download("proposals", fmt, columns, exports.stream(stmt))
    return render_template(
        "implementer/proposals.html",
        rows=proposals.proposals_for(current_user, states=states),
        binding=PROPOSAL_BINDING,
        steps=STEPS,
        state=state if states else None,
    )


@bp.route("/calls/<int:call_id>/proposals/new", methods=["GET", "POST"])
def new_proposal(call_id: int) -> str | Response | tuple[str, int]:
    """Start the city's proposal to a call: save a draft, or save and submit it."""
    call = CALL_BINDING.get(current_user, call_id)
    if current_user.role != "city":
        raise not_found()
    own = proposals.own_proposal(current_user, call)
    if own is not None:
        flash(_("Your city already has a proposal for this call."), "info")
        return redirect(url_for(".proposal", proposal_id=own.id))
    form = ProposalForm()
    if form.validate_on_submit():
        try:
            files = read_files(form.files)
            proposal = proposals.create_proposal(
                current_user, call.id, form.to_input(), files=files
            )
        except Invalid as exc:
            show_refusal(form, exc)
        except Conflict as exc:
            flash(exc.detail, "error")
            return redirect(url_for(".call", call_id=call.id))
        else:
            return _after_save(proposal, _("Your draft is saved."))
    return form_page("implementer/proposal_form.html", form=form, call=call, proposal=None)


@bp.route("/proposals/<int:proposal_id>/edit", methods=["GET", "POST"])
def edit_proposal(proposal_id: int) -> str | Response | tuple[str, int]:
    """Change a draft proposal, add attachments, and submit it when asked."""
    proposal = PROPOSAL_BINDING.get(current_user, proposal_id)
    if not proposals.can_edit(current_user, proposal):
        flash(_("Only a draft can be changed, by its city."), "info")
        return redirect(url_for(".proposal", proposal_id=proposal.id))
    form = ProposalForm() if request.method == "POST" else ProposalForm.for_proposal(proposal)
    if form.validate_on_submit():
        try:
            files = read_files(form.files)
            proposal = proposals.update_proposal(
                current_user,
                proposal.id,
                form.to_input(),
                files=files,
                expected_version=form.expected_version(),
            )
        except Invalid as exc:
            show_refusal(form, exc)
        except Conflict as exc:
            flash(exc.detail, "error")
            return redirect(url_for(".proposal", proposal_id=proposal_id))
        else:
            return _after_save(proposal, _("Your changes are saved."))
    return form_page(
        "implementer/proposal_form.html", form=form, call=proposal.call, proposal=proposal
    )


def _after_save(proposal: Proposal, saved: str) -> Response:
    if request.form.get("action") != "submit":
        flash(saved, "success")
        return redirect(url_for(".proposal", proposal_id=proposal.id))
    try:
        transitions.fire(PROPOSAL_BINDING, proposal.id, "submit", current_user)
    except Conflict as exc:
        flash(
            _(
                "Your draft is saved, but it cannot be submitted yet. %(reason)s",
                reason=exc.detail,
            ),
            "warning",
        )
        return redirect(url_for(".edit_proposal", proposal_id=proposal.id))
    flash(_("Your proposal is submitted. WeGO will screen and score it."), "success")
    return redirect(url_for(".proposal", proposal_id=proposal.id))


@bp.route("/proposals/<int:proposal_id>")
def proposal(proposal_id: int) -> str:
    """Show a proposal: its content, attachments, step, diagram, history, actions, scores."""
    proposal = PROPOSAL_BINDING.get(
        current_user,
        proposal_id,
        options=(
            joinedload(Proposal.member),
            joinedload(Proposal.areas),
            joinedload(Proposal.call).joinedload(Call.criteria),
        ),
    )
    staff = PROPOSAL_BINDING.is_staff_view(current_user)
    upload = None
    if documents.may_upload(current_user, "proposal", "attachment", proposal):
        upload = UploadForm(formdata=None)
        upload.kind.choices = choices([("attachment", _("Attachment"))])
    project = db.session.scalars(
        PROJECT_BINDING.scope(current_user).where(ImplementerProject.proposal_id == proposal.id)
    ).first()
    # The reviews are read once, for the scores and for the reviewer's own.
    reviews = reviews_of(proposal) if staff else []
    return render_template(
        "implementer/proposal.html",
        proposal=proposal,
        binding=PROPOSAL_BINDING,
        steps=STEPS,
        state=PROPOSAL_BINDING.workflow.state(proposal.state),
        label=_(PROPOSAL_BINDING.state_label(proposal, current_user)),
        staff=staff,
        history=transitions.history(PROPOSAL_BINDING, proposal),
        actions=actions_for(
            PROPOSAL_BINDING,
            proposal,
            lambda t: url_for(".proposal_transition", proposal_id=proposal.id, trigger=t),
        ),
        can_edit=proposals.can_edit(current_user, proposal),
        documents=documents.visible_documents(current_user, "proposal", proposal),
        upload=upload,
        scores=scoring.proposal_scores(proposal, reviews=reviews) if staff else None,
        mine=next((r for r in reviews if r.reviewer_id == current_user.id), None),
        can_review=staff and proposal.state in SCORABLE_STATES,
        project=project,
    )


@bp.route("/proposals/<int:proposal_id>/transitions/<trigger>", methods=["GET", "POST"])
def proposal_transition(proposal_id: int, trigger: str) -> str | Response | tuple[str, int]:
    """Confirm an action on a proposal (GET) and carry it out (POST)."""
    proposal = PROPOSAL_BINDING.get(current_user, proposal_id)
    return run_action(
        PROPOSAL_BINDING,
        proposal,
        trigger,
        back=url_for(".proposal", proposal_id=proposal.id),
    )


@bp.route("/proposals/<int:proposal_id>/review", methods=["GET", "POST"])
def review(proposal_id: int) -> str | Response | tuple[str, int]:
    """Score a proposal on the call's rubric, or declare a conflict of interest (staff)."""
    proposal = PROPOSAL_BINDING.get(current_user, proposal_id)
    back = url_for(".proposal", proposal_id=proposal.id)
    if REVIEWER not in PROPOSAL_BINDING.relations(current_user, proposal):
        raise Forbidden(_("Only WeGO reviewers score proposals."))
    if proposal.state not in SCORABLE_STATES:
        flash(_("This proposal is not being scored now."), "error")
        return redirect(back)
    if request.method == "GET":
        form = review_form(proposal.call, scoring.my_review(current_user, proposal))
        return render_template("implementer/review.html", form=form, proposal=proposal, back=back)
    form = review_form(proposal.call, from_request=True)
    if form.validate():
        try:
            scoring.save_review(
                current_user,
                proposal.id,
                scoring.ReviewInput(
                    conflict_of_interest=form.conflict_of_interest.data,
                    conflict_note=form.conflict_note.data or "",
                    scores=form.scores(),
                ),
            )
        except Invalid as exc:
            show_refusal(form, exc)
        except Conflict as exc:
            flash(exc.detail, "error")
            return redirect(back)
        else:
            flash(
                _("Your conflict of interest is recorded; you do not score this proposal.")
                if form.conflict_of_interest.data
                else _("Your scores are saved."),
                "success",
            )
            return redirect(back)
    return form_page("implementer/review.html", form=form, proposal=proposal, back=back)
