"""The Project Implementer pages, one module per object, on one blueprint."""

from driver.implementer import reminders  # noqa: F401 - registers its reminder rules
from driver.implementer.views import bids, calls, documents, projects, proposals  # noqa: F401
from driver.implementer.views.common import bp

__all__ = ["bp"]
