"""Dates, durations, numbers and money in the reader's language (Babel's CLDR data).

English follows British conventions ("30 Nov 2026", 24-hour clock), as WeGO's
international English does; the other languages their own (``2026. 11. 30.``,
``30 нояб. 2026 г.``). Amounts are US dollars with the ISO code, so no reader
mistakes them for a local dollar, and whole: ``USD 5,000``, ``5 000 USD``.
Times are UTC and say so.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from babel import Locale, dates, numbers, units
from flask_babel import get_locale
from flask_babel import gettext as _

from driver.db import utcnow

# The locale whose formats an English page uses (parsed once: every date asks for it).
ENGLISH_FORMATS = Locale.parse("en_GB")


def formats_locale() -> Locale:
    """The locale of the request (English by British conventions); English outside one."""
    locale = get_locale()
    if locale is None or locale.language == "en":
        return ENGLISH_FORMATS
    return locale


def format_date(value: datetime | None) -> str:
    """A day: ``30 Nov 2026``, ``2026. 11. 30.``, ``2026年11月30日``."""
    return dates.format_date(value, "medium", locale=formats_locale()) if value else ""


def format_datetime(value: datetime | None) -> str:
    """A moment, in UTC on the 24-hour clock: ``30 Nov 2026, 14:05 UTC``."""
    if not value:
        return ""
    locale = formats_locale()
    return _(
        "%(date)s, %(time)s UTC",
        date=dates.format_date(value, "medium", locale=locale),
        time=dates.format_time(value, "HH:mm", locale=locale),
    )


# The units a duration is told in, largest first, with their length in seconds.
_UNITS = (("duration-day", 86400), ("duration-hour", 3600), ("duration-minute", 60))


def age(value: datetime | None, now: datetime | None = None) -> str:
    """How long ago ``value`` was, in whole units: ``3 days``, ``5 hours``, ``just now``."""
    if value is None:
        return ""
    seconds = int(((now or utcnow()) - value).total_seconds())
    for unit, size in _UNITS:
        if seconds >= size:
            return units.format_unit(seconds // size, unit, locale=formats_locale())
    return _("just now")


def ago(value: datetime | None, now: datetime | None = None) -> str:
    """``3 days ago``, ``3일 전``, ``il y a 3 jours``; ``just now`` under a minute."""
    if value is None:
        return ""
    seconds = int(((now or utcnow()) - value).total_seconds())
    if seconds < 60:
        return _("just now")
    return _("%(age)s ago", age=age(value, now))


def number(value: float | int | None, digits: int | None = None) -> str:
    """A number with the reader's grouping and decimal sign: ``1,234.5``, ``1 234,5``."""
    if value is None:
        return ""
    if not isinstance(value, int | float | Decimal):
        value = float(value)  # a Fraction (scores), as the nearest float
    if digits is None:
        return numbers.format_decimal(value, locale=formats_locale())
    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    return numbers.format_decimal(value, pattern, locale=formats_locale())


def percent(value: float | None, digits: int = 0) -> str:
    """A share (0.25) as a percentage: ``25%``, ``25 %``, ``25 %`` (narrow space in French)."""
    if value is None:
        return ""
    locale = formats_locale()
    pattern = locale.percent_formats[None].pattern.split(";")[0]
    if digits:
        pattern = pattern.replace("#,##0", "#,##0." + "0" * digits, 1)
    return numbers.format_percent(value, pattern, locale=locale)


def money(value: int | None) -> str:
    """A whole amount of US dollars in the reader's convention: ``USD 5,000``, ``5 000 USD``."""
    if value is None:
        return _("not given")
    locale = formats_locale()
    pattern = locale.currency_formats["standard"].pattern.split(";")[0]
    pattern = pattern.replace(".00", "").replace("\u00a4", "\u00a4\u00a4")
    if pattern.startswith("\u00a4\u00a4") and not pattern.startswith("\u00a4\u00a4 "):
        pattern = pattern.replace("\u00a4\u00a4", "\u00a4\u00a4 ", 1)
    return numbers.format_currency(
        value, "USD", pattern, locale=locale, currency_digits=False, group_separator=True
    )
