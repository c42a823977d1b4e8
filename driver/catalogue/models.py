"""A solution in a provider's catalogue: what it does, for which areas and stages, at what cost."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from driver.auth.models import User
from driver.db import Base, TimestampMixin
from driver.i18n import N_
from driver.members.models import Area, Member

# The cost bands of solutions and the budget bands of Plan Exchange projects
# (in English: translated where shown).
COST_BANDS: dict[str, str] = {
    "under_50k": N_("Under USD 50,000"),
    "50k_250k": N_("USD 50,000 to 250,000"),
    "250k_1m": N_("USD 250,000 to 1 million"),
    "over_1m": N_("Over USD 1 million"),
}

solution_areas = Table(
    "solution_areas",
    Base.metadata,
    Column("solution_id", ForeignKey("solutions.id", ondelete="CASCADE"), primary_key=True),
    Column("area_id", ForeignKey("areas.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Solution(TimestampMixin, Base):
    """A provider's solution; only verified ones are recommended and count in matchmaking."""

    __tablename__ = "solutions"

    id: Mapped[int] = mapped_column(primary_key=True)
    provider_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    stage_min: Mapped[int] = mapped_column(default=1)
    stage_max: Mapped[int] = mapped_column(default=5)
    cost_band: Mapped[str | None] = mapped_column(String(20))
    reference_cities: Mapped[list[str]] = mapped_column(default=list)
    verified: Mapped[bool] = mapped_column(default=False, index=True)
    verified_at: Mapped[datetime | None]
    verified_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(default=1)

    provider: Mapped[Member] = relationship()
    verified_by: Mapped[User | None] = relationship()
    areas: Mapped[list[Area]] = relationship(secondary=solution_areas, order_by=Area.id)

    __mapper_args__ = {"version_id_col": version}

    @property
    def area_slugs(self) -> list[str]:
        return [a.slug for a in self.areas]

    def fits_stage(self, stage: int) -> bool:
        return self.stage_min <= stage <= self.stage_max

    def __repr__(self) -> str:
        return f"<Solution {self.name}>"
