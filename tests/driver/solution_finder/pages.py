"""What the Solution Finder page tests share: reading a page, a fresh row, a full form."""

from __future__ import annotations

import re

from driver.extensions import db
from driver.solution_finder.models import Application


def text(response) -> str:
    return response.get_data(as_text=True)


def visible(response) -> str:
    """The page's text without tags, attributes, the inline SVG or the error summary's links."""
    html = re.sub(r"<svg.*?</svg>", " ", text(response), flags=re.S)
    html = re.sub(r"<[^>]+>", " ", html)
    return re.sub(r"\s+", " ", html)


def fresh(application: Application) -> Application:
    db.session.expire_all()
    return db.session.get(Application, application.id)


FULL = {
    "title": "Flood warnings for the river district",
    "description": "Floods hit the market twice a year.",
    "expected_outcomes": "Traders warned an hour ahead.",
    "areas": ["water-management", "disaster-risk-management"],
    "budget_usd": "250,000",
    "city_stage": "2",
    "languages": ["en", "ko"],
}
