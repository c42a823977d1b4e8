"""Uploads: type by content, size limits, names that are only text, downloads in scope."""

from __future__ import annotations

import io
import os

import pytest
from sqlalchemy import select

from driver.errors import Invalid
from driver.extensions import db
from driver.implementer import uploads
from driver.implementer.models import ImplementerDocument
from driver.implementer.services import documents

from .conftest import DOCX, EXE, PDF, PNG, XLSX, office_file


def inspect(name, data):
    return uploads.inspect(name, io.BytesIO(data))


@pytest.mark.parametrize(
    ("name", "data", "mime"),
    [
        ("plan.pdf", PDF, "application/pdf"),
        ("plan.docx", DOCX, uploads.ALLOWED["docx"][0]),
        ("budget.xlsx", XLSX, uploads.ALLOWED["xlsx"][0]),
        ("site.png", PNG, "image/png"),
        ("site.JPG", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20, "image/jpeg"),
    ],
)
def test_an_allowed_file_is_recognised_by_its_content(name, data, mime):
    assert inspect(name, data).mime_type == mime


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("invoice.pdf", EXE),  # a program disguised by its extension
        ("notes.docx", office_file("content.xml")),  # a ZIP that is no Word file
        ("table.xlsx", b"PK\x03\x04 not really a zip"),
        ("script.pdf", b"#!/bin/sh\nrm -rf /\n"),
    ],
    ids=["exe-as-pdf", "zip-as-docx", "broken-zip", "script-as-pdf"],
)
def test_a_file_whose_content_is_not_allowed_is_refused(name, data):
    with pytest.raises(Invalid) as refused:
        inspect(name, data)
    assert "judging by its content" in refused.value.detail


def test_an_extension_that_contradicts_the_content_is_refused():
    with pytest.raises(Invalid) as refused:
        inspect("photo.pdf", PNG)
    assert "PNG" in refused.value.detail


def test_a_file_over_the_per_file_limit_is_refused(app):
    app.config["UPLOAD_MAX_FILE_BYTES"] = 1024
    try:
        with pytest.raises(Invalid) as refused:
            inspect("big.pdf", PDF + b" " * 2000)
    finally:
        app.config["UPLOAD_MAX_FILE_BYTES"] = 10 * 1024 * 1024
    assert "larger than" in refused.value.detail


def test_an_empty_file_is_refused():
    with pytest.raises(Invalid):
        inspect("empty.pdf", b"")


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\me\\Desktop\\plan.pdf", "plan.pdf"),
        (".hidden.pdf", "hidden.pdf"),
        ("re\u202eport\x00.pdf", "report.pdf"),  # control and bidi-override characters
        ("Plan de la ville — Séoul.pdf", "Plan de la ville — Séoul.pdf"),
    ],
)
def test_the_original_name_is_kept_only_as_clean_text(raw, shown):
    assert inspect(raw, PDF).display_name == shown


def test_a_name_without_extension_gets_the_one_of_its_content():
    assert inspect("scan", PNG).display_name == "scan.png"


def test_a_stored_file_gets_a_generated_name_inside_the_upload_folder(pi, make_proposal):
    proposal = make_proposal("draft")
    documents.add_documents(
        pi.owner, "proposal", proposal.id, "attachment", [inspect("../../../evil.pdf", PDF)]
    )
    doc = db.session.scalars(select(ImplementerDocument)).one()
    stored = uploads.path_of(doc.stored_name)
    assert (stored.parent, doc.display_name, "evil" in doc.stored_name, stored.read_bytes()) == (
        uploads.folder(),
        "evil.pdf",
        False,
        PDF,
    )


def test_a_failed_save_leaves_no_file_behind(pi, make_proposal):
    proposal = make_proposal("submitted")  # attachments only change on drafts
    with pytest.raises(Exception):  # noqa: B017 - the refusal itself is tested elsewhere
        documents.add_documents(
            pi.owner, "proposal", proposal.id, "attachment", [inspect("a.pdf", PDF)]
        )
    assert os.listdir(uploads.folder()) == []


@pytest.mark.parametrize("name", ["../secret", "/etc/passwd", ".env", ""])
def test_a_stored_name_is_never_a_path(name):
    with pytest.raises(ValueError):
        uploads.path_of(name)
