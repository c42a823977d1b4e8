"""Reminders of the Project Implementer: unscored proposals, tenders about to close."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from driver.extensions import db
from driver.i18n import N_
from driver.implementer.bindings import PROJECT_BINDING, PROPOSAL_BINDING
from driver.implementer.models import ImplementerProject
from driver.notifications import reminders

reminders.register(
    reminders.StateWait(
        name="proposal_unscored",
        label=N_("Eligible proposal still waiting for scores"),
        binding=PROPOSAL_BINDING,
        states=("eligible",),
        audiences=("reviewers",),
        subject=N_("Reminder: “{{ title }}” waits for your scores"),
        body=N_(
            "Hello {{ recipient }},\n\nThe Project Implementer proposal “{{ title }}” was "
            "found eligible {{ days }} days ago and waits for the reviewers' scores before "
            "WeGO can shortlist and select beneficiaries."
        ),
    )
)


@dataclass(frozen=True)
class TenderClosingSoon(reminders.ReminderRule):
    """Open tenders whose deadline is within ``days``: verified providers hear it once."""

    name: str = "tender_deadline_soon"
    label: str = N_("Tender deadline in 3 days")
    subject: str = N_("Reminder: bids for “{{ title }}” close soon")
    body: str = N_(
        "Hello {{ recipient }},\n\nThe consultant tender “{{ title }}” closes in three days "
        "or less. Bids sent after the deadline are not accepted."
    )
    days: int = 3

    def waiting(self, now: datetime, after: timedelta) -> Iterable[reminders.Waiting]:
        stmt = select(ImplementerProject).where(
            ImplementerProject.state == "consultant_procurement",
            ImplementerProject.tender_deadline > now,
            ImplementerProject.tender_deadline <= now + timedelta(days=self.days),
        )
        for project in db.session.scalars(stmt.order_by(ImplementerProject.id)):
            # Keyed by the deadline: one reminder per deadline, again if it is moved.
            yield reminders.Waiting(
                PROJECT_BINDING, project, project.tender_deadline, ("providers",)
            )


reminders.register(TenderClosingSoon())
