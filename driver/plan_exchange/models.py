"""A Plan Exchange project and its stakeholders; ``state`` follows workflows.plan_exchange."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import Column, ForeignKey, Index, String, Table, Text, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from driver.auth.models import User
from driver.db import Base, TimestampMixin, utcnow
from driver.i18n import N_
from driver.members.models import Area, Member
from driver.plan_exchange import fts

# Who does what in a project (the seeds: plan, execute, monitor, evaluate).
ROLES: dict[str, str] = {
    "plans": N_("Plans"),
    "executes": N_("Executes"),
    "monitors": N_("Monitors"),
    "evaluates": N_("Evaluates"),
}

project_areas = Table(
    "plan_project_areas",
    Base.metadata,
    Column("project_id", ForeignKey("plan_projects.id", ondelete="CASCADE"), primary_key=True),
    Column("area_id", ForeignKey("areas.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Project(TimestampMixin, Base):
    """A city's smart city project, shared with the network once WeGO has published it."""

    __tablename__ = "plan_projects"
    __table_args__ = (Index("ix_plan_projects_state_published", "state", "published_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # The Solution Finder application it was published from, if any (once only).
    application_id: Mapped[int | None] = mapped_column(
        ForeignKey("applications.id", ondelete="SET NULL"), unique=True
    )
    # The Project Implementer project it was published from, if any (once only). A unique
    # index rather than a constraint, so the column is added without rebuilding the table.
    implementer_project_id: Mapped[int | None] = mapped_column(
        ForeignKey("implementer_projects.id", ondelete="SET NULL"), index=True, unique=True
    )

    title: Mapped[str] = mapped_column(String(200), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    outcomes: Mapped[str] = mapped_column(Text, default="")
    period_start: Mapped[int | None]
    period_end: Mapped[int | None]
    budget_band: Mapped[str | None] = mapped_column(String(20))
    stage: Mapped[int | None]

    state: Mapped[str] = mapped_column(String(30), default="draft")
    version: Mapped[int] = mapped_column(default=1)
    state_changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    published_at: Mapped[datetime | None]
    return_reason: Mapped[str | None] = mapped_column(Text)
    # What full-text search reads: kept by the services, indexed by the database.
    search_text: Mapped[str] = mapped_column(Text, default="")

    member: Mapped[Member] = relationship()
    created_by: Mapped[User | None] = relationship()
    areas: Mapped[list[Area]] = relationship(secondary=project_areas, order_by=Area.id)
    stakeholders: Mapped[list[Stakeholder]] = relationship(
        back_populates="project", cascade="all, delete-orphan", order_by="Stakeholder.id"
    )

    __mapper_args__ = {"version_id_col": version}

    @property
    def area_slugs(self) -> list[str]:
        return [a.slug for a in self.areas]

    @property
    def period(self) -> str:
        if self.period_start and self.period_end and self.period_end != self.period_start:
            return f"{self.period_start}–{self.period_end}"
        if self.period_start:
            if self.period_end:
                return str(self.period_start)
            return _("since %(year)s", year=self.period_start)
        return _("until %(year)s", year=self.period_end) if self.period_end else ""

    def __repr__(self) -> str:
        return f"<Project {self.id} {self.state}>"


class Stakeholder(Base):
    """An organisation and the role it plays in a project."""

    __tablename__ = "plan_stakeholders"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("plan_projects.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))

    project: Mapped[Project] = relationship(back_populates="stakeholders")

    @property
    def role_label(self) -> str:
        """The role in the reader's language."""
        return _(ROLES[self.role]) if self.role in ROLES else self.role


# The full-text index lives outside the models (an FTS5 table on SQLite, a GIN
# index on PostgreSQL); create it with the table when the schema is built from
# the models (tests), as the migration does.
event.listen(Project.__table__, "after_create", fts.create_index)
event.listen(Project.__table__, "before_drop", fts.drop_index)
