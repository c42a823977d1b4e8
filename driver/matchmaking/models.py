"""A match: a provider offered to a city for one application."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from driver.auth.models import User
from driver.db import Base, TimestampMixin, utcnow
from driver.members.models import Member
from driver.solution_finder.models import Application


class Match(TimestampMixin, Base):
    """A provider proposed for an application; its ``state`` follows workflows.match."""

    __tablename__ = "matches"
    __table_args__ = (
        UniqueConstraint("application_id", "provider_id"),
        Index("ix_matches_provider_state", "provider_id", "state"),
        # Track records (ratings per provider) read from the index alone.
        Index("ix_matches_provider_rating", "provider_id", "outcome_rating"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    provider_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    score: Mapped[float | None]
    state: Mapped[str] = mapped_column(String(30), default="proposed")
    version: Mapped[int] = mapped_column(default=1)
    state_changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    decline_reason: Mapped[str | None] = mapped_column(Text)
    # How well the partnership delivered (1-5), given when the project completes.
    outcome_rating: Mapped[int | None]

    application: Mapped[Application] = relationship()
    provider: Mapped[Member] = relationship()
    proposed_by: Mapped[User | None] = relationship()

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<Match {self.id} {self.state}>"
