"""Sign in (password, then a second factor for those who use one), sign out, the account page."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_limiter.errors import RateLimitExceeded
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from driver.auth import limits
from driver.auth.forms import LoginForm, PasswordChangeForm, SignOutEverywhereForm, TwoFactorForm
from driver.auth.models import User
from driver.auth.services import change_password, complete_sign_in, sign_out, verify_credentials
from driver.auth.two_factor import check_second_factor, must_enrol
from driver.errors import Invalid
from driver.extensions import db
from driver.i18n import N_, fresh_session
from driver.security_log.services import record

bp = Blueprint("auth", __name__)

# How long a password sign-in waits for its second factor.
PENDING_SECONDS = 300
TOO_MANY = N_("Too many failed attempts. Wait a few minutes, then try again.")


@bp.errorhandler(RateLimitExceeded)
def _too_many(exc: RateLimitExceeded) -> tuple[str, int]:
    """Over a sign-in limit: the same form, with a message that says what to do, and 429."""
    db.session.rollback()
    email = request.form.get("email", "") if request.endpoint == "auth.login" else ""
    record("rate_limited", email=email, commit=True, limit=str(exc.limit.limit))
    flash(_(TOO_MANY), "error")
    if request.endpoint == "auth.two_factor":
        return render_template("auth/two_factor.html", form=TwoFactorForm()), 429
    return render_template("auth/login.html", form=LoginForm()), 429


@bp.route("/login", methods=["GET", "POST"])
@limits.guard_sign_in
def login() -> str | Response:
    """Show the sign-in form; check the password, then ask for the second factor if any."""
    if current_user.is_authenticated:
        return redirect(url_for("main.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        user = verify_credentials(form.email.data, form.password.data)
        if user is not None:
            target = _safe_next(request.args.get("next"))
            fresh_session()  # a fresh session at sign-in (no fixation); the language stays
            if user.two_factor_enabled:
                session[limits.PENDING_TWO_FACTOR] = {
                    "user": user.id,
                    "version": user.session_version,
                    "next": target,
                    "until": int(time.time()) + PENDING_SECONDS,
                }
                return redirect(url_for("auth.two_factor"))
            return _signed_in(user, target, method="password")
        flash(_("The email or password is not right."), "error")
    return render_template("auth/login.html", form=form)


@bp.route("/login/two-factor", methods=["GET", "POST"])
@limits.guard_second_factor
def two_factor() -> str | Response | tuple[str, int]:
    """The second step of sign-in: nobody is signed in until the code passes."""
    user = _pending_user()
    if user is None:
        session.pop(limits.PENDING_TWO_FACTOR, None)
        flash(_("Sign in with your email and password first."), "info")
        return redirect(url_for("auth.login"))
    form = TwoFactorForm()
    if form.validate_on_submit():
        method = check_second_factor(user, form.code.data)
        if method is not None:
            target = session[limits.PENDING_TWO_FACTOR]["next"]
            fresh_session()
            if method == "recovery":
                record("recovery_code_used", user=user, left=len(user.recovery_code_hashes))
            return _signed_in(user, target, method=method)
        db.session.rollback()
        record("two_factor_failed", user=user, commit=True, during="sign-in")
        form.code.errors = [_("This code does not match, or was used already.")]
    status = 422 if form.errors else 200
    return render_template("auth/two_factor.html", form=form), status


def _pending_user() -> User | None:
    """The user half-way through sign-in, while the wait lasts and nothing changed."""
    pending = session.get(limits.PENDING_TWO_FACTOR)
    if not isinstance(pending, dict) or pending.get("until", 0) < time.time():
        return None
    user = db.session.get(User, pending.get("user", 0))
    if (
        user is None
        or not user.active
        or not user.two_factor_enabled
        or user.session_version != pending.get("version")
    ):
        return None
    return user


def _signed_in(user: User, target: str, *, method: str) -> Response:
    complete_sign_in(user, method=method)
    login_user(user)
    flash(_("Welcome, %(name)s.", name=user.display_name), "success")
    if must_enrol(user):
        flash(_("WeGO requires two-factor sign-in for staff: set it up to go on."), "info")
        return redirect(url_for("auth.two_factor_setup"))
    return redirect(target)


@bp.route("/logout", methods=["POST"])
@login_required
def logout() -> Response:
    """Sign out (POST only): every session and API token of the account ends."""
    message = _("You are signed out.")  # in the user's language, while they are signed in
    user = current_user._get_current_object()
    sign_out(user)
    logout_user()
    fresh_session(user.language)  # the sign-in page stays in the user's language
    flash(message, "info")
    return redirect(url_for("auth.login"))


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account() -> str | Response | tuple[str, int]:
    """Show the user's account; change the password or sign out everywhere."""
    user = current_user._get_current_object()
    everywhere = SignOutEverywhereForm()
    if everywhere.sign_out_everywhere.data and everywhere.validate_on_submit():
        message = _("You are signed out on every device. Sign in again to go on.")
        sign_out(user, everywhere=True)
        logout_user()
        fresh_session(user.language)
        flash(message, "info")
        return redirect(url_for("auth.login"))
    form = PasswordChangeForm()
    if form.validate_on_submit():
        try:
            change_password(user, form.current_password.data, form.new_password.data)
        except Invalid as exc:
            _add_errors(form, exc.errors)
        else:
            login_user(user)  # this session goes on; every other one has ended
            flash(_("Your password is changed. Your other sessions are signed out."), "success")
            return redirect(url_for("auth.account"))
    status = 422 if form.errors else 200
    return render_template("auth/account.html", form=form, user=user), status


def _add_errors(form: PasswordChangeForm, errors: dict[str, list[str]]) -> None:
    for name, messages in errors.items():
        form[name].errors = [*form[name].errors, *messages]


def local_path(target: str | None) -> str | None:
    """``target`` if it is a path on this site, else None (no open redirects)."""
    if target:
        parts = urlsplit(target)
        if (
            not parts.scheme
            and not parts.netloc
            and target.startswith("/")
            and not target.startswith("//")
            and "\\" not in target
        ):
            return target
    return None


def _safe_next(target: str | None) -> str:
    """Follow ``next`` only to a path on this site."""
    return local_path(target) or url_for("main.dashboard")


from driver.auth import two_factor_views  # noqa: E402, F401 - its routes join the blueprint
