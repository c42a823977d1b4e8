"""Bids: the provider's bid form, the bid page, its actions, and technical scores."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from driver import transitions
from driver.errors import Conflict, Forbidden, Invalid, not_found
from driver.implementer.bindings import BID_BINDING, PROJECT_BINDING
from driver.implementer.forms import UploadForm, read_files
from driver.implementer.models import Bid
from driver.implementer.project_forms import BidForm, BidScoreForm
from driver.implementer.services import bids, documents, projects, scoring
from driver.implementer.views.common import actions_for, bp, form_page, run_action
from driver.main.fields import choices
from driver.main.forms import show_refusal
from workflows import REVIEWER
from workflows.implementer import STEPS


@bp.route("/projects/<int:project_id>/bids/new", methods=["GET", "POST"])
def new_bid(project_id: int) -> str | Response | tuple[str, int]:
    """Start a bid on an open tender (provider): save a draft, or save and submit it."""
    project = PROJECT_BINDING.get(current_user, project_id)
    if current_user.role != "provider":
        raise not_found()
    own = bids.own_bid(current_user, project)
    if own is not None:
        return redirect(url_for(".bid", bid_id=own.id))
    form = BidForm()
    if form.validate_on_submit():
        try:
            bid = bids.start_bid(
                current_user, project.id, form.to_input(), files=read_files(form.files)
            )
        except Invalid as exc:
            show_refusal(form, exc)
        except (Conflict, Forbidden) as exc:
            flash(exc.detail, "error")
            return redirect(url_for(".project", project_id=project.id))
        else:
            return _after_save(bid, _("Your draft bid is saved. Nobody else can see it."))
    return form_page("implementer/bid_form.html", form=form, project=project, bid=None)


@bp.route("/bids/<int:bid_id>/edit", methods=["GET", "POST"])
def edit_bid(bid_id: int) -> str | Response | tuple[str, int]:
    """Change a draft bid while the tender is open, and submit it when asked."""
    bid = BID_BINDING.get(current_user, bid_id)
    if not bids.can_edit(current_user, bid):
        flash(
            _("Only a draft bid can be changed, by its bidder, while the tender is open."), "info"
        )
        return redirect(url_for(".bid", bid_id=bid.id))
    form = BidForm() if request.method == "POST" else BidForm.for_bid(bid)
    if form.validate_on_submit():
        try:
            bid = bids.update_bid(
                current_user,
                bid.id,
                form.to_input(),
                files=read_files(form.files),
                expected_version=form.expected_version(),
            )
        except Invalid as exc:
            show_refusal(form, exc)
        except Conflict as exc:
            flash(exc.detail, "error")
            return redirect(url_for(".bid", bid_id=bid_id))
        else:
            return _after_save(bid, _("Your changes are saved."))
    return form_page("implementer/bid_form.html", form=form, project=bid.project, bid=bid)


def _after_save(bid: Bid, saved: str) -> Response:
    if request.form.get("action") != "submit":
        flash(saved, "success")
        return redirect(url_for(".bid", bid_id=bid.id))
    try:
        transitions.fire(BID_BINDING, bid.id, "submit", current_user)
    except Conflict as exc:
        flash(
            _(
                "Your draft is saved, but it cannot be sent yet. %(reason)s",
                reason=exc.detail,
            ),
            "warning",
        )
        return redirect(url_for(".edit_bid", bid_id=bid.id))
    flash(_("Your bid is sent. It stays sealed until the deadline."), "success")
    return redirect(url_for(".bid", bid_id=bid.id))


@bp.route("/bids/<int:bid_id>")
def bid(bid_id: int) -> str:
    """Show a bid to its bidder, or to WeGO once the deadline has passed."""
    bid = BID_BINDING.get(current_user, bid_id)
    staff = BID_BINDING.is_staff_view(current_user)
    upload = None
    if documents.may_upload(current_user, "bid", "technical", bid) and bids.can_edit(
        current_user, bid
    ):
        upload = UploadForm(formdata=None)
        upload.kind.choices = choices([("technical", _("Technical proposal document"))])
    mine = next((s for s in bid.scores if s.reviewer_id == current_user.id), None)
    score_form = None
    if staff and bid.state == "submitted" and bid.project.state == "consultant_procurement":
        score_form = BidScoreForm(
            formdata=None, data={"score": mine.score, "comment": mine.comment} if mine else {}
        )
    return render_template(
        "implementer/bid.html",
        bid=bid,
        binding=BID_BINDING,
        project_binding=PROJECT_BINDING,
        steps=STEPS,
        state=BID_BINDING.workflow.state(bid.state),
        label=_(BID_BINDING.state_label(bid, current_user)),
        staff=staff,
        history=transitions.history(BID_BINDING, bid),
        actions=actions_for(
            BID_BINDING, bid, lambda t: url_for(".bid_transition", bid_id=bid.id, trigger=t)
        ),
        can_edit=bids.can_edit(current_user, bid),
        documents=documents.visible_documents(current_user, "bid", bid),
        upload=upload,
        score_form=score_form,
        tender_open=projects.tender_open(bid.project),
    )


@bp.route("/bids/<int:bid_id>/transitions/<trigger>", methods=["GET", "POST"])
def bid_transition(bid_id: int, trigger: str) -> str | Response | tuple[str, int]:
    """Confirm an action on a bid (GET) and carry it out (POST)."""
    bid = BID_BINDING.get(current_user, bid_id)
    if trigger in {"award", "reject"}:
        raise not_found()  # only the project's select_consultant and cancel fire these
    return run_action(BID_BINDING, bid, trigger, back=url_for(".bid", bid_id=bid.id))


@bp.route("/bids/<int:bid_id>/score", methods=["POST"])
def score_bid(bid_id: int) -> str | Response | tuple[str, int]:
    """Record the reviewer's technical score of a bid."""
    bid = BID_BINDING.get(current_user, bid_id)
    back = url_for(".bid", bid_id=bid.id)
    if REVIEWER not in BID_BINDING.relations(current_user, bid):
        raise Forbidden(_("Only WeGO reviewers score bids."))
    form = BidScoreForm()
    if form.validate():
        try:
            scoring.save_bid_score(current_user, bid.id, form.score.data, form.comment.data or "")
        except Invalid as exc:
            show_refusal(form, exc)
        except Conflict as exc:
            flash(exc.detail, "error")
            return redirect(back)
        else:
            flash(_("Your technical score is saved."), "success")
            return redirect(back)
    flash(" ".join(str(m) for ms in form.errors.values() for m in ms), "error")
    return redirect(back)
