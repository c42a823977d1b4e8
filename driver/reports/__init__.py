"""The Secretariat's reports: pipelines, bottlenecks, geography, matchmaking, the network."""

from flask import Blueprint

bp = Blueprint("reports", __name__, url_prefix="/reports")
