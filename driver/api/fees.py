"""`/api/v1/membership-fee`: the annual membership fee calculator."""

from __future__ import annotations

from typing import Any

from driver.api.base import Blueprint
from driver.api.schemas.members import FeeQuerySchema, FeeSchema
from driver.members.fees import annual_fee_usd

blp = Blueprint(
    "api_fees",
    __name__,
    url_prefix="/api/v1/membership-fee",
    tag="Membership fee",
    description="WeGO's annual membership fee rules.",
)


@blp.route("")
@blp.arguments(FeeQuerySchema, location="query")
@blp.response(200, FeeSchema)
@blp.errors(401)
def calculate(query: dict[str, Any]) -> dict[str, Any]:
    """Calculate the annual fee

    Local governments: `gdp_per_capita` (USD, PPP) and `population` (in
    people, not thousands). Corporations and institutions: `employees`
    (USD 2,000 with more than 50, USD 1,000 otherwise).
    """
    fee = annual_fee_usd(
        query["category"],
        gdp_per_capita=query.get("gdp_per_capita"),
        population=query.get("population"),
        employees=query.get("employees"),
    )
    return {"annual_fee_usd": fee}
