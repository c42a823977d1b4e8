"""Tenders, bids and projects in other languages: pages, form errors, flashes, refusals.

These read the compiled catalogues in ``driver/translations``.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from driver.db import utcnow
from driver.errors import Conflict
from driver.extensions import db
from driver.implementer.services import bids
from driver.implementer.services.bids import BidInput


def _html(response) -> str:
    return response.get_data(as_text=True)


def _speaking(user, language: str):
    """``user``, whose own language (it beats the browser's) is now ``language``."""
    user.language = language
    db.session.commit()
    return user


def test_a_provider_reads_its_tenders_in_korean(pi, make_project, browser):
    make_project("consultant_procurement", title="Smart signals")
    html = _html(browser(_speaking(pi.rival_user, "ko")).get("/implementer/tenders"))
    assert "컨설턴트 입찰 공고" in html
    assert "입찰 준비" in html
    assert "Smart signals" in html  # what people typed stays as it is


def test_a_saved_draft_bid_is_told_in_spanish(pi, make_project, browser):
    project = make_project("consultant_procurement")
    b = browser(_speaking(pi.rival_user, "es"))
    response = b.post(
        f"/implementer/projects/{project.id}/bids/new",
        {"technical_proposal": "Plan", "price_usd": "1000", "action": "draft"},
        follow_redirects=True,
    )
    html = _html(response)
    assert "Se ha guardado el borrador de su oferta. Nadie más puede verlo." in html
    assert "Oferta de Rival Partners" in html


def test_the_bid_form_explains_its_errors_in_french(pi, make_project, browser):
    project = make_project("consultant_procurement")
    response = browser(_speaking(pi.rival_user, "fr")).post(
        f"/implementer/projects/{project.id}/bids/new",
        {"technical_proposal": "Plan", "price_usd": "a lot", "action": "draft"},
    )
    html = _html(response)
    assert response.status_code == 422
    assert "Prix (USD)" in html
    assert "Enregistrer le brouillon" in html


def test_a_score_out_of_range_is_refused_in_french(pi, make_project, make_bid, browser):
    project = make_project("consultant_procurement", deadline=utcnow() - timedelta(minutes=1))
    bid = make_bid(project, pi.consultant_user)
    response = browser(_speaking(pi.reviewer, "fr")).post(
        f"/implementer/bids/{bid.id}/score", {"score": "150"}, follow_redirects=True
    )
    html = _html(response)
    assert "De 0 à 100." in html
    assert "Notes techniques" in html


@pytest.mark.parametrize(
    ("count", "sentence"), [(1, "Получена 1 заявка."), (2, "Получены 2 заявки.")]
)
def test_the_sealed_bid_count_agrees_in_russian(
    pi, make_project, make_bid, browser, count, sentence
):
    project = make_project("consultant_procurement")
    for user in (pi.consultant_user, pi.rival_user)[:count]:
        make_bid(project, user)
    html = _html(browser(_speaking(pi.admin, "ru")).get(f"/implementer/projects/{project.id}"))
    assert sentence in html
    assert "Заявки остаются запечатанными до окончания срока" in html


def test_the_tender_form_error_is_in_korean(pi, make_project, browser):
    project = make_project("preparation")
    response = browser(_speaking(pi.admin, "ko")).post(
        f"/implementer/projects/{project.id}/tender",
        {"tender_terms": "Terms", "technical_weight": "", "version": str(project.version)},
    )
    html = _html(response)
    assert "기술 가중치를 입력하십시오." in html
    assert "입찰 공고 저장" in html


def test_a_refusal_of_the_bid_service_is_in_the_users_language(app, pi, make_project, make_bid):
    project = make_project("consultant_procurement")
    bid = make_bid(project, pi.consultant_user, state="submitted")
    context = app.test_request_context("/", headers={"Accept-Language": "zh"})
    with context, pytest.raises(Conflict) as refused:
        bids.update_bid(pi.consultant_user, bid.id, BidInput(technical_proposal="New"))
    assert refused.value.detail.startswith("已提交的投标")
