"""Password rules per OWASP ASVS 5.0 (V6.2): length, a common-password list, no composition.

At least 8 characters (15 or more recommended), up to 128 (ASVS asks that at least
64 be allowed); any character, spaces included; no rule about digits, capitals or
symbols. A password is refused if it is one of the 30,000 most common ones (the list
in ``driver/data/common_passwords.txt``, from the zxcvbn package; see its header) or
if it contains the local part of the account's e-mail address.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

MIN_PASSWORD_LENGTH = 8
RECOMMENDED_PASSWORD_LENGTH = 15
MAX_PASSWORD_LENGTH = 128
# Shorter local parts ("jo@…") would refuse too many unrelated passwords.
MIN_LOCAL_PART_CHECKED = 3

PASSWORD_HINT = _l(
    "At least %(min)d characters, %(better)d or more is better: a few unrelated words make a"
    " good one. Common passwords are refused.",
    min=MIN_PASSWORD_LENGTH,
    better=RECOMMENDED_PASSWORD_LENGTH,
)


@cache
def common_passwords() -> frozenset[str]:
    """The common-password list, lower-cased."""
    text = files("driver").joinpath("data/common_passwords.txt").read_text(encoding="utf-8")
    return frozenset(
        line.strip().lower() for line in text.splitlines() if line and not line.startswith("#")
    )


def password_problems(password: str, email: str = "") -> list[str]:
    """What is wrong with ``password`` as a new password for the account ``email``."""
    problems = []
    if len(password) < MIN_PASSWORD_LENGTH:
        problems.append(_("Use at least %(num)d characters.", num=MIN_PASSWORD_LENGTH))
    if len(password) > MAX_PASSWORD_LENGTH:
        problems.append(_("Use at most %(num)d characters.", num=MAX_PASSWORD_LENGTH))
    lowered = password.lower()
    if lowered in common_passwords() or lowered.strip() in common_passwords():
        problems.append(_("This password is too common: it is among the first ones tried."))
    local = email.partition("@")[0].strip().lower() if "@" in email else ""
    if len(local) >= MIN_LOCAL_PART_CHECKED and local in lowered:
        problems.append(_("Do not put your e-mail address (or its first part) in the password."))
    return problems
