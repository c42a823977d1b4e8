"""Documents of proposals, projects and bids: who may add, remove and download which.

- proposal attachments: its city, while the proposal is a draft;
- tender documents: staff, while the tender is prepared or open;
- study and final reports: the consultant (or staff) while the study or the
  pilot runs; only people with a relation to the project download them;
- a bid's documents: its provider, while the bid is a draft (sealed like it).

A document is downloaded only by someone who can see its object (else 404).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from driver import transitions
from driver.auth.models import User
from driver.errors import Conflict, Forbidden, Invalid, not_found
from driver.extensions import db
from driver.implementer import uploads
from driver.implementer.bindings import BID_BINDING, PROJECT_BINDING, PROPOSAL_BINDING
from driver.implementer.models import ImplementerDocument
from driver.implementer.models.document import KINDS
from driver.implementer.services.common import committing
from workflows import OWNER, PROVIDER, REVIEWER

BINDINGS: dict[str, transitions.Binding] = {
    "proposal": PROPOSAL_BINDING,
    "project": PROJECT_BINDING,
    "bid": BID_BINDING,
}
MAX_DOCUMENTS = 20
# Project documents only those related to the project (not every bidder) download.
PROJECT_INTERNAL = frozenset({"study_report", "final_report"})
# The project state in which each report is added.
REPORT_STATES = {"study_report": "feasibility_study", "final_report": "pilot"}


def check_upload(owner_type: str, kind: str, obj: Any, relations: frozenset[str]) -> None:
    """Refuse adding (or removing) a ``kind`` document of ``obj`` for someone with
    ``relations``: Forbidden when it is not theirs to do, Conflict when not now."""
    if owner_type == "proposal":
        if OWNER not in relations:
            raise Forbidden(_("Only the city that wrote the proposal changes its attachments."))
        if obj.state != "draft":
            raise Conflict(_("Attachments change only while the proposal is a draft."))
    elif owner_type == "project" and kind == "tender":
        if REVIEWER not in relations:
            raise Forbidden(_("Only WeGO changes tender documents."))
        if obj.state not in {"preparation", "consultant_procurement"}:
            raise Conflict(_("The tender is over: its documents can no longer change."))
    elif owner_type == "project":
        if not relations & {PROVIDER, REVIEWER}:
            raise Forbidden(_("Only the consultant adds the study's reports."))
        if obj.state != REPORT_STATES[kind]:
            raise Conflict(_("This report is not due now."))
    elif owner_type == "bid":
        if PROVIDER not in relations:
            raise Forbidden(_("Only the bidder changes the documents of its bid."))
        if obj.state != "draft":
            raise Conflict(_("A sent bid can no longer change."))


def attach(
    actor: User,
    owner_type: str,
    owner_id: int,
    kind: str,
    files: Sequence[uploads.Upload],
    stored: list[str],
) -> list[ImplementerDocument]:
    """Store ``files`` and add their rows (no commit; ``stored`` collects the names to undo)."""
    if not files:
        return []
    count = len(documents_of(owner_type, owner_id))
    if count + len(files) > MAX_DOCUMENTS:
        message = _("Keep at most %(max)s documents.", max=MAX_DOCUMENTS)
        raise Invalid(message, errors={"files": [message]})
    added = []
    for upload in files:
        name = uploads.store(upload)
        stored.append(name)
        doc = ImplementerDocument(
            owner_type=owner_type,
            owner_id=owner_id,
            kind=kind,
            stored_name=name,
            display_name=upload.display_name,
            mime_type=upload.mime_type,
            size=upload.size,
            sha256=upload.sha256,
            uploaded_by=actor,
        )
        db.session.add(doc)
        added.append(doc)
    return added


def add_documents(
    actor: User, owner_type: str, owner_id: int, kind: str, files: Sequence[uploads.Upload]
) -> list[ImplementerDocument]:
    """Add checked files to an object the actor may add them to; commit."""
    if kind not in KINDS.get(owner_type, {}):
        raise Invalid(_("Unknown kind of document."), errors={"kind": [_("Unknown.")]})
    if not files:
        raise Invalid(_("Choose a file to upload."), errors={"files": [_("Choose a file.")]})
    binding = BINDINGS[owner_type]
    stored: list[str] = []
    with committing(stored):
        obj = binding.get(actor, owner_id, lock=True)
        check_upload(owner_type, kind, obj, binding.relations(actor, obj))
        added = attach(actor, owner_type, obj.id, kind, files, stored)
    return added


def remove_document(actor: User, document_id: int) -> ImplementerDocument:
    """Delete a document its object still allows to change; commit, then delete the file."""
    with committing():
        doc, obj = _load(actor, document_id)
        binding = BINDINGS[doc.owner_type]
        check_upload(doc.owner_type, doc.kind, obj, binding.relations(actor, obj))
        name = doc.stored_name
        db.session.delete(doc)
    uploads.discard([name])
    return doc


def for_download(actor: User, document_id: int) -> ImplementerDocument:
    """A document the actor may download (404 otherwise)."""
    doc, obj = _load(actor, document_id)
    internal = doc.owner_type == "project" and doc.kind in PROJECT_INTERNAL
    if internal and not PROJECT_BINDING.relations(actor, obj):
        raise not_found()
    return doc


def _load(actor: User, document_id: int) -> tuple[ImplementerDocument, Any]:
    doc = db.session.get(ImplementerDocument, document_id)
    if doc is None or doc.owner_type not in BINDINGS:
        raise not_found()
    obj = BINDINGS[doc.owner_type].get(actor, doc.owner_id)
    return doc, obj


def documents_of(owner_type: str, owner_id: int) -> list[ImplementerDocument]:
    """An object's documents, oldest first."""
    stmt = (
        select(ImplementerDocument)
        .where(
            ImplementerDocument.owner_type == owner_type,
            ImplementerDocument.owner_id == owner_id,
        )
        .options(selectinload(ImplementerDocument.uploaded_by))
        .order_by(ImplementerDocument.id)
    )
    return list(db.session.scalars(stmt))


def documents_by_owner(
    owner_type: str, owner_ids: list[int]
) -> dict[int, list[ImplementerDocument]]:
    """The documents of several objects at once (one query for a whole page), oldest first."""
    found: dict[int, list[ImplementerDocument]] = {i: [] for i in owner_ids}
    if not owner_ids:
        return found
    stmt = (
        select(ImplementerDocument)
        .where(
            ImplementerDocument.owner_type == owner_type,
            ImplementerDocument.owner_id.in_(owner_ids),
        )
        .options(selectinload(ImplementerDocument.uploaded_by))
        .order_by(ImplementerDocument.id)
    )
    for doc in db.session.scalars(stmt):
        found[doc.owner_id].append(doc)
    return found


def visible_documents(
    actor: User, owner_type: str, obj: Any, docs: list[ImplementerDocument] | None = None
) -> list[ImplementerDocument]:
    """The documents of a visible object that ``actor`` may download.

    ``docs``: the object's documents when a list loaded them already.
    """
    docs = documents_of(owner_type, obj.id) if docs is None else docs
    if owner_type == "project" and not PROJECT_BINDING.relations(actor, obj):
        docs = [d for d in docs if d.kind not in PROJECT_INTERNAL]
    return docs


def may_upload(actor: User, owner_type: str, kind: str, obj: Any) -> bool:
    """Whether the page should offer ``actor`` to upload ``kind`` to ``obj``."""
    try:
        check_upload(owner_type, kind, obj, BINDINGS[owner_type].relations(actor, obj))
    except (Forbidden, Conflict):
        return False
    return True
