"""Template filters and globals: dates, numbers and money per locale; step bars, diagrams."""

from __future__ import annotations

from flask import Flask
from flask_login import current_user

from driver import formats


def register(app: Flask) -> None:
    from driver.notifications.services import unread_count

    app.jinja_env.filters.update(
        date=formats.format_date,
        datetime=formats.format_datetime,
        age=formats.age,
        ago=formats.ago,
        number=formats.number,
        percent=formats.percent,
        money=formats.money,
    )

    from driver.main import diagrams, language, step_bar

    app.jinja_env.globals.update(
        workflow_svg=diagrams.render_svg_cached,
        workflow_states=diagrams.state_rows,
        step_progress=step_bar.step_progress,
        language_switcher=language.switcher,
    )

    @app.context_processor
    def _globals() -> dict:
        def unread_notifications() -> int:
            return unread_count(current_user) if current_user.is_authenticated else 0

        return {"unread_notifications": unread_notifications}
