"""The registry's CSV import: check every row, preview the change, apply exactly that change.

Nothing is written while checking. ``apply_import`` checks the file again
against the database as it is now and refuses unless the digest of that plan
equals the digest of the preview the admin confirmed, so a registry changed
in between (or a different file) is never applied blindly; a single bad row
means nothing is written.
"""

from __future__ import annotations

import csv
import hashlib
import json
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import func, select

from driver.auth.models import User
from driver.db import utcnow
from driver.errors import Conflict, Invalid
from driver.extensions import db
from driver.i18n import N_
from driver.members.facts import (
    FACT_FIELDS,
    MemberFacts,
    changes_between,
    check_facts,
    facts_of,
    plain,
)
from driver.members.models import Member
from driver.members.reference import (
    CATEGORIES,
    MEMBER_STATUSES,
    REGIONAL_OFFICES,
    SUB_CATEGORIES,
)
from driver.members.registry import apply_facts

REQUIRED_COLUMNS = ("name", "country", "category")
COLUMNS = FACT_FIELDS  # name, category, country, region, sub_category, … left_on
MAX_ROWS = 5_000
MAX_BYTES = 2 * 1024 * 1024


def column_help() -> dict[str, str]:
    """What each column of an import file holds, in the reader's language."""
    subs = "; ".join(f"{c}: {', '.join(s)}" for c, s in SUB_CATEGORIES.items())
    return {
        "name": _(
            "The organisation's name (required). With the country it finds an existing member."
        ),
        "category": _("local_government, corporation or institution (or its label)."),
        "country": _("The country (required)."),
        "region": _("Empty: taken from the country. Needed for a country no member is in yet."),
        "sub_category": _("One of the category's: %(choices)s", choices=subs),
        "regional_office": _("Empty or one of: %(choices)s.", choices=", ".join(REGIONAL_OFFICES)),
        "status": _("active (the default), lapsed or suspended."),
        "population": _("Local governments: people, a whole number."),
        "gdp_per_capita_ppp": _("Local governments: USD per person at PPP, e.g. 23500.50."),
        "employees": _("Corporations and institutions: a whole number."),
        "joined_on": _("YYYY-MM-DD, not in the future."),
        "left_on": _("YYYY-MM-DD; required when lapsed or suspended, empty when active."),
    }


@dataclass(frozen=True)
class RowError:
    line: int  # the line in the file (the header is line 1)
    message: str


@dataclass(frozen=True)
class Creation:
    line: int
    facts: MemberFacts


@dataclass(frozen=True)
class Update:
    line: int
    member_id: int
    facts: MemberFacts
    changes: dict[str, tuple[Any, Any]]


@dataclass
class ImportPlan:
    """What a file would change: members to create, to update, unchanged; and every error."""

    creations: list[Creation] = field(default_factory=list)
    updates: list[Update] = field(default_factory=list)
    unchanged: list[tuple[int, str]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def has_changes(self) -> bool:
        return bool(self.creations or self.updates)

    def digest(self) -> str:
        """A fingerprint of the whole plan, old values included."""
        body = {
            "create": [[c.line, _plain_facts(c.facts)] for c in self.creations],
            "update": [
                [u.line, u.member_id, {k: [plain(a), plain(b)] for k, (a, b) in u.changes.items()}]
                for u in self.updates
            ],
            "unchanged": self.unchanged,
            "errors": [[e.line, e.message] for e in self.errors],
        }
        text = json.dumps(body, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def template_csv() -> str:
    """The header row and one example row: what an import file looks like."""
    example = {
        "name": "Example City",
        "category": "local_government",
        "country": "Korea",
        "sub_category": "city",
        "status": "active",
        "population": "1200000",
        "gdp_per_capita_ppp": "23500",
        "joined_on": "2015-06-01",
    }
    return ",".join(COLUMNS) + "\r\n" + ",".join(example.get(c, "") for c in COLUMNS) + "\r\n"


def decode(data: bytes) -> str:
    """The file's text: UTF-8, with or without a byte order mark; Invalid otherwise."""
    if len(data) > MAX_BYTES:
        raise Invalid(_("The file is larger than %(num)d MB.", num=MAX_BYTES // (1024 * 1024)))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Invalid(_("The file is not UTF-8 text: save it as “CSV UTF-8”.")) from None


def plan_import(text: str, *, today: date | None = None) -> ImportPlan:
    """Check every row of the CSV ``text`` against the rules and the registry; write nothing."""
    today = today or utcnow().date()
    plan = ImportPlan()
    reader = csv.reader(text.lstrip("\ufeff").splitlines())
    header = [h.strip().lower().replace(" ", "_").replace("-", "_") for h in next(reader, [])]
    problems = _header_problems(header)
    if problems:
        plan.errors.extend(RowError(1, p) for p in problems)
        return plan
    existing = _existing_members()
    seen: dict[tuple[str, str], int] = {}
    for line, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if line - 1 > MAX_ROWS:
            plan.errors.append(
                RowError(line, _("More than %(num)d rows: split the file.", num=MAX_ROWS))
            )
            break
        if len(cells) != len(header):
            plan.errors.append(
                RowError(
                    line,
                    _(
                        "%(cells)d cells where the header has %(columns)d.",
                        cells=len(cells),
                        columns=len(header),
                    ),
                )
            )
            continue
        row = dict(zip(header, (c.strip() for c in cells), strict=True))
        key = (row["name"].casefold(), row["country"].casefold())
        if key in seen and row["name"]:
            plan.errors.append(
                RowError(line, _("The same member as line %(line)d.", line=seen[key]))
            )
            continue
        seen[key] = line
        _plan_row(plan, line, row, existing.get(key), today)
    return plan


def _header_problems(header: list[str]) -> list[str]:
    problems = []
    if missing := [c for c in REQUIRED_COLUMNS if c not in header]:
        problems.append(_("Missing column: %(columns)s.", columns=", ".join(missing)))
    if unknown := [c for c in header if c not in COLUMNS]:
        problems.append(
            _("Unknown column: %(columns)s (see the template).", columns=", ".join(unknown))
        )
    if len(set(header)) != len(header):
        problems.append(_("A column appears twice."))
    return problems


def _existing_members() -> dict[tuple[str, str], Member]:
    members = db.session.scalars(select(Member).order_by(Member.id))
    return {(m.name.casefold(), m.country.casefold()): m for m in members}


def _plan_row(
    plan: ImportPlan, line: int, row: dict[str, str], member: Member | None, today: date
) -> None:
    messages: list[str] = []
    values = _parse(row, messages)
    if messages:
        plan.errors.extend(RowError(line, m) for m in messages)
        return
    base = facts_of(member) if member is not None else MemberFacts(name="", category="", country="")
    if member is not None and "country" in values and "region" not in values:
        values["region"] = None
    facts, errors = check_facts(replace(base, **values), today=today)
    if errors:
        for name, texts in errors.items():
            plan.errors.extend(RowError(line, f"{name}: {text}") for text in texts)
        return
    if member is None:
        plan.creations.append(Creation(line, facts))
        return
    changes = changes_between(facts_of(member), facts)
    if changes:
        plan.updates.append(Update(line, member.id, facts, changes))
    else:
        plan.unchanged.append((line, member.name))


def _parse(row: dict[str, str], messages: list[str]) -> dict[str, Any]:
    """The row's cells as fact values (an empty optional cell clears the fact)."""
    values: dict[str, Any] = {}
    for name, text in row.items():
        try:
            values[name] = _value(name, text, row.get("category", ""))
        except ValueError as exc:
            messages.append(f"{name}: {exc}")
    return values


# The error for a value that is none of a column's choices, one sentence per column.
_UNKNOWN = {
    "category": N_("unknown category “%(value)s”."),
    "status": N_("unknown status “%(value)s”."),
    "sub-category": N_("unknown sub-category “%(value)s”."),
    "regional office": N_("unknown regional office “%(value)s”."),
}


def _choice(text: str, options: dict[str, str], what: str) -> str:
    folded = text.casefold()
    for key, label in options.items():
        if folded in {key.casefold(), label.casefold()}:
            return key
    raise ValueError(_(_UNKNOWN[what], value=text))


def _value(name: str, text: str, category_text: str) -> Any:
    if name in {"name", "country"}:
        return text
    if name == "category":
        return _choice(text, CATEGORIES, "category") if text else ""
    if name == "status":
        return _choice(text, MEMBER_STATUSES, "status") if text else "active"
    if not text:
        return None
    if name == "sub_category":
        try:
            category = _choice(category_text, CATEGORIES, "category")
        except ValueError:
            category = ""
        every = {k: v for subs in SUB_CATEGORIES.values() for k, v in subs.items()}
        return _choice(text, SUB_CATEGORIES.get(category) or every, "sub-category")
    if name == "regional_office":
        return _choice(text, REGIONAL_OFFICES, "regional office")
    if name == "region":
        return text
    if name in {"population", "employees"}:
        cleaned = text.replace(",", "").replace(" ", "")
        if not cleaned.isdigit():
            raise ValueError(_("“%(value)s” is not a whole number of at least 0.", value=text))
        return int(cleaned)
    if name == "gdp_per_capita_ppp":
        try:
            number = Decimal(text.replace(",", "").replace(" ", ""))
        except InvalidOperation:
            raise ValueError(_("“%(value)s” is not a number.", value=text)) from None
        if not number.is_finite():
            raise ValueError(_("“%(value)s” is not a number.", value=text))
        return number.quantize(Decimal("0.01"))
    if name in {"joined_on", "left_on"}:
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise ValueError(_("“%(value)s” is not a date (YYYY-MM-DD).", value=text)) from None
    raise ValueError(_("unknown column."))  # pragma: no cover - the header was checked


def apply_import(actor: User | None, text: str, digest: str) -> ImportPlan:
    """Apply the CSV ``text`` if it still plans exactly the preview ``digest``; one transaction.

    Refused (nothing written) when any row is bad, or when the plan is no
    longer the one previewed (the registry or the file changed). Commit.
    """
    plan = plan_import(text)
    if not plan.ok:
        raise Invalid(_("The file has errors: nothing was imported."))
    if plan.digest() != digest:
        raise Conflict(
            _(
                "The registry or the file changed since the preview: nothing was imported. "
                "Check the file again and confirm the new preview."
            ),
            reasons=["stale"],
        )
    return _write(actor, plan)


def _write(actor: User | None, plan: ImportPlan) -> ImportPlan:
    try:
        for creation in plan.creations:
            duplicate = db.session.scalar(
                select(Member.id).where(
                    func.lower(Member.name) == creation.facts.name.lower(),
                    func.lower(Member.country) == creation.facts.country.lower(),
                )
            )
            if duplicate is not None:
                raise Conflict(
                    _(
                        "%(name)s was added meanwhile: nothing was imported.",
                        name=creation.facts.name,
                    )
                )
            apply_facts(Member(), creation.facts, actor, "import")
        for update in plan.updates:
            member = db.session.get(Member, update.member_id, with_for_update=True)
            if member is None or changes_between(facts_of(member), update.facts) != update.changes:
                raise Conflict(_("A member changed meanwhile: nothing was imported."))
            apply_facts(member, update.facts, actor, "import")
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    return plan


def apply_checked(actor: User | None, text: str) -> ImportPlan:
    """Check ``text`` and apply it at once when every row is good (the CLI's ``--apply``)."""
    plan = plan_import(text)
    if not plan.ok:
        raise Invalid(_("The file has errors: nothing was imported."))
    return _write(actor, plan)


def _plain_facts(facts: MemberFacts) -> dict[str, Any]:
    return {name: plain(getattr(facts, name)) for name in FACT_FIELDS}
