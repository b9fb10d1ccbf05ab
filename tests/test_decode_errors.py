"""Errors: JSONDecodeError with json's msg and pos, the caret snippet, invalid UTF-8."""

from __future__ import annotations

import json
import pickle
import random
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st
from shared_data import CORPUS_NAMES, corpus_bytes
from test_decode_support import HAVE_C_JSON, like_json, outcome

import pyjsonfast

# From 3.13 on, json names a trailing comma, at the comma.
TRAILING_COMMA_3_13 = sys.version_info >= (3, 13)

# (document, msg, pos) as CPython's C json of this version reports them; they hold
# on every interpreter, since pyjsonfast words its errors as CPython does.
EXPECTED_ERRORS = [
    ("", "Expecting value", 0),
    (" ", "Expecting value", 1),
    ("nul", "Expecting value", 0),
    ("[", "Expecting value", 1),
    (
        ("[1,]", "Illegal trailing comma before end of array", 2)
        if TRAILING_COMMA_3_13
        else ("[1,]", "Expecting value", 3)
    ),
    ("[1,}", "Expecting value", 3),
    ("[1 2]", "Expecting ',' delimiter", 3),
    ("[1,", "Expecting value", 3),
    ("{", "Expecting property name enclosed in double quotes", 1),
    (
        ('{"a":1, }', "Illegal trailing comma before end of object", 6)
        if TRAILING_COMMA_3_13
        else ('{"a":1, }', "Expecting property name enclosed in double quotes", 8)
    ),
    ('{"a":1,]', "Expecting property name enclosed in double quotes", 7),
    ('{"a" 1}', "Expecting ':' delimiter", 5),
    ('{"a":', "Expecting value", 5),
    ('{"a":1 "b":2}', "Expecting ',' delimiter", 7),
    ("{1:1}", "Expecting property name enclosed in double quotes", 1),
    ("-", "Expecting value", 0),
    ("-a", "Expecting value", 0),
    ("1.", "Extra data", 1),
    ("1e", "Extra data", 1),
    ("1e+", "Extra data", 1),
    ("01", "Extra data", 1),
    ("1 2", "Extra data", 2),
    ('"abc', "Unterminated string starting at", 0),
    ('"a\\', "Unterminated string starting at", 0),
    ('["a', "Unterminated string starting at", 1),
    ('"\\x"', "Invalid \\escape", 1),
    ('"\\u12"', "Invalid \\uXXXX escape", 2),
    ('"\\u12x4"', "Invalid \\uXXXX escape", 2),
    ('"\\u123"', "Invalid \\uXXXX escape", 2),
    ('"\\ud800\\u12"', "Invalid \\uXXXX escape", 8),
    ('"\\ud800\\uzzzz"', "Invalid \\uXXXX escape", 8),
    ('"\\ud800\\u"', "Invalid \\uXXXX escape", 8),
    ('"\\ud800\\"', "Unterminated string starting at", 0),
    ('"\x01"', "Invalid control character at", 1),
    ('"é\x01"', "Invalid control character at", 2),
    ('[\n "ab\ncd"]', "Invalid control character at", 6),
    ('[\n "é\\n\tcd"]', "Invalid control character at", 7),
    ('["日本", x]', "Expecting value", 7),
    ('{"é": 1 x', "Expecting ',' delimiter", 8),
    ("\ufeff1", "Unexpected UTF-8 BOM (decode using utf-8-sig)", 0),
    ("[1]\n\n  x", "Extra data", 7),
    ("tru", "Expecting value", 0),
    ("[true", "Expecting ',' delimiter", 5),
    ("NaNa", "Extra data", 3),
    ("-Infinityx", "Extra data", 9),
    ("-Infinit", "Expecting value", 0),
]


@pytest.mark.parametrize(("doc", "msg", "pos"), EXPECTED_ERRORS)
def test_error_msg_and_pos(doc: str, msg: str, pos: int) -> None:
    with pytest.raises(pyjsonfast.JSONDecodeError) as info:
        pyjsonfast.loads(doc)
    error = info.value
    assert (error.msg, error.pos) == (msg, pos)
    assert error.doc == doc
    assert isinstance(error, json.JSONDecodeError) and isinstance(error, ValueError)
    if not doc.startswith("\ufeff"):
        with pytest.raises(pyjsonfast.JSONDecodeError) as from_bytes:
            pyjsonfast.loads(doc.encode())
        assert (from_bytes.value.msg, from_bytes.value.pos, from_bytes.value.doc) == (msg, pos, doc)


@pytest.mark.skipif(not HAVE_C_JSON, reason="compares with CPython's C json")
@pytest.mark.parametrize(("doc", "msg", "pos"), EXPECTED_ERRORS)
def test_expected_errors_are_json_s(doc: str, msg: str, pos: int) -> None:
    assert outcome(json.loads, doc) == ("JSONDecodeError", msg, pos)


def test_error_attributes_and_str_are_json_s() -> None:
    doc = '{\n  "a": [1,\n  2 x]\n}'
    with pytest.raises(pyjsonfast.JSONDecodeError) as info:
        pyjsonfast.loads(doc)
    error = info.value
    assert str(error) == "Expecting ',' delimiter: line 3 column 5 (char 17)"
    assert (error.msg, error.doc, error.pos, error.lineno, error.colno) == (
        "Expecting ',' delimiter",
        doc,
        17,
        3,
        5,
    )
    assert error.args == (str(error),)


def test_snippet_note_and_attribute() -> None:
    doc = '{"key": [1, 2, 3 4]}'
    with pytest.raises(pyjsonfast.JSONDecodeError) as info:
        pyjsonfast.loads(doc)
    error = info.value
    assert error.snippet == '{"key": [1, 2, 3 4]}\n                 ^'
    assert getattr(error, "__notes__", None) == [error.snippet]


def test_snippet_of_a_long_line_is_cut_around_pos() -> None:
    doc = "[" + "1," * 200 + "x" + ",1" * 200 + "]"
    with pytest.raises(pyjsonfast.JSONDecodeError) as info:
        pyjsonfast.loads(doc)
    line, caret = info.value.snippet.split("\n")
    assert len(line) < 80 and line.startswith("...") and line.endswith("...")
    assert line[caret.index("^")] == "x"


def test_snippet_shows_the_offending_line_only() -> None:
    with pytest.raises(pyjsonfast.JSONDecodeError) as info:
        pyjsonfast.loads("[\n1,\n\t2 3\n]")
    assert info.value.snippet == " 2 3\n   ^"


def test_error_pickles() -> None:
    with pytest.raises(pyjsonfast.JSONDecodeError) as info:
        pyjsonfast.loads("[1,,]")
    copy = pickle.loads(pickle.dumps(info.value))
    assert type(copy) is pyjsonfast.JSONDecodeError
    assert (copy.msg, copy.doc, copy.pos) == (info.value.msg, info.value.doc, info.value.pos)


@pytest.mark.parametrize(
    "data",
    [
        b"\xff",
        b'["\xff"]',
        b'["ok", "\xc3"]',
        b'["\xc3", x',  # invalid UTF-8 before a syntax error: UTF-8 error first, as json
        b'{"k\xe9y": 1}',
        b'{"a": 1} \xe9',
        b"[1, \xe9]",
        b'"\xed\xa0"',
        b'"\xf0\x9f\x98"',
    ],
)
def test_invalid_utf8_is_a_unicode_decode_error(data: bytes) -> None:
    with pytest.raises(UnicodeDecodeError) as ours:
        pyjsonfast.loads(data)
    with pytest.raises(UnicodeDecodeError) as theirs:
        json.loads(data)
    assert str(ours.value) == str(theirs.value)


@given(st.binary(max_size=30))
def test_differential_random_bytes(data: bytes) -> None:
    assert like_json(outcome(pyjsonfast.loads, data), outcome(json.loads, data))


MUTATIONS = [
    "",
    "x",
    "]",
    "}",
    ",",
    ":",
    '"',
    "\\",
    "[",
    "{",
    "0",
    "-",
    ".",
    "e",
    "\x00",
    " ",
    "é",
    "\ud800",
]


@pytest.mark.skipif(not HAVE_C_JSON, reason="compares with CPython's C json")
@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_mutated_corpus_documents_fail_like_json(name: str) -> None:
    text = corpus_bytes(name).decode("utf-8")
    rng = random.Random(name)
    for _ in range(40):
        at = rng.randrange(len(text) + 1)
        cut = rng.choice([0, 0, 1, 3])
        doc = text[:at] + rng.choice(MUTATIONS) + text[at + cut :]
        expected = outcome(json.loads, doc)
        assert like_json(outcome(pyjsonfast.loads, doc), expected), (at, expected)
        data = doc.encode("utf-8", "surrogatepass")
        assert like_json(outcome(pyjsonfast.loads, data), outcome(json.loads, data)), at


@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_truncated_corpus_documents_fail(name: str) -> None:
    data = corpus_bytes(name)
    rng = random.Random(name)
    for at in [rng.randrange(len(data)) for _ in range(30)]:
        text = data[:at].decode("utf-8", "ignore")
        with pytest.raises(pyjsonfast.JSONDecodeError) as info:
            pyjsonfast.loads(text)
        if HAVE_C_JSON:
            assert outcome(json.loads, text) == ("JSONDecodeError", info.value.msg, info.value.pos)
