"""Tokens and user accounts."""

from __future__ import annotations

import marshmallow as ma

from driver.api.fields import Id, Text
from driver.auth.models import ROLES
from driver.members.reference import REGIONS


class TokenRequestSchema(ma.Schema):
    email = Text(required=True, max_length=254, metadata={"example": "city@example.org"})
    password = Text(required=True, max_length=256)
    totp = Text(
        max_length=64,
        load_default=None,
        metadata={
            "description": "For accounts with two-factor sign-in: the app's 6-digit code "
            "(or a recovery code)."
        },
    )


class TokenSchema(ma.Schema):
    """A new token: keep it, it is shown only once."""

    token = ma.fields.String(required=True, metadata={"description": "The bearer token."})
    token_type = ma.fields.String(required=True, metadata={"example": "Bearer"})
    expires_at = ma.fields.DateTime(required=True)


class NewUserSchema(ma.Schema):
    email = Text(required=True, max_length=254)
    password = Text(
        required=True,
        max_length=256,
        metadata={
            "description": "8-128 characters (15 or more is better); common passwords and "
            "passwords containing the e-mail address are refused."
        },
    )
    role = ma.fields.String(required=True, validate=ma.validate.OneOf(ROLES))
    name = Text(max_length=120, load_default="")
    member_id = Id(
        allow_none=True,
        load_default=None,
        metadata={"description": "The member organisation (city and provider accounts)."},
    )
    regions = ma.fields.List(
        ma.fields.String(validate=ma.validate.OneOf(REGIONS)),
        load_default=list,
        validate=ma.validate.Length(max=len(REGIONS)),
        metadata={"description": "A reviewer's regions; none means every region."},
    )


class UserSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    email = ma.fields.String(required=True)
    name = ma.fields.String(required=True)
    role = ma.fields.String(required=True, metadata={"enum": list(ROLES)})
    member_id = ma.fields.Integer(required=True, allow_none=True)
    regions = ma.fields.List(ma.fields.String(), required=True)
    active = ma.fields.Boolean(required=True)
    created_at = ma.fields.DateTime(required=True)


class RevokedSchema(ma.Schema):
    revoked = ma.fields.Integer(required=True, metadata={"description": "Tokens ended."})
