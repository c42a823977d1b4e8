"""The column headings of every export, by key: the one place to translate them.

Flask-Babel is not in the project yet; when it comes, ``heading`` is the only
function to wrap in ``gettext``.
"""

from __future__ import annotations

HEADINGS = {
    "id": "ID",
    "name": "Name",
    "title": "Title",
    "member": "Member",
    "city": "City",
    "category": "Category",
    "sub_category": "Sub-category",
    "country": "Country",
    "region": "Region",
    "regional_office": "Regional office",
    "status": "Status",
    "state": "State",
    "population": "Population",
    "gdp_per_capita_ppp": "GDP per capita (PPP, USD)",
    "employees": "Employees",
    "joined_on": "Joined on",
    "left_on": "Left on",
    "annual_fee_usd": "Annual fee (USD)",
    "fee_rule": "Fee rule",
    "areas": "Areas",
    "stage": "Stage",
    "step": "Step",
    "period": "Period",
    "budget_band": "Budget band",
    "published_at": "Published at",
    "submitted_at": "Submitted at",
    "updated_at": "Last change",
    "state_changed_at": "In this state since",
    "assignee": "Assigned to",
    "call": "Call",
    "budget_usd": "Budget (USD)",
    "rank": "Rank",
    "weighted_mean": "Weighted mean (0-5)",
    "spread": "Spread between reviewers",
    "scored_by": "Reviewers who scored",
    "not_scored_by": "Reviewers who have not scored",
    "conflicts": "Declared conflicts of interest",
    "provider": "Provider",
    "price_usd": "Price (USD)",
    "technical_score": "Technical score (0-100)",
    "financial_score": "Financial score (0-100)",
    "combined_score": "Combined score",
    "summary": "Summary",
    "url": "Link",
}


def heading(key: str) -> str:
    """The heading of the column ``key`` in the user's language (English for now)."""
    return HEADINGS.get(key, key.replace("_", " ").capitalize())
