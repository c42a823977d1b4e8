"""Restore drill: what ``backup`` saved (data, uploads) comes back with ``restore``.

Each test runs an app of its own on a database of its own (a SQLite file, or a
new PostgreSQL database when the suite runs on PostgreSQL), built by the
migrations, so that restoring never touches the suite's database.
"""

from __future__ import annotations

import io
import json
import os
import tarfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from flask_migrate import upgrade
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from driver import create_app
from driver.auth.models import User, _hasher
from driver.extensions import db
from driver.members.models import Member

PASSWORD = "a long enough password"


@contextmanager
def fresh_database(tmp_path: Path, name: str) -> Iterator[str]:
    """A new, empty database of the kind the suite runs on; dropped afterwards (PostgreSQL)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgresql"):
        yield f"sqlite:///{tmp_path / f'{name}.sqlite'}"
        return
    base = make_url(url)
    database = f"scd_backup_{uuid.uuid4().hex[:12]}"
    admin = base.set(drivername="postgresql", database="postgres").render_as_string(
        hide_password=False
    )
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{database}"')
    try:
        yield base.set(database=database).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


@pytest.fixture
def installation(tmp_path: Path):
    """An app on a migrated database of its own, with uploads in a folder of its own."""
    with fresh_database(tmp_path, "live") as url:
        app = create_app(
            {
                "TESTING": True,
                "SECRET_KEY": "drill",
                "SQLALCHEMY_DATABASE_URI": url,
                "UPLOAD_FOLDER": str(tmp_path / "uploads"),
            }
        )
        with app.app_context():
            upgrade()
            yield app
            db.session.remove()
            db.engine.dispose()


def _populate() -> None:
    city = Member(name="Suwon", category="local_government", country="Korea", region="Asia-Pacific")
    db.session.add(city)
    db.session.flush()
    db.session.add(
        User(
            email="ana@example.org",
            name="Ana",
            role="city",
            member_id=city.id,
            regions=[],
            password_hash=_hasher.hash(PASSWORD),
        )
    )
    db.session.commit()


def _state(app) -> tuple:
    db.session.remove()
    uploads = Path(app.config["UPLOAD_FOLDER"])
    files = {p.name: p.read_bytes() for p in uploads.rglob("*") if p.is_file()}
    names = sorted(db.session.scalars(select(Member.name)))
    users = sorted(db.session.scalars(select(User.email)))
    db.session.commit()
    return names, users, files


@pytest.fixture
def saved(installation, tmp_path):
    """The installation with data and one upload, backed up; (archive path, state saved)."""
    _populate()
    uploads = Path(installation.config["UPLOAD_FOLDER"])
    uploads.mkdir(parents=True, exist_ok=True)
    (uploads / "study.pdf").write_bytes(b"%PDF-1.7 the feasibility study")
    archive = tmp_path / "out" / "drill.tar.gz"
    result = installation.test_cli_runner().invoke(args=["backup", str(archive)])
    assert result.exit_code == 0, result.output
    return archive, _state(installation)


def _damage(app) -> None:
    db.session.execute(User.__table__.delete())
    db.session.get(Member, db.session.scalar(select(Member.id))).name = "Renamed"
    db.session.commit()
    uploads = Path(app.config["UPLOAD_FOLDER"])
    (uploads / "study.pdf").unlink()
    (uploads / "stray.png").write_bytes(b"\x89PNG later upload")


def test_backup_writes_a_manifest_for_this_database(installation, saved):
    archive, _ = saved
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
        names = set(tar.getnames())
    kind = make_url(installation.config["SQLALCHEMY_DATABASE_URI"]).get_backend_name()
    assert (manifest["database"], manifest["uploads"], manifest["revision"] is not None) == (
        kind,
        1,
        True,
    )
    assert "uploads/study.pdf" in names


def test_restore_brings_back_the_data_and_the_uploads(installation, saved):
    archive, before = saved
    _damage(installation)

    result = installation.test_cli_runner().invoke(args=["restore", str(archive), "--yes"])

    assert result.exit_code == 0, result.output
    assert _state(installation) == before


def test_the_restored_app_signs_in_and_renders_pages(installation, saved):
    archive, _ = saved
    _damage(installation)
    installation.test_cli_runner().invoke(args=["restore", str(archive), "--yes"])
    client = installation.test_client()
    installation.config["WTF_CSRF_ENABLED"] = False  # this drill is about the data, not CSRF
    try:
        login = client.post("/login", data={"email": "ana@example.org", "password": PASSWORD})
        page = client.get("/dashboard")
    finally:
        installation.config["WTF_CSRF_ENABLED"] = True
    assert (login.status_code, page.status_code, "Suwon" in page.get_data(as_text=True)) == (
        302,
        200,
        True,
    )


def test_restore_without_yes_changes_nothing(installation, saved):
    archive, _ = saved
    _damage(installation)
    damaged = _state(installation)

    result = installation.test_cli_runner().invoke(args=["restore", str(archive)])

    assert (result.exit_code, "--yes" in result.output) == (1, True)
    assert _state(installation) == damaged


def test_restore_into_an_empty_database(installation, saved, tmp_path):
    archive, before = saved
    with fresh_database(tmp_path, "empty") as url:
        empty = create_app(
            {
                "TESTING": True,
                "SECRET_KEY": "drill",
                "SQLALCHEMY_DATABASE_URI": url,
                "UPLOAD_FOLDER": str(tmp_path / "empty-uploads"),
            }
        )
        with empty.app_context():
            result = empty.test_cli_runner().invoke(args=["restore", str(archive), "--yes"])
            restored = _state(empty)
            db.session.remove()
            db.engine.dispose()
    assert (result.exit_code, restored) == (0, before), result.output


def test_restore_refuses_a_backup_of_another_kind_of_database(installation, tmp_path):
    kind = make_url(installation.config["SQLALCHEMY_DATABASE_URI"]).get_backend_name()
    other = "postgresql" if kind == "sqlite" else "sqlite"
    archive = tmp_path / "other.tar.gz"
    manifest = json.dumps(
        {
            "format_version": 1,
            "database": other,
            "revision": None,
            "created_at": "2026-01-01T00:00:00+00:00",
            "uploads": 0,
        }
    ).encode()
    with tarfile.open(archive, "w:gz") as tar:
        info = tarfile.TarInfo("manifest.json")
        info.size = len(manifest)
        tar.addfile(info, io.BytesIO(manifest))
    _populate()

    result = installation.test_cli_runner().invoke(args=["restore", str(archive), "--yes"])

    assert (result.exit_code, f"holds a {other} database" in result.output) == (1, True)
    assert db.session.scalar(select(func.count(User.id))) == 1


def test_restore_refuses_a_file_that_is_not_a_backup(installation, tmp_path):
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not an archive")

    result = installation.test_cli_runner().invoke(args=["restore", str(junk), "--yes"])

    assert (result.exit_code, "is not a Smart City Driver backup" in result.output) == (1, True)
