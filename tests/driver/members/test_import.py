"""The registry's CSV import: every bad row is reported, a bad file writes nothing, and what
is applied is exactly what the preview showed."""

from __future__ import annotations

import base64
import io
import re
import zlib
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from driver.audit.models import AuditEvent
from driver.errors import Conflict, Invalid
from driver.extensions import db
from driver.members import importing
from driver.members.models import Member

HEADER = "name,country,category,sub_category,status,population,gdp_per_capita_ppp,joined_on,left_on"


@pytest.fixture
def suwon(make_member):
    return make_member(
        name="Suwon",
        country="Korea",
        region="Asia-Pacific",
        sub_category="city",
        population=1_200_000,
        joined_on=date(2012, 3, 1),
    )


def rows(*lines: str) -> str:
    return "\n".join([HEADER, *lines]) + "\n"


def table_state() -> list[tuple]:
    db.session.expire_all()
    members = db.session.execute(select(Member.__table__).order_by(Member.id)).all()
    events = db.session.scalar(select(func.count(AuditEvent.id)))
    return [tuple(m) for m in members] + [("events", events)]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("Atown,Korea,club,,active,,,,", "unknown category"),
        ("Btown,Korea,local_government,sme,active,,,,", "sub_category"),
        ("Ctown,Atlantis,local_government,city,active,,,,", "give its region"),
        ("Dtown,Korea,local_government,city,active,many,,,", "not a whole number"),
        ("Etown,Korea,local_government,city,active,-5,,,", "not a whole number"),
        ("Ftown,Korea,local_government,city,active,,12k,,", "not a number"),
        ("Gtown,Korea,local_government,city,active,,,2015-13-01,", "not a date"),
        ("Htown,Korea,local_government,city,active,,,2999-01-01,", "future"),
        ("Itown,Korea,local_government,city,lapsed,,,2015-01-01,", "left_on"),
        ("Jtown,Korea,local_government,city,active,,,2015-01-01,2020-01-01", "no leaving date"),
        ("Ktown,Korea,local_government,city,gone,,,,", "unknown status"),
        ("Ltown,Korea,local_government,city,active", "cells where the header has"),
        (",Korea,local_government,city,active,,,,", "name"),
    ],
)
def test_each_kind_of_bad_row_is_reported_with_its_line(suwon, line, message):
    plan = importing.plan_import(rows("Good Town,Korea,local_government,city,active,,,,", line))
    assert [(e.line, message.lower() in e.message.lower()) for e in plan.errors] == [(3, True)]
    assert not plan.ok


def test_a_row_twice_in_the_file_is_reported_on_the_second_line():
    plan = importing.plan_import(
        rows(
            "Gimhae,Korea,local_government,city,active,,,,",
            "gimhae,KOREA,local_government,city,active,,,,",
        )
    )
    assert [(e.line, e.message) for e in plan.errors] == [(3, "The same member as line 2.")]


@pytest.mark.parametrize(
    ("header", "problem"),
    [
        ("name,category", "Missing column: country"),
        ("name,country,category,colour", "Unknown column: colour"),
        ("name,country,category,name", "A column appears twice"),
    ],
)
def test_a_bad_header_is_reported_on_line_one(header, problem):
    plan = importing.plan_import(header + "\nX,Korea,corporation\n")
    assert plan.errors and plan.errors[0].line == 1 and problem in plan.errors[0].message


def test_the_preview_sorts_rows_into_new_changed_and_unchanged(suwon):
    plan = importing.plan_import(
        rows(
            "Suwon,Korea,local_government,city,active,1200000,,2012-03-01,",
            "Gimhae,Korea,Local government,District,active,530000,31000.5,2014-05-02,",
        )
        + "SUWON,korea,local_government,city,suspended,1250000,,2012-03-01,2025-01-31\n"
    )
    assert [(e.line, e.message) for e in plan.errors] == [(4, "The same member as line 2.")]
    plan = importing.plan_import(
        rows(
            "Suwon,Korea,local_government,city,suspended,1250000,,2012-03-01,2025-01-31",
            "Gimhae,Korea,Local government,District,active,530000,31000.5,2014-05-02,",
        )
    )
    assert plan.ok
    (update,) = plan.updates
    assert update.member_id == suwon.id
    assert update.changes == {
        "status": ("active", "suspended"),
        "population": (1_200_000, 1_250_000),
        "left_on": (None, date(2025, 1, 31)),
    }
    (creation,) = plan.creations
    assert (creation.facts.sub_category, creation.facts.region) == ("district", "Asia-Pacific")
    assert creation.facts.gdp_per_capita_ppp == Decimal("31000.50")
    unchanged = importing.plan_import(
        rows("Suwon,Korea,local_government,city,active,1200000,,2012-03-01,")
    )
    assert (unchanged.unchanged, unchanged.has_changes) == ([(2, "Suwon")], False)


def test_checking_writes_nothing(suwon):
    before = table_state()
    importing.plan_import(rows("Gimhae,Korea,local_government,city,active,,,,"))
    assert table_state() == before


def test_applying_does_exactly_what_the_preview_showed(suwon, make_user):
    admin = make_user("admin")
    text = rows(
        "Suwon,Korea,local_government,city,suspended,1250000,,2012-03-01,2025-01-31",
        "Gimhae,Korea,local_government,district,active,530000,31000.5,2014-05-02,",
    )
    plan = importing.plan_import(text)
    importing.apply_import(admin, text, plan.digest())
    db.session.expire_all()
    after = {m.name: m for m in db.session.scalars(select(Member))}
    for name, old_new in plan.updates[0].changes.items():
        assert getattr(after["Suwon"], name) == old_new[1]
    created = plan.creations[0].facts
    gimhae = after["Gimhae"]
    assert [getattr(gimhae, f) for f in importing.FACT_FIELDS] == [
        getattr(created, f) for f in importing.FACT_FIELDS
    ]
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.trigger == "import")).all()
    assert {(e.object_id, e.actor_id) for e in events} == {
        (suwon.id, admin.id),
        (gimhae.id, admin.id),
    }
    assert importing.plan_import(text).has_changes is False


def test_a_file_with_one_bad_row_writes_nothing(suwon, make_user):
    text = rows(
        "Gimhae,Korea,local_government,city,active,,,,",
        "Btown,Korea,local_government,sme,active,,,,",
    )
    plan = importing.plan_import(text)
    before = table_state()
    with pytest.raises(Invalid):
        importing.apply_import(make_user("admin"), text, plan.digest())
    assert table_state() == before


def test_a_registry_changed_since_the_preview_is_refused(suwon, make_user):
    text = rows("Suwon,Korea,local_government,city,active,1300000,,2012-03-01,")
    digest = importing.plan_import(text).digest()
    suwon.population = 1_250_000  # someone edits Suwon meanwhile
    db.session.commit()
    before = table_state()
    with pytest.raises(Conflict):
        importing.apply_import(make_user("admin"), text, digest)
    assert table_state() == before


def test_the_file_may_start_with_a_byte_order_mark_and_must_be_utf8():
    text = importing.decode(
        "\ufeff".encode() + rows("Łódź,Poland,local_government,city,active,,,,").encode()
    )
    assert text.startswith("name,") and "Łódź" in text
    with pytest.raises(Invalid):
        importing.decode("name,country\nK\xf6ln,Germany\n".encode("latin-1"))


def test_the_template_is_a_valid_import_file():
    plan = importing.plan_import(importing.template_csv())
    assert plan.ok and [c.facts.name for c in plan.creations] == ["Example City"]


# -- the pages --------------------------------------------------------------------------------


def _upload(page, text: str):
    return page.post(
        "/admin/members/import",
        {"file": (io.BytesIO(text.encode("utf-8")), "members.csv")},
        content_type="multipart/form-data",
    )


def test_the_page_previews_then_applies_on_confirmation(browser, make_user, suwon):
    page = browser(make_user("admin"))
    text = rows("Suwon,Korea,local_government,city,active,1250000,,2012-03-01,")
    preview = _upload(page, text)
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "1200000" in html and "1250000" in html
    assert db.session.get(Member, suwon.id).population == 1_200_000  # not yet
    fields = dict(re.findall(r'name="(content|digest)"[^>]*value="([^"]*)"', html))
    done = page.post("/admin/members/import/confirm", fields)
    assert done.status_code == 302
    db.session.expire_all()
    assert db.session.get(Member, suwon.id).population == 1_250_000


def test_the_page_offers_no_confirmation_for_a_bad_file(browser, make_user):
    page = browser(make_user("admin"))
    response = _upload(page, rows("Btown,Korea,local_government,sme,active,,,,"))
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Line 2: sub_category" in html and "Apply these changes" not in html


def test_a_tampered_confirmation_writes_nothing(browser, make_user, suwon):
    page = browser(make_user("admin"))
    html = _upload(page, rows("Gimhae,Korea,local_government,city,active,,,,")).get_data(
        as_text=True
    )
    fields = dict(re.findall(r'name="(content|digest)"[^>]*value="([^"]*)"', html))
    forged = rows("Other,Korea,local_government,city,active,,,,")
    fields["content"] = base64.b64encode(zlib.compress(forged.encode())).decode()
    before = table_state()
    response = page.post("/admin/members/import/confirm", fields, follow_redirects=True)
    assert "changed since the preview" in response.get_data(as_text=True)
    assert table_state() == before


# -- the command line ---------------------------------------------------------------------------


def test_the_command_shows_the_change_and_applies_it_only_when_asked(runner, tmp_path, suwon):
    path = tmp_path / "members.csv"
    path.write_text(rows("Suwon,Korea,local_government,city,active,1250000,,2012-03-01,"))
    shown = runner.invoke(args=["members", "import", str(path)])
    assert shown.exit_code == 0 and "population: 1200000 -> 1250000" in shown.output
    db.session.expire_all()
    assert db.session.get(Member, suwon.id).population == 1_200_000
    applied = runner.invoke(args=["members", "import", str(path), "--apply"])
    assert applied.exit_code == 0 and "Imported." in applied.output
    db.session.expire_all()
    assert db.session.get(Member, suwon.id).population == 1_250_000


def test_the_command_refuses_a_bad_file(runner, tmp_path, suwon):
    path = tmp_path / "members.csv"
    path.write_text(rows("Btown,Korea,local_government,sme,active,,,,"))
    before = table_state()
    result = runner.invoke(args=["members", "import", str(path), "--apply"])
    assert result.exit_code != 0 and "Nothing was imported" in result.output
    assert table_state() == before
