"""The self-assessment in other languages: questions, answer levels, charts, errors and flashes."""

from __future__ import annotations

from driver.activator.models import Assessment
from driver.activator.question_texts import QUESTION_TEXTS
from driver.activator.questions import DIMENSIONS, LEVEL_TEXTS, question_bank
from driver.db import utcnow
from driver.extensions import db
from driver.members.reference import AREAS


def test_every_area_has_one_question_per_dimension():
    assert set(QUESTION_TEXTS) == {slug for slug, _ in AREAS}
    assert all(len(texts) == len(DIMENSIONS) for texts in QUESTION_TEXTS.values())
    assert set(LEVEL_TEXTS) == set(DIMENSIONS)
    assert len({q.text for q in question_bank()}) == len(AREAS) * len(DIMENSIONS)


def test_a_korean_city_reads_the_questions_in_korean(browser, make_user, assess):
    city = make_user("city", language="ko")
    assessment = assess(city)
    html = (
        browser(city)
        .get(f"/activator/assessments/{assessment.id}/areas/water-management")
        .get_data(as_text=True)
    )
    assert "시는 상수도 공급, 배수, 홍수 방지에 관한 전략을 수립하고" in html
    assert "0 · 검토되지 않음: 아직 이 분야의 전략이나 전담 부서가 없습니다." in html
    assert "모름" in html and "전략 및 거버넌스" in html
    assert "3 · 확산" in html  # a target stage, in the stages' Korean names
    assert "Has the city set a strategy" not in html


def test_a_bad_target_is_refused_in_french(browser, make_user, assess):
    city = make_user("city", language="fr")
    assessment = assess(city)
    b = browser(city)
    url = f"/activator/assessments/{assessment.id}/areas/water-management"
    b.get(url)
    response = b.post(url, {"target_stage": "9", "priority": "2"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Choisissez un stade de 1 à 5." in html
    assert "La ville a-t-elle défini une stratégie pour l'alimentation en eau" in html


def test_saving_an_area_flashes_in_spanish(browser, make_user, assess):
    city = make_user("city", language="es")
    assessment = assess(city)
    b = browser(city)
    url = f"/activator/assessments/{assessment.id}/areas/tourism"
    b.get(url)
    b.post(url, {"strategy": "1", "priority": "2", "version": str(assessment.version)})
    html = b.get(f"/activator/assessments/{assessment.id}").get_data(as_text=True)
    assert "Se han guardado sus respuestas de Turismo." in html
    assert "Marcar la evaluación como completa" in html


def test_completing_too_early_is_refused_in_russian(browser, make_user, assess):
    city = make_user("city", language="ru")
    assessment = assess(city, {"tourism": [1, 1, 1, 1]})
    b = browser(city)
    b.get(f"/activator/assessments/{assessment.id}")
    b.post(f"/activator/assessments/{assessment.id}/complete", {"version": str(assessment.version)})
    html = b.get(f"/activator/assessments/{assessment.id}").get_data(as_text=True)
    assert "92 вопроса всё ещё без ответа" in html
    db.session.expire_all()
    assert db.session.get(Assessment, assessment.id).completed_at is None


def test_the_results_and_radar_in_chinese(browser, make_user, assess):
    city = make_user("city", language="zh")
    assessment = assess(
        city, {"water-management": [2, 2, 2, 2]}, goals={"water-management": (4, 3)}
    )
    html = (
        browser(city).get(f"/activator/assessments/{assessment.id}/results").get_data(as_text=True)
    )
    assert "各领域阶段" in html and "优先行动领域" in html
    assert '<text x="32" y="502">当前阶段</text>' in html  # the radar's legend
    assert "第3阶段 → 目标第4阶段：差距为 1，优先级为高（权重 3）。" in html


def test_the_index_and_its_chart_in_korean(browser, make_user, assess):
    city = make_user("city", language="ko")
    assess(city, {"water-management": [1, 1, 1, 1]}, year=utcnow().year - 1)
    html = browser(city).get("/activator").get_data(as_text=True)
    assert "연도별 발전 추이" in html and "연도별 종합 점수" in html
    assert "진단 시작" in html and "도시 인구" in html


def test_english_stays_english(browser, make_user, assess):
    city = make_user("city")
    assessment = assess(city)
    html = (
        browser(city)
        .get(f"/activator/assessments/{assessment.id}/areas/tourism")
        .get_data(as_text=True)
    )
    assert "Has the city set a strategy for tourism and services for visitors" in html
    assert "0 · Not considered: No strategy or lead unit for this area yet." in html


def test_the_application_prefill_is_in_the_users_language(browser, make_user, assess):
    city = make_user("city", language="es")
    assessment = assess(
        city, {"water-management": [2, 2, 2, 2]}, goals={"water-management": (4, 3)}
    )
    html = (
        browser(city)
        .get(f"/applications/new?area=water-management&assessment={assessment.id}")
        .get_data(as_text=True)
    )
    assert "se encuentra en la etapa 3 (" in html and "en Gestión del agua." in html
    assert "Nuestro objetivo es la etapa 4 (" in html
    assert "El reto al que nos enfrentamos:" in html
