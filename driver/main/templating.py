"""Template filters and globals: dates, ages, state labels, step bars and diagrams."""

from __future__ import annotations

from datetime import datetime

from flask import Flask
from flask_login import current_user

from driver.db import utcnow


def format_datetime(value: datetime | None, fmt: str = "%d %b %Y, %H:%M UTC") -> str:
    return value.strftime(fmt) if value else ""


def format_date(value: datetime | None) -> str:
    return value.strftime("%d %b %Y") if value else ""


def age(value: datetime | None, now: datetime | None = None) -> str:
    """How long ago ``value`` was, in words: "3 days", "5 hours", "just now"."""
    if value is None:
        return ""
    seconds = int(((now or utcnow()) - value).total_seconds())
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            n = seconds // size
            return f"{n} {unit}{'s' if n != 1 else ''}"
    return "just now"


def money(value: int | None) -> str:
    return f"USD {value:,}" if value is not None else "not given"


def register(app: Flask) -> None:
    from driver.notifications.services import unread_count

    app.jinja_env.filters.update(datetime=format_datetime, date=format_date, age=age, money=money)

    from driver.main import diagrams, step_bar

    app.jinja_env.globals.update(
        workflow_svg=diagrams.render_svg_cached,
        workflow_states=diagrams.state_rows,
        step_progress=step_bar.step_progress,
    )

    @app.context_processor
    def _globals() -> dict:
        def unread_notifications() -> int:
            return unread_count(current_user) if current_user.is_authenticated else 0

        return {"unread_notifications": unread_notifications}
