"""Provider pages: the directory (staff), a provider's profile, editing it, verifying it."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from driver.auth.views import local_path
from driver.errors import Invalid
from driver.inputs import bounded_int
from driver.main.forms import show_refusal
from driver.members.directory import public_directory
from driver.members.forms import (
    AdminProfileForm,
    ProfileForm,
    ProviderFilterForm,
    VerifyForm,
    profile_form_data,
)
from driver.members.reference import CATEGORIES, LANGUAGES, STAGES
from driver.members.services import (
    ProviderFilter,
    editable_provider,
    may_edit_profile,
    provider_directory,
    set_verified,
    update_profile,
    visible_provider,
)

bp = Blueprint("members", __name__)

PER_PAGE = 50


@bp.route("/members")
def public() -> str:
    """Show WeGO's active members by region and the latest published projects (public)."""
    return render_template(
        "members/public.html", directory=public_directory(), categories=CATEGORIES, stages=STAGES
    )


@bp.route("/providers")
@login_required
def providers() -> str | tuple[str, int]:
    """List provider organisations with their verification, areas and countries (staff)."""
    form = ProviderFilterForm(formdata=request.args)
    valid = form.validate()
    filters = ProviderFilter()
    if valid:
        verified = {"yes": True, "no": False}.get(form.verified.data or "")
        filters = ProviderFilter(verified=verified, area=form.area.data or None, q=form.q.data)
    page = request.args.get("page", 1, type=bounded_int) or 1
    rows, more = provider_directory(current_user, filters, page=page, per_page=PER_PAGE)
    html = render_template(
        "members/providers.html",
        form=form,
        providers=rows,
        page=page,
        more=more,
        categories=CATEGORIES,
        args={k: v for k, v in request.args.items() if k != "page"},
    )
    return (html, 422) if not valid else html


@bp.route("/providers/<int:member_id>")
@login_required
def profile(member_id: int) -> str:
    """Show a provider's profile to those who may see it (others 404)."""
    member = visible_provider(current_user, member_id)
    return render_template(
        "members/profile.html",
        member=member,
        profile=member.profile,
        can_edit=may_edit_profile(current_user, member),
        categories=CATEGORIES,
        languages=LANGUAGES,
        stages=STAGES,
    )


@bp.route("/providers/<int:member_id>/edit", methods=["GET", "POST"])
@login_required
def edit_profile(member_id: int) -> str | Response | tuple[str, int]:
    """Edit a provider's profile: its own users and admins (only an admin sets verified)."""
    member = editable_provider(current_user, member_id)
    form_class = AdminProfileForm if current_user.is_admin else ProfileForm
    existing = member.profile.countries if member.profile else ()
    if request.method == "POST":
        form = form_class(extra_countries=existing)
    else:
        form = form_class(data=profile_form_data(member), extra_countries=existing)
    if form.validate_on_submit():
        try:
            update_profile(current_user, member, form.profile_data())
        except Invalid as exc:
            show_refusal(form, exc)
        else:
            flash(_("The profile of %(name)s is saved.", name=member.name), "success")
            return redirect(url_for("members.profile", member_id=member.id))
    html = render_template("members/edit_profile.html", form=form, member=member)
    return (html, 422) if form.errors else html


@bp.route("/providers/<int:member_id>/verify", methods=["POST"])
@login_required
def verify(member_id: int) -> Response:
    """Verify or unverify a provider (admin; others 404)."""
    form = VerifyForm()
    back = local_path(request.args.get("next")) or url_for("members.profile", member_id=member_id)
    verified = form.verified.data == "1" if form.validate() else None
    try:
        profile = set_verified(current_user, member_id, verified)
    except Invalid as exc:
        flash(exc.detail, "error")
        return redirect(back)
    name = profile.member.name
    if profile.verified:
        flash(_("%(name)s is verified: WeGO can now propose it to cities.", name=name), "success")
    else:
        flash(
            _("%(name)s is no longer verified: it will not be proposed to cities.", name=name),
            "info",
        )
    return redirect(back)
