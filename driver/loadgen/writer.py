"""Bulk rows into the database: ids handed out in advance, chunked Core inserts.

The generator numbers rows itself (from the table's current largest id), so
rows can point at each other without reading ids back; PostgreSQL's sequences
are moved past them afterwards.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, Table, func, select, text

from driver.extensions import db

CHUNK = 5_000


class BulkWriter:
    """Collects rows per table and inserts them in chunks, parents before children."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.tables = db.metadata.tables
        self._next_id: dict[str, int] = {}
        self.counts: dict[str, int] = {}

    def next_id(self, table: str) -> int:
        """A fresh primary key for ``table`` (after every id already there)."""
        if table not in self._next_id:
            t = self.tables[table]
            self._next_id[table] = (
                self.connection.scalar(select(func.coalesce(func.max(t.c.id), 0))) or 0
            ) + 1
        value = self._next_id[table]
        self._next_id[table] = value + 1
        return value

    def insert(self, table: str, rows: Iterable[dict[str, Any]]) -> int:
        """Insert ``rows`` into ``table`` in chunks of CHUNK; return how many."""
        t: Table = self.tables[table]
        chunk: list[dict[str, Any]] = []
        n = 0
        for row in rows:
            chunk.append(row)
            if len(chunk) >= CHUNK:
                n += self._flush(t, chunk)
                chunk = []
        if chunk:
            n += self._flush(t, chunk)
        self.counts[table] = self.counts.get(table, 0) + n
        return n

    def _flush(self, table: Table, chunk: list[dict[str, Any]]) -> int:
        self.connection.execute(table.insert(), chunk)
        return len(chunk)

    def finish(self) -> None:
        """Move PostgreSQL's sequences past the ids given out; refresh the planner's statistics."""
        dialect = self.connection.dialect.name
        if dialect == "postgresql":
            for name in self._next_id:
                self.connection.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "  # noqa: S608
                        f"(SELECT COALESCE(MAX(id), 1) FROM {name}))"
                    )
                )
        self.connection.execute(text("ANALYZE"))
