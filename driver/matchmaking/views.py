"""The matchmaking pages: suggestions and proposals (staff), offers (providers), partners (city)."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from driver import transitions
from driver.errors import Conflict, Forbidden, Invalid, not_found
from driver.main.fields import choices
from driver.main.forms import show_refusal
from driver.matchmaking import services
from driver.matchmaking.forms import ChoosePartnersForm, ProposeForm
from driver.matchmaking.services import BINDING
from driver.members.reference import LANGUAGES, STAGES
from driver.solution_finder.services import BINDING as APPLICATION_BINDING
from driver.solution_finder.views import actions_for, run_action
from workflows.solution_finder import STEPS

bp = Blueprint("matchmaking", __name__)


@bp.before_request
def _signed_in() -> Response | None:
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()  # type: ignore[attr-defined]
    return None


# -- staff: suggestions and proposals --------------------------------------------------------


@bp.route("/applications/<int:app_id>/suggestions")
def suggestions(app_id: int) -> str:
    """Rank providers for an application, with why each fits (staff only)."""
    app = APPLICATION_BINDING.get(current_user, app_id)
    ranked = services.suggestions(current_user, app.id, app=app)
    proposed = {
        m.provider_id: m
        for m in services.matches_in_scope(current_user, application_id=app.id, eager=False)
    }
    return render_template(
        "matchmaking/suggestions.html",
        app=app,
        ranked=ranked,
        proposed=proposed,
        proposing=services.proposing_open(app),
        binding=BINDING,
        app_binding=APPLICATION_BINDING,
    )


@bp.route("/applications/<int:app_id>/matches", methods=["POST"])
def propose(app_id: int) -> Response:
    """Propose a match between the application and a provider (staff)."""
    back = url_for(".suggestions", app_id=app_id)
    form = ProposeForm()
    if not form.validate():
        flash(_("Choose a provider to propose."), "error")
        return redirect(back)
    try:
        match = services.propose_match(current_user, app_id, form.provider_id.data)
    except (Conflict, Invalid) as exc:
        flash(exc.detail, "error")
    else:
        flash(
            _(
                "%(name)s is proposed. They are told, and can accept or decline.",
                name=match.provider.name,
            ),
            "success",
        )
    return redirect(back)


# -- providers: their offers -------------------------------------------------------------------


@bp.route("/offers")
def offers() -> str:
    """A provider's offers: waiting for its answer, accepted, and past ones."""
    if current_user.role != "provider":
        raise not_found()
    return render_template(
        "matchmaking/offers.html", groups=services.offers_by_group(current_user), binding=BINDING
    )


# -- one match ---------------------------------------------------------------------------------


@bp.route("/matches/<int:match_id>")
def show(match_id: int) -> str:
    """Show a match: the application's summary, the provider, its state, history and actions."""
    match = BINDING.get(current_user, match_id)
    app = match.application
    return render_template(
        "matchmaking/show.html",
        match=match,
        app=app,
        binding=BINDING,
        app_binding=APPLICATION_BINDING,
        label=BINDING.state_label(match, current_user),
        staff=BINDING.is_staff_view(current_user),
        state=BINDING.workflow.state(match.state),
        app_state=APPLICATION_BINDING.workflow.state(app.state),
        steps=STEPS,
        stages=STAGES,
        languages=LANGUAGES,
        history=transitions.history(BINDING, match),
        actions=actions_for(
            BINDING, match, lambda t: url_for(".transition", match_id=match.id, trigger=t)
        ),
    )


@bp.route("/matches/<int:match_id>/transitions/<trigger>", methods=["GET", "POST"])
def transition(match_id: int, trigger: str) -> str | Response | tuple[str, int]:
    """Confirm an action on a match (GET, no change) and carry it out (POST)."""
    match = BINDING.get(current_user, match_id)
    return run_action(
        BINDING,
        match,
        trigger,
        back=url_for(".show", match_id=match.id),
        template="matchmaking/transition.html",
        match=match,
    )


# -- the city: choosing partners ---------------------------------------------------------------


@bp.route("/applications/<int:app_id>/partners", methods=["GET", "POST"])
def choose(app_id: int) -> str | Response | tuple[str, int]:
    """Let the city choose its partners among the providers who accepted."""
    app = APPLICATION_BINDING.get(current_user, app_id)
    back = url_for("solution_finder.show", app_id=app.id)
    try:
        transitions.check_allowed(APPLICATION_BINDING, app, "select_partners", current_user)
    except (Conflict, Forbidden) as exc:
        flash(exc.detail, "error")
        return redirect(back)
    open_matches = services.matches_in_scope(
        current_user, application_id=app.id, states={"accepted", "proposed"}
    )
    accepted = [m for m in open_matches if m.state == "accepted"]
    if request.method == "POST":
        form = ChoosePartnersForm()
    else:
        form = ChoosePartnersForm(formdata=None, data={"version": str(app.version)})
    form.match_ids.choices = choices((m.id, m.provider.name) for m in accepted)
    status = 422 if request.method == "POST" else 200
    if form.validate_on_submit():
        try:
            transitions.fire(
                APPLICATION_BINDING,
                app.id,
                "select_partners",
                current_user,
                payload={"match_ids": list(form.match_ids.data or [])},
                expected_version=form.expected_version(),
            )
        except (Conflict, Invalid) as exc:
            show_refusal(form, exc)
            status = exc.status
        except Forbidden as exc:
            flash(exc.detail, "error")
            return redirect(back)
        else:
            names = [c.label for c in form.match_ids.choices if c.value in form.match_ids.data]
            flash(
                _(
                    "You chose your partners: %(names)s. They and WeGO are told.",
                    names=", ".join(names),
                ),
                "success",
            )
            return redirect(back)
    page = render_template(
        "matchmaking/choose.html",
        app=app,
        form=form,
        accepted=accepted,
        waiting=[m for m in open_matches if m.state == "proposed"],
        binding=BINDING,
        app_binding=APPLICATION_BINDING,
    )
    return page, status
