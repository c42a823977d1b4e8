"""The one way lists are paged: `?page=&page_size=` in, `{items, page, page_size, total, pages}`
out, in a stable order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import marshmallow as ma
from flask import Flask, current_app
from sqlalchemy import Select, func, select

from driver.api.fields import MAX_ID
from driver.extensions import db

DEFAULT_PAGE_SIZE = 25


class PageSize(ma.fields.Integer):
    """The page size, bounded by the API_MAX_PAGE_SIZE setting of the running app."""

    def _validate(self, value: Any) -> None:
        super()._validate(value)
        largest = current_app.config["API_MAX_PAGE_SIZE"]
        if not 1 <= value <= largest:
            raise ma.ValidationError(f"Ask for 1 to {largest} items a page.")


class PageQuery(ma.Schema):
    """`?page=&page_size=`: every list is paged the same way."""

    page = ma.fields.Integer(
        load_default=1,
        validate=ma.validate.Range(min=1, max=MAX_ID),
        metadata={"description": "The page to return, from 1."},
    )
    page_size = PageSize(
        load_default=DEFAULT_PAGE_SIZE,
        metadata={"description": "How many items a page holds."},
    )


class PageSchema(ma.Schema):
    """A page of a list: its items, in a stable order, and where it stands."""

    page = ma.fields.Integer(required=True)
    page_size = ma.fields.Integer(required=True)
    total = ma.fields.Integer(required=True, metadata={"description": "Items in the whole list."})
    pages = ma.fields.Integer(required=True, metadata={"description": "Pages in the whole list."})


_page_schemas: dict[str, type[ma.Schema]] = {}


def page_of(item_schema: type[ma.Schema]) -> type[ma.Schema]:
    """The page schema whose `items` are `item_schema` (one class per item schema)."""
    name = item_schema.__name__.removesuffix("Schema") + "PageSchema"
    if name not in _page_schemas:
        _page_schemas[name] = type(
            name,
            (PageSchema,),
            {
                "items": ma.fields.List(ma.fields.Nested(item_schema), required=True),
                "__doc__": f"A page of {item_schema.__name__.removesuffix('Schema')} items.",
            },
        )
    return _page_schemas[name]


def page_size_documented(app: Flask) -> Callable[..., dict[str, Any]]:
    """An apispec attribute function that documents this app's largest page size."""

    def attributes(converter: Any, field: ma.fields.Field, **_: Any) -> dict[str, Any]:
        if isinstance(field, PageSize):
            return {"minimum": 1, "maximum": app.config["API_MAX_PAGE_SIZE"]}
        return {}

    return attributes


def paged_query(
    stmt: Select,
    query: Mapping[str, Any],
    present: Callable[[Any], Any] = lambda x: x,
    *,
    options: Sequence[Any] = (),
    present_page: Callable[[list[Any]], list[Any]] | None = None,
) -> dict[str, Any]:
    """One page of `stmt` (already in a stable order) with the counts around it.

    `options` (eager loads) apply to the page's rows, not to the count;
    `present_page` presents the whole page at once (to batch what rows share).
    """
    page, size = query["page"], query["page_size"]
    total = db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    rows = db.session.scalars(stmt.options(*options).offset((page - 1) * size).limit(size)).all()
    items = present_page(list(rows)) if present_page else [present(r) for r in rows]
    return page_response(items, page, size, total or 0)


def paged_list(items: Iterable[Any], query: Mapping[str, Any]) -> dict[str, Any]:
    """One page of a list already in memory (short, ranked lists)."""
    items = list(items)
    page, size = query["page"], query["page_size"]
    return page_response(items[(page - 1) * size : page * size], page, size, len(items))


def page_response(items: list[Any], page: int, size: int, total: int) -> dict[str, Any]:
    return {
        "items": items,
        "page": page,
        "page_size": size,
        "total": total,
        "pages": (total + size - 1) // size,
    }
