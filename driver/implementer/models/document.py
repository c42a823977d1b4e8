"""A file uploaded to a proposal, project or bid: stored under a generated name."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from driver.auth.models import User
from driver.db import Base, utcnow
from driver.i18n import N_

# What a document is, per kind of object it belongs to.
KINDS = {
    "proposal": {"attachment": N_("Attachment")},
    "project": {
        "tender": N_("Tender document"),
        "study_report": N_("Feasibility study report"),
        "final_report": N_("Final report"),
    },
    "bid": {"technical": N_("Technical proposal document")},
}


class ImplementerDocument(Base):
    """An uploaded file. ``display_name`` is the sanitised original name, shown only as text."""

    __tablename__ = "implementer_documents"
    __table_args__ = (Index("ix_implementer_documents_owner", "owner_type", "owner_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_type: Mapped[str] = mapped_column(String(20))  # proposal, project or bid
    owner_id: Mapped[int]
    kind: Mapped[str] = mapped_column(String(30))
    stored_name: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    mime_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    uploaded_by: Mapped[User | None] = relationship()

    @property
    def kind_label(self) -> str:
        return KINDS.get(self.owner_type, {}).get(self.kind, self.kind)
