"""The admin's user management: list accounts, create one, enable or disable one."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from driver.admin import bp
from driver.admin.forms import ROLE_LABELS, ROLE_NAMES, ActiveForm, NewUserForm, UserFilterForm
from driver.auth.services import UserFilter, change_active, create_user, list_users
from driver.auth.views import local_path
from driver.errors import Conflict, Invalid, not_found
from driver.i18n import N_
from driver.inputs import bounded_int
from driver.main.forms import show_refusal

PER_PAGE = 50

# The flash after creating an account, one whole sentence per role.
_CREATED = {
    "city": N_("The city account %(email)s is created."),
    "provider": N_("The provider account %(email)s is created."),
    "reviewer": N_("The reviewer account %(email)s is created."),
    "admin": N_("The admin account %(email)s is created."),
}


@bp.before_request
@login_required
def _admins_only() -> None:
    """Every admin page answers 404 to anyone but an admin, like a page that is not there."""
    if not current_user.is_admin:
        raise not_found()


@bp.route("/users")
def users() -> str | tuple[str, int]:
    """List the accounts: email, name, role, member, regions, active, last sign-in."""
    form = UserFilterForm(formdata=request.args)
    valid = form.validate()
    filters = UserFilter(role=form.role.data or None, q=form.q.data) if valid else UserFilter()
    page = max(request.args.get("page", 1, type=bounded_int) or 1, 1)
    rows, more = list_users(current_user, filters, page=page, per_page=PER_PAGE)
    html = render_template(
        "admin/users.html",
        form=form,
        users=rows,
        page=page,
        more=more,
        args={k: v for k, v in request.args.items() if k != "page"},
        role_names=ROLE_NAMES,
    )
    return (html, 422) if not valid else html


@bp.route("/users/new", methods=["GET", "POST"])
def new_user() -> str | Response | tuple[str, int]:
    """Create an account; the service checks the role, member, regions and password."""
    form = NewUserForm()
    if form.validate_on_submit():
        try:
            user = create_user(form.new_user())
        except (Invalid, Conflict) as exc:
            show_refusal(form, exc)
        else:
            flash(_(_CREATED[user.role], email=user.email), "success")
            return redirect(url_for("admin.users"))
    html = render_template("admin/new_user.html", form=form, roles=ROLE_LABELS)
    return (html, 422) if form.errors else html


@bp.route("/users/<int:user_id>/active", methods=["POST"])
def toggle_user(user_id: int) -> Response:
    """Enable or disable an account; disabling ends its sessions at once."""
    form = ActiveForm()
    back = local_path(request.args.get("next")) or url_for("admin.users")
    if not form.validate():
        flash(_("Choose whether the account is enabled or disabled."), "error")
        return redirect(back)
    try:
        user = change_active(current_user, user_id, form.active.data == "1")
    except Conflict as exc:
        flash(exc.detail, "error")
        return redirect(back)
    if user.active:
        flash(_("%(email)s is enabled and can sign in again.", email=user.email), "success")
    else:
        flash(_("%(email)s is disabled and signed out everywhere.", email=user.email), "info")
    return redirect(back)
