"""Calls: the list, the admin's call form, the call page, its actions and its ranking."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from driver import transitions
from driver.db import utcnow
from driver.errors import Conflict, Invalid, not_found
from driver.exports import files as exports
from driver.exports.lists import ranking_columns
from driver.implementer.bindings import CALL_BINDING
from driver.implementer.forms import CallForm
from driver.implementer.rubric import DEFAULT_CRITERIA
from driver.implementer.services import calls as call_service
from driver.implementer.services import projects, proposals, scoring
from driver.implementer.views.common import actions_for, bp, form_page, run_action
from driver.main.forms import show_refusal
from workflows.implementer import CALL_STEPS, call_closed_at


@bp.route("")
def home() -> str | Response:
    """Show a city its open calls, proposals and projects; send others to their list."""
    if current_user.is_staff:
        return redirect(url_for(".calls"))
    if current_user.role == "provider":
        return redirect(url_for(".tenders"))
    now = utcnow()
    open_calls = [
        c
        for c in call_service.calls_for(current_user)
        if c.state == "open" and not call_closed_at(c, now)
    ]
    return render_template(
        "implementer/home.html",
        open_calls=open_calls,
        proposals=proposals.proposals_for(current_user),
        projects=projects.projects_for(current_user),
        can_start=lambda c: proposals.can_start(current_user, c, now),
    )


@bp.route("/calls")
def calls() -> str:
    """List the calls: every one for staff, the published ones for others."""
    return render_template(
        "implementer/calls.html", rows=call_service.calls_for(current_user), binding=CALL_BINDING
    )


@bp.route("/calls/new", methods=["GET", "POST"])
def new_call() -> str | Response | tuple[str, int]:
    """Draft a call (admin), with WeGO's criteria already in the rubric."""
    if not current_user.is_admin:
        raise not_found()
    form = CallForm() if request.method == "POST" else CallForm.blank(DEFAULT_CRITERIA)
    if form.validate_on_submit():
        try:
            call = call_service.create_call(current_user, form.to_input())
        except Invalid as exc:
            show_refusal(form, exc)
        else:
            flash(_("The call is saved as a draft. Publish it when it is ready."), "success")
            return redirect(url_for(".call", call_id=call.id))
    return form_page("implementer/call_form.html", form=form, call=None)


@bp.route("/calls/<int:call_id>/edit", methods=["GET", "POST"])
def edit_call(call_id: int) -> str | Response | tuple[str, int]:
    """Change a draft call and its rubric (admin)."""
    call = CALL_BINDING.get(current_user, call_id)
    if not call_service.can_edit(current_user, call):
        flash(_("Only a draft call can be changed, by an admin."), "info")
        return redirect(url_for(".call", call_id=call.id))
    form = CallForm() if request.method == "POST" else CallForm.for_call(call)
    if form.validate_on_submit():
        try:
            call_service.update_call(
                current_user, call.id, form.to_input(), expected_version=form.expected_version()
            )
        except Invalid as exc:
            show_refusal(form, exc)
        except Conflict as exc:
            flash(exc.detail, "error")
            return redirect(url_for(".call", call_id=call.id))
        else:
            flash(_("The call is saved."), "success")
            return redirect(url_for(".call", call_id=call.id))
    return form_page("implementer/call_form.html", form=form, call=call)


@bp.route("/calls/<int:call_id>")
def call(call_id: int) -> str:
    """Show a call: its times, rubric, step, diagram, history, actions and proposals."""
    call = CALL_BINDING.get(current_user, call_id)
    now = utcnow()
    staff = CALL_BINDING.is_staff_view(current_user)
    offered = call_service.available(current_user, call, now)
    return render_template(
        "implementer/call.html",
        call=call,
        binding=CALL_BINDING,
        steps=CALL_STEPS,
        state=CALL_BINDING.workflow.state(call.state),
        label=_(CALL_BINDING.state_label(call, current_user)),
        staff=staff,
        accepting=call_service.accepting(call, now),
        closed=call_closed_at(call, now),
        history=transitions.history(CALL_BINDING, call) if staff else [],
        actions=actions_for(
            CALL_BINDING,
            call,
            lambda t: url_for(".call_transition", call_id=call.id, trigger=t),
            offered=offered,
        ),
        can_edit=call_service.can_edit(current_user, call),
        own=proposals.own_proposal(current_user, call),
        can_start=proposals.can_start(current_user, call, now),
        rows=proposals.proposals_for(current_user, call_id=call.id) if staff else [],
        proposal_binding=proposals.PROPOSAL_BINDING,
    )


@bp.route("/calls/<int:call_id>/transitions/<trigger>", methods=["GET", "POST"])
def call_transition(call_id: int, trigger: str) -> str | Response | tuple[str, int]:
    """Confirm an action on a call (GET) and carry it out (POST)."""
    call = CALL_BINDING.get(current_user, call_id)
    return run_action(
        CALL_BINDING,
        call,
        trigger,
        back=url_for(".call", call_id=call.id),
        offered=call_service.available(current_user, call, utcnow()),
        fire=lambda _b, obj_id, trig, actor, **kw: call_service.fire_call(
            actor, obj_id, trig, **kw
        ),
    )


@bp.route("/calls/<int:call_id>/ranking")
def ranking(call_id: int) -> str | Response:
    """Rank the call's proposals by weighted mean, with the spread and who has not scored.

    With ``format=csv`` or ``format=xlsx``, the same ranking as a file.
    """
    call, rows = scoring.ranking(current_user, call_id)
    fmt = request.args.get("format")
    if fmt in exports.FORMATS:
        columns = ranking_columns(proposals.PROPOSAL_BINDING, current_user)
        return exports.download(f"ranking-call-{call.id}", fmt, columns, rows)
    return render_template(
        "implementer/ranking.html",
        call=call,
        rows=rows,
        binding=proposals.PROPOSAL_BINDING,
        call_binding=CALL_BINDING,
    )
