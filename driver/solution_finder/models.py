"""A Solution Finder application: a city's urban challenge on its way to a project."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, ForeignKey, Index, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from driver.auth.models import User
from driver.db import Base, TimestampMixin, utcnow
from driver.members.models import Area, Member

application_areas = Table(
    "application_areas",
    Base.metadata,
    Column("application_id", ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True),
    Column("area_id", ForeignKey("areas.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Application(TimestampMixin, Base):
    """A city's Solution Finder application; its ``state`` follows workflows.solution_finder."""

    __tablename__ = "applications"
    __table_args__ = (
        Index("ix_applications_state_submitted", "state", "submitted_at", "id"),
        # The queue across several states reads in submission order and stops at a page.
        Index("ix_applications_submitted", "submitted_at", "id"),
        # A city's list: its applications, the latest changed first.
        Index("ix_applications_member_updated", "member_id", "updated_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)

    title: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    expected_outcomes: Mapped[str] = mapped_column(Text, default="")
    budget_usd: Mapped[int | None]
    city_stage: Mapped[int | None]
    languages: Mapped[list[str]] = mapped_column(default=list)

    state: Mapped[str] = mapped_column(String(40), default="draft")
    version: Mapped[int] = mapped_column(default=1)
    state_changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_at: Mapped[datetime | None]

    feedback: Mapped[str | None] = mapped_column(Text)
    decline_reason: Mapped[str | None] = mapped_column(Text)
    outcome_summary: Mapped[str | None] = mapped_column(Text)

    member: Mapped[Member] = relationship()
    created_by: Mapped[User] = relationship(foreign_keys=[created_by_id])
    assignee: Mapped[User | None] = relationship(foreign_keys=[assignee_id])
    areas: Mapped[list[Area]] = relationship(secondary=application_areas, order_by=Area.id)

    __mapper_args__ = {"version_id_col": version}

    @property
    def area_slugs(self) -> list[str]:
        return [a.slug for a in self.areas]

    def __repr__(self) -> str:
        return f"<Application {self.id} {self.state}>"
