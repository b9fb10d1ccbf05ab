"""Differential test: pyjsonfast.dumps against json.dumps on generated values and options.

For every generated value and option set, both give the same text, or both raise
the same exception class with the same message. Where both succeed, decoding the
text gives the same value as json's round trip. The "ci" hypothesis profile
(tests/conftest.py) runs 10,000 examples per test.
"""

from __future__ import annotations

import io
import json
import math
from typing import Any, Callable

from fuzz_targets import (
    Level,
    Opaque,
    TaggedDict,
    TaggedFloat,
    TaggedInt,
    TaggedList,
    TaggedStr,
)
from hypothesis import given
from hypothesis import strategies as st

import pyjsonfast

# All of Unicode, lone surrogates included; short strings mostly, some long ones.
characters = st.characters(blacklist_categories=())
texts = st.one_of(
    st.text(characters, max_size=12),
    st.text(
        st.sampled_from('"\\/\b\f\n\r\t\x00\x1f\x7f\x80\u2028\ud800\udfff\U0001f600a'), max_size=8
    ),
    st.text(characters, min_size=20, max_size=80),
)
ints = st.one_of(
    st.integers(-1000, 1000),
    st.integers(),
    st.integers(-(2**200), 2**200),
    st.sampled_from([2**63 - 1, 2**63, -(2**63), -(2**64), 10**30]),
)
floats = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(-1e6, 1e6),
    st.sampled_from([0.0, -0.0, 1e16, 1e15, 9007199254740993.0, 5e-324, 1e-7, 0.1, 1e22, 1e21]),
)
subclassed = st.one_of(
    st.sampled_from([Level.LOW, Level.HIGH]),
    ints.map(TaggedInt),
    floats.map(TaggedFloat),
    texts.map(TaggedStr),
)
leaves = st.one_of(
    st.none(),
    st.booleans(),
    ints,
    floats,
    texts,
    subclassed,
    st.builds(Opaque, st.integers(0, 3)),  # default() handles it, or json's TypeError
)
keys = st.one_of(
    texts,
    texts,
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.sampled_from([Level.LOW, TaggedInt(5), TaggedFloat(2.5), TaggedStr("k")]),
    st.tuples(st.integers(0, 3)),  # not a valid key: skipkeys, or json's TypeError
)


def containers(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(
        st.lists(children, max_size=6),
        st.lists(children, max_size=4).map(tuple),
        st.lists(children, max_size=3).map(TaggedList),
        st.dictionaries(texts, children, max_size=6),
        st.dictionaries(keys, children, max_size=5),
        st.dictionaries(texts, children, max_size=3).map(TaggedDict),
    )


values = st.recursive(leaves, containers, max_leaves=25)

options = st.fixed_dictionaries(
    {},
    optional={
        "skipkeys": st.booleans(),
        "ensure_ascii": st.booleans(),
        "check_circular": st.booleans(),
        "allow_nan": st.booleans(),
        "sort_keys": st.booleans(),
        "indent": st.one_of(
            st.none(), st.integers(-1, 8), st.sampled_from(["", "\t", " ", "  ", "->", "\u00e9"])
        ),
        "separators": st.one_of(
            st.none(),
            st.sampled_from([(",", ":"), (", ", ": "), (" , ", " : "), ("\n", "\t"), ("", "")]),
        ),
        "default": st.sampled_from([None, repr, lambda o: [o.n] if isinstance(o, Opaque) else o]),
    },
)


def outcome(function: Callable[[], Any]) -> tuple[str, Any]:
    try:
        return "ok", function()
    except Exception as e:  # the exception is the result here
        return "error", (type(e), str(e))


def same_value(a: Any, b: Any) -> bool:
    """Deep equality of decoded JSON, with NaN equal to NaN and types compared."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return (math.isnan(a) and math.isnan(b)) or a == b
    if isinstance(a, list):
        return len(a) == len(b) and all(map(same_value, a, b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(same_value(a[k], b[k]) for k in a)
    return bool(a == b)


@given(values, options)
def test_dumps_matches_json(value: Any, opts: dict[str, Any]) -> None:
    expected = outcome(lambda: json.dumps(value, **opts))
    got = outcome(lambda: pyjsonfast.dumps(value, **opts))
    assert got == expected
    if got[0] == "ok":
        # Decodable unless odd separators or indent made it invalid JSON.
        decoded = outcome(lambda: json.loads(expected[1]))
        if decoded[0] == "ok":
            assert same_value(pyjsonfast.loads(got[1]), decoded[1])


@given(values, options)
def test_dump_matches_json_dump(value: Any, opts: dict[str, Any]) -> None:
    theirs = io.StringIO()
    ours = io.StringIO()
    expected = outcome(lambda: json.dump(value, theirs, **opts))
    got = outcome(lambda: pyjsonfast.dump(value, ours, **opts))
    assert got == expected
    if got[0] == "ok":
        assert ours.getvalue() == theirs.getvalue()
