"""Long str documents, which the compiled build parses through a moving window of
their ASCII projection (pyjsonfast._decode_api.window_parser): every token that can
straddle a window's edge, every error, the same as json.

Through loads these run on every build (elsewhere the whole document is parsed
at once, and they are plain differential tests); the white-box tests of the
window itself need the compiled build.
"""

from __future__ import annotations

import json
import random
from typing import Any

import pytest
from shared_data import corpus_bytes
from test_decode_support import like_json, outcome

import pyjsonfast
from pyjsonfast import _decode_api, _decoder

WINDOWS = _decode_api.PARSE_IN_WINDOWS
needs_windows = pytest.mark.skipif(not WINDOWS, reason="windows are the compiled build's")
# A document under 32 windows long has windows of the smallest size.
WINDOW = _decode_api.MIN_WINDOW_CHARS
# An item starting in a window's last WINDOW_MARGIN characters moves the window
# to start there, so a long item starting just before that runs past its end.
LATE = WINDOW - _decoder.WINDOW_MARGIN - 40


def same_as_json(doc: str, **kw: Any) -> None:
    got = outcome(pyjsonfast.loads, doc, **kw)
    expected = outcome(json.loads, doc, **kw)
    assert like_json(got, expected), (got[:1], expected[:1], len(doc))


def padded(item: str, start: int, tail: int = 2 * WINDOW) -> str:
    """[filler..., item, filler...] with item starting at index start."""
    head = "[" + '"x",' * ((start - 1) // 4)
    head += " " * (start - len(head))
    return head + item + "," + '"y",' * (tail // 4) + "0]"


# (item, whether the window takes it in without parsing the document again)
STRADDLING_ITEMS = [
    ('"' + "a" * 3000 + '"', True),  # a long plain string: the window grows
    ('"' + "\\u00e9x" * 500 + '"', True),  # escapes all through it
    ('"' + "\\ud83d\\ude00" * 300 + '"', True),  # surrogate pairs: none cut in two
    ('"' + "\\n\\t\\\\\\\"" * 400 + '"', True),
    ('"' + "é" * 2500 + '"', True),  # Latin-1 text in the projection
    ('{"' + "k" * 2500 + '": [1, 2.5, null]}', True),  # a long key
    ("[" + "[0]," * 700 + "[]]", True),  # a container whose items move the window
    ("1" * 2500, False),  # a long number or exponent: parsed again whole
    ("0." + "5" * 2500 + "e-7", False),
    (" " * 2500 + "true", False),  # a long whitespace run
    ('{"k":' + " " * 2500 + '"v"}', False),
]


@pytest.mark.parametrize(("item", "in_windows"), STRADDLING_ITEMS, ids=range(len(STRADDLING_ITEMS)))
def test_items_running_past_a_window_edge_parse_as_json(item: str, in_windows: bool) -> None:
    # Every alignment of a 12-character surrogate pair (and of every other
    # repeating unit) against the window's end.
    for start in range(LATE - 12, LATE + 1):
        doc = padded(item, start)
        expected = json.loads(doc)
        assert pyjsonfast.loads(doc) == expected
        if WINDOWS and in_windows:
            parser = _decode_api.window_parser(doc, _decoder.DEFAULT_OPTIONS)
            assert parser.decode() == expected


@pytest.mark.parametrize("width", [2 * WINDOW, 5 * WINDOW, 40 * WINDOW])
def test_strings_longer_than_windows(width: int) -> None:
    doc = json.dumps({"a": "b" * width, "c": ["é" + "\\" * width, "\U0001f600" * 3], "d": 1})
    assert pyjsonfast.loads(doc) == json.loads(doc)
    doc = json.dumps("x\u20ac" * width)  # a top-level string
    assert pyjsonfast.loads(doc) == json.loads(doc)


def test_a_long_top_level_number_or_trailing_space() -> None:
    for doc in ["0." + "9" * 3 * WINDOW, "[1]" + " " * 3 * WINDOW, " " * 3 * WINDOW + "{}"]:
        assert pyjsonfast.loads(doc) == json.loads(doc)
    same_as_json("9" * 3 * WINDOW)  # beyond int()'s digit limit: its ValueError


def test_errors_past_a_window_edge_are_json_s() -> None:
    tail = " " * (3 * WINDOW)
    for doc in [
        padded('"abc', LATE) + tail,  # unterminated within the document
        padded('"' + "a" * 3000, LATE)[: LATE + 2500],
        padded("[1, 2,]", LATE + 100),  # json 3.13's trailing comma message
        padded('{"a": 1,}', 3 * WINDOW),
        padded("tru", 2 * WINDOW),
        padded('"\\ud83d\\u12"', LATE),
        "[" + "1," * (3 * WINDOW) + "]",
        "[1]" + tail + "x",  # extra data far past the first window
        '"' + "a" * (3 * WINDOW),  # an unterminated top-level string
        padded('"a\x01"', 2 * WINDOW),  # a control character
    ]:
        same_as_json(doc)
        same_as_json(doc, strict=False)


def test_truncated_and_mutated_long_documents_fail_as_json() -> None:
    doc = json.dumps([{"id": k, "name": f"é{k}", "tags": ["a", "b"] * 3} for k in range(900)])
    assert len(doc) > 4 * WINDOW
    rng = random.Random(7)
    for _ in range(60):
        cut = rng.randrange(len(doc))
        same_as_json(doc[:cut])
        same_as_json(doc[:cut] + rng.choice("x]},:\"") + doc[cut:])


def test_duplicate_keys_and_depth_far_into_a_document() -> None:
    doc = padded('{"a": 1, "b": {"a": 2}, "a": 3}', 3 * WINDOW)
    with pytest.raises(pyjsonfast.JSONDecodeError) as ours:
        pyjsonfast.loads(doc, reject_duplicate_keys=True)
    assert ours.value.msg == "Duplicate key 'a'"
    assert ours.value.pos == doc.index('"a": 3')
    deep = padded("[" * 1200 + "]" * 1200, 2 * WINDOW)
    with pytest.raises(RecursionError):
        pyjsonfast.loads(deep)


@pytest.mark.parametrize("name", ["citm_catalog", "canada", "github"])
def test_narrow_corpus_documents_parse_as_json(name: str) -> None:
    text = corpus_bytes(name).decode()
    assert pyjsonfast.loads(text) == json.loads(text)


@needs_windows
def test_the_parser_holds_a_window_not_a_copy() -> None:
    doc = json.dumps([{"k": k, "v": "é" * 20} for k in range(400)], ensure_ascii=False)
    parser = _decode_api.window_parser(doc, _decoder.DEFAULT_OPTIONS)
    assert len(parser.data) == WINDOW < len(doc) < 32 * WINDOW
    assert parser.decode() == json.loads(doc)
    assert parser.final and parser.base > 0


def wide_document(statuses: int) -> str:
    """Shaped like twitter.json: an object holding an array of objects of CJK
    text, so that frames of every depth are parsing when a projection is cut."""
    return json.dumps(
        {
            "statuses": [
                {"id": k, "text": "\u4e2d\u6587" * 40, "user": {"name": "\u540d" * 8, "n": [k, k]}}
                for k in range(statuses)
            ],
            "meta": {"count": statuses},
        },
        ensure_ascii=False,
    )


@needs_windows
def test_wide_text_is_projected_whole_and_let_go_as_the_parse_moves_on() -> None:
    doc = wide_document(3000)
    parser = _decode_api.window_parser(doc, _decoder.DEFAULT_OPTIONS)
    assert parser.base == 0 and len(parser.data) == len(doc)
    assert parser.decode() == json.loads(doc)
    # Cut a quarter in, then halfway into each window while >= SHED_MIN_BYTES.
    assert parser.base > len(doc) // 2
    assert len(parser.data) < len(doc) // 4
    small = json.dumps(["\u4e2d\u6587" * 10] * 2000, ensure_ascii=False)
    parser = _decode_api.window_parser(small, _decoder.DEFAULT_OPTIONS)
    assert parser.decode() == json.loads(small)
    assert len(small) < _decoder.SHED_MIN_BYTES and parser.base == 0  # not worth a cut


@needs_windows
def test_a_shed_projection_is_freed() -> None:
    import tracemalloc  # here: PyPy has none

    doc = wide_document(3000)

    def peak(parse: Any) -> int:
        tracemalloc.start()
        try:
            value = parse()
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert value == expected
        return peak

    expected = json.loads(doc)
    options = _decoder.DEFAULT_OPTIONS
    whole = peak(lambda: _decode_api.str_parser(doc, options, True).decode())
    shed = peak(lambda: _decode_api.window_parser(doc, options).decode())
    # Were the cut windows still held (by a frame, say), shed would cost more
    # than whole: each cut copies the rest.
    assert shed < whole - len(doc) // 4


@needs_windows
@pytest.mark.parametrize(
    "error",
    [
        '{"a": 1,}',  # 3.13's trailing-comma message reads back in data
        "[1, 2,]",
        '"\\ud83d\\u12"',
        "tru",
        '"\u4e2d\x01"',
    ],
)
def test_errors_after_a_cut_are_json_s(error: str) -> None:
    doc = wide_document(3000)
    at = doc.index('"meta"')
    doc = doc[:at] + '"late": ' + error + ", " + doc[at:]
    same_as_json(doc)
    same_as_json(doc, strict=False)


@needs_windows
def test_duplicate_keys_depth_and_extra_data_after_a_cut() -> None:
    doc = wide_document(3000)
    at = doc.index('"meta"')
    doc = doc[:at] + '"late": {"a": 1, "a": 2}, ' + doc[at:]
    with pytest.raises(pyjsonfast.JSONDecodeError) as ours:
        pyjsonfast.loads(doc, reject_duplicate_keys=True)
    assert ours.value.msg == "Duplicate key 'a'"
    assert ours.value.pos == doc.index('"a": 2')
    same_as_json(doc + " x")
    # Nesting past max_depth (json's own limit differs by version): the error a
    # whole-document parse gives.
    deep = doc[:at] + '"deep": ' + "[" * 1200 + "]" * 1200 + ", " + doc[at:]
    with pytest.raises(RecursionError) as ours_deep:
        pyjsonfast.loads(deep)
    with pytest.raises(RecursionError) as whole:
        _decode_api.str_parser(deep, _decoder.DEFAULT_OPTIONS).decode()
    assert str(ours_deep.value) == str(whole.value)
    assert type(ours_deep.value) is type(whole.value)


@needs_windows
def test_a_long_str_costs_no_copy_of_itself() -> None:
    import tracemalloc  # here: PyPy has none

    doc = json.dumps([[k, k * 0.5, "x"] for k in range(40000)])
    pyjsonfast.loads(doc)  # warm: the key cache and such
    tracemalloc.start()
    try:
        value = pyjsonfast.loads(doc)
        result, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert value[-1][0] == 39999
    # Beyond the result (still held): a window or two, not the document's length.
    assert peak - result < len(doc) // 4


@needs_windows
@pytest.mark.parametrize(
    ("narrow_items", "wide_items", "whole"),
    [(1200, 20, False), (400, 400, True)],
    ids=["a-few-wide-windows-stay-windows", "mostly-wide-text-is-then-projected-whole"],
)
def test_wide_text_after_narrow_text(narrow_items: int, wide_items: int, whole: bool) -> None:
    doc = json.dumps(
        [{"id": k, "name": "n" * 30} for k in range(narrow_items)]
        + ["\u4e2d\u6587" * 30] * wide_items,
        ensure_ascii=False,
    )
    parser = _decode_api.window_parser(doc, _decoder.DEFAULT_OPTIONS)
    assert parser.decode() == json.loads(doc)
    assert (parser.base == 0 and len(parser.data) == len(doc)) == whole
    assert parser.sheds == whole  # too short to cut, but it would


@needs_windows
def test_wide_text_after_narrow_text_is_let_go_as_the_parse_moves_on() -> None:
    doc = json.dumps(
        [{"id": k, "name": "n" * 30} for k in range(2000)] + ["\u4e2d\u6587" * 30] * 6000,
        ensure_ascii=False,
    )
    parser = _decode_api.window_parser(doc, _decoder.DEFAULT_OPTIONS)
    assert parser.decode() == json.loads(doc)
    assert parser.sheds and len(parser.data) < len(doc) // 4
