"""Migrations that rebuild a table keep its rows, the rows that refer to it and its search."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from flask_migrate import upgrade
from sqlalchemy import Boolean, Date, DateTime, Integer, MetaData, Numeric, String, Text, text

from driver.extensions import db

pytest_plugins = ["tests.test_migrations"]

BEFORE = "7d15fe74130e"  # the last revision before plan_projects was rebuilt
VALUES = {
    Integer: 1,
    Numeric: 1,
    Boolean: False,
    DateTime: datetime(2026, 1, 1, tzinfo=UTC),
    Date: datetime(2026, 1, 1).date(),
    String: "",
    Text: "",
}


def _insert(table_name: str, **given) -> int:
    """Insert a row with ``given`` values and a plain value in every other required column."""
    metadata = MetaData()
    metadata.reflect(db.engine, only=[table_name])
    table = metadata.tables[table_name]
    row = dict(given)
    for column in table.columns:
        if column.name in row or column.nullable or column.primary_key:
            continue
        if column.server_default is not None:
            continue
        kind = next((v for t, v in VALUES.items() if isinstance(column.type, t)), "[]")
        row[column.name] = kind
    with db.engine.begin() as conn:
        return conn.execute(table.insert().values(row)).inserted_primary_key[0]


def _search(word: str) -> list[int]:
    with db.engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            sql = "SELECT rowid FROM plan_projects_fts WHERE plan_projects_fts MATCH :q"
            return list(conn.execute(text(sql), {"q": f'"{word}"*'}).scalars())
        sql = (
            "SELECT id FROM plan_projects WHERE to_tsvector('simple', search_text) "
            "@@ to_tsquery('simple', :q)"
        )
        return list(conn.execute(text(sql), {"q": f"{word}:*"}).scalars())


@pytest.fixture
def published_before(migrating_app):
    """A project with a stakeholder and an area, written before the rebuild."""
    upgrade(revision=BEFORE)
    member = _insert("members", name="Seoul", category="local_government", country="Korea")
    area = _insert("areas", slug="water-management", name="Water Management")
    project = _insert(
        "plan_projects", member_id=member, title="Leak sensors", search_text="Leak sensors"
    )
    _insert("plan_stakeholders", project_id=project, name="K-water", role="executes")
    _insert("plan_project_areas", project_id=project, area_id=area)
    upgrade()
    return member, project


def _count(sql: str) -> int:
    with db.engine.connect() as conn:
        return conn.execute(text(sql)).scalar_one()


def test_the_rebuild_keeps_the_stakeholders(published_before):
    assert _count("SELECT count(*) FROM plan_stakeholders") == 1


def test_the_rebuild_keeps_the_areas(published_before):
    assert _count("SELECT count(*) FROM plan_project_areas") == 1


def test_search_finds_a_project_written_before_the_rebuild(published_before):
    _, project = published_before
    assert _search("leak") == [project]


def test_search_finds_a_project_written_after_the_rebuild(published_before):
    member, _ = published_before
    later = _insert("plan_projects", member_id=member, title="Bus", search_text="Bus lanes")
    assert _search("lanes") == [later]


def test_migrating_leaves_foreign_keys_on(published_before):
    with db.engine.connect() as conn:
        if conn.dialect.name != "sqlite":
            pytest.skip("a SQLite setting")
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1


# -- the automatic language (5b0e7d2a9c41) ----------------------------------------------------


def test_users_on_the_old_english_default_become_automatic(migrating_app):
    upgrade(revision="4469c2c6f291")
    on_default = _insert("users", email="a@example.org", role="city", language="en")
    chose_korean = _insert("users", email="b@example.org", role="city", language="ko")
    upgrade()
    with db.engine.connect() as conn:
        sql = "SELECT id, language || '/' || browser_language FROM users"
        rows = dict(conn.execute(text(sql)).all())
    assert rows == {on_default: "/", chose_korean: "ko/"}
    _insert("users", email="c@example.org", role="city")  # written as the server defaults
    assert _count("SELECT count(*) FROM users WHERE email = 'c@example.org' AND language = ''") == 1
