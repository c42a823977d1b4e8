"""Rows to a streamed CSV or an XLSX file: the one place every list's download goes through.

CSV is written as it is read: UTF-8 with a byte order mark (so Excel reads the
accents right), and any text a spreadsheet would take for a formula is
prefixed with a quote. XLSX goes through XlsxWriter in ``constant_memory``
mode into a temporary file (each row is flushed to disk as it is written),
text always as text, never as a formula; the file is then streamed in chunks.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import IO, Any

import xlsxwriter
from flask import Response, stream_with_context
from flask_babel import gettext
from sqlalchemy import Select

from driver.db import utcnow
from driver.exports.headings import heading
from driver.extensions import db

FORMATS = ("csv", "xlsx")
BATCH = 200  # rows fetched from the database at a time
CHUNK = 64 * 1024
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MIMETYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class Column:
    """One column of an export: the heading's key and how to read the cell from a row."""

    key: str
    value: Callable[[Any], Any]


def stream(stmt: Select, *, batch: int = BATCH) -> Iterator[Any]:
    """The objects ``stmt`` selects, fetched ``batch`` at a time rather than all at once.

    The query runs when the first row is asked for; the cursor (a server-side
    one on PostgreSQL) is closed when the rows run out or the download stops.
    """
    result = db.session.scalars(stmt.execution_options(yield_per=batch))
    try:
        yield from result
    finally:
        result.close()


def safe_text(text: str) -> str:
    """``text``, with a leading quote if a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def cell(value: Any) -> Any:
    """A value as an export cell: None empty, yes/no translated, dates ISO, numbers as numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if isinstance(value, datetime):
        return value.replace(microsecond=0, tzinfo=None).isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Fraction):
        return round(float(value), 2)
    if isinstance(value, Decimal | int | float):
        return value
    if isinstance(value, list | tuple):
        return safe_text(", ".join(str(v) for v in value))
    return safe_text(str(value))


def csv_lines(columns: Sequence[Column], rows: Iterable[Any]) -> Iterator[str]:
    """The CSV text, a byte order mark and the headings first, then one piece per row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow([heading(c.key) for c in columns])
    yield "\ufeff" + flush()
    try:
        for row in rows:
            writer.writerow([cell(c.value(row)) for c in columns])
            yield flush()
    finally:
        close = getattr(rows, "close", None)
        if close is not None:  # a download cut short frees the database cursor at once
            close()


def xlsx_file(
    columns: Sequence[Column], rows: Iterable[Any], *, sheet: str = "Export"
) -> IO[bytes]:
    """A temporary file holding the XLSX workbook, rewound; the caller closes it."""
    # Handed to the response, which closes it once sent.
    out = tempfile.TemporaryFile()  # noqa: SIM115
    try:
        _write_xlsx(out, columns, rows, sheet)
    except BaseException:
        out.close()
        raise
    out.seek(0)
    return out


def _write_xlsx(out: IO[bytes], columns: Sequence[Column], rows: Iterable[Any], sheet: str) -> None:
    workbook = xlsxwriter.Workbook(
        out,
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    sheet_ = workbook.add_worksheet(sheet[:31])
    bold = workbook.add_format({"bold": True})
    for x, column in enumerate(columns):
        sheet_.write_string(0, x, heading(column.key), bold)
    for y, row in enumerate(rows, start=1):
        for x, column in enumerate(columns):
            value = cell(column.value(row))
            if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
                sheet_.write_number(y, x, float(value))
            elif value != "":
                sheet_.write_string(y, x, value)
    workbook.close()


def _chunks(handle: IO[bytes]) -> Iterator[bytes]:
    try:
        while chunk := handle.read(CHUNK):
            yield chunk
    finally:
        handle.close()


def filename(name: str, fmt: str, today: date | None = None) -> str:
    """``<list name>-<YYYY-MM-DD>.<fmt>``."""
    return f"{name}-{(today or utcnow().date()).isoformat()}.{fmt}"


def download(name: str, fmt: str, columns: Sequence[Column], rows: Iterable[Any]) -> Response:
    """The response that streams ``rows`` as a ``fmt`` file called after ``name`` and today."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    if fmt == "csv":
        body: Iterator[Any] = stream_with_context(csv_lines(columns, rows))
    else:
        body = _chunks(xlsx_file(columns, rows, sheet=name))
    response = Response(body, content_type=MIMETYPES[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="{filename(name, fmt)}"'
    response.headers["Cache-Control"] = "no-store"
    return response
