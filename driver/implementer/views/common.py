"""What the Project Implementer's pages share: the blueprint, actions, time in a call's zone."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from flask import Blueprint, current_app, flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from driver import transitions
from driver.errors import Conflict, Forbidden, Invalid, not_found
from driver.implementer.times import describe
from driver.main.forms import show_refusal
from driver.solution_finder.forms import action_form
from workflows import Transition

bp = Blueprint("implementer", __name__, url_prefix="/implementer")

Fire = Callable[..., transitions.Outcome]


@bp.before_request
def _signed_in() -> Response | None:
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()  # type: ignore[attr-defined]
    return None


@bp.app_template_filter("in_zone")
def in_zone(moment: datetime | None, tz: str) -> str:
    """A moment in a call's time zone, with UTC beside it."""
    return describe(moment, tz)


def actions_for(
    binding: transitions.Binding,
    obj: Any,
    url_of: Callable[[str], str],
    *,
    offered: Iterable[Transition] | None = None,
    pages: dict[str, str] | None = None,
) -> list[dict[str, Any]]:
    """The actions the current user may take on ``obj``: a form each, or a link to its page."""
    pages = pages or {}
    listed = transitions.available(binding, obj, current_user) if offered is None else offered
    return [
        {
            "transition": t,
            "url": url_of(t.trigger),
            "page": pages.get(t.trigger),
            "form": None
            if t.trigger in pages
            else action_form(binding.workflow, t.trigger, version=obj.version),
        }
        for t in listed
    ]


def run_action(
    binding: transitions.Binding,
    obj: Any,
    trigger: str,
    *,
    back: str,
    fire: Fire | None = None,
    offered: Iterable[Transition] | None = None,
    pages: dict[str, str] | None = None,
) -> str | Response | tuple[str, int]:
    """The confirm page of ``trigger`` on ``obj`` (GET), or fire it and go ``back`` (POST)."""
    workflow = binding.workflow
    if trigger not in workflow.transitions:
        raise not_found()
    if pages and trigger in pages:
        return redirect(pages[trigger])
    allowed = {t.trigger: t for t in (offered or ())}
    try:
        t = allowed.get(trigger) or transitions.check_allowed(binding, obj, trigger, current_user)
    except (Conflict, Forbidden) as exc:
        flash(exc.detail, "error")
        return redirect(back)
    if request.method == "GET":
        form = action_form(workflow, trigger, version=obj.version)
        return render_template(
            "solution_finder/transition.html", **_confirm(binding, obj, form, t, back)
        )
    form = action_form(workflow, trigger, from_request=True)
    if form.validate():
        try:
            outcome = (fire or _fire)(
                binding,
                obj.id,
                trigger,
                current_user,
                comment=form.comment_text(),
                expected_version=form.expected_version(),
            )
        except Invalid as exc:
            show_refusal(form, exc)
        except (Conflict, Forbidden) as exc:
            flash(exc.detail, "error")
            return redirect(back)
        else:
            label = binding.state_label(outcome.obj, current_user)
            flash(
                _(
                    "Done: %(action)s. It is now “%(state)s”.",
                    action=_(t.label).lower(),
                    state=_(label),
                ),
                "success",
            )
            return redirect(back)
    page = render_template(
        "solution_finder/transition.html", **_confirm(binding, obj, form, t, back)
    )
    return page, 422


def _fire(binding: transitions.Binding, obj_id: int, trigger: str, actor: Any, **kw: Any):
    return transitions.fire(binding, obj_id, trigger, actor, **kw)


def _confirm(
    binding: transitions.Binding, obj: Any, form: Any, t: Transition, back: str
) -> dict[str, Any]:
    return {
        "form": form,
        "transition": t,
        "back": back,
        "subject": binding.title(obj),
        "label": binding.state_label(obj, current_user),
    }


def form_page(template: str, **context: Any) -> str | tuple[str, int]:
    """A form page: 422 when it comes back from a POST with errors."""
    page = render_template(template, **context)
    return (page, 422) if request.method == "POST" else page


def _binding_of(obj: Any) -> transitions.Binding:
    from driver.implementer.bindings import (
        BID_BINDING,
        CALL_BINDING,
        PROJECT_BINDING,
        PROPOSAL_BINDING,
    )

    for binding in (CALL_BINDING, PROPOSAL_BINDING, PROJECT_BINDING, BID_BINDING):
        if isinstance(obj, binding.model):
            return binding
    raise TypeError(f"not a Project Implementer object: {obj!r}")


@bp.app_context_processor
def _labels() -> dict[str, Any]:
    """``pi_label(obj)`` (translated) and ``pi_state(obj)`` for any page listing Project Implementer
    objects."""

    def pi_label(obj: Any) -> str:
        return _(_binding_of(obj).state_label(obj, current_user))

    def pi_state(obj: Any) -> Any:
        return _binding_of(obj).workflow.state(obj.state)

    return {"pi_label": pi_label, "pi_state": pi_state}
