"""Areas, members, provider profiles and the membership fee."""

from __future__ import annotations

from typing import Any

import marshmallow as ma

from driver.api.fields import Count, Text
from driver.api.paging import PageQuery
from driver.members.fees import CATEGORIES as FEE_CATEGORIES
from driver.members.reference import (
    AREAS,
    CATEGORIES,
    LANGUAGES,
    MEMBER_STATUSES,
    REGIONAL_OFFICES,
    REGIONS,
    SUB_CATEGORIES,
)

AREA_SLUGS = [slug for slug, _ in AREAS]


class AreaSchema(ma.Schema):
    slug = ma.fields.String(required=True, metadata={"example": "water-management"})
    name = ma.fields.String(required=True, metadata={"example": "Water Management"})


class MemberQuerySchema(PageQuery):
    category = ma.fields.String(validate=ma.validate.OneOf(list(CATEGORIES)))
    region = ma.fields.String(validate=ma.validate.OneOf(REGIONS))
    country = Text(max_length=100, metadata={"description": "Exact country (any case)."})
    q = Text(max_length=200, metadata={"description": "Part of the name."})


SUB_CATEGORY_KEYS = [key for subs in SUB_CATEGORIES.values() for key in subs]


class RegistryFactsSchema(ma.Schema):
    """The membership facts only an admin sets (and sees)."""

    sub_category = ma.fields.String(
        allow_none=True,
        validate=ma.validate.OneOf(SUB_CATEGORY_KEYS),
        metadata={"description": "One of the category's sub-categories."},
    )
    regional_office = ma.fields.String(
        allow_none=True, validate=ma.validate.OneOf(list(REGIONAL_OFFICES))
    )
    status = ma.fields.String(validate=ma.validate.OneOf(list(MEMBER_STATUSES)))
    population = Count(allow_none=True, metadata={"description": "Local governments: people."})
    gdp_per_capita_ppp = ma.fields.Decimal(
        allow_none=True,
        allow_nan=False,
        places=2,
        metadata={
            "description": "Local governments: USD per person at PPP, 0 to 9,999,999,999.99."
        },
    )
    employees = Count(allow_none=True, metadata={"description": "Corporations, institutions."})
    joined_on = ma.fields.Date(allow_none=True)
    left_on = ma.fields.Date(
        allow_none=True, metadata={"description": "Required when lapsed or suspended."}
    )


class NewMemberSchema(RegistryFactsSchema):
    name = Text(required=True, min_length=1, max_length=200)
    category = ma.fields.String(required=True, validate=ma.validate.OneOf(list(CATEGORIES)))
    country = Text(required=True, min_length=1, max_length=100)
    region = ma.fields.String(
        validate=ma.validate.OneOf(REGIONS),
        metadata={"description": "Derived from the country when not given."},
    )


class MemberPatchSchema(RegistryFactsSchema):
    """Only the fields sent are changed (admin)."""

    name = Text(min_length=1, max_length=200)
    category = ma.fields.String(validate=ma.validate.OneOf(list(CATEGORIES)))
    country = Text(min_length=1, max_length=100)
    region = ma.fields.String(
        allow_none=True,
        validate=ma.validate.OneOf(REGIONS),
        metadata={"description": "Derived from the country when null or left out."},
    )


class MemberSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)
    category = ma.fields.String(required=True, metadata={"enum": list(CATEGORIES)})
    country = ma.fields.String(required=True)
    region = ma.fields.String(required=True)
    status = ma.fields.String(required=True)
    is_provider = ma.fields.Boolean(required=True)
    # Registry facts: sent to admins only.
    sub_category = ma.fields.String(allow_none=True, metadata={"description": "Admins only."})
    regional_office = ma.fields.String(allow_none=True, metadata={"description": "Admins only."})
    population = ma.fields.Integer(allow_none=True, metadata={"description": "Admins only."})
    gdp_per_capita_ppp = ma.fields.String(allow_none=True, metadata={"description": "Admins only."})
    employees = ma.fields.Integer(allow_none=True, metadata={"description": "Admins only."})
    joined_on = ma.fields.Date(allow_none=True, metadata={"description": "Admins only."})
    left_on = ma.fields.Date(allow_none=True, metadata={"description": "Admins only."})
    annual_fee_usd = ma.fields.Integer(allow_none=True, metadata={"description": "Admins only."})
    fee_rule = ma.fields.String(metadata={"description": "Admins only: how the fee is worked out."})


def slug_list(**kwargs: Any) -> ma.fields.List:
    return ma.fields.List(
        Text(max_length=60), validate=ma.validate.Length(max=len(AREA_SLUGS)), **kwargs
    )


def language_list(**kwargs: Any) -> ma.fields.List:
    return ma.fields.List(
        ma.fields.String(validate=ma.validate.OneOf(list(LANGUAGES))),
        validate=ma.validate.Length(max=len(LANGUAGES)),
        metadata={"description": "Language codes: " + ", ".join(LANGUAGES) + "."},
        **kwargs,
    )


class ProviderProfileSchema(ma.Schema):
    member_id = ma.fields.Integer(required=True)
    name = ma.fields.String(required=True)
    category = ma.fields.String(required=True)
    country = ma.fields.String(required=True)
    region = ma.fields.String(required=True)
    summary = ma.fields.String(required=True)
    areas = ma.fields.List(ma.fields.String(), required=True)
    countries = ma.fields.List(ma.fields.String(), required=True)
    regions = ma.fields.List(ma.fields.String(), required=True)
    languages = ma.fields.List(ma.fields.String(), required=True)
    remote_capable = ma.fields.Boolean(required=True)
    verified = ma.fields.Boolean(required=True)
    stage_min = ma.fields.Integer(required=True)
    stage_max = ma.fields.Integer(required=True)
    budget_min_usd = ma.fields.Integer(required=True, allow_none=True)
    budget_max_usd = ma.fields.Integer(required=True, allow_none=True)


class ProviderProfilePatchSchema(ma.Schema):
    """Only the fields sent are changed; only an admin may send `verified`."""

    summary = Text(max_length=5000)
    areas = slug_list(metadata={"description": "Area slugs (see /api/v1/areas)."})
    countries = ma.fields.List(
        Text(min_length=1, max_length=100), validate=ma.validate.Length(max=250)
    )
    regions = ma.fields.List(
        ma.fields.String(validate=ma.validate.OneOf(REGIONS)),
        validate=ma.validate.Length(max=len(REGIONS)),
    )
    languages = language_list()
    remote_capable = ma.fields.Boolean()
    verified = ma.fields.Boolean(metadata={"description": "Admins only."})
    stage_min = Count(minimum=1, maximum=5)
    stage_max = Count(minimum=1, maximum=5)
    budget_min_usd = Count(allow_none=True)
    budget_max_usd = Count(allow_none=True)


class FeeQuerySchema(ma.Schema):
    category = ma.fields.String(required=True, validate=ma.validate.OneOf(FEE_CATEGORIES))
    gdp_per_capita = ma.fields.Float(
        allow_nan=False,
        validate=ma.validate.Range(min=0),
        metadata={"description": "USD per person (PPP); local governments only."},
    )
    population = ma.fields.Integer(
        validate=ma.validate.Range(min=0),
        metadata={"description": "People (not thousands); local governments only."},
    )
    employees = ma.fields.Integer(
        validate=ma.validate.Range(min=0),
        metadata={"description": "Corporations and institutions only."},
    )


class FeeSchema(ma.Schema):
    annual_fee_usd = ma.fields.Integer(required=True)
