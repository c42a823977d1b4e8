"""Forms of the Project Implementer pages: calls, proposals, reviews, uploads (and helpers)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import cache
from typing import Any

from flask_babel import format_number, gettext
from flask_babel import lazy_gettext as _l
from flask_babel.speaklater import LazyString
from flask_wtf import FlaskForm
from werkzeug.datastructures import FileStorage
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    MultipleFileField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import AnyOf, InputRequired, Length, NumberRange, Optional

from driver.implementer import uploads
from driver.implementer.models import Call, Proposal
from driver.implementer.services.calls import MAX_CRITERIA, CallInput
from driver.implementer.services.proposals import ProposalInput
from driver.implementer.times import DEFAULT_TIMEZONE, timezones, to_local
from driver.main.fields import MultiCheckboxField, WholeNumberField, choices, parse_version
from driver.members.reference import AREAS
from workflows.implementer.call import MAX_BENEFICIARIES

LONG = 20_000
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


Text = str | LazyString


def money_field(label: Text, description: Text) -> WholeNumberField:
    return WholeNumberField(
        label,
        validators=[
            Optional(),
            NumberRange(min=0, message=_l("The amount cannot be negative.")),
            NumberRange(max=2_000_000_000, message=_l("Enter an amount below USD 2,000,000,000.")),
        ],
        invalid=_l("Enter a whole number of US dollars, for example 100000."),
        description=description,
        render_kw={"inputmode": "numeric", "autocomplete": "off"},
    )


def keep_under(limit: int) -> LazyString:
    """ "Keep it under N characters.", in the language of the request that shows it."""
    return LazyString(
        lambda: gettext("Keep it under %(limit)s characters.", limit=format_number(limit))
    )


def text_field(
    label: Text, description: Text = "", *, rows: int = 4, limit: int = LONG
) -> TextAreaField:
    return TextAreaField(
        label,
        validators=[Length(max=limit, message=keep_under(limit))],
        description=description,
        render_kw={"rows": rows},
    )


def files_field(label: Text, description: Text) -> MultipleFileField:
    """``description`` introduces the list of the allowed types (it ends with a colon)."""
    return MultipleFileField(
        label,
        description=_l(
            "%(intro)s %(types)s; each up to the size limit.",
            intro=description,
            types=_l(uploads.ALLOWED_WORDS),
        ),
        render_kw={"accept": uploads.ACCEPT},
    )


def read_files(field: Any) -> list[uploads.Upload]:
    """The checked uploads of a file field (Invalid, on the field, for the first bad one)."""
    found = []
    for item in field.data or []:
        if isinstance(item, FileStorage) and item.filename:
            found.append(uploads.inspect(item.filename, item.stream, field=field.name))
    return found


class VersionedForm(FlaskForm):
    version = HiddenField()

    def expected_version(self) -> int | None:
        return parse_version(self.version.data)


# -- calls ---------------------------------------------------------------------------------


class CriterionForm(Form):
    """One criterion of the rubric (a row of the call form)."""

    name = StringField(_l("Criterion"), validators=[Length(max=200, message=keep_under(200))])
    weight = WholeNumberField(
        _l("Weight"),
        validators=[Optional(), NumberRange(min=0, max=100, message=_l("From 0 to 100."))],
        invalid=_l("Enter a whole number from 0 to 100."),
        render_kw={"inputmode": "numeric"},
    )


class CallForm(VersionedForm):
    """A call for proposals, its times in the call's time zone, and its rubric."""

    title = StringField(
        _l("Title"),
        validators=[
            InputRequired(message=_l("Give the call a title.")),
            Length(max=200, message=_l("Keep the title under 200 characters.")),
        ],
    )
    theme = text_field(
        _l("Theme"), _l("What this year's projects should be about."), rows=3, limit=5_000
    )
    budget_usd = money_field(
        _l("Budget of each project (USD)"), _l("WeGO's funding for each beneficiary.")
    )
    beneficiaries = SelectField(
        _l("Beneficiary cities"),
        choices=choices([(str(n), str(n)) for n in range(1, MAX_BENEFICIARIES + 1)]),
        default="1",
        validators=[AnyOf([str(n) for n in range(1, MAX_BENEFICIARIES + 1)])],
        description=_l("How many cities the call selects."),
    )
    timezone = SelectField(
        _l("Time zone"),
        default=DEFAULT_TIMEZONE,
        validate_choice=False,
        validators=[AnyOf(timezones(), message=_l("Choose a time zone from the list."))],
        description=_l("The opening and closing times are read, and shown, in this zone."),
    )
    opens_at = DateTimeLocalField(
        _l("Opens at"),
        format=DATETIME_FORMAT,
        validators=[Optional()],
        description=_l("Local time in the call's zone."),
    )
    closes_at = DateTimeLocalField(
        _l("Closes at"),
        format=DATETIME_FORMAT,
        validators=[Optional()],
        description=_l("Local time in the call's zone. Nothing is accepted from this moment on."),
    )
    criteria = FieldList(FormField(CriterionForm), min_entries=1, max_entries=MAX_CRITERIA)

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self.timezone.choices = choices((z, z) for z in timezones())

    @classmethod
    def blank(cls, rows: Iterable[tuple[str, int]]) -> CallForm:
        form = cls(formdata=None, data={"criteria": _rows(rows)})
        return form

    @classmethod
    def for_call(cls, call: Call) -> CallForm:
        return cls(
            formdata=None,
            data={
                "title": call.title,
                "theme": call.theme,
                "budget_usd": call.budget_usd,
                "beneficiaries": str(call.beneficiaries),
                "timezone": call.timezone,
                "opens_at": wall_clock(call.opens_at, call.timezone),
                "closes_at": wall_clock(call.closes_at, call.timezone),
                "criteria": _rows((c.name, c.weight) for c in call.criteria),
                "version": str(call.version),
            },
        )

    def to_input(self) -> CallInput:
        return CallInput(
            title=(self.title.data or "").strip(),
            theme=(self.theme.data or "").strip(),
            budget_usd=self.budget_usd.data,
            beneficiaries=int(self.beneficiaries.data or 1),
            opens_at=self.opens_at.data,
            closes_at=self.closes_at.data,
            timezone=self.timezone.data or DEFAULT_TIMEZONE,
            criteria=tuple(
                ((row["name"] or "").strip(), row["weight"] or 0)
                for row in self.criteria.data
                if (row["name"] or "").strip()
            ),
        )


def _rows(rows: Iterable[tuple[str, int]], spare: int = 2) -> list[dict[str, Any]]:
    listed = [{"name": n, "weight": w} for n, w in rows]
    room = max(0, min(spare, MAX_CRITERIA - len(listed)))
    return listed + [{"name": "", "weight": None}] * room


def wall_clock(moment: datetime | None, tz: str) -> datetime | None:
    local = to_local(moment, tz)
    return local.replace(tzinfo=None) if local else None


# -- proposals -----------------------------------------------------------------------------


class ProposalForm(VersionedForm):
    """A city's proposal; every field may stay empty in a draft."""

    title = StringField(
        _l("Title"),
        validators=[Length(max=200, message=_l("Keep the title under 200 characters."))],
        description=_l("A short name for the project. Needed to submit."),
    )
    problem = text_field(
        _l("The problem"), _l("What the city faces, who is affected. Needed to submit."), rows=6
    )
    objectives = text_field(
        _l("Objectives"), _l("What the project sets out to achieve. Needed to submit.")
    )
    areas = MultiCheckboxField(_l("Areas"), choices=choices((k, _l(v)) for k, v in AREAS))
    expected_outcomes = text_field(
        _l("Expected outcomes"), _l("What will be better, and how you will see it.")
    )
    requested_usd = money_field(
        _l("Funding requested from WeGO (USD)"), _l("At most the call's budget per project.")
    )
    cofunding_cash_usd = money_field(
        _l("Co-funding in cash (USD)"), _l("What the city itself puts in.")
    )
    cofunding_kind = text_field(
        _l("Co-funding in kind"),
        _l("Staff, offices, data, transport… State co-funding in cash or in kind to submit."),
        rows=3,
        limit=5_000,
    )
    local_team = text_field(
        _l("Local team"),
        _l("Who supports the consultants locally. Needed to submit."),
        rows=3,
        limit=5_000,
    )
    timeline = text_field(
        _l("Timeline"), _l("The main milestones. Needed to submit."), rows=3, limit=5_000
    )
    files = files_field(_l("Attachments"), _l("Add files now or later while it is a draft:"))

    @classmethod
    def for_proposal(cls, p: Proposal) -> ProposalForm:
        data = {name: getattr(p, name) for name in ProposalInput.__dataclass_fields__}
        data.update(areas=p.area_slugs, version=str(p.version))
        return cls(formdata=None, data=data)

    def to_input(self) -> ProposalInput:
        text = {
            name: (getattr(self, name).data or "").strip()
            for name in (
                "title",
                "problem",
                "objectives",
                "expected_outcomes",
                "cofunding_kind",
                "local_team",
                "timeline",
            )
        }
        return ProposalInput(
            **text,
            areas=tuple(self.areas.data or ()),
            requested_usd=self.requested_usd.data,
            cofunding_cash_usd=self.cofunding_cash_usd.data,
        )


SCORE_CHOICES = [("", _l("Choose a score")), *((str(n), str(n)) for n in range(6))]


class ReviewFormBase(FlaskForm):
    """A reviewer's review of a proposal; the criteria's fields are added per call."""

    conflict_of_interest = BooleanField(
        _l("I have a conflict of interest with this proposal"),
        description=_l("If so, you do not score it, and any scores you gave are removed."),
    )
    conflict_note = text_field(_l("About the conflict (optional)"), rows=2, limit=5_000)
    criterion_ids: tuple[int, ...] = ()

    def scores(self) -> dict[int, tuple[int | None, str]]:
        out = {}
        for cid in self.criterion_ids:
            raw = self[f"score_{cid}"].data
            out[cid] = (
                int(raw) if raw not in (None, "") else None,
                self[f"comment_{cid}"].data or "",
            )
        return out


@cache
def _review_class(criteria: tuple[tuple[int, str, int], ...]) -> type[ReviewFormBase]:
    fields: dict[str, Any] = {"criterion_ids": tuple(cid for cid, _, _ in criteria)}
    for cid, name, weight in criteria:
        fields[f"score_{cid}"] = SelectField(
            _l("%(name)s (weight %(weight)s)", name=name, weight=weight),
            choices=choices(SCORE_CHOICES),
            default="",
            validate_choice=False,
            validators=[AnyOf(["", *map(str, range(6))], message=_l("A score is from 0 to 5."))],
            description=_l(
                "0 not addressed · 1 weak · 2 fair · 3 good · 4 very good · 5 excellent."
            ),
        )
        fields[f"comment_{cid}"] = text_field(
            _l("Comment on “%(name)s”", name=name), rows=2, limit=5_000
        )
    return type("ReviewForm", (ReviewFormBase,), fields)


def review_form(call: Call, review: Any = None, *, from_request: bool = False) -> ReviewFormBase:
    """The review form of ``call``'s rubric, filled with ``review`` unless reading a request."""
    cls = _review_class(tuple((c.id, c.name, c.weight) for c in call.criteria))
    if from_request:
        return cls()
    data: dict[str, Any] = {}
    if review is not None:
        data.update(
            conflict_of_interest=review.conflict_of_interest, conflict_note=review.conflict_note
        )
        for s in review.scores:
            data[f"score_{s.criterion_id}"] = str(s.score)
            data[f"comment_{s.criterion_id}"] = s.comment
    return cls(formdata=None, data=data)


class UploadForm(FlaskForm):
    """Add documents to a proposal, project or bid."""

    kind = SelectField(_l("Kind of document"), validate_choice=False)
    files = files_field(_l("Files"), _l("Choose one or more files:"))
