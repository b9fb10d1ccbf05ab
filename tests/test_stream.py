"""StreamDecoder and iterload: values and errors as the parser gives them for the
whole text, however the text is split; positions counted from the stream's start."""

from __future__ import annotations

import io
import json
import math
import pickle
import re
from collections.abc import Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, Optional, Union

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import pyjsonfast
from pyjsonfast import JSONDecodeError, StreamDecoder, iterload
from pyjsonfast._errors import JSONDepthError

SAMPLE = Path(__file__).resolve().parent / "data" / "sample.json"
WHITESPACE = re.compile(r"[ \t\n\r]*")
Outcome = tuple[list[Any], Optional[BaseException]]


# --- the reference: raw_decode over the whole text, value after value ------------------


def reference(text: str, **kw: Any) -> Outcome:
    """What the stream must give: the parser run over the whole text at once."""
    if text.startswith("\ufeff"):
        return [], JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
    decoder = pyjsonfast.JSONDecoder(**kw)
    values: list[Any] = []
    i = WHITESPACE.match(text, 0).end()  # type: ignore[union-attr]
    while i < len(text):
        try:
            value, i = decoder.raw_decode(text, i)
        except Exception as error:
            return values, error
        values.append(value)
        i = WHITESPACE.match(text, i).end()  # type: ignore[union-attr]
    return values, None


def fed(chunks: Sequence[Union[str, bytes]], **kw: Any) -> Outcome:
    """StreamDecoder fed these chunks, then closed: values until an error, and it."""
    decoder = StreamDecoder(**kw)
    values: list[Any] = []
    try:
        for chunk in chunks:
            values.extend(decoder.feed(chunk))
        values.extend(decoder.close())
    except Exception as error:
        return values, error
    return values, None


class ChunkReader:
    """A file whose read(n) hands out the given chunks, whatever n."""

    def __init__(self, chunks: Sequence[Union[str, bytes]], empty: Union[str, bytes]) -> None:
        self.chunks = list(chunks)
        self.empty = empty

    def read(self, n: int) -> Union[str, bytes]:
        return self.chunks.pop(0) if self.chunks else self.empty


def iterloaded(chunks: Sequence[Union[str, bytes]], empty: Union[str, bytes], **kw: Any) -> Outcome:
    values: list[Any] = []
    try:
        for value in iterload(ChunkReader([c for c in chunks if c], empty), **kw):
            values.append(value)
    except Exception as error:
        return values, error
    return values, None


def same(a: object, b: object) -> bool:
    """Equal values, NaN and -0.0 included (repr tells float values apart exactly)."""
    return repr(a) == repr(b)


def assert_same_error(got: Optional[BaseException], expected: Optional[BaseException]) -> None:
    assert type(got) is type(expected), (got, expected)
    if isinstance(expected, json.JSONDecodeError):
        assert isinstance(got, json.JSONDecodeError)
        assert (got.msg, got.pos, got.lineno, got.colno) == (
            expected.msg,
            expected.pos,
            expected.lineno,
            expected.colno,
        )
        assert str(got) == str(expected)
    elif expected is not None:
        assert str(got) == str(expected)


def assert_stream_matches(text: str, chunks: Sequence[Union[str, bytes]], **kw: Any) -> None:
    expected_values, expected_error = reference(text, **kw)
    values, error = fed(chunks, **kw)
    assert_same_error(error, expected_error)
    if expected_error is None:
        assert same(values, expected_values)
    else:
        # close() drops the values of a last number or literal before its error ("3.").
        assert same(values, expected_values[: len(values)])
    empty: Union[str, bytes] = b"" if chunks and isinstance(chunks[0], bytes) else ""
    values, error = iterloaded(chunks, empty, **kw)
    assert_same_error(error, expected_error)
    assert same(values, expected_values)  # iterload gives every value before the error


def split(data: Any, cuts: list[int]) -> list[Any]:
    points = sorted({c % (len(data) + 1) for c in cuts})
    bounds = [0, *points, len(data)]
    return [data[a:b] for a, b in zip(bounds, bounds[1:])]


# --- documents and streams for the property tests ------------------------------------------

# Leaves drawn from small pools: generating is most of a property test's time.
FLOATS = [0.0, -0.0, 1.5, -2.25e-7, 1e300, 5e-324, 1 / 3, float("inf"), float("-inf"), float("nan")]
ALPHABET = 'ab "\\/\n\t\x01é€😀\ud800'
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.sampled_from(FLOATS)
    | st.text(ALPHABET, max_size=5),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.text(ALPHABET, max_size=3), children, max_size=3)
    ),
    max_leaves=8,
)
separators = st.sampled_from(["", " ", "\n", "\r\n", "\t ", "  \n\n "])
LAYOUTS: list[dict[str, Any]] = [
    {},
    {"indent": 1},
    {"separators": (",", ":")},
    {"indent": "\t"},
    {"ensure_ascii": False},
]
layouts = st.sampled_from(LAYOUTS)
# What damage inserts: structure, escapes, number and literal pieces, odd characters.
JUNK = ["", "\\", "\ud800", *'[]{}",:1e-.tnx\x01 \né']
# loads's keywords, passed on to the parser.
OPTION_SETS: list[dict[str, Any]] = [
    {},
    {"object_pairs_hook": list, "parse_float": Decimal, "parse_int": str},
    {"allow_nan": False, "strict": False, "max_depth": 2},
]


@st.composite
def json_streams(draw: st.DrawFn) -> str:
    """Documents with whitespace (or nothing) between them, sometimes damaged."""
    layout = draw(layouts)
    docs = [json.dumps(v, **layout) for v in draw(st.lists(json_values, min_size=1, max_size=3))]
    text = draw(separators)
    for doc in docs:
        text += doc + draw(separators)
    if draw(st.integers(0, 2)) == 0:
        # Damage: cut, insert or replace a few characters.
        for _ in range(draw(st.integers(1, 3))):
            at = draw(st.integers(0, len(text)))
            junk = draw(st.sampled_from(JUNK))
            cut = draw(st.integers(0, 2))
            text = text[:at] + junk + text[at + cut :]
    return text


cut_lists = st.lists(st.integers(min_value=0), max_size=6)


@given(json_streams(), cut_lists, cut_lists, st.sampled_from(OPTION_SETS))
@example('{"a":1}{"b":2}', [7], [3], {})
@example("12 3", [1, 3], [2], {})
@example("tru", [2], [1], {})
@example("truenull 1.5.3 0123", [3, 7], [10], {})
@example("[1, 2]]", [5], [6], {})
@example('"abc\\"', [5], [4], {})
@example("-", [0], [1], {})
@example("3.", [1], [2], {})
@example("[[[1]]]", [2], [3], {"max_depth": 2})
def test_chunks_split_anywhere_give_the_whole_texts_values_and_errors(
    text: str, str_cuts: list[int], byte_cuts: list[int], options: dict[str, Any]
) -> None:
    """Any stream, split anywhere (str chunks, and UTF-8 bytes chunks split inside
    characters too), gives the values and error the parser gives for the whole text."""
    assert_stream_matches(text, split(text, str_cuts), **options)
    data = text.encode("utf-8", "surrogatepass")
    assert_stream_matches(text, split(data, byte_cuts), **options)


def test_one_value_fed_a_character_at_a_time() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    assert_stream_matches(text, list(text))
    data = text.encode()
    assert_stream_matches(text, [data[i : i + 1] for i in range(len(data))])


# --- UTF-8, numbers, literals split at every point -----------------------------------------

MULTIBYTE = '["é", "€", "😀", "\\ud83d\\ude00", "a€b😀c", {"ключ": "値"}]'


@pytest.mark.parametrize("prefix", ["", " ", "[1]", '"x"'])
def test_utf8_split_at_every_byte(prefix: str) -> None:
    text = prefix + MULTIBYTE + " " + MULTIBYTE
    data = text.encode("utf-8")
    for at in range(len(data) + 1):
        assert_stream_matches(text, [data[:at], data[at:]])
    # Three pieces: every character's bytes split twice over.
    for at in range(0, len(data) - 2):
        assert_stream_matches(
            text, [data[:at], data[at : at + 1], data[at + 1 : at + 2], data[at + 2 :]]
        )


def test_invalid_utf8_is_unicode_decode_error() -> None:
    for data in (b'["\xff"]', b"[1] \xc3", b'"\xc3', b'{"a": "\xe2\x82"}'):
        for at in range(len(data) + 1):
            _values, error = fed([data[:at], data[at:]])
            assert isinstance(error, UnicodeDecodeError), (data, at, error)


def test_utf8_after_a_long_ascii_head() -> None:
    # A piece is read as ASCII when its first 1024 bytes are: multibyte text
    # (valid or not) past them is still UTF-8 to the stream.
    head = "[" + '"abc", 1.5, ' * 200
    text = head + MULTIBYTE + "]"
    data = text.encode("utf-8")
    assert_stream_matches(text, [data])
    assert_stream_matches(text, [data[:1500], data[1500:]])
    _values, error = fed([head.encode() + b'"\xff"]'])
    assert isinstance(error, UnicodeDecodeError), error


NUMBERS = [
    "0",
    "-0",
    "7",
    "-12",
    "123456789",
    "12345678901234567890123456789",
    "1.5",
    "-0.25",
    "3.141592653589793238",
    "1e5",
    "1E+5",
    "-2.5e-300",
    "1e400",
    "-1e-400",
    "5e",
    "1.",
    "-",
    "01",
    "1.e5",
    "NaN",
    "Infinity",
    "-Infinity",
    "true",
    "false",
    "null",
    "nul",
]


@pytest.mark.parametrize("number", NUMBERS)
@pytest.mark.parametrize("layout", ["{}", "{} {}", "[{}]", "{}\n[{}, {}]", '{{"k": {}}}'])
def test_numbers_and_literals_split_at_every_character(number: str, layout: str) -> None:
    text = layout.format(number, number, number)
    for at in range(len(text) + 1):
        assert_stream_matches(text, [text[:at], text[at:]])
        data = text.encode()
        assert_stream_matches(text, [data[:at], data[at:]])


def test_a_number_at_the_end_of_the_data_waits_for_a_delimiter_or_close() -> None:
    decoder = StreamDecoder()
    assert decoder.feed("12") == []
    assert decoder.feed("3") == []
    assert decoder.feed(" 4") == [123]
    assert decoder.feed("5") == []
    assert decoder.close() == [45]
    decoder = StreamDecoder()
    assert decoder.feed("tr") == []
    assert decoder.feed("ue") == []
    assert decoder.feed("[]") == [True, []]


def test_concatenated_json_lines_and_one_big_document() -> None:
    assert fed(['{"a":1}{"b":2}']) == ([{"a": 1}, {"b": 2}], None)
    assert fed(['{"a":1}\n{"b":2}\n']) == ([{"a": 1}, {"b": 2}], None)
    big = json.dumps([{"k": i, "s": "x" * (i % 50)} for i in range(5000)])
    chunks = [big[i : i + 4096] for i in range(0, len(big), 4096)]
    assert fed(chunks) == ([json.loads(big)], None)


# --- errors -----------------------------------------------------------------------------------


def test_error_positions_count_from_the_start_of_the_stream() -> None:
    text = '{"a": 1}\n[1, 2]\n  {"b": [1, 2 3]}\n'
    for at in range(len(text) + 1):
        values, error = fed([text[:at], text[at:]])
        assert values == [{"a": 1}, [1, 2]]
        assert isinstance(error, JSONDecodeError)
        assert (error.msg, error.lineno, error.colno, error.pos) == (
            "Expecting ',' delimiter",
            3,
            15,
            30,
        )
        assert str(error) == "Expecting ',' delimiter: line 3 column 15 (char 30)"
        # The snippet shows the piece of the line the stream still held, caret at the error.
        line, caret = error.snippet.splitlines()
        assert line[caret.index("^")] == "3"


def test_error_after_values_in_the_same_feed_is_raised_by_the_next_call() -> None:
    decoder = StreamDecoder()
    assert decoder.feed("1 2 ] 3") == [1, 2]
    with pytest.raises(JSONDecodeError, match="Expecting value: line 1 column 5"):
        decoder.feed("4")
    with pytest.raises(ValueError, match="closed"):
        decoder.feed("5")
    assert decoder.close() == []
    decoder = StreamDecoder()
    assert decoder.feed("1 2 ]") == [1, 2]
    with pytest.raises(JSONDecodeError, match="Expecting value"):
        decoder.close()


def test_error_with_no_value_before_it_is_raised_at_once() -> None:
    decoder = StreamDecoder()
    with pytest.raises(JSONDecodeError, match="Expecting property name"):
        decoder.feed("{,}")


def test_truncated_streams() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    text = text + " " + text
    for at in range(0, len(text), 7):
        prefix = text[:at]
        assert_stream_matches(prefix, [prefix[: at // 2], prefix[at // 2 :]])
    _values, error = fed(['{"a": "unterminated'])
    assert isinstance(error, JSONDecodeError)
    assert error.msg == "Unterminated string starting at" and error.pos == 6


def test_endless_whitespace_keeps_nothing() -> None:
    decoder = StreamDecoder()
    chunk = " \t\r\n" * 1024
    for _ in range(2000):
        assert decoder.feed(chunk) == []
        assert decoder._engine.views == []
    assert decoder.feed("[1") == []
    with pytest.raises(JSONDecodeError) as info:
        decoder.close()
    assert info.value.lineno == 2000 * 1024 + 1
    assert info.value.colno == 3
    assert info.value.pos == 2000 * 4096 + 2


def test_deep_nesting_in_chunks_stops_at_max_depth() -> None:
    depth = 10**6
    with pytest.raises(JSONDepthError) as expected:
        pyjsonfast.loads("[" * 1001)
    whole = expected.value
    for opener in ("[", '{"a":'):
        data = opener * depth
        decoder = StreamDecoder()
        fed_chunks = 0
        with pytest.raises(JSONDepthError) as info:
            for start in range(0, len(data), 4096):
                fed_chunks += 1
                decoder.feed(data[start : start + 4096])
        assert isinstance(info.value, RecursionError)
        assert fed_chunks <= 2  # found as soon as it arrived: nothing more buffered
        if opener == "[" and "recursion limit" not in whole.msg:
            assert (info.value.msg, info.value.pos) == (whole.msg, whole.pos)
        # (Uncompiled, Python's recursion limit may strike first, at a depth that depends
        # on how deep the stack already was: a frame more or less than loads.)


def test_max_depth_option() -> None:
    assert fed(["[[1]]"], max_depth=2) == ([[[1]]], None)
    values, error = fed(["[[1]] [[", "[1]]]"], max_depth=2)
    assert values == [[[1]]]
    assert isinstance(error, JSONDepthError) and error.pos == 8
    values, error = fed(["1 [", "]"], max_depth=0)
    assert values == [1] and isinstance(error, JSONDepthError) and error.pos == 2


# --- chunk kinds ---------------------------------------------------------------------------------


def test_mixing_str_and_bytes_is_a_type_error() -> None:
    decoder = StreamDecoder()
    decoder.feed("[1")
    with pytest.raises(TypeError, match="str, then bytes"):
        decoder.feed(b"]")
    decoder = StreamDecoder()
    decoder.feed(b"[1")
    with pytest.raises(TypeError, match="bytes, then str"):
        decoder.feed("]")
    with pytest.raises(TypeError, match="not int"):
        StreamDecoder().feed(1)  # type: ignore[arg-type]


def test_bytearray_and_memoryview_chunks() -> None:
    decoder = StreamDecoder()
    assert decoder.feed(bytearray(b"[1")) == []
    assert decoder.feed(memoryview(b"] 2")) == [[1]]
    assert decoder.close() == [2]


def test_bom() -> None:
    bom = b"\xef\xbb\xbf"
    data = bom + b'{"a": 1} 2'
    for at in range(len(data) + 1):
        assert fed([data[:at], data[at:]]) == ([{"a": 1}, 2], None)
    assert fed([b"\xef"])[1].__class__ is UnicodeDecodeError
    _values, error = fed(["\ufeff[1]"])
    with pytest.raises(JSONDecodeError) as info:
        pyjsonfast.loads("\ufeff[1]")
    assert_same_error(error, info.value)
    assert fed(["", "\ufeff1"])[1].__class__ is JSONDecodeError
    assert fed(["1 \ufeff"])[1].__class__ is JSONDecodeError  # not at the start: not a BOM


def test_feed_after_close_is_an_error() -> None:
    decoder = StreamDecoder()
    assert decoder.close() == []
    with pytest.raises(ValueError, match="closed"):
        decoder.feed("1")
    assert decoder.close() == []


# --- options -----------------------------------------------------------------------------------


def test_hooks_and_options() -> None:
    got = fed(['{"a": 1.5, "b": [NaN]}'], parse_float=Decimal, object_pairs_hook=list)[0]
    assert repr(got) == repr([[("a", Decimal("1.5")), ("b", [float("nan")])]])
    _values, error = fed(['{"a": 1, "a": 2}'], reject_duplicate_keys=True)
    assert isinstance(error, JSONDecodeError) and error.msg == "Duplicate key 'a'"
    _values, error = fed(["[NaN]"], allow_nan=False)
    assert isinstance(error, JSONDecodeError) and error.pos == 1
    assert fed(['"a\tb"'], strict=False) == (["a\tb"], None)
    assert math.isnan(fed(["NaN"])[0][0])


def test_keywords_are_checked_at_construction() -> None:
    with pytest.raises(TypeError):
        StreamDecoder(cls=pyjsonfast.JSONDecoder)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        StreamDecoder(unknown=1)  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="max_depth"):
        StreamDecoder(max_depth=-1)
    with pytest.raises(TypeError, match="max_depth"):
        StreamDecoder(max_depth="3")  # type: ignore[arg-type]


def test_hook_exception_after_values_comes_after_them() -> None:
    def hook(d: dict[str, Any]) -> Any:
        if "bad" in d:
            raise KeyError("bad")
        return d

    decoder = StreamDecoder(object_hook=hook)
    assert decoder.feed('{"a": 1} {"bad": 1} {"c": 3}') == [{"a": 1}]
    with pytest.raises(KeyError):
        decoder.feed("")


# --- iterload ----------------------------------------------------------------------------------


def records() -> Iterator[Any]:
    for i in range(3000):
        yield {"id": i, "name": "é" * (i % 7), "tags": ["a", "b"][: i % 3], "x": i / 7}


def test_iterload_text_and_binary_files(tmp_path: Any) -> None:
    expected = list(records())
    text = "".join(json.dumps(r) + ("\n" if i % 2 else " ") for i, r in enumerate(expected))
    path = tmp_path / "values.json"
    path.write_text(text, encoding="utf-8")
    with open(path, encoding="utf-8") as f:
        assert list(iterload(f)) == expected
    with open(path, "rb") as f:
        assert list(iterload(f)) == expected
    assert list(iterload(io.StringIO(""))) == []
    assert list(iterload(io.BytesIO(b" \n "))) == []


def test_iterload_gives_every_value_before_the_error() -> None:
    data = b"1 2 3 } 4"
    got: list[Any] = []
    with pytest.raises(JSONDecodeError, match="char 6"):
        for value in iterload(io.BytesIO(data)):
            got.append(value)
    assert got == [1, 2, 3]
    got = []
    with pytest.raises(JSONDecodeError):
        for value in iterload(io.BytesIO(b"1 2 3.")):
            got.append(value)
    assert got == [1, 2, 3]


def test_iterload_checks_its_keywords_at_once() -> None:
    with pytest.raises(TypeError):
        iterload(io.StringIO("1"), bogus=True)  # type: ignore[call-arg]
    with pytest.raises(ValueError):
        iterload(io.StringIO("1"), max_depth=5000)


def test_memory_holds_one_value_and_one_chunk() -> None:
    decoder = StreamDecoder()
    record = json.dumps({"k": "v" * 1000}) + "\n"
    for _ in range(5000):
        chunk = record * 3 + record[:500]
        decoder.feed(chunk)
        buffered = sum(len(v) for v in decoder._engine.views)
        assert buffered <= len(record) + len(chunk)
        decoder.feed(record[500:])


@pytest.mark.parametrize("document", ["[1]\n[2, }", "[" * 1200])
def test_stream_errors_pickle_with_their_stream_positions(document: str) -> None:

    decoder = pyjsonfast.StreamDecoder()
    with pytest.raises(pyjsonfast.JSONDecodeError) as raised:
        for i in range(0, len(document), 3):
            decoder.feed(document[i : i + 3])
        decoder.close()
    error = raised.value
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is type(error)
    assert (copy.msg, copy.pos, copy.lineno, copy.colno, str(copy)) == (
        error.msg,
        error.pos,
        error.lineno,
        error.colno,
        str(error),
    )
    assert copy.snippet == error.snippet
