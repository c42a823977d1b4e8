"""The membership registry pages: the list with its fee rules, a member's form, the CSV import."""

from __future__ import annotations

from dataclasses import asdict

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from werkzeug.wrappers import Response

from driver.admin import bp
from driver.admin.member_forms import (
    ConfirmImportForm,
    ImportForm,
    MemberForm,
    RegistryFilterForm,
    member_form_data,
    pack,
    unpack,
)
from driver.errors import Conflict, Invalid
from driver.exports.files import FORMATS, download, stream
from driver.exports.lists import MEMBER_COLUMNS
from driver.inputs import bounded_int
from driver.main.forms import show_refusal
from driver.members import importing
from driver.members.fees import member_fee
from driver.members.reference import CATEGORIES, MEMBER_STATUSES, REGIONAL_OFFICES, SUB_CATEGORIES
from driver.members.registry import (
    MemberFilter,
    create_member,
    get_member,
    registry_page,
    registry_rows,
    update_member,
)

PER_PAGE = 50


@bp.route("/members")
def members() -> str | Response | tuple[str, int]:
    """List the registry (filters, search, pages) with each fee and its rule; or export it."""
    form = RegistryFilterForm(formdata=request.args)
    valid = form.validate()
    filters = form.filters() if valid else MemberFilter()
    fmt = request.args.get("format")
    if valid and fmt in FORMATS:
        rows = stream(registry_rows(current_user, filters))
        return download("members", fmt, MEMBER_COLUMNS, rows)
    page = max(request.args.get("page", 1, type=bounded_int) or 1, 1)
    rows, total = registry_page(current_user, filters, page=page, per_page=PER_PAGE)
    args = {k: v for k, v in request.args.items() if k not in {"page", "format"}}
    html = render_template(
        "admin/members.html",
        form=form,
        members=[(m, member_fee(m)) for m in rows],
        total=total,
        page=page,
        more=page * PER_PAGE < total,
        args=args,
        labels=_labels(),
    )
    return (html, 422) if not valid else html


def _labels() -> dict[str, dict[str, str]]:
    subs = {k: v for group in SUB_CATEGORIES.values() for k, v in group.items()}
    return {
        "category": CATEGORIES,
        "sub_category": subs,
        "status": MEMBER_STATUSES,
        "regional_office": REGIONAL_OFFICES,
    }


@bp.route("/members/new", methods=["GET", "POST"])
def new_member() -> str | Response | tuple[str, int]:
    """Add a member to the registry; the service checks the rules between the fields."""
    form = MemberForm() if request.method == "POST" else MemberForm(data={"status": "active"})
    if form.validate_on_submit():
        try:
            member = create_member(current_user, form.facts())
        except (Invalid, Conflict) as exc:
            show_refusal(form, exc)
        else:
            flash(
                _(
                    "%(name)s (%(country)s) is added to the registry.",
                    name=member.name,
                    country=member.country,
                ),
                "success",
            )
            return redirect(url_for("admin.members", q=member.name))
    html = render_template("admin/member_form.html", form=form, member=None)
    return (html, 422) if form.errors else html


@bp.route("/members/<int:member_id>/edit", methods=["GET", "POST"])
def edit_member(member_id: int) -> str | Response | tuple[str, int]:
    """Change a member's registry facts; the change is written to the audit trail."""
    member = get_member(current_user, member_id)
    form = MemberForm() if request.method == "POST" else MemberForm(data=member_form_data(member))
    if form.validate_on_submit():
        facts = form.facts()
        try:
            update_member(current_user, member.id, asdict(facts))
        except (Invalid, Conflict) as exc:
            show_refusal(form, exc)
        else:
            flash(_("The registry entry of %(name)s is saved.", name=member.name), "success")
            return redirect(url_for("admin.members", q=member.name))
    html = render_template(
        "admin/member_form.html", form=form, member=member, fee=member_fee(member)
    )
    return (html, 422) if form.errors else html


@bp.route("/members/import", methods=["GET", "POST"])
def import_members() -> str | tuple[str, int]:
    """Check a CSV file and preview what it would change; nothing is written here."""
    form = ImportForm()
    plan, text = None, None
    if form.validate_on_submit():
        try:
            text = importing.decode(form.file.data.read())
        except Invalid as exc:
            show_refusal(form, exc)
        else:
            plan = importing.plan_import(text)
    confirm = None
    if plan is not None and text is not None:
        # The confirm form posts the file back, compressed (a URL-encoded form is
        # bounded by MAX_CONTENT_LENGTH only) with the digest of this preview.
        confirm = ConfirmImportForm(
            formdata=None, data={"content": pack(text), "digest": plan.digest()}
        )
    html = render_template(
        "admin/members_import.html",
        form=form,
        plan=plan,
        confirm=confirm,
        columns=importing.column_help(),
        max_rows=importing.MAX_ROWS,
    )
    return (html, 422) if form.errors or (plan and not plan.ok) else html


@bp.route("/members/import/confirm", methods=["POST"])
def confirm_import() -> Response:
    """Apply the previewed import in one transaction, if it still plans the same change."""
    form = ConfirmImportForm()
    if not form.validate():
        flash(_("Check the file again: the preview to confirm is missing."), "error")
        return redirect(url_for("admin.import_members"))
    try:
        text = unpack(form.content.data)
        plan = importing.apply_import(current_user, text, form.digest.data)
    except (Invalid, Conflict) as exc:
        flash(exc.detail, "error")
        return redirect(url_for("admin.import_members"))
    flash(
        ngettext(
            "Imported: %(num)d member added, %(changed)d changed, %(unchanged)d unchanged.",
            "Imported: %(num)d members added, %(changed)d changed, %(unchanged)d unchanged.",
            len(plan.creations),
            changed=len(plan.updates),
            unchanged=len(plan.unchanged),
        ),
        "success",
    )
    return redirect(url_for("admin.members"))


@bp.route("/members/import/template.csv")
def import_template() -> Response:
    """Download the import file's template: the columns and one example row."""
    response = current_app.response_class(
        "\ufeff" + importing.template_csv(), content_type="text/csv; charset=utf-8"
    )
    response.headers["Content-Disposition"] = 'attachment; filename="members-import-template.csv"'
    return response
