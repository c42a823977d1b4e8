"""The notification pages and the e-mail texts' catalogue entries in other languages."""

from __future__ import annotations

from flask_babel import gettext, refresh

from driver.extensions import db
from driver.notifications.wording import SHIPPED

from .test_preferences import form_data


def test_the_settings_page_is_in_korean(browser, cast):
    cast.owner.language = "ko"
    db.session.commit()
    html = browser(cast.owner).get("/account/notifications").get_data(as_text=True)
    assert '<h1 class="h3 mb-2">알림 설정</h1>' in html
    assert "즉시 이메일로 받기" in html  # a delivery choice
    assert "Solution Finder" in html and "검토 시작" in html  # a kind's label


def test_saving_the_settings_flashes_in_french(browser, cast):
    cast.owner.language = "fr"
    db.session.commit()
    visitor = browser(cast.owner)
    visitor.get("/account/notifications")
    response = visitor.post("/account/notifications", form_data("fr"), follow_redirects=True)
    assert "Vos paramètres de notification sont enregistrés." in response.get_data(as_text=True)


def test_a_refused_choice_keeps_the_korean_page(browser, cast):
    cast.owner.language = "ko"
    db.session.commit()
    visitor = browser(cast.owner)
    visitor.get("/account/notifications")
    response = visitor.post(
        "/account/notifications", form_data("ko", kind__application__start_review="hourly")
    )
    assert response.status_code == 422
    assert "설정 저장" in response.get_data(as_text=True)


def test_mark_all_read_flashes_in_korean(browser, cast):
    cast.owner.language = "ko"
    db.session.commit()
    response = browser(cast.owner).post("/notifications/read", follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "모든 알림을 읽음으로 표시했습니다." in html and "알림이 없습니다." in html


def test_every_shipped_text_has_a_catalogue_entry(app):
    """The lead looks the English subject and body up in the recipient's catalogue."""
    with app.test_request_context(headers={"Accept-Language": "es"}):
        refresh()
        for subject, body in SHIPPED.values():
            assert gettext(subject) != subject or subject == "{{ title }}: {{ status }}"
            assert gettext(body).startswith("Hola, {{ recipient }}:\n\n")
