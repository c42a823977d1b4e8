"""The landing page, dashboards, provider pages, members page and Plan Exchange in other languages.

These read the compiled catalogues: build them first (the lead rebuilds the committed ones).
"""

from __future__ import annotations

import pytest


@pytest.fixture
def make_project(make_user):
    """A Plan Exchange project, published unless told otherwise."""
    from driver import transitions
    from driver.plan_exchange import services

    def make(owner, *, title="Smart water meters", published=True):
        project = services.create_project(
            owner,
            services.ProjectInput(
                title=title,
                summary="Meters in every home report leaks.",
                areas=("water-management",),
                period_start=2019,
                stage=3,
                stakeholders=(("City water utility", "executes"),),
            ),
        )
        if published:
            transitions.fire(services.BINDING, project.id, "submit", owner)
            transitions.fire(services.BINDING, project.id, "publish", make_user("reviewer"))
        return project

    return make


def test_the_landing_page_follows_the_browser(browser):
    html = browser().get("/", headers={"Accept-Language": "ko"}).get_data(as_text=True)
    assert "세 가지 구성, 하나의 여정" in html
    assert "<strong>도시</strong>는 신청서를 제출하고" in html
    assert "Three parts, one journey" not in html


def test_a_city_dashboard_in_the_users_language(browser, make_user, make_application):
    city = make_user("city", language="fr")
    make_application(city, state="draft", title="Capteurs de crue")
    html = browser(city).get("/dashboard").get_data(as_text=True)
    assert "En attente de votre part" in html
    assert "Terminez le brouillon et soumettez-le" in html
    assert "Commencer une nouvelle candidature" in html
    assert "Capteurs de crue" in html  # what the city typed stays as it is


def test_the_staff_dashboard_counts_in_plural_forms(browser, make_user, make_application, app):
    reviewer = make_user("reviewer", language="ru")
    city = make_user("city")
    for n in range(2):
        make_application(city, state="submitted", title=f"Заявка {n}")
    app.config["STALE_MATCH_DAYS"] = 3
    try:
        html = browser(reviewer).get("/dashboard").get_data(as_text=True)
    finally:
        app.config.pop("STALE_MATCH_DAYS")
    assert "Панель рассмотрения" in html
    assert "из 2 отправленных заявок" in html
    assert "Предложения без ответа дольше 3 дней" in html


def test_a_provider_dashboard_and_profile(browser, make_user, make_provider):
    provider = make_provider(verified=False)
    user = make_user("provider", member=provider, language="es")
    b = browser(user)
    html = b.get("/dashboard").get_data(as_text=True)
    assert "Su perfil todavía no está verificado." in html
    assert "Ninguna oferta espera su respuesta." in html
    html = b.get(f"/providers/{provider.id}").get_data(as_text=True)
    assert "Dónde y cómo trabaja" in html
    assert "Not verified yet" not in html


def test_the_public_members_page_in_chinese(browser, make_member):
    make_member(name="Suwon")
    html = browser().get("/members", headers={"Accept-Language": "zh-CN,zh"}).get_data(as_text=True)
    assert "按地区划分的会员" in html
    assert "地方政府" in html
    assert "Suwon" in html


def test_plan_exchange_search_in_russian(browser, make_user, make_project):
    city = make_user("city")
    make_project(city, title="Умные счётчики")
    make_project(city, title="Умные фонари")
    html = browser().get("/plan-exchange", headers={"Accept-Language": "ru"}).get_data(as_text=True)
    assert "2 проекта" in html
    assert "Любой этап" in html  # a form choice
    assert "этап 3" in html and "с 2019 г." in html  # the list: stage and period


def test_a_project_form_error_and_flash_in_korean(browser, make_user):
    city = make_user("city", language="ko")
    b = browser(city)
    b.get("/plan-exchange/new")
    response = b.post("/plan-exchange/new", {"title": "수원 스마트 가로등", "period_start": "1800"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "1990년부터 2100년 사이의 연도를 입력하십시오." in html
    assert "시작 연도" in html  # a field label
    response = b.post(
        "/plan-exchange/new",
        {"title": "수원 스마트 가로등", "period_start": "2020", "period_end": "2018"},
    )
    assert "프로젝트 종료 연도는 시작 연도보다 앞설 수 없습니다." in response.get_data(as_text=True)
    response = b.post("/plan-exchange/new", {"title": "수원 스마트 가로등", "action": "draft"})
    assert response.status_code == 302
    html = b.get(response.headers["Location"]).get_data(as_text=True)
    assert "프로젝트가 초안으로 저장되었습니다." in html
    assert "프로젝트 정보" in html


def test_english_stays_as_it_was(browser, make_user, make_project):
    city = make_user("city")
    project = make_project(city, published=False)
    b = browser(city)
    html = b.get(f"/plan-exchange/{project.id}").get_data(as_text=True)
    assert "A project of " in html and "since 2019" in html and "Executes" in html
    html = b.get("/plan-exchange/mine").get_data(as_text=True)
    assert "Your city's projects in Plan Exchange" in html
