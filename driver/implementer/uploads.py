"""Checking and storing uploaded files: type by content, size, generated names.

The type is read from the file's first bytes with ``filetype`` (pure Python,
no libmagic to install, maintained, MIT): the extension a browser or a person
gives proves nothing. Office files are ZIP archives whose first bytes look
alike, so for them the archive's own table of contents is read with
``zipfile`` (the part a DOCX or XLSX must have), rather than trusting a
header heuristic. A file is stored under a random name in UPLOAD_FOLDER; its
original name is kept only as display text, cleaned of paths and control
characters.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import secrets
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import filetype
from flask import current_app
from flask_babel import gettext as _

from driver.errors import Invalid
from driver.i18n import N_

# kind: (MIME type, extensions a file of that kind may carry, what people call it)
ALLOWED = {
    "pdf": ("application/pdf", ("pdf",), "PDF"),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ("docx",),
        N_("Word (DOCX)"),
    ),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ("xlsx",),
        N_("Excel (XLSX)"),
    ),
    "png": ("image/png", ("png",), N_("PNG image")),
    "jpg": ("image/jpeg", ("jpg", "jpeg"), N_("JPEG image")),
    "webp": ("image/webp", ("webp",), N_("WebP image")),
}
ACCEPT = ",".join(f".{ext}" for _, exts, _ in ALLOWED.values() for ext in exts)
# Translated where shown: _(ALLOWED_WORDS).
ALLOWED_WORDS = N_("PDF, DOCX, XLSX, PNG, JPEG or WebP")
# The part each Office format must contain.
OFFICE_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
MAX_NAME = 150
SNIFF_BYTES = 8192


@dataclass(frozen=True)
class Upload:
    """A file that passed the checks, not stored yet."""

    data: bytes
    display_name: str
    kind: str

    @property
    def mime_type(self) -> str:
        return ALLOWED[self.kind][0]

    @property
    def extension(self) -> str:
        return ALLOWED[self.kind][1][0]

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def max_file_bytes() -> int:
    return int(current_app.config["UPLOAD_MAX_FILE_BYTES"])


def inspect(filename: str | None, stream: IO[bytes], *, field: str = "file") -> Upload:
    """Read one uploaded file and check its size and type; Invalid (on ``field``) if not fine."""
    limit = max_file_bytes()
    data = stream.read(limit + 1)
    shown = clean_name(filename or "")
    if not data:
        raise _refuse(
            field,
            _("“%(name)s” is empty.", name=shown) if shown else _("The file is empty."),
        )
    if len(data) > limit:
        raise _refuse(
            field,
            _(
                "“%(name)s” is larger than %(size)s MB; send a smaller file.",
                name=shown,
                size=limit // (1024 * 1024) or 1,
            ),
        )
    kind = sniff(data)
    if kind is None:
        raise _refuse(
            field,
            _(
                "“%(name)s” is not a %(types)s file (judging by its content).",
                name=shown,
                types=_(ALLOWED_WORDS),
            ),
        )
    extensions = ALLOWED[kind][1]
    stem, dot, ext = shown.rpartition(".")
    if not dot or not stem:
        shown = f"{shown or 'document'}.{extensions[0]}"
    elif ext.lower() not in extensions:
        raise _refuse(
            field,
            _(
                "“%(name)s” is named .%(ext)s but its content is a %(kind)s file; "
                "rename it or send the right file.",
                name=shown,
                ext=ext,
                kind=_(ALLOWED[kind][2]),
            ),
        )
    return Upload(data=data, display_name=shown, kind=kind)


def sniff(data: bytes) -> str | None:
    """The allowed kind ``data`` is, by its content; None when it is none of them."""
    guess = filetype.guess(data[:SNIFF_BYTES])
    found = guess.extension if guess is not None else None
    if data.startswith(b"PK\x03\x04"):
        return _office_kind(data)
    if found == "jpeg":
        found = "jpg"
    return found if found in ALLOWED and found not in OFFICE_PARTS else None


def _office_kind(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    for kind, part in OFFICE_PARTS.items():
        if part in names:
            return kind
    return None


def clean_name(raw: str) -> str:
    """An uploaded file's name as safe display text: no folders, control characters or dots
    in front, at most MAX_NAME characters (the extension kept)."""
    name = raw.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = " ".join(name.split()).lstrip(". ")
    if len(name) > MAX_NAME:
        stem, dot, ext = name.rpartition(".")
        ext = ext[:10] if dot else ""
        name = stem[: MAX_NAME - len(ext) - 1].rstrip() + (f".{ext}" if ext else "")
    return name


def _refuse(field: str, message: str) -> Invalid:
    return Invalid(message, errors={field: [message]})


# -- the files on disk ---------------------------------------------------------------------


def folder() -> Path:
    """Where uploads live: UPLOAD_FOLDER, or "uploads" in the instance folder."""
    configured = current_app.config.get("UPLOAD_FOLDER")
    path = Path(configured) if configured else Path(current_app.instance_path) / "uploads"
    path.mkdir(parents=True, exist_ok=True)
    return path


def store(upload: Upload) -> str:
    """Write ``upload`` under a new random name and return that name."""
    name = f"{secrets.token_hex(16)}.{upload.extension}"
    with open(folder() / name, "xb") as handle:
        handle.write(upload.data)
    return name


def path_of(stored_name: str) -> Path:
    """The file of a stored name (generated by ``store``: never a path from outside)."""
    if not stored_name or "/" in stored_name or "\\" in stored_name or stored_name[0] == ".":
        raise ValueError(f"not a stored name: {stored_name!r}")
    return folder() / stored_name


def discard(stored_names: list[str]) -> None:
    """Delete stored files (after a rollback, or once their rows are gone)."""
    for name in stored_names:
        with contextlib.suppress(FileNotFoundError):
            os.remove(path_of(name))
