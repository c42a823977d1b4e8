"""Member organisations, the 16 areas and providers' profiles."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Column, ForeignKey, Numeric, String, Table, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from driver.db import Base, TimestampMixin
from driver.members.reference import PROVIDER_CATEGORIES

provider_areas = Table(
    "provider_areas",
    Base.metadata,
    Column(
        "provider_id",
        ForeignKey("provider_profiles.member_id", ondelete="CASCADE"),
        primary_key=True,
    ),
    # Matchmaking looks providers up by area.
    Column("area_id", ForeignKey("areas.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Area(Base):
    """One of the 16 Smart City Driver areas."""

    __tablename__ = "areas"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(80))

    def __repr__(self) -> str:
        return f"<Area {self.slug}>"


class Member(TimestampMixin, Base):
    """A WeGO member organisation: a local government, corporation or institution."""

    __tablename__ = "members"
    __table_args__ = (UniqueConstraint("name", "country"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    category: Mapped[str] = mapped_column(String(30), index=True)
    country: Mapped[str] = mapped_column(String(100), index=True)
    region: Mapped[str] = mapped_column(String(60), index=True)
    status: Mapped[str] = mapped_column(String(20), default="active", index=True)
    languages: Mapped[list[str]] = mapped_column(default=list)
    # People living there (local governments); optional, used for size-group benchmarks.
    population: Mapped[int | None]
    # Registry facts (issue 10); the keys are those of driver.members.reference.
    sub_category: Mapped[str | None] = mapped_column(String(30))
    regional_office: Mapped[str | None] = mapped_column(String(30))
    # USD at purchasing power parity (local governments' fee band).
    gdp_per_capita_ppp: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    # Staff (corporations and institutions' fee band).
    employees: Mapped[int | None]
    joined_on: Mapped[date | None] = mapped_column(index=True)
    # When the membership lapsed or was suspended; None while active.
    left_on: Mapped[date | None]

    profile: Mapped[ProviderProfile | None] = relationship(back_populates="member")

    @property
    def is_provider(self) -> bool:
        return self.category in PROVIDER_CATEGORIES

    def __repr__(self) -> str:
        return f"<Member {self.name} ({self.country})>"


class ProviderProfile(TimestampMixin, Base):
    """What a solution provider offers and where: the facts matchmaking ranks on."""

    __tablename__ = "provider_profiles"

    member_id: Mapped[int] = mapped_column(
        ForeignKey("members.id", ondelete="CASCADE"), primary_key=True
    )
    summary: Mapped[str] = mapped_column(default="")
    countries: Mapped[list[str]] = mapped_column(default=list)
    regions: Mapped[list[str]] = mapped_column(default=list)
    languages: Mapped[list[str]] = mapped_column(default=list)
    remote_capable: Mapped[bool] = mapped_column(default=False)
    verified: Mapped[bool] = mapped_column(default=False, index=True)
    stage_min: Mapped[int] = mapped_column(default=1)
    stage_max: Mapped[int] = mapped_column(default=5)
    budget_min_usd: Mapped[int | None]
    budget_max_usd: Mapped[int | None]

    member: Mapped[Member] = relationship(back_populates="profile")
    areas: Mapped[list[Area]] = relationship(secondary=provider_areas, order_by=Area.id)

    @property
    def area_slugs(self) -> list[str]:
        return [a.slug for a in self.areas]
