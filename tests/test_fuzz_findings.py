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
