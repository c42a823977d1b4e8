"""Solution Finder and matchmaking pages in other languages: labels, errors, flashes, reasons."""

from __future__ import annotations

import html
import re

from driver.extensions import db


def visible(response) -> str:
    page = re.sub(r"<svg.*?</svg>", " ", response.get_data(as_text=True), flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def speaking(user, language):
    """``user``, whose own language (which wins over the browser's) is now ``language``."""
    user.language = language
    db.session.commit()
    return user


def test_the_application_form_speaks_korean(browser, people):
    page = visible(browser(speaking(people.owner, "ko")).get("/applications/new"))
    assert "새 Solution Finder 신청서" in page
    assert "문제와 관련된 분야" in page  # a field label
    assert "A new Solution Finder application" not in page


def test_a_field_error_of_the_application_form_is_in_korean(browser, people):
    response = browser(speaking(people.owner, "ko")).post(
        "/applications/new", {"title": "Sirens", "budget_usd": "-5", "action": "draft"}
    )
    assert response.status_code == 422
    assert "예산은 음수일 수 없습니다." in visible(response)


def test_the_done_flash_follows_the_users_language(browser, people, app_in):
    app = app_in("submitted", match_state=None)
    visitor = browser(speaking(people.reviewer, "fr"))
    response = visitor.post(f"/applications/{app.id}/transitions/start_review", {})
    page = visible(visitor.get(response.headers["Location"]))
    assert "C'est fait : commencer l'examen." in page


def test_a_workflow_comment_that_is_required_is_refused_in_french(browser, people, app_in):
    app = app_in("in_review")
    response = browser(speaking(people.reviewer, "fr")).post(
        f"/applications/{app.id}/transitions/request_clarification", {"comment": " "}
    )
    assert response.status_code == 422
    page = visible(response)
    assert "Poser une question à la ville" in page  # the transition's label
    assert "Votre question à la ville : ce champ est obligatoire." in page


def test_the_review_queue_and_its_filters_speak_korean(browser, people, app_in):
    app_in("submitted", match_state=None)
    page = visible(browser(speaking(people.reviewer, "ko")).get("/review"))
    assert "필터 적용" in page and "모든 지역" in page
    assert "제출 후 대기 기간" in page


def test_suggestions_show_terms_and_reasons_in_french(browser, people, app_in):
    app = app_in("matchmaking", match_state=None)
    page = visible(
        browser(speaking(people.reviewer, "fr")).get(f"/applications/{app.id}/suggestions")
    )
    assert "Fournisseurs suggérés" in page
    assert "Couverture des domaines" in page
    assert "Aucun projet terminé pour l'instant : point de départ neutre." in page


def test_the_english_reason_stays_for_machines():
    from driver.matchmaking.scoring import Need, Offer, track_record_fit

    need = Need(areas=frozenset(), country="Korea", region="Asia-Pacific", languages=frozenset())
    offer = Offer(1, "P", frozenset(), frozenset(), frozenset(), frozenset(), False)
    offer_rated = Offer(
        1,
        "P",
        frozenset(),
        frozenset(),
        frozenset(),
        frozenset(),
        False,
        ratings_sum=8.0,
        ratings_count=2,
    )
    assert track_record_fit(need, offer)[1] == "No finished project yet: a neutral start."
    assert track_record_fit(need, offer_rated)[1] == "Rated 3.5/5 over 2 finished project(s)."


def test_a_providers_offers_speak_korean(browser, people, app_in):
    app_in("matchmaking", match_state="proposed")
    page = visible(browser(speaking(people.provider_user, "ko")).get("/offers"))
    assert "받은 제안" in page and "응답 대기 중 (1)" in page
