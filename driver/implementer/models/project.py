"""The project of a selected proposal: its consultant tender, study and pilot."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from driver.db import Base, TimestampMixin, utcnow
from driver.implementer.models.call import Call
from driver.implementer.models.proposal import Proposal
from driver.members.models import Member
from workflows.implementer.project import DEFAULT_TECHNICAL_WEIGHT


class ImplementerProject(TimestampMixin, Base):
    """A beneficiary city's project; its ``state`` follows workflows.implementer.project."""

    __tablename__ = "implementer_projects"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("implementer_proposals.id"), unique=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("implementer_calls.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    budget_usd: Mapped[int | None]

    tender_terms: Mapped[str] = mapped_column(Text, default="")
    tender_deadline: Mapped[datetime | None]
    # QCBS weights per tender, in per cent: technical, and cost = 100 - technical.
    technical_weight: Mapped[int] = mapped_column(default=DEFAULT_TECHNICAL_WEIGHT)
    consultant_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"), index=True)

    state: Mapped[str] = mapped_column(String(40), default="preparation", index=True)
    version: Mapped[int] = mapped_column(default=1)
    state_changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    outcome_summary: Mapped[str | None] = mapped_column(Text)
    cancel_reason: Mapped[str | None] = mapped_column(Text)

    proposal: Mapped[Proposal] = relationship()
    call: Mapped[Call] = relationship()
    member: Mapped[Member] = relationship(foreign_keys=[member_id])
    consultant: Mapped[Member | None] = relationship(foreign_keys=[consultant_id])

    __mapper_args__ = {"version_id_col": version}

    @property
    def cost_weight(self) -> int:
        return 100 - self.technical_weight

    def __repr__(self) -> str:
        return f"<ImplementerProject {self.id} {self.state}>"
