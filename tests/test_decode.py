"""loads / load / JSONDecoder: json's API and json's results (hand-written cases
and differential tests against json)."""

from __future__ import annotations

import decimal
import io
import json
import math
import random
import sys
from collections import OrderedDict
from typing import Any

import pytest
from fuzz_targets import same_value
from hypothesis import given
from hypothesis import strategies as st
from test_decode_support import like_json, outcome

import pyjsonfast
from pyjsonfast import _buffer, _numbers

# --- values ------------------------------------------------------------------------

SIMPLE_CASES = [
    "null",
    "true",
    "false",
    "0",
    "-0",
    "-0.0",
    "0.0",
    "1",
    "-1",
    "123456789",
    "999999999999999999",
    "9223372036854775807",
    "-9223372036854775808",
    "18446744073709551616",
    "123456789012345678901234567890",
    "1.5",
    "-1.5e10",
    "1E400",
    "-1e400",
    "1e-400",
    "4.9e-324",
    "2.2250738585072014e-308",
    "1.7976931348623157e308",
    "0.1",
    "3.141592653589793",
    "1e22",
    "1e23",
    "9007199254740993",
    "9007199254740993.0",
    "0.30000000000000004",
    "123456789012345678901234567890e-10",
    "1.00000000000000000000000000001",
    '""',
    '"abc"',
    '"\\u00e9\\u4e2d\\ud83d\\ude00"',
    '"\\ud800"',
    '"\\udc00\\ud800"',
    '"\\ud800\\u0041"',
    '"\\ud800\\ud800\\udc00"',
    '"\\"\\\\\\/\\b\\f\\n\\r\\t"',
    '"é中😀"',
    "[]",
    "{}",
    "[1, [2, [3, {}]]]",
    '{"a": 1, "b": [true, false, null], "c": {"d": "e"}}',
    '{"a": 1, "a": 2}',
    " \t\n\r[ 1 , 2 ]\r\n\t ",
    "NaN",
    "Infinity",
    "-Infinity",
    "[NaN, Infinity, -Infinity]",
]


@pytest.mark.parametrize("doc", SIMPLE_CASES)
def test_values_equal_json(doc: str) -> None:
    assert same_value(pyjsonfast.loads(doc), json.loads(doc))
    encoded = doc.encode("utf-8", "surrogatepass")
    assert same_value(pyjsonfast.loads(encoded), json.loads(encoded))


def test_negative_zero() -> None:
    assert pyjsonfast.loads("-0") == 0 and type(pyjsonfast.loads("-0")) is int
    value = pyjsonfast.loads("-0.0")
    assert value == 0.0 and math.copysign(1.0, value) == -1.0


def test_nan_and_infinity_values() -> None:
    values = pyjsonfast.loads("[NaN, Infinity, -Infinity]")
    assert math.isnan(values[0]) and values[1] == math.inf and values[2] == -math.inf


def test_duplicate_keys_last_wins() -> None:
    assert pyjsonfast.loads('{"a": 1, "b": 2, "a": 3}') == {"a": 3, "b": 2}
    assert list(pyjsonfast.loads('{"a": 1, "b": 2, "a": 3}')) == ["a", "b"]


def test_lone_surrogates_are_kept() -> None:
    assert pyjsonfast.loads('"\\ud800"') == "\ud800"
    assert pyjsonfast.loads('"\\udfff\\ud800x"') == "\udfff\ud800x"
    assert pyjsonfast.loads('"\\ud83d\\ude00"') == "\U0001f600"


def test_big_integers_are_exact() -> None:
    digits = "9" * 1000
    assert pyjsonfast.loads(digits) == int(digits)
    assert pyjsonfast.loads("-" + digits) == -int(digits)


@pytest.mark.skipif(not hasattr(sys, "set_int_max_str_digits"), reason="Python < 3.11")
def test_int_max_str_digits_is_honoured() -> None:
    old = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(1000)
    try:
        doc = "1" * 1001
        with pytest.raises(ValueError) as ours:
            pyjsonfast.loads(doc)
        with pytest.raises(ValueError) as theirs:
            json.loads(doc)
        assert str(ours.value) == str(theirs.value)
        assert pyjsonfast.loads("1" * 1000) == int("1" * 1000)
    finally:
        sys.set_int_max_str_digits(old)


def test_long_and_repeated_keys() -> None:
    # Keys of every length around the cache's word boundaries, differing in one byte.
    for length in range(0, 41):
        keys = ["k" * length]
        if length:
            keys += ["k" * (length - 1) + "x", "x" + "k" * (length - 1)]
        doc = "[" + ",".join(f'{{"{k}": {i}}}' for i, k in enumerate(keys * 3)) + "]"
        assert pyjsonfast.loads(doc) == json.loads(doc)
        assert pyjsonfast.loads(doc.encode()) == json.loads(doc)


def test_keys_with_non_ascii_and_escapes() -> None:
    doc = '{"é": 1, "è": 2, "\\u00e9x": 3, "a\\nb": 4, "日本": 5, "日本語のキー": 6, "é": 7}'
    assert pyjsonfast.loads(doc) == json.loads(doc)
    assert pyjsonfast.loads(doc.encode()) == json.loads(doc)
    assert pyjsonfast.loads(doc.encode("utf-16")) == json.loads(doc)


@pytest.mark.parametrize("special", ['"', "\\n", "\x01", "\x1f", "é", "\\u00e9"])
def test_string_scanning_at_every_offset(special: str) -> None:
    # The scanners read 8 bytes at a time: put the interesting byte everywhere.
    for before in range(0, 20):
        for after in range(0, 12):
            body = "a" * before + special + "b" * after
            for doc in ('["' + body + '"]', '{"' + body + '": 1}', '"' + body + '"'):
                expected = outcome(json.loads, doc)
                assert like_json(outcome(pyjsonfast.loads, doc), expected), doc
                data = doc.encode("utf-8")
                assert like_json(outcome(pyjsonfast.loads, data), outcome(json.loads, data))


def test_whitespace_runs_of_every_length() -> None:
    for length in range(0, 20):
        for filler in (" ", "\n", "\t", "\r", " \n", "\n "):
            ws = (filler * length)[:length]
            for tail in ("", "1", "x", "]"):
                doc = "[" + ws + "1" + ws + "," + ws + '{"a"' + ws + ":" + ws + "2" + ws + "}" + ws
                doc += tail
                assert like_json(outcome(pyjsonfast.loads, doc), outcome(json.loads, doc)), doc


def test_keys_that_project_alike_stay_apart() -> None:
    # A non-ASCII str is scanned through an ASCII projection ("?" per other
    # character): keys equal there, or holding a real "?", must not be confused.
    docs = [
        '[{"é": 1}, {"?": 2}, {"ü": 3}, {"a?b": 4}, {"aéb": 5}, {"a中b": 6}]',
        '[{"?": 1}, {"é": 2}, {"aéb": 3}, {"a?b": 4}]',
        '[{"' + "x" * 20 + 'é": 1}, {"' + "x" * 20 + '?": 2}, {"' + "x" * 20 + 'ü": 3}]',
    ]
    for _ in range(3):
        for doc in docs:
            assert pyjsonfast.loads(doc) == json.loads(doc)
            assert pyjsonfast.loads(doc.encode()) == json.loads(doc)
            assert pyjsonfast.loads(doc.replace("é", "e")) == json.loads(doc.replace("é", "e"))


SHORT_VALUES = [
    "a",
    "?",
    "é",
    "a?b",
    "aéb",
    "a中b",
    "😀",
    "k" * 7,
    "k" * 8,
    "k" * 9,
    "k" * 10,
    "k" * 16,
    "k" * 17,
    "abcdefgh?j",
    "abcdefghéj",
    "abcdefgh" + "?" * 8,
    "abcdefgh" + "é" * 4,
    "x\\ny",
]


# Ahead of a document's items: makes it long enough (1 KiB) for the compiled
# build's cache of short string values, which only a document's own scanner uses.
LONG_FIRST_ITEM = '"' + "p" * 1100 + '", '


def test_short_values_stay_apart_across_documents() -> None:
    # The compiled build shares short string values (up to 16 bytes) through a
    # cache of their raw bytes, kept between parses: values equal in a str's
    # projection ("?" per non-ASCII character), of the same first and last
    # words but other lengths, or met as UTF-8 before, must come back as json's.
    docs = []
    for value in SHORT_VALUES:
        docs.append(f'[{LONG_FIRST_ITEM}"{value}"]')  # at the end: < 8 bytes after it
        docs.append(f"[{LONG_FIRST_ITEM}" + ", ".join([f'"{value}"'] * 3) + "]")
        docs.append(f'{{"v": "{value}", "w": [{LONG_FIRST_ITEM}"{value}"]}}')
    docs.append(f"[{LONG_FIRST_ITEM}" + ", ".join(f'"{value}"' for value in SHORT_VALUES) + "]")
    docs.append(f"[{LONG_FIRST_ITEM}" + ", ".join(f'"{v}"' for v in SHORT_VALUES[::-1]) + "]")
    for _ in range(2):
        for doc in docs + docs[::-1]:
            expected = json.loads(doc)
            assert pyjsonfast.loads(doc) == expected, doc
            assert pyjsonfast.loads(doc.encode()) == expected, doc
            ascii_doc = doc.replace("é", "e").replace("中", "z").replace("😀", "s")
            assert pyjsonfast.loads(ascii_doc) == json.loads(ascii_doc), ascii_doc


def test_short_values_of_one_first_and_last_word_stay_apart() -> None:
    # c * 8 ... c * 16 all have the same first and last 8 bytes: only their
    # lengths tell them apart. Today's hash gives them different cache slots
    # (it adds the length); this holds any other hash to comparing lengths.
    for order in (1, -1):
        for code in range(0x20, 0x7F):
            char = chr(code)
            if char in '"\\':
                continue
            values = [char * n for n in range(8, 17)][::order]
            doc = f"[{LONG_FIRST_ITEM}" + ", ".join(json.dumps(v) for v in values) + "]"
            assert pyjsonfast.loads(doc) == json.loads(doc), doc


def test_repeated_short_values_are_shared_until_misses_dominate() -> None:
    # Compiled, a long document's repeated short values come back as one object
    # (the cache works); once a parse's misses outnumber its hits by 256 (a
    # run of distinct values), it stops looking them up, values still right.
    repeated = ["en", "ja", "recent", "0123456789abcdef"] * 50
    distinct = [f"id{n:06d}" for n in range(2000)]
    for doc in (json.dumps(repeated), json.dumps(distinct + repeated)):
        for text in (doc, doc.encode()):
            value = pyjsonfast.loads(text)
            assert value == json.loads(doc)
            tail = value[-len(repeated) :]
            shared = {v: [o for o in tail if o == v and o is not v] for v in set(tail)}
            if not _buffer.COMPILED:
                continue
            if len(value) == len(repeated):
                assert all(not others for others in shared.values()), shared
            else:
                assert any(others for others in shared.values())


def key_objects(value: object, found: dict[str, list[str]]) -> dict[str, list[str]]:
    """Every key object in value (dicts and lists), grouped by text."""
    if isinstance(value, dict):
        for k, v in value.items():
            found.setdefault(k, []).append(k)
            key_objects(v, found)
    elif isinstance(value, list):
        for v in value:
            key_objects(v, found)
    return found


def assert_keys_shared(value: object) -> None:
    for text, objects in key_objects(value, {}).items():
        assert all(o is objects[0] for o in objects), text


KEY_SHARING_KEYS = [
    "a",
    "a_é",
    "b_é",
    "é",
    "?",
    "日本",
    "😀",
    "a\\nb",
    "\\u00e9x",
    "k" * 7,
    "k" * 8,
    "k" * 16,
    "k" * 17,
    "é" * 17,
    "k" * 64,
    "k" * 65,
    "x" * 200 + "é",
]


@pytest.mark.parametrize("encode", [False, True])
def test_repeated_keys_are_one_object(encode: bool) -> None:
    # json's decoder memoizes keys: a key repeated within a document is one object.
    doc = '[{"a_é": 1, "b_é": 2}, {"a_é": 3, "b_é": 4}]'
    value = pyjsonfast.loads(doc.encode() if encode else doc)
    assert value == json.loads(doc)
    assert_keys_shared(value)
    items = ",".join('{"' + k + '": [{"' + k + '": 1}]}' for k in KEY_SHARING_KEYS)
    for pad in ("", "é", "😀", "ab"):  # ASCII, 2- and 4-byte-kind documents
        doc = "[" + items + ', "' + pad + '",' + items + "]"
        for source in (doc, doc.encode(), doc.encode("utf-16")) if encode else (doc,):
            value = pyjsonfast.loads(source)
            assert value == json.loads(doc)
            assert_keys_shared(value)


def test_repeated_keys_are_one_object_past_the_key_cache() -> None:
    # More distinct keys than the compiled build's key cache holds, then all again
    # (and a second document, which meets keys cached by the first).
    keys = [f"key{i}" for i in range(5000)] + [f"clé{i}" for i in range(300)]
    doc = "[" + ",".join(f'{{"{k}": {i}}}' for i, k in enumerate(keys * 2)) + "]"
    for source in (doc, doc.encode(), doc, doc.encode()):
        value = pyjsonfast.loads(source)
        assert value == json.loads(doc)
        assert_keys_shared(value)
    value = pyjsonfast.loads(doc, object_pairs_hook=list)
    assert_keys_shared([dict(pairs) for pairs in value])


@pytest.mark.parametrize(
    "doc",
    [
        '[{"ab":1},{"ab":2}]',  # the second within 8 bytes of the end
        '[{"abcdefghijk": 1}, {"\\u0061bcdefghijk": 2}, 0, 0]',  # plain, then escaped
        '[{"\\u0061bcdefghijk": 1}, {"abcdefghijk": 2}, {"abcdefghijk": 3}, 0]',  # escaped first
        '{"caf\\u00e9s": [{"cafés": 1}], "x": {"caf\\u00e9s": 2}, "y": [0, 0, 0]}',
    ],
)
def test_repeated_keys_are_one_object_near_the_end_and_escaped(doc: str) -> None:
    # The compiled build keeps keys in a cache shared by parses: a key it holds
    # must come from it wherever the key is met in a document (also where its
    # words cannot be read, and when written with escapes).
    for source in (doc, doc, doc.encode(), doc.encode(), doc.replace("[", '["中", ', 1)):
        value = pyjsonfast.loads(source)
        assert value == json.loads(source)
        assert_keys_shared(value)


# Keys that the compiled scanner's guesses (the key that followed the previous
# one last time, checked by its words) could take for one another: prefixes of
# each other, one byte apart at each end of a word, "?" (which stands for any
# non-ASCII character in a str's projection) beside the characters it stands
# for, escapes, and the empty key.
GUESSED_KEYS = [
    "a",
    "ab",
    "abc",
    "abcdefg",
    "abcdefgh",
    "abcdefghi",
    "abcdefgX",
    "Xbcdefgh",
    "abcdefghijklmnop",
    "abcdefghijklmnoq",
    "abcdefghijklmnopq",
    "abcdefghXjklmnopq",
    "k" * 40,
    "k" * 39 + "j",
    "k" * 64,
    "k" * 65,
    "?",
    "é",
    "a?",
    "aé",
    "a日",
    "a😀",
    "\\u0061b",
    "a\\nb",
    "",
]


@pytest.mark.parametrize("seed", range(12))
def test_guessed_keys_are_json_keys_and_one_object(seed: int) -> None:
    # Objects of a few shapes, repeated with variations (a key swapped for a
    # look-alike, dropped or added; whitespace around the colon), long enough
    # for the compiled scanner to guess keys; each document parsed twice, so
    # that the second parse follows the first one's guesses.
    rng = random.Random(seed)
    shapes = [rng.sample(GUESSED_KEYS, rng.randint(1, 6)) for _ in range(4)]
    objects = []
    for _ in range(rng.randint(40, 120)):
        keys = list(rng.choice(shapes))
        if rng.random() < 0.2:
            keys[rng.randrange(len(keys))] = rng.choice(GUESSED_KEYS)
        if rng.random() < 0.1:
            keys = keys[:-1] or keys
        colon = rng.choice([": ", ":", " : ", ":\n  "])
        items = ", ".join(f'"{key}"{colon}{rng.choice(["1", "[1]", "{}", "x"])}' for key in keys)
        objects.append("{" + items.replace("x", '{"' + rng.choice(GUESSED_KEYS) + '": 2}') + "}")
    doc = "[\n  " + ",\n  ".join(objects) + "\n]"
    for source in (doc, doc, doc.encode(), doc.encode(), doc + "é", (doc + "😀").encode()):
        if isinstance(source, str) and source.endswith(("é", "😀")):
            source = source[:-1] + " "  # a 2-byte-kind str, parsed through its projection
        expected = outcome(json.loads, source)
        got = outcome(pyjsonfast.loads, source)
        assert like_json(got, expected), (seed, source[:200])
        if expected[0] == "ok":
            assert_keys_shared(pyjsonfast.loads(source))
    wide = doc.replace("[\n", '["中",\n', 1)  # a 2-byte-kind str: the projection
    assert pyjsonfast.loads(wide) == json.loads(wide)
    assert_keys_shared(pyjsonfast.loads(wide))


@pytest.mark.parametrize("head_items", [0, 3, 400])
def test_bytes_ascii_at_first_then_not(head_items: int) -> None:
    # UTF-8 bytes are decoded as ASCII when their head is ASCII: a document
    # whose non-ASCII text (valid or not) comes only later (past the first
    # 1024 bytes with 400 items) gets json's value or error all the same.
    head = b"[" + b'"abc", 1.5, ' * head_items
    for tail in (
        "\"é\"]".encode(),
        "\"日本\", {\"ключ\": \"😀\"}]".encode(),
        b'"\xff"]',
        b'"\xed\xa0\x80"]',
        b'"a\\u00e9"]',
        b'"abc"',
        b'"abc"] x',
    ):
        doc = head + tail
        assert like_json(outcome(pyjsonfast.loads, doc), outcome(json.loads, doc)), doc[-20:]


def test_guessed_keys_at_the_end_of_the_document() -> None:
    # A guess whose key, quote or colon would run past the end of the data.
    body = ", ".join('{"abcdefghij": 1, "abcdefghik": 2}' for _ in range(60))
    for tail in ['{"abcdefghij": 1, "abcdefghik"', '{"abcdefghij": 1, "abcdefghi', '{"abcdefghij"']:
        for doc in ("[" + body + ", " + tail, "[" + body + ", " + tail + ": 3}]"):
            assert like_json(outcome(pyjsonfast.loads, doc), outcome(json.loads, doc)), doc[-40:]


@pytest.mark.parametrize("kinds", [2, 3, 4, 5])
def test_keys_after_a_key_of_several_kinds(kinds: int) -> None:
    # A key followed by one of `kinds` look-alike keys in turn, then in a
    # shuffled order: the compiled scanner guesses the three that followed it
    # most recently (and moves the one found to the front), so the cycles of
    # 2 and 3 are guessed, those of 4 and 5 missed, and every key must still
    # be json's and one object per document.
    followers = ["abcdefgh", "abcdefgX", "abcdefghi", "Xbcdefgh", "abcdefg"][:kinds]
    rng = random.Random(kinds)
    order = [followers[k % kinds] for k in range(120)]
    order += rng.choices(followers, k=120)
    doc = "[" + ", ".join(f'{{"kind": {n}, "{key}": [{n}]}}' for n, key in enumerate(order)) + "]"
    for source in (doc, doc, doc.encode(), doc.replace("[", '["中", ', 1)):
        value = pyjsonfast.loads(source)
        assert value == json.loads(source)
        assert_keys_shared(value)


@pytest.mark.parametrize("seed", range(8))
def test_indentation_before_keys_is_json_whitespace(seed: int) -> None:
    # The compiled scanner expects a key's line break to be followed by as many
    # spaces as the last key's: indentation that changes width (by one space or
    # a whole word), tabs, carriage returns, spaces after the key, and a key cut
    # short at the end of the document, parsed as str and bytes.
    rng = random.Random(seed)
    units = ["\n" + " " * width for width in (0, 1, 4, 7, 8, 9, 15, 16, 17, 24, 31, 40)]
    units += ["\n\t", "\r\n  ", "\n  \t", "\n    \n    ", " \n   "]
    objects = []
    for _ in range(rng.randint(60, 160)):
        width = rng.choice(units)
        keys = rng.sample(["id", "name", "indices", "a_much_longer_key_name", "x"], 3)
        items = []
        for key in keys:
            if rng.random() < 0.3:
                width = rng.choice(units)
            items.append(f'{width}"{key}": {rng.choice(["1", "[1, 2]", "{}", "null"])}')
        objects.append("{" + ",".join(items) + rng.choice(["", "\n"]) + "}")
    doc = "[" + ", ".join(objects) + "]"
    for source in (doc, doc, doc.encode(), doc + "\n", doc[:-40], doc.replace("[", '["中", ', 1)):
        expected = outcome(json.loads, source)
        assert like_json(outcome(pyjsonfast.loads, source), expected), (seed, source[-80:])


# Where the str projection's chunks meet (pyjsonfast._projection.PROJECTION_CHUNK),
# and positions around them relative to 8-byte words.
CHUNK = 16384
LONG_DOC_POSITIONS = [5, 8, 13, *range(CHUNK - 9, CHUNK + 10), 2 * CHUNK - 1, 2 * CHUNK + 3]


def long_document(placed: dict[int, str]) -> str:
    """A ~50,000-character array of strings and objects with the given text placed
    at the given offsets (inside a string, a key or between values)."""
    parts = []
    for i in range(2000):
        parts.append(f'"text{i:05d}"' if i % 3 else f'{{"k{i % 7}": {i}}}')
    doc = "[" + ", ".join(parts) + "]"
    for at, text in sorted(placed.items(), reverse=True):
        doc = doc[:at] + text + doc[at + 1 :]
    return doc


@pytest.mark.parametrize("special", ["é", "ÿ", "Œ", "中", "😀", "\ud800", "\udfff", "?"])
def test_long_str_documents_with_non_ascii_anywhere(special: str) -> None:
    # Each str kind (1, 2, 4), lone surrogates, and "?" itself, at every position
    # around a projection chunk's edge: inside strings and keys, and where it is a
    # syntax error (positions in characters, as json's).
    for at in LONG_DOC_POSITIONS:
        doc = long_document({at: special})
        expected = outcome(json.loads, doc)
        assert like_json(outcome(pyjsonfast.loads, doc), expected), (special, at)
        if expected[0] == "ok":
            assert_keys_shared(pyjsonfast.loads(doc))
        for error in (doc + " x", doc[:-1] + "?]", doc.replace(", ", " ", 3)):
            assert like_json(outcome(pyjsonfast.loads, error), outcome(json.loads, error))


def test_long_str_documents_mixing_kinds() -> None:
    # Latin-1 chunks, wider chunks alone, in a row, and everywhere (the
    # projection's three ways), with errors after the non-ASCII text.
    placements = [
        {100: "é", CHUNK + 100: "中"},
        {100: "中", CHUNK + 100: "é", 2 * CHUNK + 100: "😀"},
        {100: "中", CHUNK + 100: "中", 2 * CHUNK + 100: "中"},
        {at: "日" for at in range(50, 48_000, 997)},
        {at: "é" for at in range(50, 48_000, 997)},
        {CHUNK - 1: "😀", CHUNK: "é"},
    ]
    for placed in placements:
        doc = long_document(placed)
        for text in (doc, doc + "  x", doc[:-1] + ",]", doc[: 3 * CHUNK] + "!"):
            assert like_json(outcome(pyjsonfast.loads, text), outcome(json.loads, text))
            assert like_json(
                outcome(pyjsonfast.loads, text.encode("utf-8", "surrogatepass")),
                outcome(json.loads, text.encode("utf-8", "surrogatepass")),
            )


@pytest.mark.parametrize("wide_head", [False, True])
def test_ascii_projection_of_every_mix(wide_head: bool) -> None:
    # The projection is s.encode("ascii", "replace") however it is made: chunk
    # by chunk, whole at once, or whole once a wide head (wide_head: the
    # caller saw one) has a wide middle too; or chunked when the middle is narrow.
    from pyjsonfast._projection import ascii_projection

    narrow = "".join(chr(32 + k % 95) for k in range(5 * CHUNK))
    texts = [
        "",
        "中",
        "x" * 10 + "中",
        "中" + narrow,  # a wide head, narrow after
        "中" + narrow + "中😀" + narrow,  # wide head and middle
        narrow + "é" + narrow + "中",
        "é" * (3 * CHUNK) + "\ud800",
        "".join(chr(0x4E00 + k % 500) for k in range(3 * CHUNK)),
    ]
    for text in texts:
        assert ascii_projection(text, wide_head) == text.encode("ascii", "replace"), len(text)


def test_numbers_of_every_length_at_every_alignment() -> None:
    # The compiled build reads 8 digits at a time where it can: every digit
    # count, around the mantissa's 19-digit limit, with non-digits right after.
    for pad in range(8):
        for length in range(1, 42):
            digits = "".join(str((k * 7 + length) % 10) for k in range(length))
            for text in (
                "1" + digits[1:],
                "9" * length,
                "0." + digits,
                "-" + "8" * length + "." + digits + "e-3",
                "12." + digits + "E+1",
                digits[:1].replace("0", "5") + digits[1:] + "/",
                "3" + "0" * length + "1",
            ):
                doc = "[" + " " * pad + text + "]"
                assert like_json(outcome(pyjsonfast.loads, doc), outcome(json.loads, doc)), doc
                data = doc.encode()
                assert like_json(outcome(pyjsonfast.loads, data), outcome(json.loads, data)), doc


NUMBER_ARRAY_ITEMS = ["0", "-0", "1.5", "-0.0", "2e3", "2E-3", "1.5e+300", "1e400", "7", "-12"]
NUMBER_ARRAY_BREAKERS = ["01", "1.", ".5", "1e", "-", "1 2", "1,", "", "NaN", '"1"', "[1]", "1x"]


@pytest.mark.parametrize("seed", range(20))
def test_arrays_of_numbers_only(seed: int) -> None:
    # Uncompiled CPython reads an array of numbers only (all floats or all
    # integers) with one regex match: mixed, broken or spaced-out arrays, and the
    # hooks, must give json's values and json's errors at json's positions.
    rng = random.Random(seed)
    spaces = ["", " ", "\n  ", "\t", "\r\n"]
    for _ in range(60):
        count = rng.randint(1, 6)
        kind = rng.choice([["1.5", "-0.0", "2e3", "2E-3", "1e400"], ["0", "-0", "7", "-12"]])
        items = [
            rng.choice(kind if rng.random() < 0.9 else NUMBER_ARRAY_ITEMS) for _ in range(count)
        ]
        if rng.random() < 0.2:
            items[rng.randrange(count)] = rng.choice(NUMBER_ARRAY_BREAKERS)
        body = "".join(
            rng.choice(spaces) + item + rng.choice(spaces) + ("," if k < count - 1 else "")
            for k, item in enumerate(items)
        )
        doc = "[" + rng.choice(spaces) + body + ("]" if rng.random() < 0.95 else "")
        if rng.random() < 0.3:
            doc = '{"a": [' + doc + ", " + doc + "]}"
        for text in (doc, doc.encode()):
            assert like_json(outcome(pyjsonfast.loads, text), outcome(json.loads, text)), doc
            for hook in ({"parse_float": decimal.Decimal}, {"parse_int": float}):
                got = outcome(pyjsonfast.loads, text, **hook)
                assert like_json(got, outcome(json.loads, text, **hook)), (doc, hook)


def test_arrays_of_numbers_keep_int_and_float_apart() -> None:
    assert pyjsonfast.loads("[1, 2, 3]") == [1, 2, 3]
    assert all(type(v) is int for v in pyjsonfast.loads("[1, -2, 30]"))
    assert all(type(v) is float for v in pyjsonfast.loads("[1.0, -2e0, 3E1]"))
    assert [type(v) for v in pyjsonfast.loads("[1, 2.0, 3]")] == [int, float, int]
    assert pyjsonfast.loads("[1e400, -1e400]") == [math.inf, -math.inf]


@pytest.mark.parametrize("count", [255, 256, 257, 1000])
def test_long_arrays_of_numbers(count: int) -> None:
    # Uncompiled CPython matches at most 256 numbers at once; longer arrays (and
    # a bad last number) are read by the parser's loop, with json's results.
    for number in ("{}.5", "{}", "-{}e-2"):
        items = [number.format(k) for k in range(count)]
        for last in (items[-1], "01", "1.", items[-1] + "]"):
            doc = "[" + ", ".join([*items[:-1], last]) + "]"
            assert like_json(outcome(pyjsonfast.loads, doc), outcome(json.loads, doc)), last


def test_gc_state_is_restored() -> None:
    # Large documents are parsed with the cyclic GC paused; its state must come back.
    import gc

    big = "[" + ",".join(['{"a": [1, 2.5, "x"]}'] * 20_000) + "]"
    assert gc.isenabled()
    assert len(pyjsonfast.loads(big)) == 20_000
    assert gc.isenabled()
    with pytest.raises(pyjsonfast.JSONDecodeError):
        pyjsonfast.loads(big + "x")
    assert gc.isenabled()
    gc.disable()
    try:
        pyjsonfast.loads(big)
        assert not gc.isenabled()
    finally:
        gc.enable()


# --- hooks and options --------------------------------------------------------------


def test_object_hook() -> None:
    doc = '{"a": {"b": 1}, "c": []}'
    assert pyjsonfast.loads(doc, object_hook=lambda d: sorted(d)) == ["a", "c"]


def test_object_pairs_hook_wins_over_object_hook() -> None:
    doc = '{"b": 1, "a": {"x": 2}, "b": 3}'
    value = pyjsonfast.loads(doc, object_pairs_hook=OrderedDict, object_hook=dict)
    assert value == json.loads(doc, object_pairs_hook=OrderedDict)
    assert type(value) is OrderedDict
    assert pyjsonfast.loads(doc, object_pairs_hook=list) == [("b", 1), ("a", [("x", 2)]), ("b", 3)]
    assert pyjsonfast.loads("{}", object_pairs_hook=list) == []


def test_parse_float_and_parse_int() -> None:
    doc = "[1.10, 2, -3e2, 4E-1]"
    assert pyjsonfast.loads(doc, parse_float=decimal.Decimal) == json.loads(
        doc, parse_float=decimal.Decimal
    )
    assert pyjsonfast.loads(doc, parse_int=str) == [1.1, "2", -300.0, 0.4]
    assert pyjsonfast.loads(doc, parse_float=float, parse_int=int) == json.loads(doc)


def test_parse_constant() -> None:
    seen: list[str] = []

    def constant(name: str) -> str:
        seen.append(name)
        return name.lower()

    assert pyjsonfast.loads("[NaN, Infinity, -Infinity]", parse_constant=constant) == [
        "nan",
        "infinity",
        "-infinity",
    ]
    assert seen == ["NaN", "Infinity", "-Infinity"]


def test_strict_false_allows_control_characters() -> None:
    doc = '["a\tb\x00c\x1f", "\n"]'
    with pytest.raises(pyjsonfast.JSONDecodeError):
        pyjsonfast.loads(doc)
    assert pyjsonfast.loads(doc, strict=False) == json.loads(doc, strict=False)
    assert pyjsonfast.JSONDecoder(strict=False).decode(doc) == ["a\tb\x00c\x1f", "\n"]


@pytest.mark.parametrize(
    "doc",
    [
        '[\n "ab\ncd", "e"]',  # newline the only control byte (PyPy scans by bytes.find)
        '{\n "k\ney": 1}',
        '[\n "ab\tcd",\n "e\nf"]',  # other control bytes too
        '[\r\n "ab\x01", "é\n"]',
        '["é\\n\n"]',
    ],
)
def test_control_characters_in_strings_with_and_without_others(doc: str) -> None:
    for document in (doc, doc.encode()):
        assert like_json(outcome(pyjsonfast.loads, document), outcome(json.loads, document))
        assert like_json(
            outcome(pyjsonfast.loads, document, strict=False),
            outcome(json.loads, document, strict=False),
        )


def test_allow_nan_false() -> None:
    for doc in ("NaN", "[Infinity]", '{"a": -Infinity}'):
        with pytest.raises(pyjsonfast.JSONDecodeError) as info:
            pyjsonfast.loads(doc, allow_nan=False)
        assert info.value.msg == "Expecting value"
    assert pyjsonfast.loads("[1.5e3]", allow_nan=False) == [1500.0]


def test_reject_duplicate_keys() -> None:
    doc = '{"a": 1, "b": {"c": 2, "c": 3}}'
    with pytest.raises(pyjsonfast.JSONDecodeError) as info:
        pyjsonfast.loads(doc, reject_duplicate_keys=True)
    assert "'c'" in info.value.msg
    assert info.value.pos == doc.index('"c"', doc.index('"c"') + 1)
    with pytest.raises(pyjsonfast.JSONDecodeError):
        pyjsonfast.loads(doc, reject_duplicate_keys=True, object_pairs_hook=list)
    assert pyjsonfast.loads('{"a": 1, "b": 1}', reject_duplicate_keys=True) == {"a": 1, "b": 1}


def test_extensions_are_keyword_only_and_off_by_default() -> None:
    decoder = pyjsonfast.JSONDecoder()
    assert decoder.allow_nan is True
    assert decoder.reject_duplicate_keys is False
    assert decoder.max_depth is None
    with pytest.raises(TypeError):
        pyjsonfast.JSONDecoder(None)  # type: ignore[call-arg]


def test_unknown_keyword_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        pyjsonfast.loads("1", no_such_option=True)  # type: ignore[call-overload]


# --- input types and encodings ------------------------------------------------------


@pytest.mark.parametrize(
    "encoding",
    ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"],
)
def test_bytes_encodings_are_detected(encoding: str) -> None:
    doc = '{"k\u00e9y": ["v\u4e2d", 1, 2.5, null, "\U0001f600"]}'
    data = doc.encode(encoding)
    assert pyjsonfast.loads(data) == json.loads(data)
    assert pyjsonfast.loads(bytearray(data)) == json.loads(bytearray(data))
    assert pyjsonfast.loads(memoryview(data)) == json.loads(data)


def test_short_bytes() -> None:
    for data in (b"1", b" 1", b"1 ", b"[]", b"\x00", b"", b"\x001", b"1\x00"):
        assert like_json(outcome(pyjsonfast.loads, data), outcome(json.loads, data)), data


def test_str_with_bom_fails_like_json() -> None:
    with pytest.raises(pyjsonfast.JSONDecodeError) as info:
        pyjsonfast.loads("\ufeff[]")
    assert info.value.msg == "Unexpected UTF-8 BOM (decode using utf-8-sig)"
    assert info.value.pos == 0


@pytest.mark.parametrize("value", [1, 1.5, None, [b"[]"], object()])
def test_other_types_are_type_errors_like_json(value: object) -> None:
    with pytest.raises(TypeError) as ours:
        pyjsonfast.loads(value)  # type: ignore[call-overload]
    with pytest.raises(TypeError) as theirs:
        json.loads(value)  # type: ignore[arg-type]
    assert str(ours.value) == str(theirs.value)


def test_utf8_encoded_surrogates_pass_like_json() -> None:
    data = b'["\xed\xa0\x80", "\xed\xb0\x80x"]'
    assert pyjsonfast.loads(data) == json.loads(data)


def test_load_reads_text_and_binary_files() -> None:
    assert pyjsonfast.load(io.StringIO('{"a": [1]}')) == {"a": [1]}
    assert pyjsonfast.load(io.BytesIO(b'{"a": [1]}')) == {"a": [1]}
    assert pyjsonfast.load(io.BytesIO(b"[1.5]"), parse_float=decimal.Decimal) == [
        decimal.Decimal("1.5")
    ]


# --- JSONDecoder --------------------------------------------------------------------


def test_decoder_attributes_like_json() -> None:
    ours = pyjsonfast.JSONDecoder()
    theirs = json.JSONDecoder()
    assert ours.parse_float is theirs.parse_float is float
    assert ours.parse_int is theirs.parse_int is int
    assert ours.strict is theirs.strict is True
    assert ours.object_hook is None and ours.object_pairs_hook is None
    assert ours.parse_constant("NaN") != ours.parse_constant("NaN")  # nan
    assert ours.parse_constant("Infinity") == math.inf


def test_raw_decode() -> None:
    decoder = pyjsonfast.JSONDecoder()
    reference = json.JSONDecoder()
    for doc, idx in [
        ('{"a": 1} tail', 0),
        ("[1, 2]", 0),
        ("xx[1, 2]yy", 2),
        ("  1", 0),
        ("  1", 2),
        ('é ["ü"] é', 2),
        ("1", 1),
        ("1", 5),
        ('"日本" "語"', 5),
    ]:
        assert like_json(
            outcome(decoder.raw_decode, doc, idx=idx), outcome(reference.raw_decode, doc, idx=idx)
        ), (doc, idx)
    with pytest.raises(ValueError, match="idx cannot be negative"):
        decoder.raw_decode("1", -1)
    with pytest.raises(TypeError):
        decoder.raw_decode(b"1")  # type: ignore[arg-type]


def test_raw_decode_streams_several_documents() -> None:
    decoder = pyjsonfast.JSONDecoder()
    text = '{"é": 1} ["ü", 2] "three"'
    values, idx = [], 0
    while idx < len(text):
        value, idx = decoder.raw_decode(text, idx)
        values.append(value)
        while idx < len(text) and text[idx] == " ":
            idx += 1
    assert values == [{"é": 1}, ["ü", 2], "three"]


class UpperDecoder(pyjsonfast.JSONDecoder):
    """An interpreted subclass: overrides decode and adds state."""

    def __init__(self, **kw: Any) -> None:
        super().__init__(**kw)
        self.calls = 0

    def decode(self, s: str, *args: Any, **kw: Any) -> Any:
        self.calls += 1
        value = super().decode(s)
        return {k.upper(): v for k, v in value.items()}


def test_interpreted_subclass_of_decoder() -> None:
    decoder = UpperDecoder()
    assert decoder.decode('{"a": 1}') == {"A": 1}
    assert decoder.calls == 1
    assert pyjsonfast.loads('{"b": 2}', cls=UpperDecoder) == {"B": 2}
    assert pyjsonfast.loads(b'{"c": 3}', cls=UpperDecoder) == {"C": 3}
    assert isinstance(decoder, pyjsonfast.JSONDecoder)


class TupleDecoder(pyjsonfast.JSONDecoder):
    """Overrides raw_decode only: decode must go through it, as json's does."""

    def raw_decode(self, s: str, idx: int = 0) -> tuple[Any, int]:
        value, end = super().raw_decode(s, idx)
        return ("wrapped", value), end


def test_decode_goes_through_an_overridden_raw_decode() -> None:
    assert TupleDecoder().decode(" [1] ") == ("wrapped", [1])
    assert pyjsonfast.loads(b"[2]", cls=TupleDecoder) == ("wrapped", [2])
    with pytest.raises(pyjsonfast.JSONDecodeError) as info:
        TupleDecoder().decode("[1] x")
    assert (info.value.msg, info.value.pos) == ("Extra data", 4)


def test_cls_can_be_json_decoder() -> None:
    assert pyjsonfast.loads('{"a": 1.5}', cls=json.JSONDecoder) == {"a": 1.5}
    assert pyjsonfast.loads(b"[2]", cls=json.JSONDecoder, parse_int=str) == ["2"]


# --- differential tests -------------------------------------------------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=20), children, max_size=5)
    ),
    max_leaves=30,
)


@given(json_values, st.sampled_from([None, 0, 2]), st.booleans())
def test_differential_dumps_then_loads(value: Any, indent: int | None, ensure_ascii: bool) -> None:
    doc = json.dumps(value, indent=indent, ensure_ascii=ensure_ascii)
    assert like_json(outcome(pyjsonfast.loads, doc), outcome(json.loads, doc))
    data = doc.encode("utf-8", "surrogatepass")
    assert like_json(outcome(pyjsonfast.loads, data), outcome(json.loads, data))


JSON_ALPHABET = st.sampled_from(
    [*'{}[]",:0123456789-+.eEtrufalsnNIy \n\t\r\\/bu', "é", "中", "\x00", "\x1f", "\ud800"]
)


@given(st.lists(JSON_ALPHABET, max_size=40).map("".join))
def test_differential_random_text(doc: str) -> None:
    assert like_json(outcome(pyjsonfast.loads, doc), outcome(json.loads, doc))


@given(st.text(max_size=30))
def test_differential_any_string_body(body: str) -> None:
    doc = '["' + body + '"]'
    assert like_json(outcome(pyjsonfast.loads, doc), outcome(json.loads, doc))
    assert like_json(
        outcome(pyjsonfast.loads, doc, strict=False), outcome(json.loads, doc, strict=False)
    )


@given(
    st.from_regex(r"-?(0|[1-9][0-9]{0,25})(\.[0-9]{1,25})?([eE][-+]?[0-9]{1,3})?", fullmatch=True)
)
def test_differential_numbers(doc: str) -> None:
    assert same_value(pyjsonfast.loads(doc), json.loads(doc))


# --- exact floats -------------------------------------------------------------------


@given(st.integers(min_value=0, max_value=10**18 - 1), st.integers(min_value=-360, max_value=330))
def test_decimal_to_float_is_exact_or_declines(mantissa: int, exp10: int) -> None:
    value = _numbers.decimal_to_float(mantissa, exp10)
    if value >= 0:
        assert value == float(f"{mantissa}e{exp10}")


@given(st.floats(min_value=0.0, allow_infinity=False, allow_nan=False))
def test_shortest_repr_round_trips(value: float) -> None:
    digits, _, exponent = f"{value:.17e}".partition("e")
    mantissa = int(digits.replace(".", ""))
    result = _numbers.decimal_to_float(mantissa, int(exponent) - 17)
    if result >= 0:
        assert result == value
    text = repr(value)
    assert pyjsonfast.loads(text) == value


def test_eisel_lemire_many_random_values() -> None:
    import random

    rng = random.Random(1234)
    for _ in range(20_000):
        mantissa = rng.randrange(1, 10 ** rng.randint(1, 18))
        exp10 = rng.randint(-345, 310)
        result = _numbers.decimal_to_float(mantissa, exp10)
        if result >= 0:
            assert result == float(f"{mantissa}e{exp10}"), (mantissa, exp10)


def test_halfway_cases_round_to_even() -> None:
    # 2**53 + 1 and friends: exactly between two doubles.
    for text in [
        "9007199254740993.0",
        "9007199254740995.0",
        "9007199254740993e0",
        "4503599627370497.5",
    ]:
        assert pyjsonfast.loads(text) == float(text)


@pytest.mark.parametrize(
    "separator", [", ", ",", ",  ", ", \n", ",\n ", " , ", ",\t", ", \t", " ,"]
)
def test_whitespace_after_commas(separator: str) -> None:
    # One space after a comma (json.dumps's ", ") is stepped over inline, any
    # other whitespace by the scanner: same values, and the same errors at the
    # same positions for every cut of the document. Repeated objects, long
    # enough for the compiled scanner to guess their keys.
    sep = separator
    item = f'{{"id": 1{sep}"name": "x"{sep}"tags": [1{sep}"a"{sep}[]{sep}{{}}{sep}true]}}'
    short = f"[{item}{sep}{item}]"
    long = "[" + sep.join([item] * 40) + "]"
    for doc in (short, long, short.replace('"x"', '"é"'), long.encode()):
        assert pyjsonfast.loads(doc) == json.loads(doc)
        cuts = range(len(doc)) if len(doc) < 200 else range(len(doc) - 120, len(doc))
        for cut in cuts:
            part = doc[:cut]
            assert like_json(outcome(pyjsonfast.loads, part), outcome(json.loads, part)), part[-30:]
