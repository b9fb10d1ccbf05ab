"""PyPy's scanner (_jit_scanner) against the base Scanner's general code.

PyPy's scanner takes shortcuts shaped for its JIT: numbers read unrolled,
whitespace found by guessing the indentation, object keys predicted from the
key before. Each must give exactly what the general code gives: the same
values (types and float bits included), the same key objects within a
document, the same errors at the same positions. The scanner is pure Python,
so these run on every uncompiled build (PyPy, CPython) by forcing it into a
Parser; compiled, its base class cannot be subclassed from interpreted code.
"""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import pyjsonfast
from pyjsonfast._decoder import DEFAULT_OPTIONS, Options, Parser
from pyjsonfast._scanner import Scanner

if pyjsonfast.__compiled__:
    pytest.skip("PyPy's scanner subclasses the compiled Scanner", allow_module_level=True)

from pyjsonfast import _jit_scanner
from pyjsonfast._jit_scanner import FindScanner, WhitespaceOnlyFindScanner


def parse(
    text: str, scanner: Scanner, options: Options = DEFAULT_OPTIONS, data: bytes | None = None
) -> tuple[str, object]:
    """("ok", value) or ("error", (type name, message)) of one parse of text (as
    UTF-8, the way PyPy parses a non-ASCII str, or data, those bytes given as
    another object) with this scanner."""
    if data is None:
        data = text.encode("utf-8", "surrogatepass")
    parser = Parser(data, None, False, options)
    parser.scanner = scanner
    try:
        return "ok", parser.decode()
    except ValueError as error:
        return "error", (type(error).__name__, str(error))


def same(a: object, b: object) -> bool:
    """Equal, with the same types all through and floats bit for bit."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        assert isinstance(b, float)
        return math.copysign(1.0, a) == math.copysign(1.0, b) and (a == b or (a != a and b != b))
    if isinstance(a, (list, tuple)):
        assert isinstance(b, (list, tuple))
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        assert isinstance(b, dict)
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    return a == b


def check(text: str, options: Options = DEFAULT_OPTIONS) -> None:
    expected = parse(text, Scanner(), options)
    # The general one, and the one for_document picks for text.
    chosen = FindScanner().for_document(text.encode("utf-8", "surrogatepass"))
    for scanner in (FindScanner(), chosen):
        got = parse(text, scanner, options)
        assert got[0] == expected[0], (text, got, expected)
        assert same(got[1], expected[1]), (text, got, expected)


NUMBERS = [
    "0", "-0", "1", "-1", "7", "10", "01", "-01", "00", "1.", "-1.", "1.5", "-0.0", "0.5",
    "1e5", "1E5", "1e", "1e+", "1.5e-3", "-2.5E+10", "1.e3", ".5", "-", "--1", "-a",
    "-Infinity", "-Inf", "12345678", "123456789", "1234567890123456", "12345678901234567",
    "123456789012345678", "1234567890123456789", "12345678901234567890",
    "9223372036854775807", "9223372036854775808", "-9223372036854775808",
    "0.12345678", "0.123456789", "0.1234567890123456", "0.12345678901234567",
    "0.123456789012345678", "1234567890.12345678", "123456789.123456789",
    "-65.613616999999977", "2.2250738585072014e-308", "1.7976931348623157e308",
    "0.30000000000000004", "100000000000000000000", "1" * 40, "1." + "0" * 30 + "1",
    "4.9e-324", "1e400", "-1e400", "1.5x", "12a", "1.5.5", "1-2",
]


@pytest.mark.parametrize("number", NUMBERS)
def test_numbers_as_the_general_grammar_reads_them(number: str) -> None:
    # Alone (cut by the document's end), in an array (8 bytes follow), and
    # followed by every kind of byte that may end one.
    check(number)
    for after in ("]", ",1]", " ]", "\n]", "e]", "E]", ".]", "0]", "x]"):
        check("[" + number + after)
    check('{"a": ' + number + ', "b": [' + number + "]}" + " " * 10)


def test_number_hooks_get_the_text() -> None:
    options = Options(parse_float=lambda s: ("float", s), parse_int=lambda s: ("int", s))
    for number in NUMBERS:
        check("[" + number + ", 0]", options)


@given(st.integers(min_value=-(10**25), max_value=10**25))
def test_integers(value: int) -> None:
    check(f"[{value}, {value}]")


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_floats(value: float) -> None:
    check(f"[{value!r}, {value!r}]")
    check(f"[{value:.17f}, 1]")


@pytest.mark.parametrize("indent", [None, 0, 1, 2, 3, 4, "\t", " \t", "\r\n  "])
def test_whitespace_of_every_indentation(indent: int | str | None) -> None:
    value = {"a": [1, [2, [3, {"b": [[], {}, [4]]}]], {"c": {"d": {"e": [5, 6]}}}], "f": 7}
    text = json.dumps([value, value, [[[[]]]], value], indent=indent)
    check(text)
    check(text.replace("\n", "\r\n"))
    check(text.replace("\n", "\n\t"))
    check("  \n " + text + "\n\n   ")


def test_whitespace_guesses_that_miss() -> None:
    # Indentation that changes step, runs past MAX_INDENT, and stops at the
    # document's end or at whitespace of another kind.
    check("[\n  1,\n      2,\n 3,\n" + " " * 70 + "4,\n" + " " * 64 + "5\n]")
    check("[\n  1,\n  2,\n  \t3,\n  \n  4,\n\n5]")
    check("[\n  1,\n  2\n  ")
    check("[\n  1,\n  2\n  ,")
    check("[1,\n  ")


def test_keys_predicted_and_not() -> None:
    rows = [{"id": k, "name": "n", "tags": ["x"], "in": {"id": 1, "name": None}} for k in range(5)]
    check(json.dumps(rows))
    check(json.dumps(rows, indent=2))
    # Keys that look like the predicted one but are not: longer, shorter,
    # escaped, followed by whitespace before the colon, or cut by the end.
    check('[{"ab": 1, "cd": 2}, {"ab": 1, "cde": 2}, {"ab": 1, "c": 2}, {"ab": 1, "c\\u0064": 2}]')
    check('[{"ab": 1, "cd": 2}, {"ab": 1, "cd" : 2}, {"ab": 1, "cd"\n: 2}, {"ab": 1, "cd"')
    check('[{"ab": 1, "cd": 2}, {"ab": 1, "cd": 2}, {"ab": 1, "cd":')
    check('[{"ab": 1, "cd": 2}, {"ab": 1, "cd"')
    check('[{"a\\"b": 1, "c\\\\d": 2}, {"a\\"b": 1, "c\\\\d": 2}, {"a\\"b": 1, "c\\\\d": 3}]')
    check('[{"é": 1, "ü€😀": 2}, {"é": 1, "ü€😀": 2}, {"é": 1, "ü€😀x": 2}]')
    check('[{"a": 1, "b": 2}, {"a": 1, "b": 2, "b": 3}]')
    # A key whose text holds a backslash (escaped) is never guessed by its
    # text: where that text stands unescaped, it is another key.
    check('[{"x": 1, "a\\\\b": 2}, {"x": 1, "a\\b": 3}, {"x": 1, "a\\\\b": 4}]')
    check('[{"x": 1, "a\\"b": 2}, {"x": 1, "a"b": 3}]')
    check('[{"a": 1, "b": 2}, {"a": 1, "b": 2}, {"a": 1, "b" 2}]')


def test_predicted_keys_are_the_documents_own_objects() -> None:
    text = json.dumps([{"alpha": 1, "beta": {"alpha": 2, "b_é": 3}, "b_é": 4}] * 4)
    status, value = parse(text, FindScanner().for_document(text.encode()))
    assert status == "ok"
    assert isinstance(value, list)
    keys: dict[str, list[int]] = {}
    for row in value:
        for key in [*row, *row["beta"]]:
            keys.setdefault(key, []).append(id(key))
    assert {k: len(set(ids)) for k, ids in keys.items()} == {"alpha": 1, "beta": 1, "b_é": 1}


def test_keys_past_a_full_key_table(monkeypatch: pytest.MonkeyPatch) -> None:
    # A full table takes no more keys: new keys are read by the general path,
    # still with one object per key in a document, and the table stays as it is.
    monkeypatch.setattr(_jit_scanner, "MAX_KEY_NODES", len(_jit_scanner.KEY_NODES))
    before = dict(_jit_scanner.KEY_NODES)
    rows = [{"full_a": k, "full_b_é": {"full_a": None}} for k in range(4)]
    text = json.dumps(rows)
    check(text)
    status, value = parse(text, FindScanner().for_document(text.encode()))
    assert status == "ok" and isinstance(value, list)
    keys = [key for row in value for key in [*row, *row["full_b_é"]] if key == "full_a"]
    assert len(keys) == 8 and len({id(key) for key in keys}) == 1
    assert _jit_scanner.KEY_NODES == before


def test_key_options() -> None:
    text = '[{"a": 1, "b": 2}, {"a": 1, "b": 2}, {"a": 3, "a": 4}]'
    check(text, Options(object_pairs_hook=list))
    check(text, Options(reject_duplicate_keys=True))
    check('[{"a": 1, "b\n": 2}, {"a": 1, "b\n": 2}]', Options(strict=False))
    check('[{"a": 1, "b\n": 2}, {"a": 1, "b\n": 2}]')


def test_each_parse_learns_on_its_own() -> None:
    scanner = FindScanner()
    first = scanner.for_document(b"{}")
    assert first is not scanner.for_document(b"{}")
    assert type(first) is WhitespaceOnlyFindScanner
    assert isinstance(first, WhitespaceOnlyFindScanner) and not first.newlines
    second = scanner.for_document(b"[\n1]")
    assert isinstance(second, WhitespaceOnlyFindScanner) and second.newlines
    assert not second.tabs_and_returns
    third = scanner.for_document(b'["\t"]')
    assert isinstance(third, WhitespaceOnlyFindScanner) and third.tabs_and_returns
    assert type(scanner.for_document(b'["\x0b"]')) is FindScanner


@pytest.mark.parametrize(
    ("document", "kind"),
    [
        (b'["\x7f\x80\xff \xc3\xa9"]', "none"),  # DEL and non-ASCII bytes are not controls
        (b"[\n\n1,\n2]", "newlines"),
        (b"[\r\n1]", "whitespace"),
        (b'["\r"]', "whitespace"),
        (b"[\t1,\n\t\r2]", "whitespace"),
        (b"[\t1,\n\x1f2]", "general"),
        (b'["\x00"]', "general"),
        (b'["\x01\t"]', "general"),
    ],
)
def test_scanner_kind_by_control_bytes(document: bytes, kind: str) -> None:
    chosen = FindScanner().for_document(document)
    if kind == "general":
        assert type(chosen) is FindScanner
        return
    assert isinstance(chosen, WhitespaceOnlyFindScanner)
    assert chosen.newlines is (kind != "none")
    assert chosen.tabs_and_returns is (kind == "whitespace")


@pytest.mark.parametrize("line_break", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("control", ["\t", "\r", "\n", "\x0b", "\x1f", "\x00"])
def test_control_characters_in_strings(line_break: str, control: str) -> None:
    value = [{"a": "x", "b": ["y", "z"]}, {"a": "x", "b": ["y", "z"]}]
    for indent in (2, "\t"):
        text = json.dumps(value, indent=indent).replace("\n", line_break)
        for target in ('"x"', '"z"', '"b"'):
            spoilt = text.replace(target, target[:2] + control + target[2:], 1)
            check(spoilt)
            check(spoilt, Options(strict=False))


class SearchedBytes(bytes):
    """bytes that count how many bytes their find() calls read."""

    searched = 0

    def find(self, sub: bytes, start: int, end: int) -> int:  # type: ignore[override]
        found = bytes.find(self, sub, start, end)
        SearchedBytes.searched += (found + len(sub) if found >= 0 else end) - start
        return found


@pytest.mark.parametrize("closed", [True, False])
@pytest.mark.parametrize("escape", ["\\n", '\\"', "\\u00e9", "\\\\"])
def test_a_string_of_many_escapes_is_read_once(escape: str, closed: bool) -> None:
    # Each escape ends a run of plain text, and each run's search for the
    # string's closing quote would read the rest of the string again (or of
    # the document, when the string never ends).
    text = '["' + ("ab" + escape) * 3000
    if closed:
        text += '", "x\\ty", "z"]'
    data = SearchedBytes(text.encode())
    scanner = FindScanner().for_document(data)
    assert isinstance(scanner, WhitespaceOnlyFindScanner)
    SearchedBytes.searched = 0
    got = parse(text, scanner, data=data)
    expected = parse(text, Scanner())
    assert got[0] == expected[0] and same(got[1], expected[1]), (got, expected)
    assert SearchedBytes.searched <= 3 * len(data)  # the quote's search, the escapes'


@given(st.lists(st.integers(min_value=0, max_value=40), max_size=12), st.integers(0, 40))
def test_string_stops_in_any_order(indexes: list[int], cut: int) -> None:
    # The quote a scanner keeps serves only indexes between its search's start
    # and it: asked about any index and end, in any order, it answers as the
    # general scanner does.
    data = b'["a\\nb", "c", "", "d\\"e\\\\", "\\u00e9\\n", "f"]'
    ends = [len(data), cut]
    scanner = FindScanner().for_document(data)
    for k, i in enumerate(indexes):
        end = max(i, ends[k % 2])
        assert scanner.string_stop(data, i, end) == Scanner().string_stop(data, i, end)


documents = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(["a", "bb", "é", "a\\b", "k\n"]), children, max_size=4),
    max_leaves=20,
)


@given(documents, st.sampled_from([None, 1, 2, "\t"]), st.integers(min_value=0, max_value=400))
def test_random_documents_and_prefixes(value: object, indent: int | str | None, cut: int) -> None:
    text = json.dumps([value, value], indent=indent, ensure_ascii=False)
    check(text)
    check(text[: cut % (len(text) + 1)])
