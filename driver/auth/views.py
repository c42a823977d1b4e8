"""Sign in, sign out, and the user's own account page."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from driver.auth.forms import LoginForm, PasswordChangeForm, SignOutEverywhereForm
from driver.auth.services import authenticate, change_password, sign_out_everywhere
from driver.errors import Invalid

bp = Blueprint("auth", __name__)


@bp.route("/login", methods=["GET", "POST"])
def login() -> str | Response:
    """Show the sign-in form and sign the user in."""
    if current_user.is_authenticated:
        return redirect(url_for("main.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        if user is not None:
            session.clear()  # a fresh session at sign-in (no fixation)
            login_user(user)
            flash(f"Welcome, {user.display_name}.", "success")
            return redirect(_safe_next(request.args.get("next")))
        flash("The email or password is not right.", "error")
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout() -> Response:
    """Sign out (POST only: a link cannot sign anyone out)."""
    logout_user()
    session.clear()
    flash("You are signed out.", "info")
    return redirect(url_for("auth.login"))


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account() -> str | Response | tuple[str, int]:
    """Show the user's account; change the password or sign out everywhere."""
    user = current_user._get_current_object()
    everywhere = SignOutEverywhereForm()
    if everywhere.sign_out_everywhere.data and everywhere.validate_on_submit():
        sign_out_everywhere(user)
        logout_user()
        session.clear()
        flash("You are signed out on every device. Sign in again to go on.", "info")
        return redirect(url_for("auth.login"))
    form = PasswordChangeForm()
    if form.validate_on_submit():
        try:
            change_password(user, form.current_password.data, form.new_password.data)
        except Invalid as exc:
            _add_errors(form, exc.errors)
        else:
            login_user(user)  # this session goes on; every other one has ended
            flash("Your password is changed. Your other sessions are signed out.", "success")
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
