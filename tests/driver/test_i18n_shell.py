"""The page shell, sign-in, account, catalogue and error pages in the reader's language."""

from __future__ import annotations

from driver.auth.models import User
from driver.catalogue import services as catalogue
from driver.catalogue.services import SolutionInput
from driver.main.diagrams import render_svg_cached
from workflows.plan_exchange import PROJECT

KO = {"Accept-Language": "ko-KR,ko;q=0.9"}
FR = {"Accept-Language": "fr-FR,fr;q=0.9"}


def _text(response) -> str:
    return response.get_data(as_text=True)


def test_the_sign_in_page_follows_the_browser(client):
    page = _text(client.get("/login", headers=KO))
    assert '<html lang="ko">' in page
    assert "Smart City Driver 로그인" in page  # the heading
    assert "본문으로 건너뛰기" in page  # the skip link of the shell
    assert "세계스마트지속가능도시기구(WeGO)" in page  # the footer
    assert '<label class="form-label fw-semibold" for="password">비밀번호</label>' in page


def test_english_stays_english(client):
    page = _text(client.get("/login"))
    assert '<html lang="en">' in page
    assert "Sign in to the Smart City Driver" in page
    assert "Skip to main content" in page


def test_a_wrong_password_and_an_empty_field_in_french(browser, make_user):
    user = make_user("city")
    b = browser()
    token = b.csrf_token()
    wrong = b.client.post(
        "/login",
        data={"csrf_token": token, "email": user.email, "password": "not-the-one"},
        headers=FR,
    )
    assert "L&#39;adresse e-mail ou le mot de passe est incorrect." in _text(wrong)
    empty = _text(b.client.post("/login", data={"csrf_token": token, "email": ""}, headers=FR))
    assert "Veuillez corriger les points suivants :" in empty  # the error summary
    assert "Ce champ est requis." in empty  # WTForms' own message, in French too


def test_a_korean_user_changes_a_password_in_korean(browser, make_user):
    user: User = make_user("city", language="ko")
    b = browser(user)
    page = _text(b.get("/account"))
    assert "내 계정" in page and "비밀번호 변경" in page
    refused = b.post(
        "/account",
        {"current_password": "wrong", "new_password": "short", "confirm_password": "other"},
    )
    assert refused.status_code == 422
    page = _text(refused)
    assert "두 비밀번호가 일치하지 않습니다." in page  # a form validator
    b2 = b.post(
        "/account",
        {"current_password": "wrong", "new_password": "short", "confirm_password": "short"},
    )
    page = _text(b2)
    assert "현재 비밀번호가 아닙니다." in page  # the service's refusal
    assert "8자 이상 입력하십시오." in page  # a password rule


def test_signing_out_flashes_in_the_users_language(browser, make_user):
    b = browser(make_user("reviewer", language="fr"))
    b.post("/logout")
    page = _text(b.get("/login"))
    assert "Vous êtes déconnecté." in page


def test_a_provider_adds_a_solution_in_spanish(browser, make_user, make_provider):
    user = make_user("provider", member=make_provider(), language="es")
    b = browser(user)
    form = _text(b.get("/solutions/new"))
    assert "Añadir una solución" in form and "Menos de 50 000 USD" in form
    refused = b.post("/solutions/new", {"name": "", "stage_min": "1", "stage_max": "5"})
    assert refused.status_code == 422
    page = _text(refused)
    assert "Dé un nombre a la solución." in page and "Elija al menos un ámbito." in page
    saved = b.post(
        "/solutions/new",
        {
            "name": "Leak finder",
            "areas": "water-management",
            "stage_min": "1",
            "stage_max": "3",
            "cost_band": "under_50k",
        },
        follow_redirects=True,
    )
    page = _text(saved)
    assert "La solución se ha guardado. WeGO la verificará antes de recomendarla." in page
    assert "Aún no verificada" in page and "Menos de 50 000 USD" in page
    assert "Leak finder" in page  # what the provider typed stays as typed


def test_the_catalogue_list_in_korean(browser, make_user, make_provider):
    provider = make_user("provider", member=make_provider())
    catalogue.create_solution(provider, SolutionInput(name="Leak finder", areas=("tourism",)))
    page = _text(browser(make_user("reviewer", language="ko")).get("/solutions"))
    assert "솔루션 카탈로그" in page and "검증 대기 중" in page  # heading and a filter choice
    assert "아직 아님" in page  # the verified column


def test_error_pages_are_translated_and_the_api_stays_english(client, browser, make_user):
    missing = client.get("/solutions/2147483647", headers=KO)
    assert missing.status_code in {302, 404}
    page = _text(browser(make_user("city", language="ru")).get("/solutions/2147483647"))
    assert "Не найдено" in page
    assert "Здесь ничего нет, или у вас нет к этому доступа." in page
    api = client.get("/api/v1/no-such-thing", headers=KO)
    assert api.status_code == 404
    assert api.get_json()["title"] == "Not Found"


def test_the_diagram_is_drawn_in_each_language(app):
    with app.app_context(), app.test_request_context("/", headers=KO):
        korean = str(render_svg_cached(PROJECT, "draft", staff=True))
    with app.app_context(), app.test_request_context("/"):
        english = str(render_svg_cached(PROJECT, "draft", staff=True))
    assert "plan_project 워크플로" in korean and "● 현재" in korean
    assert "The plan_project workflow" in english and "● current" in english
