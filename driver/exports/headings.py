"""The column headings of every export, by key: the one place to translate them.

Each heading is marked with ``N_`` for extraction and translated into the
request's language by ``heading`` (English outside a request).
"""

from __future__ import annotations

from flask_babel import gettext

from driver.i18n import N_

HEADINGS = {
    "id": N_("ID"),
    "name": N_("Name"),
    "title": N_("Title"),
    "member": N_("Member"),
    "city": N_("City"),
    "category": N_("Category"),
    "sub_category": N_("Sub-category"),
    "country": N_("Country"),
    "region": N_("Region"),
    "regional_office": N_("Regional office"),
    "status": N_("Status"),
    "state": N_("State"),
    "population": N_("Population"),
    "gdp_per_capita_ppp": N_("GDP per capita (PPP, USD)"),
    "employees": N_("Employees"),
    "joined_on": N_("Joined on"),
    "left_on": N_("Left on"),
    "annual_fee_usd": N_("Annual fee (USD)"),
    "fee_rule": N_("Fee rule"),
    "areas": N_("Areas"),
    "stage": N_("Stage"),
    "step": N_("Step"),
    "period": N_("Period"),
    "budget_band": N_("Budget band"),
    "published_at": N_("Published at"),
    "submitted_at": N_("Submitted at"),
    "updated_at": N_("Last change"),
    "state_changed_at": N_("In this state since"),
    "assignee": N_("Assigned to"),
    "call": N_("Call"),
    "budget_usd": N_("Budget (USD)"),
    "rank": N_("Rank"),
    "weighted_mean": N_("Weighted mean (0-5)"),
    "spread": N_("Spread between reviewers"),
    "scored_by": N_("Reviewers who scored"),
    "not_scored_by": N_("Reviewers who have not scored"),
    "conflicts": N_("Declared conflicts of interest"),
    "provider": N_("Provider"),
    "price_usd": N_("Price (USD)"),
    "technical_score": N_("Technical score (0-100)"),
    "financial_score": N_("Financial score (0-100)"),
    "combined_score": N_("Combined score"),
    "summary": N_("Summary"),
    "url": N_("Link"),
}


def heading(key: str) -> str:
    """The heading of the column ``key`` in the user's language."""
    if key in HEADINGS:
        return gettext(HEADINGS[key])
    return key.replace("_", " ").capitalize()
