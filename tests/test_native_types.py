"""native_types=True: dataclasses, datetimes, dates, times, UUIDs, enums, decimals
and sets written by the writer itself; and Fragment, written verbatim always."""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import enum
import io
import json
import sys
import uuid
from typing import Any, ClassVar

import pytest
from hypothesis import given
from hypothesis import strategies as st

import pyjsonfast
from pyjsonfast import Fragment

orjson: Any
try:
    import orjson
except ImportError:  # pragma: no cover - orjson is optional
    orjson = None

UTC = dt.timezone.utc


class Color(enum.Enum):
    RED = "red"
    GREEN = 2
    PAIR = (1, "é")
    NESTED = {"k": [1.5]}


class Level(enum.IntEnum):
    LOW = 1


class Flavor(str, enum.Enum):
    SWEET = "sweet"


@dataclasses.dataclass
class Point:
    x: int
    y: float


@dataclasses.dataclass(frozen=True)
class Frozen:
    name: str
    point: Point


# slots=True from Python 3.10 on; before, the same class with a __dict__.
@dataclasses.dataclass(**({"slots": True} if sys.version_info >= (3, 10) else {}))
class Slotted:
    a: int
    b: list[Any]


@dataclasses.dataclass
class WithExtras:
    total: ClassVar[int] = 0
    kept: int
    init_only: dataclasses.InitVar[int]
    later: int = dataclasses.field(init=False)
    _private: str = "p"

    def __post_init__(self, init_only: int) -> None:
        self.later = init_only * 2
        self.unrelated = "not a field"


@dataclasses.dataclass
class Child(Point):
    z: str = "z"


@dataclasses.dataclass
class Node:
    value: int
    next: Any = None


class MyDateTime(dt.datetime):
    def isoformat(self, *args: Any, **kw: Any) -> str:
        return "overridden"


class MyUUID(uuid.UUID):
    def __str__(self) -> str:
        return "overridden"


def native(o: Any, **kw: Any) -> str:
    return pyjsonfast.dumps(o, native_types=True, **kw)


# --- off by default ---------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [dt.date(2026, 1, 2), uuid.UUID(int=1), decimal.Decimal("1.5"), {1}, Point(1, 2.0), Color.RED],
)
def test_off_by_default_as_json(value: Any) -> None:
    with pytest.raises(TypeError) as ours:
        pyjsonfast.dumps(value)
    with pytest.raises(TypeError) as theirs:
        json.dumps(value)
    assert str(ours.value) == str(theirs.value)


# --- the type table ----------------------------------------------------------------


def test_dataclasses() -> None:
    assert native(Point(1, 2.5)) == '{"x": 1, "y": 2.5}'
    assert native(Frozen("é", Point(0, -1.0))) == (
        '{"name": "\\u00e9", "point": {"x": 0, "y": -1.0}}'
    )
    assert native(Slotted(1, [Point(2, 3.0)])) == '{"a": 1, "b": [{"x": 2, "y": 3.0}]}'
    assert native(Child(1, 2.0)) == '{"x": 1, "y": 2.0, "z": "z"}'
    # fields only, in definition order: no ClassVar, InitVar or other attributes
    assert native(WithExtras(1, 5)) == '{"kept": 1, "later": 10, "_private": "p"}'
    with_dict = Point(1, 2.0)
    del with_dict.x
    with_dict.x = 3  # the instance dict's order changes; the output's does not
    assert native(with_dict) == '{"x": 3, "y": 2.0}'


def test_datetimes() -> None:
    assert native(dt.datetime(2026, 11, 25, 8, 30)) == '"2026-11-25T08:30:00"'
    assert native(dt.datetime(2026, 11, 25, 8, 30, 0, 123)) == '"2026-11-25T08:30:00.000123"'
    assert native(dt.datetime(2026, 11, 25, 8, 30, tzinfo=UTC)) == '"2026-11-25T08:30:00+00:00"'
    ist = dt.timezone(dt.timedelta(hours=5, minutes=30))
    assert native(dt.datetime(2026, 11, 25, 8, 30, tzinfo=ist)) == '"2026-11-25T08:30:00+05:30"'
    assert native(dt.date(2026, 11, 25)) == '"2026-11-25"'
    assert native(dt.time(8, 30, 0, 123)) == '"08:30:00.000123"'
    assert native(dt.time(8, 30, tzinfo=ist)) == '"08:30:00+05:30"'
    assert native(dt.date(1, 1, 1)) == '"0001-01-01"'
    assert native(MyDateTime(2026, 1, 2)) == '"2026-01-02T00:00:00"'  # not the override


offsets = st.builds(
    dt.timedelta, seconds=st.integers(-86399, 86399), microseconds=st.integers(0, 999999)
).filter(lambda d: abs(d) < dt.timedelta(hours=24))
zones: st.SearchStrategy[dt.tzinfo | None] = st.one_of(
    st.none(), st.just(UTC), offsets.map(dt.timezone)
)


class Varying(dt.tzinfo):
    """An offset that depends on the time (as zoneinfo's do)."""

    def utcoffset(self, d: Any) -> dt.timedelta:
        return dt.timedelta(hours=1 if d is None or d.month < 6 else 2)

    def dst(self, d: Any) -> dt.timedelta:
        return dt.timedelta(0)

    def tzname(self, d: Any) -> str:
        return "varying"


@given(st.one_of(st.datetimes(timezones=zones), st.datetimes(timezones=st.just(Varying()))))
def test_datetime_text_is_isoformat(value: dt.datetime) -> None:
    assert native(value) == f'"{value.isoformat()}"'
    assert native(value.date()) == f'"{value.date().isoformat()}"'
    assert native(value.timetz()) == f'"{value.timetz().isoformat()}"'
    assert native({value: 1}) == f'{{"{value.isoformat()}": 1}}'


def test_uuids() -> None:
    u = uuid.UUID("1b4e28ba-2fa1-11d2-883f-0016d3cca427")
    assert native(u) == '"1b4e28ba-2fa1-11d2-883f-0016d3cca427"'
    assert native(uuid.UUID(int=0)) == '"00000000-0000-0000-0000-000000000000"'
    assert native(uuid.UUID(int=2**128 - 1)) == '"ffffffff-ffff-ffff-ffff-ffffffffffff"'
    assert native(MyUUID(int=5)) == '"00000000-0000-0000-0000-000000000005"'


@given(st.uuids())
def test_uuid_text_is_str(value: uuid.UUID) -> None:
    assert native([value]) == f'["{value}"]'
    assert native({value: value}) == f'{{"{value}": "{value}"}}'


def test_enums() -> None:
    assert native([Color.RED, Color.GREEN, Color.PAIR]) == '["red", 2, [1, "\\u00e9"]]'
    assert native(Color.NESTED, sort_keys=True) == '{"k": [1.5]}'
    # IntEnum and str enums are ints and strs, as json writes them anyway
    assert native([Level.LOW, Flavor.SWEET]) == json.dumps([Level.LOW, Flavor.SWEET])


def test_decimals() -> None:
    cases = {
        "1.10": "1.10",
        "-0": "-0",
        "0.000001": "0.000001",
        "1E+2": "1E+2",
        "1e-7": "1E-7",
        "123456789012345678901234567890.123456789": "123456789012345678901234567890.123456789",
    }
    for given_text, written in cases.items():
        assert native(decimal.Decimal(given_text)) == written
        assert json.loads(written) == float(given_text)
    specials = ["NaN", "sNaN", "-NaN", "NaN123", "Infinity", "-Infinity"]
    assert native([decimal.Decimal(s) for s in specials]) == (
        "[NaN, NaN, NaN, NaN, Infinity, -Infinity]"
    )
    with pytest.raises(ValueError, match="Out of range float values are not JSON compliant"):
        native(decimal.Decimal("NaN"), allow_nan=False)


@given(st.decimals(allow_nan=False, allow_infinity=False))
def test_decimal_keeps_its_digits(value: decimal.Decimal) -> None:
    text = native(value)
    assert text == str(value)
    assert decimal.Decimal(text) == value


def test_sets() -> None:
    assert sorted(json.loads(native({3, 1, 2}))) == [1, 2, 3]
    assert native(frozenset({3, 1, 2}), sort_keys=True) == "[1, 2, 3]"
    assert native({"b", "a"}, sort_keys=True) == '["a", "b"]'
    mixed = native({1, "a"}, sort_keys=True)  # unsortable: iteration order
    assert sorted(json.loads(mixed), key=str) == [1, "a"]
    assert native(set()) == "[]"


def test_keys_become_strings() -> None:
    value = {
        dt.date(2026, 1, 2): 1,
        dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC): 2,
        uuid.UUID(int=1): 3,
        Color.RED: 4,
        Color.GREEN: 5,
        decimal.Decimal("1.50"): 6,
    }
    assert native(value) == (
        '{"2026-01-02": 1, "2026-01-02T03:04:05+00:00": 2, '
        '"00000000-0000-0000-0000-000000000001": 3, "red": 4, "2": 5, "1.50": 6}'
    )
    with pytest.raises(TypeError, match="keys must be str, int, float, bool or None, not tuple"):
        native({Color.PAIR: 1})
    assert native({Color.PAIR: 1, "a": 2}, skipkeys=True) == '{"a": 2}'


def test_composes_with_every_option() -> None:
    value = {"when": dt.date(2026, 1, 2), "p": Point(1, 2.0), "s": {"é"}}
    assert native(value, indent=2, sort_keys=True, ensure_ascii=False) == (
        '{\n  "p": {\n    "x": 1,\n    "y": 2.0\n  },\n  "s": [\n    "é"\n  ],\n'
        '  "when": "2026-01-02"\n}'
    )
    assert native(value, separators=(",", ":")) == (
        '{"when":"2026-01-02","p":{"x":1,"y":2.0},"s":["\\u00e9"]}'
    )
    assert pyjsonfast.dumpb(value, native_types=True) == native(value, ensure_ascii=False).encode()
    out = io.StringIO()
    pyjsonfast.dump(value, out, native_types=True, indent="\t")
    assert out.getvalue() == native(value, indent="\t")
    encoder = pyjsonfast.JSONEncoder(native_types=True, sort_keys=True)
    assert encoder.encode(value) == native(value, sort_keys=True)
    assert "".join(encoder.iterencode(value)) == native(value, sort_keys=True)
    assert native(value, cls=json.JSONEncoder) == native(value)


def test_default_still_gets_the_rest() -> None:
    class Other:
        pass

    assert native([Other(), dt.date(2026, 1, 2)], default=lambda o: "other") == (
        '["other", "2026-01-02"]'
    )
    with pytest.raises(TypeError, match="Object of type Other is not JSON serializable"):
        native(Other())


def test_cycles_and_depth() -> None:
    head = Node(1)
    head.next = head
    with pytest.raises(ValueError, match="Circular reference detected"):
        native(head)
    chain = None
    for i in range(3000):
        chain = Node(i, chain)
    with pytest.raises(RecursionError):
        native(chain)


def test_an_encoder_overriding_iterencode_cannot_take_native_types() -> None:
    class Own(json.JSONEncoder):
        def iterencode(self, o: Any, _one_shot: bool = False) -> Any:
            yield "1"

    with pytest.raises(ValueError, match="native_types"):
        native(1, cls=Own)


@pytest.mark.skipif(orjson is None, reason="orjson is not installed")
def test_same_bytes_as_orjson() -> None:
    assert orjson is not None
    values: list[Any] = [
        Point(1, 2.5),
        Frozen("日本", Point(0, -1.0)),
        Slotted(1, ["a", None, True]),
        dt.datetime(2026, 11, 25, 8, 30),
        dt.datetime(2026, 11, 25, 8, 30, 0, 123, tzinfo=UTC),
        dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=-5, minutes=-30))),
        dt.date(2026, 11, 25),
        dt.time(23, 59, 59, 999999),
        uuid.UUID("1b4e28ba-2fa1-11d2-883f-0016d3cca427"),
        [Color.RED, Color.GREEN, Color.PAIR],
        {"nested": [Point(3, 4.0), {"u": uuid.UUID(int=7)}]},
    ]
    for value in values:
        ours = pyjsonfast.dumpb(value, native_types=True, separators=(",", ":"))
        assert ours == orjson.dumps(value), value


# --- Fragment ----------------------------------------------------------------------


def test_fragment_is_written_verbatim_in_every_mode() -> None:
    value = {"cached": Fragment('{"a": [1, 2]}'), "raw": Fragment(b'["\xc3\xa9"]'), "s": "é"}
    assert pyjsonfast.dumps(value) == '{"cached": {"a": [1, 2]}, "raw": ["é"], "s": "\\u00e9"}'
    assert pyjsonfast.dumpb(value) == '{"cached": {"a": [1, 2]}, "raw": ["é"], "s": "é"}'.encode()
    assert pyjsonfast.dumps([Fragment("1")], indent=2) == "[\n  1\n]"
    out = io.BytesIO()
    pyjsonfast.dump([Fragment('"é"')], out)
    assert out.getvalue() == '["é"]'.encode()
    assert pyjsonfast.JSONEncoder().encode(Fragment("[]")) == "[]"
    assert pyjsonfast.dumps(Fragment("x"), cls=json.JSONEncoder) == "x"  # not validated


@pytest.mark.parametrize("text", ["[1]", '"é"', '"€"', '"😀"', '["a", "ä€😀"]'])
def test_str_fragment_into_bytes_is_its_utf8(text: str) -> None:
    assert pyjsonfast.dumpb([Fragment(text), 1]) == f"[{text}, 1]".encode()


def test_str_fragment_with_a_lone_surrogate_cannot_be_utf8() -> None:
    with pytest.raises(UnicodeEncodeError):
        pyjsonfast.dumpb(Fragment('"\ud800"'))


def test_fragment_checks() -> None:
    assert Fragment("[1]", validate=True).text == "[1]"
    with pytest.raises(pyjsonfast.JSONDecodeError):
        Fragment("[1", validate=True)
    with pytest.raises(pyjsonfast.JSONDecodeError):
        Fragment(b"1 2", validate=True)
    with pytest.raises(TypeError, match="Fragment text must be str or bytes, not int"):
        Fragment(1)  # type: ignore[arg-type]
    assert Fragment(bytearray(b"1")).text == b"1"
    assert Fragment("1") == Fragment("1") and repr(Fragment("1")) == "Fragment('1')"
    with pytest.raises(UnicodeDecodeError):
        pyjsonfast.dumps(Fragment(b"\xff"))
    assert "not validated" in (Fragment.__doc__ or "").lower()


def test_dump_lines_takes_native_types() -> None:
    text, binary = io.StringIO(), io.BytesIO()
    rows = [Point(1, 2.0), {"é": dt.date(2026, 1, 2)}]
    pyjsonfast.dump_lines(rows, text, native_types=True)
    pyjsonfast.dump_lines(rows, binary, native_types=True, ensure_ascii=False)
    assert text.getvalue() == '{"x":1,"y":2.0}\n{"\\u00e9":"2026-01-02"}\n'
    assert binary.getvalue() == '{"x":1,"y":2.0}\n{"é":"2026-01-02"}\n'.encode()
