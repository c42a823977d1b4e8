"""Documents: upload to a proposal, project or bid; remove one; download one in scope."""

from __future__ import annotations

from flask import flash, redirect, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from driver.errors import Conflict, Forbidden, Invalid, not_found
from driver.implementer import uploads
from driver.implementer.forms import UploadForm, read_files
from driver.implementer.models.document import KINDS
from driver.implementer.services import documents
from driver.implementer.views.common import bp

OWNERS = {"proposals": "proposal", "projects": "project", "bids": "bid"}
PAGES = {"proposal": ".proposal", "project": ".project", "bid": ".bid"}
PAGE_ARGS = {"proposal": "proposal_id", "project": "project_id", "bid": "bid_id"}


def _page(owner_type: str, owner_id: int) -> str:
    return url_for(PAGES[owner_type], **{PAGE_ARGS[owner_type]: owner_id})


@bp.route("/<owners>/<int:owner_id>/documents", methods=["POST"])
def upload(owners: str, owner_id: int) -> Response:
    """Add uploaded files to a proposal, project or bid."""
    owner_type = OWNERS.get(owners)
    if owner_type is None:
        raise not_found()
    documents.BINDINGS[owner_type].get(current_user, owner_id)  # out of scope: 404
    form = UploadForm()
    form.kind.choices = [(k, _(label)) for k, label in KINDS[owner_type].items()]
    back = _page(owner_type, owner_id)
    if not form.validate():
        flash(" ".join(str(m) for ms in form.errors.values() for m in ms), "error")
        return redirect(back)
    try:
        added = documents.add_documents(
            current_user, owner_type, owner_id, form.kind.data or "", read_files(form.files)
        )
    except (Invalid, Conflict, Forbidden) as exc:
        messages = [m for ms in exc.errors.values() for m in ms] or [exc.detail]
        flash(" ".join(messages), "error")
    else:
        flash(_("Added: %(names)s.", names=", ".join(d.display_name for d in added)), "success")
    return redirect(back)


@bp.route("/documents/<int:document_id>/delete", methods=["POST"])
def delete_document(document_id: int) -> Response:
    """Remove a document while its object may still change."""
    try:
        doc = documents.remove_document(current_user, document_id)
    except (Conflict, Forbidden) as exc:
        flash(exc.detail, "error")
        return redirect(url_for(".home"))
    flash(_("Removed: %(name)s.", name=doc.display_name), "success")
    return redirect(_page(doc.owner_type, doc.owner_id))


@bp.route("/documents/<int:document_id>")
def download(document_id: int) -> Response:
    """Send a document as an attachment with its type, to people who can see its object."""
    doc = documents.for_download(current_user, document_id)
    path = uploads.path_of(doc.stored_name)
    if not path.is_file():  # lost from the disk: say so rather than fail
        raise not_found()
    response = send_file(
        path,
        mimetype=doc.mime_type,
        as_attachment=True,
        download_name=doc.display_name,
        max_age=0,
    )
    response.headers["Cache-Control"] = "private, no-store"
    return response
