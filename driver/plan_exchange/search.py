"""Searching the published projects: full text and filters, paged, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, column, func, literal_column, select, table, text
from sqlalchemy.orm import selectinload

from driver.extensions import db
from driver.members.models import Area, Member
from driver.plan_exchange import fts
from driver.plan_exchange.models import Project


@dataclass(frozen=True)
class SearchFilter:
    """What a visitor searches for; None or empty means any."""

    q: str = ""
    area: str | None = None
    region: str | None = None
    country: str | None = None
    stage: int | None = None


@dataclass(frozen=True)
class SearchPage:
    """One page of results, best match first (or latest published when there is no query)."""

    items: list[Project]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return (self.total + self.per_page - 1) // self.per_page

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def search(filters: SearchFilter, *, page: int = 1, per_page: int = 20) -> SearchPage:
    """Published projects matching ``filters``: each word of ``q`` (as a prefix), each filter."""
    page = max(page, 1)
    stmt = _filtered(filters)
    words = fts.terms(filters.q)
    total = db.session.scalar(select(func.count()).select_from(stmt_for_count(stmt, words)))
    rows = db.session.scalars(
        search_stmt(filters).offset((page - 1) * per_page).limit(per_page)
    ).all()
    return SearchPage(list(rows), page, per_page, total or 0)


def search_stmt(filters: SearchFilter) -> Select[tuple[Project]]:
    """Every published project matching ``filters``, in the order of the search page."""
    stmt = _filtered(filters)
    words = fts.terms(filters.q)
    ordered = (
        _matching(stmt, words)
        if words
        else stmt.order_by(Project.published_at.desc(), Project.id.desc())
    )
    return ordered.options(
        selectinload(Project.member),
        selectinload(Project.areas),
        selectinload(Project.stakeholders),
    )


def _filtered(filters: SearchFilter) -> Select[tuple[Project]]:
    stmt = select(Project).where(Project.state == "published")
    if filters.area:
        stmt = stmt.where(Project.areas.any(Area.slug == filters.area))
    if filters.region or filters.country:
        members = select(Member.id)
        if filters.region:
            members = members.where(Member.region == filters.region)
        if filters.country:
            members = members.where(func.lower(Member.country) == filters.country.strip().lower())
        stmt = stmt.where(Project.member_id.in_(members))
    if filters.stage is not None:
        stmt = stmt.where(Project.stage == filters.stage)
    return stmt


def _dialect() -> str:
    return db.session.get_bind().dialect.name


def _matching(stmt: Select, words: list[str]) -> Select:
    """``stmt`` limited to the full-text matches of ``words``, best first."""
    if _dialect() == "postgresql":
        vector, query = _postgres_terms(words)
        return stmt.where(vector.op("@@")(query)).order_by(
            func.ts_rank(vector, query).desc(), Project.id.desc()
        )
    hits = _sqlite_hits(words)
    return stmt.join(hits, hits.c.id == Project.id).order_by(hits.c.rank, Project.id.desc())


def stmt_for_count(stmt: Select, words: list[str]):
    """The subquery whose rows are counted: the same matches, unordered."""
    if not words:
        return stmt.order_by(None).subquery()
    if _dialect() == "postgresql":
        vector, query = _postgres_terms(words)
        return stmt.where(vector.op("@@")(query)).order_by(None).subquery()
    hits = _sqlite_hits(words)
    return stmt.join(hits, hits.c.id == Project.id).order_by(None).subquery()


def _postgres_terms(words: list[str]):
    # The configuration is written as a literal so that the GIN index's expression matches.
    simple = literal_column("'simple'::regconfig")
    vector = func.to_tsvector(simple, Project.search_text)
    query = func.to_tsquery(simple, fts.postgres_tsquery(words))
    return vector, query


def _sqlite_hits(words: list[str]):
    index = table("plan_projects_fts", column("rowid"), column("rank"))
    return (
        select(index.c.rowid.label("id"), index.c.rank.label("rank"))
        .where(text("plan_projects_fts MATCH :match").bindparams(match=fts.sqlite_match(words)))
        .subquery()
    )
