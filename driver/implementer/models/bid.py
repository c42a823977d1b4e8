"""A provider's bid on a project's consultant tender, and the reviewers' technical scores."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from driver.auth.models import User
from driver.db import Base, TimestampMixin, utcnow
from driver.implementer.models.project import ImplementerProject
from driver.members.models import Member


class Bid(TimestampMixin, Base):
    """A bid; its ``state`` follows workflows.implementer.bid. Sealed until the deadline."""

    __tablename__ = "implementer_bids"
    __table_args__ = (Index("ix_implementer_bids_project_state", "project_id", "state"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("implementer_projects.id", ondelete="CASCADE")
    )
    provider_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

    technical_proposal: Mapped[str] = mapped_column(Text, default="")
    price_usd: Mapped[int | None]
    team: Mapped[str] = mapped_column(Text, default="")
    timeline: Mapped[str] = mapped_column(Text, default="")

    state: Mapped[str] = mapped_column(String(40), default="draft")
    version: Mapped[int] = mapped_column(default=1)
    state_changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_at: Mapped[datetime | None]

    project: Mapped[ImplementerProject] = relationship()
    provider: Mapped[Member] = relationship()
    created_by: Mapped[User] = relationship()
    scores: Mapped[list[BidScore]] = relationship(
        back_populates="bid", cascade="all, delete-orphan", order_by="BidScore.id"
    )

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<Bid {self.id} {self.state}>"


class BidScore(TimestampMixin, Base):
    """One reviewer's technical score of a bid, 0-100, with a comment."""

    __tablename__ = "implementer_bid_scores"
    __table_args__ = (UniqueConstraint("bid_id", "reviewer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    bid_id: Mapped[int] = mapped_column(ForeignKey("implementer_bids.id", ondelete="CASCADE"))
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    score: Mapped[int]
    comment: Mapped[str] = mapped_column(Text, default="")

    bid: Mapped[Bid] = relationship(back_populates="scores")
    reviewer: Mapped[User] = relationship()
