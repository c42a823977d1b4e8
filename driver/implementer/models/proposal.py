"""A city's proposal to a call, and the reviewers' scores on the call's rubric."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from driver.auth.models import User
from driver.db import Base, TimestampMixin, utcnow
from driver.implementer.models.call import Call, Criterion
from driver.members.models import Area, Member

proposal_areas = Table(
    "implementer_proposal_areas",
    Base.metadata,
    Column(
        "proposal_id",
        ForeignKey("implementer_proposals.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("area_id", ForeignKey("areas.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Proposal(TimestampMixin, Base):
    """A city's proposal (one per city and call); its ``state`` follows the proposal workflow."""

    __tablename__ = "implementer_proposals"
    __table_args__ = (UniqueConstraint("call_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("implementer_calls.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

    title: Mapped[str] = mapped_column(String(200), default="")
    problem: Mapped[str] = mapped_column(Text, default="")
    objectives: Mapped[str] = mapped_column(Text, default="")
    expected_outcomes: Mapped[str] = mapped_column(Text, default="")
    requested_usd: Mapped[int | None]
    cofunding_cash_usd: Mapped[int | None]
    cofunding_kind: Mapped[str] = mapped_column(Text, default="")
    local_team: Mapped[str] = mapped_column(Text, default="")
    timeline: Mapped[str] = mapped_column(Text, default="")

    state: Mapped[str] = mapped_column(String(40), default="draft", index=True)
    version: Mapped[int] = mapped_column(default=1)
    state_changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_at: Mapped[datetime | None]
    ineligible_reason: Mapped[str | None] = mapped_column(Text)
    decision_message: Mapped[str | None] = mapped_column(Text)

    call: Mapped[Call] = relationship()
    member: Mapped[Member] = relationship()
    created_by: Mapped[User] = relationship()
    areas: Mapped[list[Area]] = relationship(secondary=proposal_areas, order_by=Area.id)

    __mapper_args__ = {"version_id_col": version}

    @property
    def area_slugs(self) -> list[str]:
        return [a.slug for a in self.areas]

    def __repr__(self) -> str:
        return f"<Proposal {self.id} {self.state}>"


class ProposalReview(TimestampMixin, Base):
    """One reviewer's review of a proposal: a conflict of interest, or a score per criterion."""

    __tablename__ = "implementer_proposal_reviews"
    __table_args__ = (UniqueConstraint("proposal_id", "reviewer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("implementer_proposals.id", ondelete="CASCADE"), index=True
    )
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    conflict_of_interest: Mapped[bool] = mapped_column(default=False)
    conflict_note: Mapped[str] = mapped_column(Text, default="")

    proposal: Mapped[Proposal] = relationship()
    reviewer: Mapped[User] = relationship()
    scores: Mapped[list[CriterionScore]] = relationship(
        back_populates="review", cascade="all, delete-orphan"
    )


class CriterionScore(Base):
    """A reviewer's score (0-5) of one proposal on one criterion, with a comment."""

    __tablename__ = "implementer_criterion_scores"
    __table_args__ = (UniqueConstraint("review_id", "criterion_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(
        ForeignKey("implementer_proposal_reviews.id", ondelete="CASCADE")
    )
    criterion_id: Mapped[int] = mapped_column(
        ForeignKey("implementer_criteria.id", ondelete="CASCADE"), index=True
    )
    score: Mapped[int]
    comment: Mapped[str] = mapped_column(Text, default="")

    review: Mapped[ProposalReview] = relationship(back_populates="scores")
    criterion: Mapped[Criterion] = relationship()
