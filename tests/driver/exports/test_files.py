"""The export writer: safe cells, lazy CSV, XLSX text never a formula, batched database reads."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook
from sqlalchemy import event, insert, select

from driver.exports import files
from driver.exports.files import Column
from driver.extensions import db
from driver.members.models import Member

COLUMNS = [Column("name", lambda r: r["name"]), Column("population", lambda r: r["n"])]
DANGEROUS = ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", "plain", "a=b"]


def test_csv_cells_that_look_like_formulas_are_quoted():
    rows = [{"name": text, "n": None} for text in DANGEROUS]
    text = "".join(files.csv_lines(COLUMNS, rows))
    parsed = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert [row[0] for row in parsed[1:]] == [
        "'=1+1",
        "'+SUM(A1)",
        "'-2+3",
        "'@cmd",
        "'\tx",
        "'\rx",
        "plain",
        "a=b",
    ]


def test_numbers_stay_numbers_even_when_negative():
    (_, row) = list(
        csv.reader(
            io.StringIO(
                "".join(files.csv_lines(COLUMNS, [{"name": "x", "n": -5}])).lstrip("\ufeff")
            )
        )
    )
    assert row == ["x", "-5"]


def test_xlsx_text_is_never_a_formula():
    rows = [{"name": text, "n": 7} for text in DANGEROUS]
    with files.xlsx_file(COLUMNS, rows) as handle:
        sheet = load_workbook(io.BytesIO(handle.read())).active
    cells = [sheet.cell(row=y, column=1) for y in range(2, len(DANGEROUS) + 2)]
    assert {c.data_type for c in cells} == {"s"}
    assert [c.value for c in cells][:4] == ["'=1+1", "'+SUM(A1)", "'-2+3", "'@cmd"]
    assert sheet.cell(row=2, column=2).value == 7 and sheet.cell(row=1, column=1).value == "Name"


def test_the_csv_is_written_as_the_rows_are_read():
    consumed = []

    def rows():
        for n in range(1_000):
            consumed.append(n)
            yield {"name": f"row {n}", "n": n}

    lines = files.csv_lines(COLUMNS, rows())
    assert next(lines).startswith("\ufeffName,Population")
    assert next(lines) == "row 0,0\r\n"
    assert len(consumed) == 1


def test_a_download_cut_short_closes_its_rows_at_once():
    closed = []

    def rows():
        try:
            for n in range(10):
                yield {"name": f"row {n}", "n": n}
        finally:
            closed.append(True)

    lines = files.csv_lines(COLUMNS, rows())
    next(lines), next(lines)
    lines.close()  # what the server does when the client goes away
    assert closed == [True]


def test_stream_holds_one_batch_of_objects_not_the_whole_table(app):
    db.session.execute(
        insert(Member),
        [
            {
                "name": f"Town {n}",
                "category": "local_government",
                "country": "Korea",
                "region": "Asia-Pacific",
                "status": "active",
                "languages": [],
            }
            for n in range(300)
        ],
    )
    db.session.commit()
    db.session.expunge_all()
    rows = files.stream(select(Member).order_by(Member.id), batch=50)
    first = next(rows)
    loaded = [o for o in db.session.identity_map.values() if isinstance(o, Member)]
    assert first.name == "Town 0" and 0 < len(loaded) <= 50
    assert sum(1 for _ in rows) == 299


def test_an_export_query_is_read_in_batches(app, browser, make_user, make_member):
    make_member(name="Suwon")
    seen = []

    def note(state):
        if state.is_select and state.bind_mapper is not None and state.bind_mapper.class_ is Member:
            seen.append(state.execution_options.get("yield_per"))

    event.listen(db.session, "do_orm_execute", note)
    try:
        response = browser(make_user("admin")).get("/admin/members?format=csv")
        response.get_data()
    finally:
        event.remove(db.session, "do_orm_execute", note)
    assert files.BATCH in seen


def test_the_file_name_says_the_list_and_the_day():
    from datetime import date

    assert (
        files.filename("review-queue", "xlsx", date(2026, 3, 4)) == "review-queue-2026-03-04.xlsx"
    )
