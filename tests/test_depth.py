"""Nesting depth: limited by the parser, never by the C stack; a clean exception
that is both a JSONDecodeError and a RecursionError."""

from __future__ import annotations

import json
import threading
from typing import Any, Callable

import pytest
from small_stack import SMALL_STACK_BYTES

import pyjsonfast
from pyjsonfast._decoder import MAX_DEPTH_LIMIT

HUGE = 10**6


def nested_arrays(depth: int) -> str:
    return "[" * depth + "]" * depth


def nested_objects(depth: int) -> str:
    return '{"a":' * depth + "1" + "}" * depth


def run_in_small_thread(work: Callable[[], None]) -> None:
    """Run work in a thread with a 512 KiB stack, where C recursion overflows early."""
    old = threading.stack_size(SMALL_STACK_BYTES)
    try:
        thread = threading.Thread(target=work)
        thread.start()
        thread.join()
    finally:
        threading.stack_size(old)


def assert_depth_error(call: Callable[[], Any]) -> pyjsonfast.JSONDecodeError:
    with pytest.raises(pyjsonfast.JSONDecodeError) as info:
        call()
    error = info.value
    assert isinstance(error, RecursionError)
    assert isinstance(error, json.JSONDecodeError)
    return error


@pytest.mark.parametrize("opener", ["[", '{"a":'])
@pytest.mark.parametrize("as_bytes", [False, True])
def test_a_million_openers(opener: str, as_bytes: bool) -> None:
    doc = opener * HUGE
    assert_depth_error(lambda: pyjsonfast.loads(doc.encode() if as_bytes else doc))


@pytest.mark.parametrize("doc", [nested_arrays(HUGE), nested_objects(HUGE)])
def test_a_million_levels_closed(doc: str) -> None:
    assert_depth_error(lambda: pyjsonfast.loads(doc))


def test_in_a_thread_with_a_small_stack() -> None:
    outcomes: list[object] = []

    def work() -> None:
        for doc in ("[" * HUGE, '{"a":' * HUGE, nested_arrays(900), nested_objects(900)):
            try:
                outcomes.append(pyjsonfast.loads(doc) is not None)
            except RecursionError as error:
                outcomes.append(isinstance(error, pyjsonfast.JSONDecodeError))

    run_in_small_thread(work)
    assert outcomes == [True, True, True, True]


def test_default_depth_accepts_what_json_accepts() -> None:
    # json (C) accepts a little under 1000 levels at the default recursion limit.
    depth = 900
    assert pyjsonfast.loads(nested_arrays(depth)) == json.loads(nested_arrays(depth))
    assert pyjsonfast.loads(nested_objects(depth)) == json.loads(nested_objects(depth))


def test_max_depth_is_exact() -> None:
    assert pyjsonfast.loads(nested_arrays(3), max_depth=3) == [[[]]]
    error = assert_depth_error(lambda: pyjsonfast.loads(nested_arrays(4), max_depth=3))
    assert error.pos == 3
    error = assert_depth_error(lambda: pyjsonfast.loads('[{"a": [{"b": 1}]}]', max_depth=3))
    assert error.pos == 8
    assert pyjsonfast.loads("1", max_depth=0) == 1
    assert_depth_error(lambda: pyjsonfast.loads("[]", max_depth=0))


def test_max_depth_counts_depth_not_size() -> None:
    doc = "[" + ",".join(["[[1]]"] * 1000) + "]"
    assert len(pyjsonfast.loads(doc, max_depth=3)) == 1000


def test_max_depth_on_decoder_and_negative() -> None:
    decoder = pyjsonfast.JSONDecoder(max_depth=2)
    assert decoder.decode("[[1]]") == [[1]]
    assert_depth_error(lambda: decoder.decode("[[[1]]]"))
    assert_depth_error(lambda: decoder.raw_decode("[[[1]]]"))
    with pytest.raises(ValueError):
        pyjsonfast.JSONDecoder(max_depth=-1)
    with pytest.raises(ValueError):
        pyjsonfast.loads("1", max_depth=10**9)


def test_largest_max_depth_is_safe_in_a_small_thread() -> None:
    depth = MAX_DEPTH_LIMIT
    outcomes: list[object] = []

    def work() -> None:
        for doc in (nested_arrays(depth), nested_objects(depth), "[" * HUGE, '{"a":' * HUGE):
            try:
                value = pyjsonfast.loads(doc, max_depth=depth)
            except RecursionError as error:  # uncompiled: Python's limit may come first
                outcomes.append(isinstance(error, pyjsonfast.JSONDecodeError))
            else:
                for _ in range(depth - 1):
                    value = value[0] if isinstance(value, list) else value["a"]
                outcomes.append(value in ([], {"a": 1}))

    run_in_small_thread(work)
    assert outcomes == [True, True, True, True]


def test_depth_error_position_is_in_characters() -> None:
    doc = '["é", ' + "[" * 5
    error = assert_depth_error(lambda: pyjsonfast.loads(doc, max_depth=3))
    assert error.pos == doc.index("[", 2) + 2
    error = assert_depth_error(lambda: pyjsonfast.loads(doc.encode(), max_depth=3))
    assert error.pos == doc.index("[", 2) + 2
