"""A city's yearly self-assessment: its answers, and a target stage and priority per area."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from driver.auth.models import User
from driver.db import Base, TimestampMixin
from driver.members.models import Member


class Assessment(TimestampMixin, Base):
    """One city's self-assessment for one year; earlier years are kept to show progress."""

    __tablename__ = "assessments"
    __table_args__ = (UniqueConstraint("member_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    year: Mapped[int]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    completed_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(default=1)

    member: Mapped[Member] = relationship()
    created_by: Mapped[User | None] = relationship()
    answers: Mapped[list[AssessmentAnswer]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan", order_by="AssessmentAnswer.id"
    )
    goals: Mapped[list[AssessmentGoal]] = relationship(
        back_populates="assessment", cascade="all, delete-orphan", order_by="AssessmentGoal.id"
    )

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<Assessment {self.member_id} {self.year}>"


class AssessmentAnswer(Base):
    """The answer to one question: 0-4, or None for "don't know"."""

    __tablename__ = "assessment_answers"
    __table_args__ = (
        UniqueConstraint("assessment_id", "area", "dimension"),
        CheckConstraint("value IS NULL OR (value >= 0 AND value <= 4)", name="value_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"))
    area: Mapped[str] = mapped_column(String(60), ForeignKey("areas.slug"))
    dimension: Mapped[str] = mapped_column(String(20))
    value: Mapped[int | None]

    assessment: Mapped[Assessment] = relationship(back_populates="answers")


class AssessmentGoal(Base):
    """The city's target stage (1-5) and priority (1-3) for one area."""

    __tablename__ = "assessment_goals"
    __table_args__ = (
        UniqueConstraint("assessment_id", "area"),
        CheckConstraint(
            "target_stage IS NULL OR (target_stage >= 1 AND target_stage <= 5)",
            name="target_range",
        ),
        CheckConstraint(
            "priority IS NULL OR (priority >= 1 AND priority <= 3)", name="priority_range"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"))
    area: Mapped[str] = mapped_column(String(60), ForeignKey("areas.slug"))
    target_stage: Mapped[int | None]
    priority: Mapped[int | None]

    assessment: Mapped[Assessment] = relationship(back_populates="goals")
