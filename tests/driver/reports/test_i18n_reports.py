"""The report pages in another language: headings, filters, summaries, chart text, data labels."""

from __future__ import annotations

from driver.extensions import db

from .conftest import at
from .test_pages import spread  # noqa: F401 - the fixture


def speaking(user, language):
    """``user`` with their own language (it wins over the browser's)."""
    user.language = language
    db.session.commit()
    return user


def test_the_report_list_is_in_korean(browser, regions):
    html = browser(speaking(regions.africa, "ko")).get("/reports").get_data(as_text=True)
    assert '<h1 class="h3">보고서</h1>' in html
    assert "진행 단계별 퍼널" in html and "회원 추이" in html
    assert "<strong>아프리카의 도시만</strong>(담당 지역) 집계됩니다." in html


def test_a_korean_reviewer_reads_the_bottleneck_in_korean(browser, regions, spread):  # noqa: F811
    html = (
        browser(speaking(regions.admin, "ko")).get("/reports/time-in-state").get_data(as_text=True)
    )
    assert "가장 오래 머무는 상태는 “제출됨, 심사자 배정 대기”입니다: 중앙값 7일" in html
    assert '<th scope="col" class="text-end">중앙값</th>' in html
    assert "상태별 체류 일수 중앙값: Solution Finder 신청서" in html  # the chart's title


def test_geography_in_french_translates_regions_areas_and_kinds(browser, regions, spread):  # noqa: F811
    html = (
        browser(speaking(regions.reviewer, "fr")).get("/reports/geography").get_data(as_text=True)
    )
    assert "Candidatures et projets par domaine, région et pays" in html
    assert "Afrique" in html and "Tourisme" in html
    assert "Candidatures Solution Finder" in html
    assert "<caption>Nombres par région</caption>" in html


def test_the_geography_summary_agrees_with_the_count_in_russian(browser, regions, spread):  # noqa: F811
    html = (
        browser(speaking(regions.reviewer, "ru")).get("/reports/geography").get_data(as_text=True)
    )
    assert "data-summary>Всего 2 из 2 стран; больше всего — из региона Африка (1)" in html


def test_a_refused_filter_shows_the_korean_page(browser, regions):
    response = browser(speaking(regions.admin, "ko")).get("/reports/funnel?year=1999")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "진입 연도" in html and ">보기</button>" in html


def test_durations_follow_the_language(app):
    from driver.reports.stats import human_duration

    with app.test_request_context(headers={"Accept-Language": "ru"}):
        assert human_duration(at(5).timestamp() - at(0).timestamp()) == "5 дней"
        assert human_duration(90 * 60) == "1,5 часа"  # the Russian decimal comma
