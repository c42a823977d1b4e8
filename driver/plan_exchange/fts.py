"""Full-text search over Plan Exchange projects on SQLite (FTS5) and PostgreSQL (GIN).

Both index ``plan_projects.search_text``, which the services keep up to date.
SQLite: an external-content FTS5 table kept in sync by triggers. PostgreSQL:
a GIN index on ``to_tsvector('simple', search_text)``, which the database keeps
itself. The migration creates the same objects with the same SQL; neither is
part of the models, so Alembic's comparison leaves them out (``include_object``).

Both sides match the same way: every word of the query, as a prefix, case
insensitive ("simple" dictionary, no stemming), so results agree across them.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Connection, Table

PREFIX = "plan_projects_fts"  # every search object's name starts with it
MAX_TERMS = 12

SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS plan_projects_fts USING fts5("
    "search_text, content='plan_projects', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS plan_projects_fts_ai AFTER INSERT ON plan_projects BEGIN "
    "INSERT INTO plan_projects_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS plan_projects_fts_ad AFTER DELETE ON plan_projects BEGIN "
    "INSERT INTO plan_projects_fts(plan_projects_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS plan_projects_fts_au AFTER UPDATE OF search_text "
    "ON plan_projects BEGIN "
    "INSERT INTO plan_projects_fts(plan_projects_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO plan_projects_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "INSERT INTO plan_projects_fts(plan_projects_fts) VALUES ('rebuild')",
)
SQLITE_DROP = (
    "DROP TRIGGER IF EXISTS plan_projects_fts_au",
    "DROP TRIGGER IF EXISTS plan_projects_fts_ad",
    "DROP TRIGGER IF EXISTS plan_projects_fts_ai",
    "DROP TABLE IF EXISTS plan_projects_fts",
)
POSTGRES_CREATE = (
    "CREATE INDEX IF NOT EXISTS plan_projects_fts_gin ON plan_projects "
    "USING gin (to_tsvector('simple'::regconfig, search_text))",
)
POSTGRES_DROP = ("DROP INDEX IF EXISTS plan_projects_fts_gin",)


def create_index(_table: Table, connection: Connection, **_: Any) -> None:
    """Create the full-text index of the projects table (after the table)."""
    for statement in _statements(connection, SQLITE_CREATE, POSTGRES_CREATE):
        connection.exec_driver_sql(statement)


def drop_index(_table: Table, connection: Connection, **_: Any) -> None:
    """Drop the full-text index of the projects table (before the table)."""
    for statement in _statements(connection, SQLITE_DROP, POSTGRES_DROP):
        connection.exec_driver_sql(statement)


def _statements(connection: Connection, sqlite: tuple[str, ...], postgres: tuple[str, ...]):
    name = connection.dialect.name
    return sqlite if name == "sqlite" else postgres if name == "postgresql" else ()


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Alembic's filter: leave the search objects (not in the models) out of comparisons."""
    return not (reflected and compare_to is None and (name or "").startswith(PREFIX))


def terms(query: str) -> list[str]:
    """The words of a search query, lower case, at most MAX_TERMS of them."""
    return [t.casefold() for t in re.findall(r"[^\W_]+", query or "")][:MAX_TERMS]


def sqlite_match(words: list[str]) -> str:
    """An FTS5 MATCH expression: every word as a quoted prefix ("water"* "flood"*)."""
    return " ".join(f'"{w}"*' for w in words)


def postgres_tsquery(words: list[str]) -> str:
    """A to_tsquery expression: every word as a prefix (water:* & flood:*)."""
    return " & ".join(f"{w}:*" for w in words)
