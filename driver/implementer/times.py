"""Time zones of calls: the admin writes local times in the call's IANA zone; UTC is stored."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from babel.dates import format_date, format_datetime
from flask_babel import get_locale
from flask_babel import gettext as _

from driver.errors import Invalid

DEFAULT_TIMEZONE = "Asia/Seoul"  # the Secretariat's


@cache
def timezones() -> tuple[str, ...]:
    """Every IANA zone name (from the tzdata package where the system has none), sorted."""
    return tuple(sorted(z for z in available_timezones() if "/" in z or z == "UTC"))


def zone(name: str, *, field: str = "timezone") -> ZoneInfo:
    """The zone called ``name``; Invalid when there is none."""
    try:
        if name not in timezones():
            raise ZoneInfoNotFoundError(name)
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise Invalid(
            _("“%(name)s” is not a time zone.", name=name),
            errors={field: [_("Choose a time zone.")]},
        ) from None


def local_to_utc(local: datetime, tz: str, *, field: str) -> datetime:
    """The UTC moment of a wall-clock time in ``tz``.

    A time the clocks skip (a daylight-saving gap) is refused; a time they pass
    twice means its first occurrence.
    """
    if local.tzinfo is not None:
        return local.astimezone(UTC)
    zone_info = zone(tz)
    aware = local.replace(tzinfo=zone_info, fold=0)
    back = aware.astimezone(UTC).astimezone(zone_info)
    if back.replace(tzinfo=None) != local:
        message = _(
            "%(time)s does not exist in %(zone)s: the clocks change then.",
            time=_clock(local, separator=" "),
            zone=tz,
        )
        raise Invalid(message, errors={field: [message]})
    return aware.astimezone(UTC)


def to_local(moment: datetime | None, tz: str) -> datetime | None:
    """``moment`` on the wall clock of ``tz``."""
    if moment is None:
        return None
    try:
        return moment.astimezone(ZoneInfo(tz))
    except (ZoneInfoNotFoundError, ValueError):
        return moment.astimezone(UTC)


def describe(moment: datetime | None, tz: str) -> str:
    """``moment`` for people: local time with its zone, and UTC beside it."""
    local = to_local(moment, tz)
    if moment is None or local is None:
        return _("not set")
    offset = local.strftime("%z")
    offset = f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"
    utc = moment.astimezone(UTC)
    return f"{_clock(local)} {tz} ({offset}) · {_clock(utc)} UTC"


def _clock(moment: datetime, *, separator: str = ", ") -> str:
    """``moment`` on its own clock, as the language of the request writes dates.

    English keeps "05 Mar 2026, 14:00"; other languages their own medium date.
    """
    locale = get_locale() or "en"
    if str(locale) == "en":
        return format_datetime(moment, f"dd MMM yyyy'{separator}'HH:mm", locale="en")
    day = format_date(moment, "medium", locale=locale)
    return f"{day}{separator}{format_datetime(moment, 'HH:mm', locale=locale)}"
