"""Forms of the Project Implementer's project pages: the tender, bids, scores, the choice."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateTimeLocalField, RadioField
from wtforms.validators import InputRequired, NumberRange, Optional

from driver.implementer.forms import (
    DATETIME_FORMAT,
    VersionedForm,
    files_field,
    money_field,
    text_field,
    wall_clock,
)
from driver.implementer.models import Bid, ImplementerProject
from driver.implementer.services.bids import BidInput
from driver.implementer.services.projects import TenderInput
from driver.main.fields import WholeNumberField


class TenderForm(VersionedForm):
    """The consultant tender: terms of reference, deadline, QCBS weights."""

    tender_terms = text_field(
        _l("Terms of reference"),
        _l("What the consultant is to study and pilot. Needed to open it."),
        rows=8,
    )
    tender_deadline = DateTimeLocalField(
        _l("Deadline for bids"), format=DATETIME_FORMAT, validators=[Optional()]
    )
    technical_weight = WholeNumberField(
        _l("Technical weight (%)"),
        validators=[
            InputRequired(message=_l("Give the technical weight.")),
            NumberRange(0, 100),
        ],
        invalid=_l("Enter a whole number from 0 to 100."),
        description=_l(
            "Quality's share of the combined score; cost gets the rest (default 80/20)."
        ),
    )

    @classmethod
    def for_project(cls, project: ImplementerProject) -> TenderForm:
        return cls(
            formdata=None,
            data={
                "tender_terms": project.tender_terms,
                "tender_deadline": wall_clock(project.tender_deadline, project.call.timezone),
                "technical_weight": project.technical_weight,
                "version": str(project.version),
            },
        )

    def to_input(self) -> TenderInput:
        return TenderInput(
            tender_terms=(self.tender_terms.data or "").strip(),
            tender_deadline=self.tender_deadline.data,
            technical_weight=self.technical_weight.data,
        )


class BidForm(VersionedForm):
    """A provider's bid; sealed until the tender's deadline."""

    technical_proposal = text_field(
        _l("Technical proposal"), _l("Your approach to the study and the pilot."), rows=8
    )
    price_usd = money_field(
        _l("Price (USD)"), _l("Your total price. Nobody sees it before the deadline.")
    )
    team = text_field(
        _l("Team"), _l("Who does the work, with their experience."), rows=4, limit=5_000
    )
    timeline = text_field(_l("Timeline"), _l("The main milestones."), rows=3, limit=5_000)
    files = files_field(_l("Documents"), _l("Your technical proposal as a file, CVs…"))

    @classmethod
    def for_bid(cls, bid: Bid) -> BidForm:
        data = {name: getattr(bid, name) for name in BidInput.__dataclass_fields__}
        return cls(formdata=None, data={**data, "version": str(bid.version)})

    def to_input(self) -> BidInput:
        return BidInput(
            technical_proposal=(self.technical_proposal.data or "").strip(),
            price_usd=self.price_usd.data,
            team=(self.team.data or "").strip(),
            timeline=(self.timeline.data or "").strip(),
        )


class BidScoreForm(FlaskForm):
    """A reviewer's technical score of a bid."""

    score = WholeNumberField(
        _l("Technical score (0-100)"),
        validators=[
            InputRequired(message=_l("Give a score.")),
            NumberRange(0, 100, _l("From 0 to 100.")),
        ],
        invalid=_l("Enter a whole number from 0 to 100."),
    )
    comment = text_field(_l("Comment"), rows=3, limit=5_000)


class SelectConsultantForm(VersionedForm):
    """The admin's choice of the consultant among the scored bids."""

    bid_id = RadioField(_l("Bid to award"), coerce=str, validate_choice=False)
    comment = text_field(_l("Note to the bidders (optional)"), rows=3, limit=10_000)
