"""Back up the database and the uploads into one archive, and restore from it.

An archive is a gzipped tar holding ``manifest.json`` (format version, database
kind, Alembic revision, time), the database (``database.sqlite``, copied with
SQLite's online backup API, so a live WAL database is copied consistently; or
``database.pgdump``, ``pg_dump --format=custom``) and ``uploads/`` (the files of
UPLOAD_FOLDER). PostgreSQL's password goes to pg_dump / pg_restore through the
``PGPASSWORD`` environment variable, never on the command line.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from flask import current_app
from sqlalchemy import inspect, text
from sqlalchemy.engine import URL, make_url

from driver.db import utcnow
from driver.extensions import db

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DUMP_NAMES = {"sqlite": "database.sqlite", "postgresql": "database.pgdump"}


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why."""


@dataclass(frozen=True)
class Manifest:
    """What an archive holds."""

    format_version: int
    database: str  # "sqlite" or "postgresql"
    revision: str | None  # the Alembic revision of the database when it was saved
    created_at: str
    uploads: int  # how many files

    def as_json(self) -> str:
        return json.dumps(self.__dict__, indent=2)


def database_kind(url: URL) -> str:
    """``sqlite`` or ``postgresql``; anything else is refused."""
    kind = url.get_backend_name()
    if kind not in DUMP_NAMES:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {kind}.")
    return kind


def _url() -> URL:
    return make_url(current_app.config["SQLALCHEMY_DATABASE_URI"])


def uploads_folder() -> Path:
    """UPLOAD_FOLDER, or "uploads" in the instance folder (as the upload service does)."""
    configured = current_app.config.get("UPLOAD_FOLDER")
    return Path(configured) if configured else Path(current_app.instance_path) / "uploads"


def _revision() -> str | None:
    with db.engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None  # a database built without Alembic (the tests' create_all)
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def default_path(now: datetime | None = None) -> Path:
    """``backups/driver-YYYYmmddTHHMMSSZ.tar.gz`` in the instance folder."""
    stamp = (now or utcnow()).strftime("%Y%m%dT%H%M%SZ")
    return Path(current_app.instance_path) / "backups" / f"driver-{stamp}.tar.gz"


def backup(path: Path | None = None) -> tuple[Path, Manifest]:
    """Write an archive of the database and the uploads to ``path``; the path and manifest."""
    url = _url()
    kind = database_kind(url)
    target = Path(path) if path else default_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    db.session.remove()
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / DUMP_NAMES[kind]
        if kind == "sqlite":
            _sqlite_backup(_sqlite_path(url), dump)
        else:
            _run(["pg_dump", "--format=custom", "--no-owner", f"--file={dump}"], url)
        uploads = uploads_folder()
        files = [p for p in uploads.rglob("*") if p.is_file()] if uploads.is_dir() else []
        manifest = Manifest(
            format_version=FORMAT_VERSION,
            database=kind,
            revision=_revision(),
            created_at=utcnow().isoformat(),
            uploads=len(files),
        )
        (Path(work) / MANIFEST).write_text(manifest.as_json(), encoding="utf-8")
        partial = target.with_name(target.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(Path(work) / MANIFEST, arcname=MANIFEST)
            archive.add(dump, arcname=dump.name)
            archive.add(uploads if uploads.is_dir() else work, arcname="uploads", recursive=False)
            for file in files:
                archive.add(file, arcname=f"uploads/{file.relative_to(uploads).as_posix()}")
        partial.replace(target)  # a crash mid-way never leaves a truncated archive behind
    return target, manifest


def read_manifest(path: Path) -> Manifest:
    """The manifest of the archive at ``path``; BackupError when it is not one of ours."""
    try:
        with tarfile.open(path, "r:gz") as archive:
            member = archive.extractfile(MANIFEST)
            if member is None:
                raise KeyError(MANIFEST)
            data: dict[str, Any] = json.loads(member.read().decode("utf-8"))
        manifest = Manifest(**data)
    except (OSError, KeyError, tarfile.TarError, ValueError, TypeError) as exc:
        raise BackupError(f"{path} is not a Smart City Driver backup ({exc}).") from None
    if manifest.format_version != FORMAT_VERSION:
        raise BackupError(f"Backup format {manifest.format_version} is not supported.")
    return manifest


def restore(path: Path) -> Manifest:
    """Replace the database and the uploads with the archive's; the archive's manifest.

    The archive must have been made from the same kind of database. The uploads
    are swapped in only after the database restored without error.
    """
    url = _url()
    kind = database_kind(url)
    manifest = read_manifest(Path(path))
    if manifest.database != kind:
        raise BackupError(
            f"The backup holds a {manifest.database} database; this installation uses {kind}."
        )
    db.session.remove()
    db.engine.dispose()  # no pooled connection may hold a lock while the database is replaced
    with tempfile.TemporaryDirectory() as work:
        with tarfile.open(path, "r:gz") as archive:
            archive.extractall(work, filter="data")  # refuses absolute paths and "..": see PEP 706
        dump = Path(work) / DUMP_NAMES[kind]
        if not dump.is_file():
            raise BackupError(f"The backup has no {dump.name}.")
        if kind == "sqlite":
            _sqlite_backup(dump, _sqlite_path(url))
        else:
            options = ["--clean", "--if-exists", "--no-owner", "--single-transaction"]
            _run(["pg_restore", *options, str(dump)], url)
        _replace_uploads(Path(work) / "uploads")
    db.engine.dispose()
    return manifest


def _replace_uploads(source: Path) -> None:
    target = uploads_folder()
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = target.with_name(target.name + ".restoring")
    shutil.rmtree(staged, ignore_errors=True)
    if source.is_dir():
        shutil.copytree(source, staged)
    else:
        staged.mkdir()
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staged.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("An in-memory SQLite database cannot be backed up.")
    return Path(url.database)


def _sqlite_backup(source: Path, target: Path) -> None:
    """Copy ``source`` into ``target`` page by page with SQLite's online backup API."""
    src = sqlite3.connect(source)
    dst = sqlite3.connect(target)
    try:
        with dst:
            src.backup(dst)
    finally:
        src.close()
        dst.close()


def _run(command: list[str], url: URL) -> None:
    """Run a PostgreSQL client tool against ``url``; the password only in its environment."""
    env = {**os.environ}
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    connection = [f"--host={url.host or 'localhost'}", f"--port={url.port or 5432}"]
    if url.username:
        connection.append(f"--username={url.username}")
    args = [command[0], *connection, "--no-password", f"--dbname={url.database}", *command[1:]]
    try:
        result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    except FileNotFoundError:
        raise BackupError(f"{command[0]} is not installed (PostgreSQL client tools).") from None
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[:2000]}")
