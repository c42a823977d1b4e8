"""driver.db: the SQLite settings, write transactions, UTC datetimes, the PostgreSQL row lock."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import event, select, text
from sqlalchemy.exc import IntegrityError, StatementError

from driver import transitions
from driver.db import UTCDateTime, utcnow
from driver.extensions import db
from driver.solution_finder.models import Application
from driver.solution_finder.services import BINDING


@pytest.fixture
def sqlite_only(app):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite-only: WAL, PRAGMAs and BEGIN IMMEDIATE do not exist on this database")


@pytest.fixture
def postgres_only(app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL-only: SQLite has no row locks (it locks the whole file)")


def pragma(name):
    return db.session.execute(text(f"PRAGMA {name}")).scalar()


# -- SQLite settings -------------------------------------------------------------------


def test_sqlite_enforces_foreign_keys(sqlite_only):
    assert pragma("foreign_keys") == 1


def test_sqlite_journal_is_wal(sqlite_only):
    assert pragma("journal_mode") == "wal"


def test_sqlite_busy_timeout_is_the_configured_one(sqlite_only, app):
    assert pragma("busy_timeout") == app.config["SQLITE_BUSY_TIMEOUT_MS"]


def test_a_dangling_foreign_key_is_refused(make_user):
    city = make_user("city")
    db.session.add(Application(member_id=999_999, created_by_id=city.id))
    with pytest.raises(IntegrityError):
        db.session.commit()


# -- how transactions begin ------------------------------------------------------------


@contextmanager
def captured_statements() -> Iterator[list[str]]:
    seen: list[str] = []

    def remember(_conn, _cursor, statement, *_args):
        seen.append(statement.strip().upper())

    event.listen(db.engine, "before_cursor_execute", remember)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", remember)


def first_statement_in(app, method: str | None) -> str:
    db.session.rollback()
    with captured_statements() as seen:
        if method is None:
            db.session.execute(select(1))
        else:
            with app.test_request_context("/", method=method):
                db.session.execute(select(1))
        db.session.rollback()
    return seen[0]


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_a_writing_request_begins_immediate(sqlite_only, app, method):
    assert first_statement_in(app, method) == "BEGIN IMMEDIATE"


@pytest.mark.parametrize("method", ["GET", "HEAD", "OPTIONS"])
def test_a_reading_request_begins_deferred(sqlite_only, app, method):
    assert first_statement_in(app, method) == "BEGIN"


def test_outside_a_request_the_transaction_begins_immediate(sqlite_only, app):
    assert first_statement_in(app, None) == "BEGIN IMMEDIATE"


def other_writer(app):
    """A second connection to the same file that gives up at once instead of waiting."""
    path = db.engine.url.database
    conn = sqlite3.connect(path, timeout=0, isolation_level=None)
    conn.execute("PRAGMA busy_timeout=0")
    return conn


def test_a_post_request_holds_the_write_lock_from_its_first_read(sqlite_only, app):
    db.session.rollback()
    other = other_writer(app)
    try:
        with app.test_request_context("/", method="POST"):
            db.session.execute(select(1))  # only a read, but the lock is taken
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
            db.session.rollback()
    finally:
        other.close()


def test_a_get_request_does_not_block_writers(sqlite_only, app):
    db.session.rollback()
    other = other_writer(app)
    try:
        with app.test_request_context("/", method="GET"):
            db.session.execute(select(1))
            other.execute("BEGIN IMMEDIATE")
            other.execute("ROLLBACK")
            db.session.rollback()
    finally:
        other.close()


def test_the_write_lock_is_released_on_commit(sqlite_only, app):
    db.session.rollback()
    other = other_writer(app)
    try:
        db.session.execute(select(1))
        db.session.commit()
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
    finally:
        other.close()


# -- the PostgreSQL row lock -----------------------------------------------------------


def test_fire_loads_the_row_for_update_on_postgres(postgres_only, cast, application_in):
    app_id = application_in("submitted").id
    db.session.rollback()
    with captured_statements() as seen:
        transitions.fire(BINDING, app_id, "start_review", cast.reviewer)
    loads = [s for s in seen if s.startswith("SELECT") and "FROM APPLICATIONS" in s]
    assert "FOR UPDATE OF APPLICATIONS" in loads[0]


def test_fire_writes_with_a_version_compare_and_set(cast, application_in):
    app_id = application_in("submitted").id
    db.session.rollback()
    with captured_statements() as seen:
        transitions.fire(BINDING, app_id, "start_review", cast.reviewer)
    updates = [s for s in seen if s.startswith("UPDATE APPLICATIONS")]
    assert len(updates) == 1 and "APPLICATIONS.VERSION =" in updates[0].split("WHERE")[1]


# -- UTC datetimes ---------------------------------------------------------------------


def test_a_datetime_is_read_back_aware_in_utc(make_user, make_application):
    city = make_user("city")
    seoul = timezone(timedelta(hours=9))
    app = make_application(city, state="submitted")
    app.state_changed_at = datetime(2026, 3, 2, 18, 30, tzinfo=seoul)
    db.session.commit()
    db.session.expire_all()
    assert db.session.get(Application, app.id).state_changed_at == datetime(
        2026, 3, 2, 9, 30, tzinfo=UTC
    )


def test_a_naive_datetime_is_refused(make_user, make_application):
    app = make_application(make_user("city"))
    app.state_changed_at = datetime(2026, 3, 2, 9, 30)
    with pytest.raises(StatementError, match="naive datetimes"):
        db.session.commit()


def test_utcnow_is_aware():
    assert utcnow().utcoffset() == timedelta(0)


def test_utc_type_passes_none_through():
    assert UTCDateTime().process_bind_param(None, None) is None
