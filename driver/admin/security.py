"""The admin's security pages: require two-factor for staff, read the security log."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response
from wtforms import DateField, RadioField, SearchField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from driver.admin import bp
from driver.auth.two_factor import set_two_factor_required, two_factor_required
from driver.inputs import bounded_int
from driver.security_log.models import KINDS
from driver.security_log.services import EventFilter, list_events

PER_PAGE = 50


class TwoFactorPolicyForm(FlaskForm):
    """Whether reviewers and admins must sign in with two-factor."""

    required = RadioField(
        _l("Two-factor sign-in for reviewers and admins"),
        choices=[SelectChoice("1", _l("Required")), SelectChoice("0", _l("Optional"))],
        validators=[InputRequired()],
        description=_l(
            "When required, staff without it are sent to set it up right after "
            "their password and can do nothing else until it is done."
        ),
    )


class EventFilterForm(FlaskForm):
    """The security log's filters (a GET form: no CSRF token)."""

    class Meta:
        csrf = False

    kind = SelectField(
        _l("Kind"),
        choices=lambda: [
            SelectChoice("", _("Any kind")),
            *(SelectChoice(k, _(v)) for k, v in KINDS.items()),
        ],
        default="",
    )
    email = SearchField(_l("E-mail contains"), validators=[Optional(), Length(max=254)])
    since = DateField(_l("From"), validators=[Optional()])
    until = DateField(_l("To"), validators=[Optional()])


@bp.route("/security", methods=["GET", "POST"])
def security() -> str | Response | tuple[str, int]:
    """Show and change the two-factor requirement for staff."""
    form = TwoFactorPolicyForm()
    if request.method == "GET":
        form.required.data = "1" if two_factor_required() else "0"
    if form.validate_on_submit():
        required = form.required.data == "1"
        set_two_factor_required(current_user, required)
        flash(
            _("Reviewers and admins now need two-factor sign-in.")
            if required
            else _("Two-factor sign-in is now optional for reviewers and admins."),
            "success",
        )
        return redirect(url_for("admin.security"))
    html = render_template("admin/security.html", form=form)
    return (html, 422) if form.errors else html


@bp.route("/security/events")
def security_events() -> str | tuple[str, int]:
    """The security log, newest first, filtered by kind, e-mail and dates; paged."""
    form = EventFilterForm(formdata=request.args)
    valid = form.validate()
    filters = (
        EventFilter(
            kind=form.kind.data or None,
            email=form.email.data or None,
            since=form.since.data,
            until=form.until.data,
        )
        if valid
        else EventFilter()
    )
    page = max(request.args.get("page", 1, type=bounded_int) or 1, 1)
    rows, more = list_events(current_user, filters, page=page, per_page=PER_PAGE)
    html = render_template(
        "admin/security_events.html",
        form=form,
        events=rows,
        kinds=KINDS,
        page=page,
        more=more,
        args={k: v for k, v in request.args.items() if k != "page"},
    )
    return (html, 422) if not valid else html
