"""Strings full of escapes, written as json writes them, by every writer path.

Compiled, the writer finds characters to escape a word at a time in ASCII text
(and in UTF-8 output), jumps from one to the next, writes runs of escapes byte
by byte; without ensure_ascii into str, it hands wide text with any escape
(16 characters or more, else with many) to json's C helper, and all wide text
once searching it stops paying; interpreted, json's helpers write every
string. Each case compares dumps and dumpb (UTF-8 out) with json, both
ensure_ascii settings, strings as values, keys and in lists.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

import pyjsonfast
from pyjsonfast import _scalars
from pyjsonfast._buffer import StringWriter

# Characters to escape ('"', backslash, controls, DEL), plain ASCII, and wide
# characters, among them ones whose UTF-8 bytes look like controls once their
# top bit is dropped (U+0085: C2 85; U+1F600: F0 9F 98 80).
ALPHABET = '"\\\n\r\t\b\f\x00\x01\x1f\x7f a/\u0085\u00e9\u4e2d\U0001f600'
escape_heavy = st.text(st.sampled_from(ALPHABET), max_size=300)
mostly_plain = st.lists(
    st.one_of(st.text(st.sampled_from("abc xyz"), max_size=40), st.sampled_from(ALPHABET)),
    max_size=30,
).map("".join)


def assert_written_as_json(value: object) -> None:
    for ensure_ascii in (True, False):
        expected = json.dumps(value, ensure_ascii=ensure_ascii)
        assert pyjsonfast.dumps(value, ensure_ascii=ensure_ascii) == expected
        assert pyjsonfast.dumpb(value, ensure_ascii=ensure_ascii) == expected.encode()


@given(st.one_of(escape_heavy, mostly_plain))
def test_escape_heavy_strings(text: str) -> None:
    assert_written_as_json([text, {text: text}])


@pytest.mark.parametrize("escape", ['"', "\\", "\n", "\x00", "\x1f", "\x7f"])
@pytest.mark.parametrize("wide", ["", "\u00e9", "\u4e2d", "\U0001f600"])
def test_runs_of_escapes_at_every_offset(escape: str, wide: str) -> None:
    """A run of 1 to 20 escapes starting at every offset of plain text around
    the word sizes, with a wide character before it or none."""
    texts = [
        wide + "a" * offset + escape * count + "b" * 9
        for offset in range(0, 26)
        for count in (1, 2, 7, 8, 9, 20)
    ]
    assert_written_as_json(texts)


@pytest.mark.parametrize("wide", ["\u00e9", "\u4e2d", "\U0001f600"])
def test_wide_text_with_more_escapes_than_written_one_by_one(wide: str) -> None:
    """Wide text into str without ensure_ascii goes to json's C helper: whole,
    when 16 characters or more hold an escape; its rest after 8 escapes when
    shorter. Texts around both limits, a JSON text as a string value too."""
    for escapes in range(6, 12):
        for gap in range(4):
            text = wide + ("x" * gap + '"') * escapes + wide + "\\ end\n"
            assert_written_as_json([text])
    document = {"k\u00e9y": ['va"l\\ue', "\u4e2d\u6587", {"n": [1, 2.5, None]}]}
    assert_written_as_json([json.dumps(document, ensure_ascii=False)] * 3)


# Whether _write_escaped_unicode searches wide text for escapes and keeps the
# credit: on little-endian hosts, where json has its C helper (not on PyPy).
# (Interpreted, dumps hands every string to json's helpers, but the function
# itself runs the same.)
SEARCHES_WIDE_TEXT = _scalars._UTF16_WORDS and _scalars._c_quote_unicode is not None


def test_wide_text_searched_while_the_searches_pay() -> None:
    """Without ensure_ascii, a run searches wide text for escapes while that
    saves more than it costs: text with a line break in every string makes the
    run stop searching and hand it all to json's C helper; text with nothing
    to escape keeps the searches on. Either way, and after the stop (plain text,
    quotes, backslashes, controls), the text is written as json writes it."""
    line = "\u65e5\u672c\u8a9e\u306e\u6587\u7ae0\u3067\u3059\u3002" * 3
    broken = [f"{line}\n{k}" for k in range(100)]
    after = [line, line + '"', line + "\\", line + "\t", "\U0001f600" * 20 + "\x00"]
    seen = _scalars.StringsSeen()
    buf = StringWriter()
    credits = []
    for text in broken + after:
        _scalars._write_escaped_unicode(buf, text, False, seen)
        credits.append(seen.search_credit)
    assert buf.getvalue() == "".join(json.dumps(t, ensure_ascii=False) for t in broken + after)
    plain = _scalars.StringsSeen()
    _scalars._write_escaped_unicode(StringWriter(), line, False, plain)
    if SEARCHES_WIDE_TEXT:
        cost = len(broken[0]) + _scalars._ESCAPE_SEARCH_FIXED_COST
        assert credits[0] == _scalars._ESCAPE_SEARCH_ALLOWANCE - cost
        assert credits[-1] <= 0 and credits[-1] == credits[len(broken) - 1]  # stopped
        assert plain.search_credit == _scalars._ESCAPE_SEARCH_ALLOWANCE + len(line)
    assert_written_as_json([broken, after, {t: t for t in broken + after}])
