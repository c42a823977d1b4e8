"""The admin's e-mail pages: the wording of each kind (edit, preview, reset) and the outbox."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from driver.admin import bp
from driver.admin.forms import EmailTemplateForm
from driver.errors import Conflict, Invalid
from driver.i18n import LANGUAGES
from driver.notifications import outbox
from driver.notifications.editing import (
    current_text,
    edited_languages,
    kind_for_editing,
    preview,
    reset_template,
    save_template,
)
from driver.notifications.kinds import DEFAULT_LANGUAGE, Text, editable_kinds

OUTBOX_LIST = 100


@bp.route("/emails")
def emails() -> str:
    """List every kind of e-mail, with the languages an admin has worded it in."""
    return render_template(
        "admin/emails.html",
        kinds=editable_kinds(),
        edited=edited_languages(),
        languages=LANGUAGES,
    )


@bp.route("/emails/<kind>", methods=["GET", "POST"])
def email(kind: str) -> str | Response | tuple[str, int]:
    """Edit the wording of one kind in one language; preview it on a sample event first."""
    actor = current_user._get_current_object()
    found = kind_for_editing(actor, kind)
    language = request.args.get("language", DEFAULT_LANGUAGE)
    if language not in LANGUAGES:
        language = DEFAULT_LANGUAGE
    current = current_text(found, language)
    form = EmailTemplateForm(data={"subject": current.text.subject, "body": current.text.body})
    shown = None
    if form.validate_on_submit():
        text = Text(form.subject.data, form.body.data)
        try:
            if request.form.get("action") == "save":
                save_template(actor, found, language, text)
                flash(
                    _(
                        "The wording of “%(kind)s” (%(language)s) is saved.",
                        kind=_(found.label),
                        language=_(LANGUAGES[language]),
                    ),
                    "success",
                )
                return redirect(url_for("admin.email", kind=kind, language=language))
            shown = preview(actor, found, text)
        except Invalid as exc:
            for name, messages in exc.errors.items():
                form[name].errors = [*form[name].errors, *messages]
    elif request.method == "GET":
        try:
            shown = preview(actor, found, current.text)
        except Invalid:
            shown = None
    html = render_template(
        "admin/email.html",
        kind=found,
        language=language,
        languages=LANGUAGES,
        current=current,
        form=form,
        preview=shown,
    )
    return (html, 422) if form.errors else html


@bp.route("/emails/<kind>/reset", methods=["POST"])
def reset_email(kind: str) -> Response:
    """Go back to the shipped wording of one kind in one language."""
    actor = current_user._get_current_object()
    found = kind_for_editing(actor, kind)
    language = request.args.get("language", DEFAULT_LANGUAGE)
    if language in LANGUAGES and reset_template(actor, found, language):
        flash(
            _(
                "“%(kind)s” (%(language)s) uses the shipped wording again.",
                kind=_(found.label),
                language=_(LANGUAGES[language]),
            ),
            "info",
        )
    else:
        flash(_("This wording was not changed: nothing to reset."), "info")
    return redirect(url_for("admin.email", kind=kind, language=language))


@bp.route("/outbox")
def outbox_status() -> str:
    """Show how many e-mails wait, are retried or failed; list the troubled ones."""
    return render_template(
        "admin/outbox.html",
        status=outbox.status(),
        messages=outbox.troubled(OUTBOX_LIST),
    )


@bp.route("/outbox/<int:message_id>/retry", methods=["POST"])
def retry_email(message_id: int) -> Response:
    """Put a failed e-mail back in the queue with a fresh set of attempts."""
    try:
        message = outbox.retry_message(current_user._get_current_object(), message_id)
    except Conflict as exc:
        flash(exc.detail, "error")
    else:
        flash(_("The e-mail to %(email)s is queued again.", email=message.to_email), "success")
    return redirect(url_for("admin.outbox_status"))
