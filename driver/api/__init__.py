"""Temporary: replaced by the JSON API work."""

from flask import Flask


def init_api(app: Flask) -> None:
    return None
