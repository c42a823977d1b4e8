"""Hypothesis strategies for hostile input: text no database stores, numbers out of range,
JSON of the wrong shape, and a way to send them as a browser or a script would."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from hypothesis import strategies as st

NASTY = [
    "\x00",
    "a\x00b",
    "\ud800",  # a lone surrogate: not encodable in UTF-8
    "x\udfffy",
    "\u202eevil\u202c",  # right-to-left override
    "zero\u200bwidth\ufeff",
    "x" * 20_000,  # past every column limit (a longer one only slows the run down)
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "%00",
    "",
    " ",
    "\r\n",
]

hostile_text = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=40),
    st.text(st.characters(categories=["Cs", "Cc", "Cf", "Zs"]), min_size=1, max_size=10),
    st.builds(lambda a, b: a + b, st.text(max_size=10), st.sampled_from(NASTY)),
)

hostile_number = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.sampled_from([-1, 0, 2**31, 2**63, -(2**63) - 1, 10**30]),
    st.floats(allow_nan=True, allow_infinity=True),
)

# What a form field may receive: text, or a number written out (as a browser would).
form_value = st.one_of(
    hostile_text,
    hostile_number.map(str),
    st.sampled_from(["NaN", "inf", "-0", "1e400", "0x10", "1_000", "٣"]),
)

json_scalar = st.one_of(
    st.none(), st.booleans(), hostile_number, hostile_text, st.just({}), st.just([])
)
json_value = st.recursive(
    json_scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def form_body(fields: dict[str, Any]) -> bytes:
    """``application/x-www-form-urlencoded`` bytes; lone surrogates go out as the raw bytes
    a careless client would send (invalid UTF-8), not as an error of the test client."""
    pairs = []
    for name, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            encoded = str(item).encode("utf-8", "surrogatepass")
            pairs.append(f"{quote(name)}={quote(encoded)}")
    return "&".join(pairs).encode("ascii")


def query_string(fields: dict[str, Any]) -> str:
    return form_body(fields).decode("ascii")


def json_body(value: Any) -> bytes:
    """JSON text of ``value``, surrogates and NaN included (json.dumps would refuse neither)."""
    import json

    return json.dumps(value).encode("utf-8", "surrogatepass")
