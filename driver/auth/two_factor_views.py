"""The account's two-factor pages (set up, turn off) and the fence for staff who must enrol."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from driver.auth.forms import DisableTwoFactorForm, EnrolTwoFactorForm
from driver.auth.two_factor import (
    confirm_enrolment,
    disable,
    must_enrol,
    new_secret,
    provisioning_uri,
    qr_svg,
)
from driver.auth.views import bp
from driver.errors import Conflict, Invalid

ENROL_SECRET = "two_factor_enrol_secret"  # noqa: S105 - a session key, not a secret
# What a user who must enrol may still reach: the enrolment page, sign-out, static files.
FENCE_OPEN = frozenset({"auth.two_factor_setup", "auth.logout", "static"})


@bp.before_app_request
def _fence_until_enrolled() -> Response | None:
    """Staff who must use two-factor and have not set it up can only set it up (or leave)."""
    if request.path.startswith("/api/") or request.endpoint in FENCE_OPEN:
        return None
    if current_user.is_authenticated and must_enrol(current_user):
        return redirect(url_for("auth.two_factor_setup"))
    return None


@bp.route("/account/two-factor", methods=["GET", "POST"])
@login_required
def two_factor_setup() -> str | Response | tuple[str, int]:
    """Set up two-factor sign-in: scan the code (or type the key), confirm with a code."""
    user = current_user._get_current_object()
    if user.two_factor_enabled:
        session.pop(ENROL_SECRET, None)
        return render_template(
            "auth/two_factor_setup.html", user=user, disable_form=DisableTwoFactorForm()
        )
    secret = session.get(ENROL_SECRET)
    if not isinstance(secret, str) or not secret:
        secret = session[ENROL_SECRET] = new_secret()
    form = EnrolTwoFactorForm()
    if form.validate_on_submit():
        try:
            codes = confirm_enrolment(user, secret, form.code.data)
        except Invalid as exc:
            form.code.errors = exc.errors.get("code", [exc.detail])
        else:
            session.pop(ENROL_SECRET, None)
            flash(_("Two-factor sign-in is on."), "success")
            return render_template("auth/two_factor_codes.html", codes=codes)
    uri = provisioning_uri(secret, user.email)
    status = 422 if form.errors else 200
    html = render_template(
        "auth/two_factor_setup.html",
        user=user,
        form=form,
        secret=secret,
        uri=uri,
        qr=qr_svg(uri),
        required=must_enrol(user),
    )
    return html, status


@bp.route("/account/two-factor/disable", methods=["POST"])
@login_required
def two_factor_disable() -> str | Response | tuple[str, int]:
    """Turn two-factor sign-in off, with the password and a current code."""
    user = current_user._get_current_object()
    form = DisableTwoFactorForm()
    if form.validate_on_submit():
        try:
            disable(user, form.password.data, form.code.data)
        except Conflict as exc:
            flash(exc.detail, "error")
            return redirect(url_for("auth.two_factor_setup"))
        except Invalid as exc:
            for name, messages in exc.errors.items():
                form[name].errors = [*form[name].errors, *messages]
        else:
            flash(_("Two-factor sign-in is off."), "info")
            return redirect(url_for("auth.account"))
    if not user.two_factor_enabled:
        return redirect(url_for("auth.two_factor_setup"))
    html = render_template("auth/two_factor_setup.html", user=user, disable_form=form)
    return html, 422
