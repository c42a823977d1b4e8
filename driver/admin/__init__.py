"""The Secretariat's pages: accounts, e-mail wording, the outbox."""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")

from driver.admin import emails, members, security, views  # noqa: E402, F401 - their routes join the blueprint
