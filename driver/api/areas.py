"""`/api/v1/areas`: the 16 Smart City Driver areas."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from driver.api import present
from driver.api.base import Blueprint
from driver.api.paging import PageQuery, page_of, paged_query
from driver.api.schemas.members import AreaSchema
from driver.members.models import Area

blp = Blueprint(
    "api_areas", __name__, url_prefix="/api/v1/areas", tag="Areas", description="The 16 areas."
)


@blp.route("")
@blp.arguments(PageQuery, location="query")
@blp.response(200, page_of(AreaSchema))
@blp.errors(401)
def index(query: dict[str, Any]) -> dict[str, Any]:
    """List the areas"""
    return paged_query(select(Area).order_by(Area.id), query, present.area)
