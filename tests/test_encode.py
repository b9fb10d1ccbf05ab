"""The writer against the stdlib json: same output, same errors, for every option.

Every expectation is json's own behaviour in the running interpreter, so the
tests hold on CPython (json's C encoder or Python encoder) and PyPy alike.
"""

from __future__ import annotations

import collections
import enum
import functools
import inspect
import io
import itertools
import json
import math
import platform
import sys
import threading
from typing import Any, Callable, Iterator

import pytest
from small_stack import SMALL_STACK_BYTES
from test_drop_in import json_parameters

import pyjsonfast

# --- helpers ---------------------------------------------------------------------


def outcome(function: Callable[[], Any]) -> tuple[str, Any]:
    """('ok', result) or ('error', (exception class, message))."""
    try:
        return "ok", function()
    except Exception as e:  # the exception is the result here
        return "error", (type(e), str(e))


def assert_same_as_json(value: object, **options: Any) -> None:
    expected = outcome(lambda: json.dumps(value, **options))
    got = outcome(lambda: pyjsonfast.dumps(value, **options))
    assert got == expected


def nested_list(depth: int) -> list[Any]:
    """[[[...]]] depth times, built without recursion."""
    value: list[Any] = []
    for _ in range(depth):
        value = [value]
    return value


def nested_dict(depth: int) -> dict[str, Any]:
    value: dict[str, Any] = {}
    for _ in range(depth):
        value = {"a": value}
    return value


class Color(enum.IntEnum):
    RED = 1
    BLUE = 2


class Ratio(float, enum.Enum):
    HALF = 0.5


class LoudInt(int):
    def __repr__(self) -> str:
        return "LOUD"

    __str__ = __repr__


class LoudFloat(float):
    def __repr__(self) -> str:
        return "LOUD"

    __str__ = __repr__


class LoudStr(str):
    def __str__(self) -> str:
        return "LOUD"

    __repr__ = __str__


class MyDict(dict):  # type: ignore[type-arg]
    pass


class MyList(list):  # type: ignore[type-arg]
    pass


class Point:
    def __init__(self, x: int, y: int) -> None:
        self.x = x
        self.y = y


SAMPLE: Any = {
    "str": "plain",
    "escapes": 'quote " backslash \\ slash / \b\f\n\r\t \x00\x1f \x7f',
    "unicode": "caf\u00e9 \u20ac \u4e2d\u6587 \U0001f600 \U0010ffff",
    "lone surrogates": "\ud800 \udfff \udbff\udc00",
    "ints": [0, -1, 1, 2**63, -(2**64), 10**40, True, False],
    "floats": [0.0, -0.0, 1.5, 1e16, 1e-7, 5e-324, 1.7976931348623157e308, 0.1, 1 / 3],
    "none": None,
    "empty": [[], {}, (), ""],
    "nested": {"a": [1, {"b": [2, [3, {"c": {}}]]}], "d": ({"e": ()},)},
    "tuple": (1, "two", 3.0),
    "subclasses": [Color.RED, Ratio.HALF, LoudInt(7), LoudFloat(2.5), LoudStr("s"), MyList([1])],
    "dict subclass": MyDict(z=1, a=MyDict()),
    "ordered": collections.OrderedDict([("z", 1), ("a", 2)]),
    "\u00e9 key \n": 1,
}

NON_STR_KEYS: Any = {
    3: "int",
    -(2**70): "huge int",
    2.5: "float",
    -0.0: "negative zero",
    1e16: "1e16",
    True: "true",
    None: "null",
    Color.BLUE: "IntEnum",
    LoudInt(9): "int subclass",
    LoudFloat(0.25): "float subclass",
    LoudStr("k"): "str subclass",
}

INDENTS: list[Any] = [None, 0, 1, 2, 4, "", "\t", "--", -1]
SEPARATORS: list[Any] = [None, (",", ":"), (", ", ": "), (" ,\n", " :\t"), ["|", "="]]


# --- API surface ---------------------------------------------------------------------


def test_public_names() -> None:
    assert callable(pyjsonfast.dumps) and callable(pyjsonfast.dump)
    assert isinstance(pyjsonfast.JSONEncoder(), pyjsonfast.JSONEncoder)


@pytest.mark.parametrize("name", ["dumps", "dump"])
def test_function_signatures_match_json(name: str) -> None:
    ours = inspect.signature(getattr(pyjsonfast, name))
    theirs = inspect.signature(getattr(json, name))
    assert json_parameters(ours) == json_parameters(theirs)


def test_encoder_signature_matches_json() -> None:
    ours = inspect.signature(pyjsonfast.JSONEncoder)
    theirs = inspect.signature(json.JSONEncoder)
    assert set(json_parameters(ours)) == set(json_parameters(theirs))


@pytest.mark.parametrize(
    "options",
    [{}, {"indent": 2}, {"separators": (";", "=")}, {"indent": 0, "separators": ("a", "b")}],
)
def test_encoder_attributes_match_json(options: dict[str, Any]) -> None:
    ours = pyjsonfast.JSONEncoder(sort_keys=True, **options)
    theirs = json.JSONEncoder(sort_keys=True, **options)
    for attribute in [
        "skipkeys",
        "ensure_ascii",
        "check_circular",
        "allow_nan",
        "sort_keys",
        "indent",
        "item_separator",
        "key_separator",
    ]:
        assert getattr(ours, attribute) == getattr(theirs, attribute), attribute


# --- output identity -----------------------------------------------------------------


@pytest.mark.parametrize("indent", INDENTS)
@pytest.mark.parametrize("separators", SEPARATORS)
@pytest.mark.parametrize("flags", list(itertools.product([False, True], repeat=3)))
def test_every_option_combination(indent: Any, separators: Any, flags: tuple[bool, ...]) -> None:
    sort_keys, ensure_ascii, check_circular = flags
    for value in (SAMPLE, NON_STR_KEYS, [SAMPLE, [NON_STR_KEYS]], "top", 1.5, None, []):
        assert_same_as_json(
            value,
            indent=indent,
            separators=separators,
            sort_keys=sort_keys and value is not NON_STR_KEYS,
            ensure_ascii=ensure_ascii,
            check_circular=check_circular,
        )


@pytest.mark.parametrize("ensure_ascii", [True, False])
def test_every_bmp_character_and_some_astral(ensure_ascii: bool) -> None:
    text = "".join(map(chr, range(0x10000))) + "\U00010000\U0001f600\U0010ffff"
    assert_same_as_json(text, ensure_ascii=ensure_ascii)
    assert_same_as_json({text: [text]}, ensure_ascii=ensure_ascii)
    for c in range(0, 0x10000, 7):
        assert_same_as_json(["a" + chr(c) + "b", chr(c)], ensure_ascii=ensure_ascii)


@pytest.mark.skipif(pyjsonfast.__compiled__, reason="compiled, strings are escaped by char loops")
def test_unquoted_escaper_gets_its_quotes(monkeypatch: pytest.MonkeyPatch) -> None:
    # PyPy's json has its native escaper unquoted, and we write the quotes; on
    # CPython, a stand-in for it takes that path too.
    from pyjsonfast import _scalars

    raw = getattr(json.encoder, "raw_encode_basestring_ascii", None)
    if raw is None:
        monkeypatch.setattr(
            _scalars, "_raw_quote_ascii", lambda s: json.encoder.py_encode_basestring_ascii(s)[1:-1]
        )
    texts = ["", "plain", 'q"b\\', "\u00e9\u4e2d\U0001f600\ud800", "\x00\n\x7f"]
    value = {t: [t, {"k": t}] for t in texts}
    assert pyjsonfast.dumps(value) == json.dumps(value)
    assert pyjsonfast.dumps(value, indent=2, sort_keys=True) == json.dumps(
        value, indent=2, sort_keys=True
    )


@pytest.mark.parametrize("ensure_ascii", [True, False])
def test_strings_mixing_ascii_escapes_and_non_ascii(ensure_ascii: bool) -> None:
    pieces = ["a", '"', "\\", "\n", "\x00", "\x7f", "\u00e9", "\u4e2d", "\ud800", "\U0001f600"]
    texts = ["".join(p) for p in itertools.product(pieces, repeat=3)]
    texts += [prefix + rest for prefix in ["", "x" * 7, 'ab"c\\', "y" * 40] for rest in texts[:200]]
    texts += ["\u00e9" * n + "a" * m for n in range(6) for m in range(40)]
    assert_same_as_json(texts, ensure_ascii=ensure_ascii)
    assert_same_as_json({t: t for t in texts}, ensure_ascii=ensure_ascii)


@pytest.mark.parametrize("indent", [None, 2])
def test_repeated_non_ascii_strings_past_the_run_cache(indent: Any) -> None:
    """A run keeps the quoted text of non-ASCII strings it met (ensure_ascii), up
    to a budget of characters, and stops looking once misses outnumber hits by
    an allowance (3,000 distinct names here): repeats, long strings and strings
    met after the budget is spent or the lookups stopped, as values, keys and in
    lists, are all written as json does."""
    names = ["caf\u00e9 " + str(i) + "\u4e2d" * (i % 50) for i in range(3000)]
    names += ["\U0001f600" * 3000, "\ud800 lone", "x" * 20 + "\u00e9" + '"\\\n']
    value = [names, {name: name for name in names}, names[::-1], [names[0]] * 50]
    for ensure_ascii in (True, False):
        assert_same_as_json(value, ensure_ascii=ensure_ascii, indent=indent)
        assert_same_as_json(value, ensure_ascii=ensure_ascii, indent=indent, sort_keys=True)


@pytest.mark.parametrize("ensure_ascii", [True, False])
def test_first_special_character_at_every_offset(ensure_ascii: bool) -> None:
    """The writer scans plain ASCII a character or 8 bytes at a time, and hands
    non-ASCII text to json's C helper from the first character to escape: put that
    character (and a second one after it) at every offset of strings of every
    length around the thresholds, in str kinds 1, 2 and 4, lone surrogates too."""
    specials = ['"', "\\", "\n", "\x00", "\x1f", "\x7f", "\x80", "\xe9", "\xff", "\u0100"]
    specials += ["\u4e2d", "\ud800", "\udfff", "\ufffd", "\U0001f600", "\U0010ffff"]
    texts: list[str] = []
    for length in (1, 2, 7, 8, 9, 15, 16, 17, 23, 24, 31, 32, 33, 40, 47, 48, 65):
        for offset in range(length):
            for special in specials:
                plain = "".join(chr(97 + (i * 7) % 26) for i in range(length))
                text = plain[:offset] + special + plain[offset + 1 :]
                texts.append(text)
                # A second special character later on, of another kind.
                later = specials[(specials.index(special) + 5) % len(specials)]
                texts.append(text + plain[: offset % 9] + later + plain[:3])
    assert_same_as_json(texts, ensure_ascii=ensure_ascii)
    assert_same_as_json({t: 0 for t in texts[::7]}, ensure_ascii=ensure_ascii)


@pytest.mark.parametrize(
    "value",
    [
        0,
        -(10**100),
        10**4299,
        10**5000,  # CPython >= 3.11: json's ValueError from the int digit limit
        True,
        False,
        Color.RED,
        LoudInt(-3),
        0.0,
        -0.0,
        1e16,
        1e15,
        123456789012345680.0,
        5e-324,
        2.2250738585072014e-308,
        1e-5,
        0.0001,
        1e22,
        float("nan"),
        float("inf"),
        float("-inf"),
        LoudFloat(float("nan")),
        LoudFloat(-1e300),
        Ratio.HALF,
        "",
        LoudStr("\u00e9\n"),
        None,
    ],
    ids=lambda value: type(value).__name__,
)
def test_scalars(value: Any) -> None:
    for allow_nan in (True, False):
        assert_same_as_json(value, allow_nan=allow_nan)
        assert_same_as_json([value], allow_nan=allow_nan, indent=1)
        assert_same_as_json({"k": value}, allow_nan=allow_nan)


def test_ints_at_every_digit_count() -> None:
    """Ints are written in blocks of up to nine digits below 10**18, by str() above."""
    values = [0, 1, -1, 9, 10, -10, 99, 100, -100, 101]
    for k in range(1, 22):
        values += [10**k - 1, 10**k, 10**k + 1, -(10**k) + 1, -(10**k), -(10**k) - 1]
        values += [int("12345678901234567890123"[:k]), -int("9876543210987654321098"[:k])]
    values += [2**63 - 1, 2**63, -(2**63), -(2**63) - 1, True, False]
    assert_same_as_json(values)
    assert_same_as_json({str(v): v for v in values}, indent=1)


def test_indent_levels_shared_between_calls() -> None:
    """Indented output's levels are shared by calls with the same options up to some
    depth and indent length: each call still writes its own options' text."""
    value: Any = {"k": [1, {"a": "b"}], "m": {}}
    for _ in range(40):  # past the shared depth
        value = {"k": [value, 2], "z": {"y": None}}
    for indent in (2, 0, "\t", " " * 20, 3, 2):
        for separators in (None, (",", ": "), (" ,", ": "), (" ,", " : ")):
            for ensure_ascii in (True, False):
                for sort_keys in (False, True):
                    options = dict(
                        indent=indent,
                        separators=separators,
                        ensure_ascii=ensure_ascii,
                        sort_keys=sort_keys,
                    )
                    assert_same_as_json(value, **options)
                    assert_same_as_json({"é": [value["z"]]}, **options)


def test_digit_blocks() -> None:
    """write_digit_block's fixed-point digits, at every block length and dot position."""
    import random

    from pyjsonfast._buffer import StringWriter
    from pyjsonfast._scalars import digit_count, write_digit_block

    rng = random.Random(9)
    for count in range(1, 10):
        limit = 10**count
        values = [0, 1, limit - 1, limit // 10, limit // 10 - 1, limit // 2]
        values += [rng.randrange(limit) for _ in range(2000)]
        for v in values:
            dot = rng.randrange(-1, count + 1)
            buf = StringWriter()
            write_digit_block(buf, v, count, dot)
            digits = str(v).zfill(count)
            expected = digits[:dot] + "." + digits[dot:] if 0 <= dot < count else digits
            assert buf.getvalue() == expected, (v, count, dot)
            if v > 0:
                assert digit_count(v) == len(str(v))
    assert digit_count(0) == 1


def test_random_floats_round_trip_bits() -> None:
    import random

    rng = random.Random(1234)
    values = [rng.uniform(-1e6, 1e6) for _ in range(2000)]
    values += [math.ldexp(rng.random(), rng.randint(-1074, 1023)) for _ in range(2000)]
    values += [float(rng.randint(-(2**60), 2**60)) for _ in range(500)]
    values += [round(rng.uniform(-180, 180), rng.randint(0, 15)) for _ in range(2000)]
    assert pyjsonfast.dumps(values) == json.dumps(values)
    assert pyjsonfast.dumps({str(v): v for v in values}) == json.dumps({str(v): v for v in values})


def test_dict_key_conversion() -> None:
    for sort_keys in (False, True):
        value = {2: "a", 1.5: "b", True: "c", None: "d", "e": 0} if not sort_keys else {2: 1, 1: 2}
        assert_same_as_json(value, sort_keys=sort_keys)
    assert_same_as_json({float("nan"): 1, float("inf"): 2, float("-inf"): 3})
    assert_same_as_json({float("nan"): 1}, allow_nan=False)
    assert_same_as_json({float("inf"): 1}, allow_nan=False, indent=2)
    big = {0: 0, -1: 1, 10**18: 2, -(2**63): 3, 2**63 - 1: 4, 2**63: 5, -(10**40): 6}
    assert_same_as_json(big)
    assert_same_as_json(big, sort_keys=True, indent=1)


def test_mixed_keys_with_sort_keys_raise_json_type_error() -> None:
    assert_same_as_json({"a": 1, 2: 3}, sort_keys=True)
    assert_same_as_json({1: 1, "b": 3, None: 2}, sort_keys=True, indent=2)
    with pytest.raises(TypeError):
        pyjsonfast.dumps({"a": 1, 2: 3}, sort_keys=True)


@pytest.mark.parametrize("indent", [None, 0, 2, "\t"])
@pytest.mark.parametrize("separators", [None, (",", ":"), (" ;", " = ")])
def test_keys_after_the_first_at_every_depth(indent: Any, separators: Any) -> None:
    """Keys after a dict's first are written with their item separator in front,
    from a cache per depth: mixed key types, skipped keys, long keys, repeats."""
    long_key = "k" * 70
    inner: Any = {"a": 1, 2: "b", "caf\xe9": [], long_key: {}, None: None, "\u20ac": 1.5}
    for depth in range(6):
        inner = {(1, 2) if depth % 2 else "x": 0, "a": inner, 3.5: [inner], "a\n": True}
    int_keys = {0: "first", -(10**20): [], "z": {1: 2, 2**63: 3}, 7: {(1,): 1, 5: 2}}
    value = [inner, inner, {"a": 1, "b": 2}, {(1,): 1, "a": 2}, int_keys]
    for ensure_ascii in (True, False):
        options = {"indent": indent, "separators": separators, "ensure_ascii": ensure_ascii}
        for _ in range(2):  # again, with the caches filled
            assert_same_as_json(value, skipkeys=True, **options)
            assert_same_as_json(value, **options)
    layout = {"skipkeys": True, "indent": indent, "separators": separators}
    text = json.dumps(value, ensure_ascii=False, **layout)
    assert pyjsonfast.dumpb(value, **layout) == text.encode()


def test_sort_keys_orders_like_json() -> None:
    value = {"b": 1, "a": {"d": 1, "c": 2}, "\u00e9": 3, "A": 4, "": 5}
    assert_same_as_json(value, sort_keys=True)
    assert_same_as_json({3: 1, 1: 2, -5: 3, 2.5: 4}, sort_keys=True)


@pytest.mark.parametrize("indent", [None, 2])
def test_skipkeys(indent: Any) -> None:
    value = {(1, 2): 1, "a": 2, frozenset(): 3, "b": 4, object(): 5}
    assert_same_as_json(value, skipkeys=True, indent=indent)
    assert_same_as_json({(1,): 1}, skipkeys=True, indent=indent)
    assert_same_as_json({(1,): 1, "x": 2}, skipkeys=True, indent=indent, sort_keys=False)
    assert_same_as_json(value, indent=indent)  # json's TypeError for the tuple key


def test_bad_key_type_message_names_the_type() -> None:
    import datetime
    import decimal
    import fractions
    import re

    keys: list[object] = [(1,), datetime.date(2020, 1, 1), Point(1, 2), b"bytes"]
    # C types made from a spec (heap types: dotted in json's C message, not bare as a
    # class's; decimal.Decimal is one from 3.13 on), a Python class, a type.
    keys += [decimal.Decimal("1.5"), re.compile("a"), fractions.Fraction(1, 3), int, object()]
    keys.append(frozenset({1}))
    for key in keys:
        assert_same_as_json({key: 1})
        assert_same_as_json({key: 1}, indent=1)


def test_subclasses_written_as_their_base_type() -> None:
    value = [
        LoudInt(1),
        LoudFloat(1.5),
        LoudStr("x"),
        Color.BLUE,
        Ratio.HALF,
        MyList([MyDict(a=1)]),
    ]
    assert_same_as_json(value)
    assert_same_as_json(value, indent=2)
    assert pyjsonfast.dumps(value) == '[1, 1.5, "x", 2, 0.5, [{"a": 1}]]'


def test_dict_subclass_items_and_ordered_dict() -> None:
    od = collections.OrderedDict([("b", 1), ("a", 2)])
    od.move_to_end("b")
    assert_same_as_json(od)
    assert_same_as_json(MyDict(od), sort_keys=True)


# --- errors ----------------------------------------------------------------------------


@pytest.mark.parametrize("indent", [None, 2])
def test_not_serializable(indent: Any) -> None:
    for value in [object(), {1, 2}, b"bytes", [1, {"a": Point(1, 2)}], 1j]:
        assert_same_as_json(value, indent=indent)
    with pytest.raises(TypeError, match="Object of type Point is not JSON serializable"):
        pyjsonfast.dumps({"p": Point(1, 2)})


@pytest.mark.parametrize("indent", [None, 2])
def test_circular_references(indent: Any) -> None:
    lst: list[Any] = [1]
    lst.append(lst)
    dct: dict[str, Any] = {"a": 1}
    dct["self"] = [dct]
    tail: list[Any] = []
    tup = (tail,)
    tail.append(tup)
    for value in [lst, dct, tup, {"x": [[lst]]}]:
        assert_same_as_json(value, indent=indent)
        with pytest.raises(ValueError, match="Circular reference detected"):
            pyjsonfast.dumps(value, indent=indent)


def test_circular_through_default() -> None:
    point = Point(1, 2)
    assert_same_as_json(point, default=lambda o: o)
    assert_same_as_json(point, default=lambda o: [o])
    assert_same_as_json(point, default=lambda o: {"p": [o.x, o]})


def test_circular_without_check_is_a_recursion_error() -> None:
    lst: list[Any] = []
    lst.append(lst)
    with pytest.raises(RecursionError):
        pyjsonfast.dumps(lst, check_circular=False)


def test_shared_but_acyclic_objects_are_fine() -> None:
    shared = [1, {"a": 2}]
    value = [shared, shared, {"x": shared, "y": [shared]}]
    assert_same_as_json(value)
    assert_same_as_json(value, indent=1)


@pytest.mark.parametrize("indent", [None, 2])
def test_allow_nan_false(indent: Any) -> None:
    for value in [float("nan"), float("inf"), [1, float("-inf")], {"a": LoudFloat("nan")}]:
        assert_same_as_json(value, allow_nan=False, indent=indent)
        with pytest.raises(ValueError, match="Out of range float values are not JSON compliant"):
            pyjsonfast.dumps(value, allow_nan=False, indent=indent)


def test_unexpected_keyword_argument() -> None:
    with pytest.raises(TypeError):
        pyjsonfast.dumps(1, unknown_option=True)  # type: ignore[call-overload]


# --- depth -------------------------------------------------------------------------------


def run_in_small_thread(function: Callable[[], Any]) -> tuple[str, Any]:
    """outcome(function) in a thread with a 512 KiB stack."""
    result: list[tuple[str, Any]] = []
    old_size = threading.stack_size(SMALL_STACK_BYTES)
    try:
        thread = threading.Thread(target=lambda: result.append(outcome(function)))
        thread.start()
        thread.join()
    finally:
        threading.stack_size(old_size)
    return result[0]


class Node:
    pass


def node_to_list(o: object) -> object:
    return [Node()]


# (value, how to encode it). The values are built, and freed, in the main thread:
# CPython 3.13.0 itself crashes freeing a 10**6-deep dict in a 512 KiB thread.
DEEP_CASES: list[tuple[Callable[[], object], Callable[[object], object]]] = [
    (lambda: nested_list(10**6), pyjsonfast.dumps),
    (lambda: nested_dict(10**6), pyjsonfast.dumps),
    (lambda: nested_list(10**6), lambda v: pyjsonfast.dumps(v, check_circular=False)),
    (lambda: nested_list(10**6), lambda v: pyjsonfast.dumps(v, indent=2)),
    (lambda: nested_list(10**6), lambda v: pyjsonfast.dump(v, io.StringIO())),
    (Node, lambda v: pyjsonfast.dumps(v, default=node_to_list)),
    (Node, lambda v: pyjsonfast.dumps(v, default=node_to_list, check_circular=False)),
    (lambda: [(), nested_list(10**5)], pyjsonfast.dumps),
    (lambda: nested_dict(10**5), lambda v: list(pyjsonfast.JSONEncoder().iterencode(v))),
]


@pytest.mark.parametrize(
    "case",
    DEEP_CASES,
    ids=[
        "list",
        "dict",
        "unchecked",
        "indent",
        "dump",
        "default",
        "default-unchecked",
        "tuple",
        "iterencode",
    ],
)
@pytest.mark.parametrize("small_stack", [False, True], ids=["main", "512k-thread"])
def test_deep_nesting_raises_recursion_error(
    case: tuple[Callable[[], object], Callable[[object], object]], small_stack: bool
) -> None:
    if small_stack and platform.python_implementation() == "PyPy":
        pytest.skip(
            "PyPy's stack check assumes the main thread's stack: any deep Python "
            "recursion (its own json included) segfaults in a 512 KiB thread"
        )
    build, encode = case
    value = build()  # this test keeps the reference, so the value is freed in this thread
    call = functools.partial(encode, value)
    kind, detail = run_in_small_thread(call) if small_stack else outcome(call)
    assert kind == "error"
    assert detail[0] is RecursionError


def test_moderate_nesting_is_fine() -> None:
    for depth in (50, 400):
        assert pyjsonfast.dumps(nested_list(depth)) == json.dumps(nested_list(depth))
        assert pyjsonfast.dumps(nested_dict(depth), indent=1) == json.dumps(
            nested_dict(depth), indent=1
        )


def deepest_written(dumps: Callable[[object], object], build: Callable[[int], object]) -> int:
    """The deepest nesting dumps writes here without RecursionError (up to 5000 levels)."""
    low, high = 0, 5000
    while low < high:
        middle = (low + high + 1) // 2
        try:
            dumps(build(middle))
        except RecursionError:
            high = middle - 1
        else:
            low = middle
    return low


@pytest.mark.skipif(
    platform.python_implementation() == "PyPy",
    reason="PyPy's json writes some 2500 levels; ours stops at the recursion limit, as CPython's",
)
@pytest.mark.parametrize("build", [nested_list, nested_dict], ids=["list", "dict"])
@pytest.mark.parametrize("indent", [None, 2], ids=["compact", "indent"])
def test_nesting_json_writes_is_written(build: Callable[[int], object], indent: Any) -> None:
    # Uncompiled, each level once took two Python frames: 476 levels, json 954.
    # Up to the limit the README gives (min(1000, the recursion limit)): from
    # 3.12 on, json's C encoder writes deeper (1481 levels compact on 3.12,
    # more than 5000 on 3.13), which compiled code cannot do safely.
    json_deepest = deepest_written(lambda o: json.dumps(o, indent=indent), build)
    deepest = deepest_written(lambda o: pyjsonfast.dumps(o, indent=indent), build)
    assert deepest >= min(json_deepest, 1000, sys.getrecursionlimit()) - 5


# --- subclassing JSONEncoder ------------------------------------------------------------------


class PointEncoder(pyjsonfast.JSONEncoder):
    def default(self, o: object) -> object:
        if isinstance(o, Point):
            return {"x": o.x, "y": o.y}
        return super().default(o)


class StdlibPointEncoder(json.JSONEncoder):
    def default(self, o: object) -> object:
        if isinstance(o, Point):
            return {"x": o.x, "y": o.y}
        return super().default(o)


class ShoutingEncoder(pyjsonfast.JSONEncoder):
    def encode(self, o: object) -> str:
        return super().encode(o).upper()


class ChunkMarkingEncoder(pyjsonfast.JSONEncoder):
    def iterencode(self, o: object, _one_shot: bool = False) -> Iterator[str]:
        for chunk in super().iterencode(o, _one_shot):
            yield "<" + chunk + ">"


def test_subclass_overriding_default() -> None:
    value = {"p": Point(1, 2), "l": [Point(3, 4)]}
    expected = json.dumps(value, cls=StdlibPointEncoder)
    assert pyjsonfast.dumps(value, cls=PointEncoder) == expected
    assert PointEncoder().encode(value) == expected
    assert "".join(PointEncoder().iterencode(value)) == expected
    assert pyjsonfast.dumps(value, cls=PointEncoder, indent=2) == json.dumps(
        value, cls=StdlibPointEncoder, indent=2
    )
    with pytest.raises(TypeError, match="Object of type object is not JSON serializable"):
        pyjsonfast.dumps([object()], cls=PointEncoder)
    fp = io.StringIO()
    pyjsonfast.dump(value, fp, cls=PointEncoder)
    assert fp.getvalue() == expected


def test_default_argument_beats_subclass_default() -> None:
    value = [Point(1, 2)]
    assert pyjsonfast.dumps(value, cls=PointEncoder, default=lambda o: "D") == json.dumps(
        value, cls=StdlibPointEncoder, default=lambda o: "D"
    )


def test_subclass_overriding_encode_and_iterencode() -> None:
    assert pyjsonfast.dumps({"a": "b"}, cls=ShoutingEncoder) == '{"A": "B"}'
    fp = io.StringIO()
    pyjsonfast.dump([1, 2], fp, cls=ChunkMarkingEncoder)
    assert fp.getvalue().startswith("<") and fp.getvalue().endswith(">")
    assert fp.getvalue().replace("<", "").replace(">", "") == "[1, 2]"


class SemicolonEncoder(pyjsonfast.JSONEncoder):
    item_separator = ";"
    key_separator = "="


class StdlibSemicolonEncoder(json.JSONEncoder):
    item_separator = ";"
    key_separator = "="


def test_subclass_with_class_level_separators() -> None:
    value = {"a": [1, 2], "b": {}}
    option_sets: list[dict[str, Any]] = [{}, {"indent": 2}, {"separators": (",", ":")}]
    for options in option_sets:
        assert pyjsonfast.dumps(value, cls=SemicolonEncoder, **options) == json.dumps(
            value, cls=StdlibSemicolonEncoder, **options
        )


def test_stdlib_encoder_class_as_cls() -> None:
    value = {"p": Point(1, 2)}
    assert pyjsonfast.dumps(value, cls=StdlibPointEncoder) == json.dumps(
        value, cls=StdlibPointEncoder
    )
    fp = io.StringIO()
    pyjsonfast.dump(value, fp, cls=StdlibPointEncoder, indent=1)
    assert fp.getvalue() == json.dumps(value, cls=StdlibPointEncoder, indent=1)


def test_subclass_with_extra_constructor_argument() -> None:
    class Prefixed(pyjsonfast.JSONEncoder):
        def __init__(self, *, prefix: str = "", **kw: Any) -> None:
            super().__init__(**kw)
            self.prefix = prefix

        def default(self, o: object) -> object:
            return self.prefix + type(o).__name__

    assert pyjsonfast.dumps([Point(0, 0)], cls=Prefixed, prefix="P:") == '["P:Point"]'


def test_encoder_methods_directly() -> None:
    encoder = pyjsonfast.JSONEncoder(indent=1, sort_keys=True)
    reference = json.JSONEncoder(indent=1, sort_keys=True)
    assert encoder.encode(SAMPLE) == reference.encode(SAMPLE)
    assert "".join(encoder.iterencode(SAMPLE)) == "".join(reference.iterencode(SAMPLE))
    assert encoder.encode("x\n") == reference.encode("x\n")
    with pytest.raises(TypeError, match="is not JSON serializable"):
        encoder.default(Point(1, 2))


# --- dump ------------------------------------------------------------------------------------


class RecordingFile:
    """A write()-only file that records chunk sizes."""

    def __init__(self) -> None:
        self.chunks: list[str] = []

    def write(self, chunk: str) -> int:
        self.chunks.append(chunk)
        return len(chunk)


@pytest.mark.parametrize("options", [{}, {"indent": 2}, {"sort_keys": True, "ensure_ascii": False}])
def test_dump_matches_json_dumps(options: dict[str, Any]) -> None:
    fp = io.StringIO()
    pyjsonfast.dump(SAMPLE, fp, **options)
    assert fp.getvalue() == json.dumps(SAMPLE, **options)


def test_dump_writes_bounded_chunks() -> None:
    document = {"rows": [{"id": i, "name": f"row {i}", "tags": ["a", "b"]} for i in range(50_000)]}
    expected = json.dumps(document)
    fp = RecordingFile()
    pyjsonfast.dump(document, fp)
    assert "".join(fp.chunks) == expected
    assert len(fp.chunks) > 5
    # No chunk is anywhere near the whole document: memory holds one chunk at a time.
    assert max(map(len, fp.chunks)) <= 1 << 19


def test_dump_flat_list_is_chunked_too() -> None:
    document = list(range(300_000))
    fp = RecordingFile()
    pyjsonfast.dump(document, fp)
    assert "".join(fp.chunks) == json.dumps(document)
    assert max(map(len, fp.chunks)) <= 1 << 19


def test_dump_errors_like_json_dump() -> None:
    cases: list[tuple[object, dict[str, Any]]] = [
        (float("nan"), {"allow_nan": False}),
        ({(1,): 2}, {}),
        ([object()], {}),
    ]
    for value, options in cases:
        theirs = outcome(functools.partial(json.dump, value, io.StringIO(), **options))
        ours = outcome(functools.partial(pyjsonfast.dump, value, io.StringIO(), **options))
        assert ours == theirs


def test_dump_cycle_after_chunks_went_out() -> None:
    cycle: list[Any] = []
    cycle.append(cycle)
    deep = nested_list(10**5)
    for tail in (cycle, deep):
        value = [["x" * 100] * 10_000, tail]
        theirs = outcome(functools.partial(json.dump, value, io.StringIO()))
        fp = RecordingFile()
        ours = outcome(functools.partial(pyjsonfast.dump, value, fp))
        assert len(fp.chunks) > 0  # the error came after output was written
        assert ours[0] == theirs[0] == "error"
        assert ours[1][0] is theirs[1][0]


def test_dumps_output_in_many_chunks_of_every_kind() -> None:
    """dumps collects long output in chunks (compiled): chunks of str kinds 1, 2
    and 4 joined, with and without ensure_ascii, indented or not."""
    rows: list[Any] = []
    for i in range(40_000):
        rows.append({"id": i, "text": ["abc", "caf\xe9", "\u20ac", "\U0001f600"][(i // 7000) % 4]})
    rows.append([1.5, None, True, "\udc80"])
    all_options: list[dict[str, Any]] = [
        {},
        {"ensure_ascii": False},
        {"indent": 2},
        {"ensure_ascii": False, "indent": "\t"},
    ]
    for options in all_options:
        assert pyjsonfast.dumps(rows, **options) == json.dumps(rows, **options)


def test_dumps_errors_after_many_chunks() -> None:
    """A cycle or too deep nesting after a long prefix: json's errors, not partial output."""
    cycle: list[Any] = []
    cycle.append(cycle)
    prefix = ["x" * 100] * 10_000
    for options in ({}, {"indent": 1}):
        assert_same_as_json([prefix, cycle], **options)
    # Too deep: RecursionError (json's message depends on where Python's limit hits).
    deep_options: list[dict[str, Any]] = [{}, {"indent": 1}, {"check_circular": False}]
    for tail in (cycle, nested_list(10**5)):
        for options in deep_options:
            if tail is cycle and "check_circular" not in options:
                continue
            value = [prefix, tail]
            kind, detail = outcome(functools.partial(pyjsonfast.dumps, value, **options))
            assert kind == "error" and detail[0] is RecursionError


def test_dumps_chunks_flushed_inside_nested_containers() -> None:
    """Chunks fill up deep inside nested lists and dicts (the frames above go on
    writing after a flush below them): nothing lost, nothing doubled."""
    big = ["y" * 100] * 2_000
    deep: Any = [big, {"k": big, "n": None}, big]
    for level in range(30):
        # Each level writes more after its nested value, in a list or a dict.
        deep = [deep, big[:700]] if level % 2 else {"inner": deep, "after": [big[:300], 1]}
    assert_same_as_json(deep)
    assert_same_as_json(deep, indent=2)
    assert_same_as_json(deep, ensure_ascii=False, separators=(",", ":"))


def test_dump_to_a_real_file(tmp_path: Any) -> None:
    path = tmp_path / "out.json"
    # surrogatepass: SAMPLE holds lone surrogates, written as is with ensure_ascii=False.
    with open(path, "w", encoding="utf-8", errors="surrogatepass") as fp:
        pyjsonfast.dump(SAMPLE, fp, ensure_ascii=False, indent="\t")
    with open(path, encoding="utf-8", errors="surrogatepass") as fp:
        assert fp.read() == json.dumps(SAMPLE, ensure_ascii=False, indent="\t")


def test_iterencode_chunks_join_to_encode() -> None:
    document = [{"k": "v" * 100, "n": i} for i in range(5000)]
    chunks = list(pyjsonfast.JSONEncoder().iterencode(document))
    assert "".join(chunks) == json.dumps(document)
    assert all(isinstance(chunk, str) for chunk in chunks)
