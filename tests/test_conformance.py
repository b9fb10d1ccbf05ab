"""JSONTestSuite, jsonchecker and nativejson-benchmark files: same outcome as json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fuzz_targets import same_value
from shared_data import shared_files
from test_decode_support import HAVE_C_JSON, like_json, outcome

import pyjsonfast

PARSING = "conformance/test_parsing"
# NaN/Infinity documents json accepts by default; only allow_nan=False rejects them.
NAN_FILES = {
    "n_number_NaN.json",
    "n_number_minus_infinity.json",
    "n_number_infinity.json",
}


def both_inputs(path: Path) -> list[str | bytes]:
    """The file as bytes, and as str when it is valid UTF-8."""
    raw = path.read_bytes()
    try:
        return [raw, raw.decode("utf-8")]
    except UnicodeDecodeError:
        return [raw]


@pytest.mark.parametrize("path", shared_files(PARSING, "y_*.json"))
def test_y_files_parse_like_json(path: Path) -> None:
    for doc in both_inputs(path):
        assert same_value(pyjsonfast.loads(doc), json.loads(doc)), type(doc)


@pytest.mark.parametrize("path", shared_files(PARSING, "n_*.json"))
def test_n_files_are_rejected(path: Path) -> None:
    for doc in both_inputs(path):
        with pytest.raises((json.JSONDecodeError, UnicodeDecodeError)):
            pyjsonfast.loads(doc, allow_nan=False)
        if path.name in NAN_FILES:
            assert same_value(pyjsonfast.loads(doc), json.loads(doc))
        else:
            with pytest.raises((pyjsonfast.JSONDecodeError, UnicodeDecodeError)):
                pyjsonfast.loads(doc)


@pytest.mark.skipif(not HAVE_C_JSON, reason="messages are those of CPython's C json")
@pytest.mark.parametrize("path", shared_files(PARSING, "n_*.json"))
def test_n_files_error_equals_json(path: Path) -> None:
    for doc in both_inputs(path):
        expected = outcome(json.loads, doc)
        got = outcome(pyjsonfast.loads, doc)
        assert like_json(got, expected), (type(doc), got, expected)


@pytest.mark.parametrize("path", shared_files(PARSING, "i_*.json"))
def test_i_files_behave_like_json(path: Path) -> None:
    for doc in both_inputs(path):
        expected = outcome(json.loads, doc)
        got = outcome(pyjsonfast.loads, doc)
        if expected[0] == "ok":
            assert like_json(got, expected)
        else:
            assert got[0] == expected[0]
            if HAVE_C_JSON:
                assert got == expected


@pytest.mark.parametrize("path", shared_files("conformance/jsonchecker", "*.json"))
def test_jsonchecker(path: Path) -> None:
    doc = path.read_bytes()
    if path.name.startswith("fail") and "EXCLUDE" not in path.name:
        with pytest.raises(pyjsonfast.JSONDecodeError) as info:
            pyjsonfast.loads(doc)
        if HAVE_C_JSON:
            with pytest.raises(json.JSONDecodeError) as reference:
                json.loads(doc)
            assert (info.value.msg, info.value.pos) == (reference.value.msg, reference.value.pos)
    else:
        assert same_value(pyjsonfast.loads(doc), json.loads(doc))


@pytest.mark.parametrize("path", shared_files("conformance/roundtrip", "*.json"))
def test_nativejson_roundtrip(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    value = pyjsonfast.loads(text)
    assert same_value(value, json.loads(text))
    # Python writes exponents with a sign (1e+308), so json's round trip is the reference.
    expected = json.dumps(json.loads(text), separators=(",", ":"))
    assert pyjsonfast.dumps(value, separators=(",", ":")) == expected


@pytest.mark.parametrize("path", shared_files("conformance/test_transform", "*.json"))
def test_transform_files_parse_like_json(path: Path) -> None:
    for doc in both_inputs(path):
        assert like_json(outcome(pyjsonfast.loads, doc), outcome(json.loads, doc))
