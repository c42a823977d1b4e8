"""Dates, durations, numbers and money follow the reader's language."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from flask_babel import force_locale

from driver import formats

MOMENT = datetime(2026, 11, 30, 14, 5)


@pytest.fixture
def in_request(app):
    with app.app_context(), app.test_request_context("/"):
        yield


@pytest.mark.parametrize(
    ("lang", "day", "moment"),
    [
        ("en", "30 Nov 2026", "30 Nov 2026, 14:05 UTC"),
        ("ko", "2026. 11. 30.", "2026. 11. 30. 14:05 UTC"),
        ("es", "30 nov 2026", "30 nov 2026, 14:05 UTC"),
        ("fr", "30 nov. 2026", "30 nov. 2026 à 14:05 UTC"),
        ("ru", "30 нояб. 2026\u202fг.", "30 нояб. 2026\u202fг., 14:05 UTC"),
        ("zh", "2026年11月30日", "2026年11月30日 14:05 UTC"),
    ],
)
def test_dates_and_moments(in_request, lang, day, moment):
    with force_locale(lang):
        assert (formats.format_date(MOMENT), formats.format_datetime(MOMENT)) == (day, moment)


@pytest.mark.parametrize(
    ("lang", "amount"),
    [
        ("en", "USD 1,234,567"),
        ("ko", "USD 1,234,567"),
        ("es", "1.234.567\u00a0USD"),
        ("fr", "1\u202f234\u202f567\u00a0USD"),
        ("ru", "1\u00a0234\u00a0567\u00a0USD"),
        ("zh", "USD 1,234,567"),
    ],
)
def test_money_is_whole_us_dollars_in_the_readers_convention(in_request, lang, amount):
    with force_locale(lang):
        assert formats.money(1_234_567) == amount


def test_money_not_given(in_request):
    with force_locale("fr"):
        assert formats.money(None) == "non renseigné"
    assert formats.money(0) == "USD 0"


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", ("1,234.5", "26%", "25.6%")),
        ("fr", ("1\u202f234,5", "26\u00a0%", "25,6\u00a0%")),
        ("ru", ("1\u00a0234,5", "26\u00a0%", "25,6\u00a0%")),
    ],
)
def test_numbers_and_shares(in_request, lang, expected):
    with force_locale(lang):
        got = (formats.number(1234.5), formats.percent(0.256), formats.percent(0.256, 1))
    assert got == expected


@pytest.mark.parametrize(
    ("lang", "delta", "age", "ago"),
    [
        ("en", timedelta(days=6, hours=23), "6 days", "6 days ago"),
        ("en", timedelta(hours=1, minutes=59), "1 hour", "1 hour ago"),
        ("en", timedelta(seconds=59), "just now", "just now"),
        ("ko", timedelta(days=3), "3일", "3일 전"),
        ("fr", timedelta(minutes=21), "21 minutes", "il y a 21 minutes"),
        ("ru", timedelta(days=2), "2 дня", "2 дня назад"),
        ("zh", timedelta(hours=5), "5小时", "5小时前"),
    ],
)
def test_ages_in_whole_units(in_request, lang, delta, age, ago):
    with force_locale(lang):
        assert formats.age(MOMENT, MOMENT + delta) == age
        assert formats.ago(MOMENT, MOMENT + delta) == ago


def test_outside_a_request_english(app):
    with app.app_context():
        assert (formats.format_date(MOMENT), formats.money(5000)) == ("30 Nov 2026", "USD 5,000")
