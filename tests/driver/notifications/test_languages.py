"""Each recipient reads notices and e-mails in their own language, whoever acted."""

from __future__ import annotations

from flask_babel import get_locale
from sqlalchemy import select

from driver.extensions import db
from driver.notifications.digest import send_digests
from driver.notifications.kinds import get_kind
from driver.notifications.models import Notification, NotificationTemplate
from driver.notifications.services import save_preferences
from driver.notifications.texts import shipped_text

from .test_wording import send


def _notice(user) -> str:
    query = select(Notification.message).where(Notification.user_id == user.id)
    return db.session.scalars(query.order_by(Notification.id.desc())).first()


def test_a_korean_recipient_reads_korean_whoever_acted(cast):
    cast.owner.language = "ko"
    message = send(cast.owner, actor=cast.reviewer)
    assert message.subject == "WeGO에서 “Flood warnings”을(를) 검토하고 있습니다"
    assert "“Flood warnings”" in message.body_text and "검토 중" in message.body_text
    assert "열기: http://driver.test/applications/7" in message.body_text
    assert "받을 메일을 선택하십시오: http://driver.test/account/notifications" in message.body_text
    assert 'lang="ko"' in message.body_html
    assert _notice(cast.owner) == "Flood warnings: 검토 중 (Reviewer: 검토 시작)"


def test_the_actors_own_language_is_untouched(app, cast):
    cast.owner.language = "ko"
    with app.test_request_context("/", headers={"Accept-Language": "fr"}):
        send(cast.owner, actor=cast.reviewer)
        assert str(get_locale()) == "fr"


def test_an_english_recipient_reads_english(cast):
    cast.owner.language = "en"
    message = send(cast.owner, actor=cast.reviewer)
    assert message.subject == "WeGO is reviewing “Flood warnings”"
    assert "Open it: http://driver.test/applications/7" in message.body_text
    assert _notice(cast.owner) == "Flood warnings: Under review (Reviewer: start the review)"


def test_an_automatic_user_reads_the_language_of_their_last_sign_in(cast):
    cast.owner.language, cast.owner.browser_language = "", "es"
    assert send(cast.owner).subject == "WeGO está revisando «Flood warnings»"


def test_an_unsupported_language_reads_english(cast):
    cast.owner.language, cast.owner.browser_language = "ar", "de"
    assert send(cast.owner).subject == "WeGO is reviewing “Flood warnings”"


def test_an_admins_wording_in_the_language_comes_before_the_catalogue(cast):
    db.session.add(
        NotificationTemplate(
            kind="application.start_review", language="ko", subject="검토: {{ title }}", body="."
        )
    )
    db.session.commit()
    cast.owner.language = "ko"
    assert send(cast.owner).subject == "검토: Flood warnings"


def test_the_shipped_wording_comes_from_the_catalogue_only_when_translated(app):
    kind = get_kind("application.start_review")
    assert shipped_text(kind, "en") == kind.shipped("en")
    korean = shipped_text(kind, "ko")
    assert korean.subject == "WeGO에서 “{{ title }}”을(를) 검토하고 있습니다"
    assert shipped_text(get_kind("no.such_kind"), "ko") is None


def test_the_digest_is_in_the_recipients_language(cast, submitted, outbox, t0, hours):
    cast.reviewer.language = "ru"
    save_preferences(cast.reviewer, language="ru", choices={"application.submit": "digest"})
    submitted(2)
    assert send_digests(now=hours(1)) == 1
    digest = outbox()[-1]
    assert digest.to_email == cast.reviewer.email
    assert digest.subject == "Ваша ежедневная сводка: обновлений — 2"
    assert "Открыть: http://driver.test/applications/" in digest.body_text
