"""Regression tests for what the fuzzer (fuzz/) found: each one a difference from
json, a crash or a hang, reduced to the smallest input that showed it."""

from __future__ import annotations

import json
from typing import Any, Callable

import pytest

import pyjsonfast

# Invalid UTF-8 late in a bytes document: json decodes the whole document before it
# parses (or makes a decoder), so its UnicodeDecodeError is the first error.
INVALID_LATE = b'[1.5, 17, "\xff"]'


def outcome(call: Callable[[], Any]) -> tuple[str, Any]:
    try:
        return "ok", call()
    except Exception as error:  # the exception is the result here
        return "error", (type(error), str(error))


def test_invalid_utf8_comes_before_a_bad_decoder_keyword() -> None:
    for module in (json, pyjsonfast):
        with pytest.raises(UnicodeDecodeError):
            module.loads(INVALID_LATE, cls=json.JSONDecoder, max_depth=3)


def test_invalid_utf8_comes_before_the_int_digit_limit() -> None:
    doc = b"[" + b"1" * 5000 + b', "\xff"]'
    assert outcome(lambda: pyjsonfast.loads(doc)) == outcome(lambda: json.loads(doc))
    assert outcome(lambda: pyjsonfast.loads(doc))[1][0] is UnicodeDecodeError


@pytest.mark.parametrize("hook", ["parse_float", "parse_int", "object_hook", "object_pairs_hook"])
def test_hooks_are_not_called_on_invalid_utf8(hook: str) -> None:
    calls: list[object] = []

    def record(value: Any) -> Any:
        calls.append(value)
        raise KeyError("a hook's own error")

    doc = b'[{"a": 1.5}, 17, "\xff"]'
    for module in (json, pyjsonfast):
        with pytest.raises(UnicodeDecodeError):
            module.loads(doc, **{hook: record})
    assert calls == []


class Counted:
    """Written through default(): counts how often the writer reaches it."""


def test_a_cycle_is_found_without_writing_it_a_thousand_times() -> None:
    # The writer used to look for cycles only at the nesting limit (1000 levels),
    # having written everything in front of the cycle at every level: 1.2 s and
    # 380 MB on a value json rejects in a millisecond.
    reached: list[object] = []

    def default(o: object) -> object:
        reached.append(o)
        return "counted"

    looped: list[object] = [Counted()]
    looped.append(looped)
    for module in (json, pyjsonfast):
        reached.clear()
        with pytest.raises(ValueError, match="Circular reference detected"):
            module.dumps(looped, default=default)
    assert 1 <= len(reached) <= 40  # json: 1


@pytest.mark.parametrize("depth", [31, 32, 33, 64, 200])
def test_deep_values_without_cycles_still_encode(depth: int) -> None:
    value: object = ["leaf"]
    shared = ["shared"]
    for _ in range(depth - 1):
        value = [shared, value, shared]
    assert pyjsonfast.dumps(value) == json.dumps(value)


def test_a_cycle_deeper_than_markers_start_is_found() -> None:
    chain: list[object] = []
    node = chain
    for _ in range(100):
        child: list[object] = []
        node.append(child)
        node = child
    node.append(chain)  # a cycle 101 levels long, entered at the top
    for module in (json, pyjsonfast):
        with pytest.raises(ValueError, match="Circular reference detected"):
            module.dumps(chain)
