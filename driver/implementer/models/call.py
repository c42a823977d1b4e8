"""A call for proposals and its rubric (criteria with weights)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from driver.auth.models import User
from driver.db import Base, TimestampMixin, utcnow


class Call(TimestampMixin, Base):
    """An annual call; its ``state`` follows workflows.implementer.call.

    Times are stored in UTC; ``timezone`` (an IANA name) is the zone the admin
    wrote them in and the one they are shown in.
    """

    __tablename__ = "implementer_calls"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    title: Mapped[str] = mapped_column(String(200), default="")
    theme: Mapped[str] = mapped_column(Text, default="")
    budget_usd: Mapped[int | None]  # for each beneficiary's project
    beneficiaries: Mapped[int] = mapped_column(default=1)
    opens_at: Mapped[datetime | None]
    closes_at: Mapped[datetime | None]
    timezone: Mapped[str] = mapped_column(String(64), default="Asia/Seoul")

    state: Mapped[str] = mapped_column(String(40), default="draft", index=True)
    version: Mapped[int] = mapped_column(default=1)
    state_changed_at: Mapped[datetime] = mapped_column(default=utcnow)

    created_by: Mapped[User] = relationship()
    criteria: Mapped[list[Criterion]] = relationship(
        back_populates="call", order_by="Criterion.position", cascade="all, delete-orphan"
    )

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<Call {self.id} {self.state}>"


class Criterion(Base):
    """One criterion of a call's rubric, scored 0-5, with its weight in the weighted mean."""

    __tablename__ = "implementer_criteria"
    __table_args__ = (UniqueConstraint("call_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("implementer_calls.id", ondelete="CASCADE"))
    position: Mapped[int]
    name: Mapped[str] = mapped_column(String(200))
    weight: Mapped[int]  # a whole number; weights are relative to their sum

    call: Mapped[Call] = relationship(back_populates="criteria")
