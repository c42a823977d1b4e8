"""Calls, proposals and reviews in the user's language: pages, form errors, flashes, refusals.

These need the compiled catalogues (``driver/translations``).
"""

from __future__ import annotations

import io

from driver.extensions import db

from .conftest import EXE
from .test_views import proposal_form


def speaks(user, language: str):
    user.language = language
    db.session.commit()
    return user


def test_a_call_page_in_korean(pi, make_call, browser):
    call = make_call()
    html = (
        browser(speaks(pi.owner, "ko")).get(f"/implementer/calls/{call.id}").get_data(as_text=True)
    )
    assert ("공모 개요" in html, "제안서 작성" in html, "제안서 채점 방식" in html) == (
        True,
        True,
        True,
    )


def test_an_anonymous_browser_language_is_not_enough_to_see_a_call(make_call, browser):
    call = make_call()
    response = browser().get(f"/implementer/calls/{call.id}", headers={"Accept-Language": "ko"})
    assert response.status_code == 302


def test_a_proposal_form_error_in_french(pi, make_call, browser):
    call = make_call()
    response = browser(speaks(pi.owner, "fr")).post(
        f"/implementer/calls/{call.id}/proposals/new",
        proposal_form(action="draft", requested_usd="beaucoup"),
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Saisissez un nombre entier de dollars américains" in html
    assert "Financement demandé à WeGO (USD)" in html


def test_a_refused_file_is_explained_in_spanish(pi, make_call, browser):
    call = make_call()
    response = browser(speaks(pi.owner, "es")).post(
        f"/implementer/calls/{call.id}/proposals/new",
        {**proposal_form(action="draft"), "files": (io.BytesIO(EXE), "budget.pdf")},
        content_type="multipart/form-data",
    )
    assert "a juzgar por su contenido" in response.get_data(as_text=True)


def test_saving_a_draft_flashes_in_korean(pi, make_call, browser):
    call = make_call()
    b = browser(speaks(pi.owner, "ko"))
    response = b.post(
        f"/implementer/calls/{call.id}/proposals/new",
        proposal_form(action="draft"),
        follow_redirects=True,
    )
    html = response.get_data(as_text=True)
    assert "초안이 저장되었습니다." in html
    assert "첨부 파일" in html


def test_the_review_form_and_its_flash_in_french(pi, make_proposal, browser):
    proposal = make_proposal("eligible")
    b = browser(speaks(pi.reviewer, "fr"))
    page = b.get(f"/implementer/proposals/{proposal.id}/review").get_data(as_text=True)
    assert "(pondération 20)" in page and "Enregistrer votre examen" in page
    data = {f"score_{c.id}": "4" for c in proposal.call.criteria}
    done = b.post(f"/implementer/proposals/{proposal.id}/review", data, follow_redirects=True)
    assert "Vos notes sont enregistrées." in done.get_data(as_text=True)


def test_a_missing_score_is_refused_in_russian(pi, make_proposal, browser):
    proposal = make_proposal("eligible")
    response = browser(speaks(pi.reviewer, "ru")).post(
        f"/implementer/proposals/{proposal.id}/review", {}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Оцените «Sustainability after the project» от 0 до 5." in html
    assert "(вес 20)" in html


def test_the_ranking_in_chinese(pi, make_proposal, browser):
    proposal = make_proposal("eligible")
    html = (
        browser(speaks(pi.reviewer, "zh"))
        .get(f"/implementer/calls/{proposal.call.id}/ranking")
        .get_data(as_text=True)
    )
    assert "提案排名" in html and "加权平均分（0-5）" in html
