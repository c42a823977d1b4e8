"""The admin pages in other languages: users, registry, CSV import, security log, API reference."""

from __future__ import annotations

import io
from datetime import date

import pytest

from driver.members.fees import explain_fee


@pytest.fixture
def admin_in(browser, make_user):
    """A signed-in admin whose own language is ``language``."""

    def make(language: str):
        return browser(make_user("admin", language=language))

    return make


def test_the_user_list_and_its_flash_follow_the_admins_language(admin_in, make_user):
    page = admin_in("ko")
    other = make_user("city", email="someone@example.org")
    html = page.get("/admin/users").get_data(as_text=True)
    assert "계정 만들기" in html and "사용자 필터" in html
    done = page.post(
        f"/admin/users/{other.id}/active", {"active": "0"}, follow_redirects=True
    ).get_data(as_text=True)
    assert "someone@example.org 계정이 비활성화되었으며 모든 곳에서 로그아웃되었습니다." in done


def test_a_refused_member_shows_its_errors_in_french(admin_in):
    page = admin_in("fr")
    response = page.post(
        "/admin/members/new",
        {
            "name": "Lyon",
            "category": "local_government",
            "country": "France",
            "status": "lapsed",
        },
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Ajouter un membre" in html
    assert "Indiquez la date à laquelle l&#39;adhésion a expiré." in html


def test_the_registry_shows_fee_rules_and_labels_in_spanish(admin_in, make_member):
    make_member(name="Suwon", sub_category="city", joined_on=date(2012, 3, 1))
    html = admin_in("es").get("/admin/members").get_data(as_text=True)
    assert "Registro de miembros" in html
    assert "Cuota desconocida: faltan el PIB per cápita y la población" in html
    assert "1 miembro" in html


def test_the_import_preview_reports_bad_rows_in_russian(admin_in):
    text = "name,country,category\nAtown,Korea,club\n"
    response = admin_in("ru").post(
        "/admin/members/import",
        {"file": (io.BytesIO(text.encode("utf-8")), "members.csv")},
        content_type="multipart/form-data",
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Строка 2: category: неизвестная категория «club»." in html
    assert "Что изменит этот файл" in html


def test_the_security_log_names_event_kinds_in_chinese(admin_in):
    page = admin_in("zh")
    html = page.get("/admin/security/events").get_data(as_text=True)
    assert "安全日志" in html and "登录" in html


def test_the_api_reference_prose_is_translated_but_not_its_paths(browser):
    response = browser().get("/api/v1/docs", headers={"Accept-Language": "ko"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "기본 사항" in html and "<code>POST /api/v1/auth/token</code>" in html


def test_fee_rules_stay_english_outside_a_request():
    quote = explain_fee("corporation", employees=10)
    assert quote.rule == "Corporation with 50 employees or fewer → USD 1,000"
