"""Subclasses of list, tuple, dict, int, float and str that override what json looks at.

json writes such values differently depending on which of its encoders runs. Its C encoder
(json.dumps without indent; with indent too from 3.13 on) writes a list or tuple subclass as
what iterating it gives, tests a dict subclass for emptiness on the items it stores and then
takes its items() as a list of 2-tuples. Its Python encoder (indent before 3.13, json.dump,
iterencode; always on PyPy) tests `not value` first, iterates lazily, unpacks items as
`key, value` and writes '[' only together with a list's first item. PyPy's own encode() (so its
dumps) is a third writer: '[' up front, items sorted by key alone.

Every expectation is the running json's own behaviour: pyjsonfast must give the same text, or
raise the same exception class with the same message, through dumps, dump, iterencode and
encode, whichever version, build or implementation runs the tests.
"""

from __future__ import annotations

import collections
import enum
import functools
import io
import itertools
import json
import platform
import threading
from types import ModuleType
from typing import Any, Callable, Iterable, Iterator, NamedTuple

import pytest
from hypothesis import given
from hypothesis import strategies as st
from small_stack import SMALL_STACK_BYTES

import pyjsonfast

# --- the subclasses ------------------------------------------------------------------


class Opaque:
    """Not serialisable: json's TypeError (or default()) when reached."""

    def __repr__(self) -> str:
        return "Opaque()"


class IterList(list[Any]):
    """Stores one list, iterates another (the issue's example: IterList([1], [9]))."""

    def __init__(self, stored: Iterable[Any] = (), iterated: Iterable[Any] = ()) -> None:
        super().__init__(stored)
        self.iterated = list(iterated)

    def __iter__(self) -> Iterator[Any]:
        return iter(self.iterated)

    def __repr__(self) -> str:
        return f"IterList({list.__repr__(self)}, {self.iterated!r})"


class LenList(list[Any]):
    def __init__(self, stored: Iterable[Any] = (), length: int = 0) -> None:
        super().__init__(stored)
        self.length = length

    def __len__(self) -> int:
        return self.length

    def __repr__(self) -> str:
        return f"LenList({list.__repr__(self)}, {self.length})"


class BoolList(list[Any]):
    def __init__(self, stored: Iterable[Any] = (), truth: bool = False) -> None:
        super().__init__(stored)
        self.truth = truth

    def __bool__(self) -> bool:
        return self.truth

    def __repr__(self) -> str:
        return f"BoolList({list.__repr__(self)}, {self.truth})"


class GetitemList(list[Any]):
    def __getitem__(self, index: Any) -> Any:
        return "overridden"


class FailingIterList(list[Any]):
    """Iterates its items, then raises KeyError."""

    def __iter__(self) -> Iterator[Any]:
        yield from list.__iter__(self)
        raise KeyError("iteration failed")


class TypeErrorIterList(list[Any]):
    def __iter__(self) -> Iterator[Any]:
        raise TypeError("no iterating")


class NonIteratorList(list[Any]):
    def __iter__(self) -> Any:
        return 5


class IterTuple(tuple[Any, ...]):
    iterated: tuple[Any, ...]

    def __new__(cls, stored: Iterable[Any] = (), iterated: Iterable[Any] = ()) -> IterTuple:
        self = super().__new__(cls, stored)
        self.iterated = tuple(iterated)
        return self

    def __iter__(self) -> Iterator[Any]:
        return iter(self.iterated)

    def __repr__(self) -> str:
        return f"IterTuple({tuple.__repr__(self)}, {self.iterated!r})"


class LenTuple(tuple[Any, ...]):
    length: int

    def __new__(cls, stored: Iterable[Any] = (), length: int = 0) -> LenTuple:
        self = super().__new__(cls, stored)
        self.length = length
        return self

    def __len__(self) -> int:
        return self.length

    def __repr__(self) -> str:
        return f"LenTuple({tuple.__repr__(self)}, {self.length})"


class GetitemTuple(tuple[Any, ...]):
    def __getitem__(self, index: Any) -> Any:
        return "overridden"

    def __len__(self) -> int:
        return 3


class Pair(NamedTuple):
    key: Any
    value: Any


class ItemsDict(dict[Any, Any]):
    """Stores one dict; items() returns a fresh list of whatever it was given."""

    def __init__(self, stored: Any = (), items: Iterable[Any] = ()) -> None:
        super().__init__(stored)
        self.given_items = list(items)

    def items(self) -> Any:
        return list(self.given_items)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({dict.__repr__(self)}, {self.given_items!r})"


class GeneratorItemsDict(ItemsDict):
    def items(self) -> Any:
        return (item for item in self.given_items)


class TupleItemsDict(ItemsDict):
    def items(self) -> Any:
        return tuple(self.given_items)


class FailingItemsDict(ItemsDict):
    """items() yields its items, then raises KeyError."""

    def items(self) -> Any:
        yield from self.given_items
        raise KeyError("items failed")


class RaisingItemsDict(dict[Any, Any]):
    def items(self) -> Any:
        raise KeyError("no items")


class NonIterableItemsDict(dict[Any, Any]):
    def items(self) -> Any:
        return 5


class TypeErrorItems:
    def __iter__(self) -> Iterator[Any]:
        raise TypeError("no iterating")


class TypeErrorItemsDict(dict[Any, Any]):
    def items(self) -> Any:
        return TypeErrorItems()


class LenItemsDict(ItemsDict):
    """items() overridden and __len__ too."""

    def __init__(self, stored: Any = (), items: Iterable[Any] = (), length: int = 0) -> None:
        super().__init__(stored, items)
        self.length = length

    def __len__(self) -> int:
        return self.length


class KeysDict(dict[Any, Any]):
    def keys(self) -> Any:
        return ["overridden"]


class IterDict(dict[Any, Any]):
    def __iter__(self) -> Iterator[Any]:
        return iter(["overridden"])


class LenDict(dict[Any, Any]):
    def __init__(self, stored: Any = (), length: int = 0) -> None:
        super().__init__(stored)
        self.length = length

    def __len__(self) -> int:
        return self.length

    def __repr__(self) -> str:
        return f"LenDict({dict.__repr__(self)}, {self.length})"


class BoolDict(dict[Any, Any]):
    def __init__(self, stored: Any = (), truth: bool = False) -> None:
        super().__init__(stored)
        self.truth = truth

    def __bool__(self) -> bool:
        return self.truth

    def __repr__(self) -> str:
        return f"BoolDict({dict.__repr__(self)}, {self.truth})"


class GetitemDict(dict[Any, Any]):
    def __getitem__(self, key: Any) -> Any:
        return "overridden"


class ValuesDict(dict[Any, Any]):
    def values(self) -> Any:
        return ["overridden"]


class ReprInt(int):
    def __repr__(self) -> str:
        return "repr"

    def __str__(self) -> str:
        return "str"

    def __format__(self, spec: str) -> str:
        return "format"

    def __int__(self) -> int:
        return 42

    def __index__(self) -> int:
        return 42

    # Comparisons and arithmetic a writer might use on the value (none of them
    # may run: json reads the digits int stores).
    def __lt__(self, other: object) -> bool:
        return True

    def __gt__(self, other: object) -> bool:
        return True

    def __floordiv__(self, other: object) -> int:
        return 42

    def __mod__(self, other: object) -> int:
        return 42

    def __neg__(self) -> int:
        return 42


class ReprFloat(float):
    def __repr__(self) -> str:
        return "repr"

    def __str__(self) -> str:
        return "str"

    def __format__(self, spec: str) -> str:
        return "format"

    def __float__(self) -> float:
        return 42.0

    def __sub__(self, other: object) -> float:  # (a writer's NaN test might use it)
        return 42.0

    def __neg__(self) -> float:
        return 42.0


class ReprStr(str):
    def __repr__(self) -> str:
        return "repr"

    def __str__(self) -> str:
        return "str"

    def __format__(self, spec: str) -> str:
        return "format"

    def __iter__(self) -> Iterator[str]:
        return iter("iter")

    def __getitem__(self, index: Any) -> str:
        return "getitem"

    def __len__(self) -> int:
        return 0


class Level(enum.IntEnum):
    LOW = 1
    HIGH = 2**40


class Tone(str, enum.Enum):
    HIGH = "h\u00e9"
    LOW = "l\n"


class Share(float, enum.Enum):
    HALF = 0.5
    NONE = float("nan")
    ALL = float("inf")


# --- running both ------------------------------------------------------------------------


Api = Callable[[ModuleType, Any, dict[str, Any]], str]


def via_dumps(module: ModuleType, value: Any, options: dict[str, Any]) -> str:
    return str(module.dumps(value, **options))


def via_dump(module: ModuleType, value: Any, options: dict[str, Any]) -> str:
    out = io.StringIO()
    module.dump(value, out, **options)
    return out.getvalue()


def via_iterencode(module: ModuleType, value: Any, options: dict[str, Any]) -> str:
    return "".join(module.JSONEncoder(**options).iterencode(value))


def via_encode(module: ModuleType, value: Any, options: dict[str, Any]) -> str:
    return str(module.JSONEncoder(**options).encode(value))


APIS: dict[str, Api] = {
    "dumps": via_dumps,
    "dump": via_dump,
    "iterencode": via_iterencode,
    "encode": via_encode,
}


def outcome(api: Api, module: ModuleType, value: Any, options: dict[str, Any]) -> tuple[str, Any]:
    """('ok', text) or ('error', (exception class, message))."""
    try:
        return "ok", api(module, value, options)
    except Exception as e:  # the exception is the result here
        return "error", (type(e), str(e))


def mismatches(value: Any, options: dict[str, Any]) -> list[str]:
    """Where pyjsonfast and json disagree on value, through each API."""
    found = []
    for name, api in APIS.items():
        expected = outcome(api, json, value, options)
        got = outcome(api, pyjsonfast, value, options)
        if got != expected:
            found.append(f"{name}({value!r}, **{options}): json {expected}, pyjsonfast {got}")
    return found


# indent and sort_keys decide which of json's writers runs and how; check_circular whether
# markers are kept. Each combination is one option set.
OPTION_SETS: list[dict[str, Any]] = [
    {"indent": indent, "sort_keys": sort_keys, "check_circular": check_circular}
    for indent, sort_keys, check_circular in itertools.product(
        [None, 2], [False, True], [True, False]
    )
]
OPTION_IDS = [
    f"indent={o['indent']}-sort_keys={o['sort_keys']}-check_circular={o['check_circular']}"
    for o in OPTION_SETS
]

# --- the table ---------------------------------------------------------------------------

NAN = float("nan")
INF = float("inf")

SEQUENCES: dict[str, Callable[[], Any]] = {
    "list __iter__ other items": lambda: IterList([1], [9]),
    "list __iter__ items of an empty list": lambda: IterList([], [9, "x"]),
    "list __iter__ nothing": lambda: IterList([1, 2], []),
    "list __iter__ nested": lambda: IterList([1], [IterList([2], [3]), {"a": IterList([], [4])}]),
    "list __len__ 0": lambda: LenList([1, 2], 0),
    "list __len__ 5 of an empty list": lambda: LenList([], 5),
    "list __len__ 1 of two": lambda: LenList([1, 2], 1),
    "list __len__ negative": lambda: LenList([1], -1),
    "list __bool__ false": lambda: BoolList([1, 2], False),
    "list __bool__ true of an empty list": lambda: BoolList([], True),
    "list __getitem__": lambda: GetitemList([1, 2]),
    "list __iter__ raises midway": lambda: FailingIterList([1, Opaque()]),
    "list __iter__ raises after an unserialisable item": lambda: FailingIterList([Opaque()]),
    "list __iter__ raises TypeError": lambda: TypeErrorIterList([1]),
    "list __iter__ returns a non-iterator": lambda: NonIteratorList([1]),
    "tuple __iter__": lambda: IterTuple((1,), (9,)),
    "tuple __iter__ of an empty tuple": lambda: IterTuple((), (9,)),
    "tuple __iter__ nothing": lambda: IterTuple((1,), ()),
    "tuple __len__ 0": lambda: LenTuple((1,), 0),
    "tuple __len__ 4 of an empty tuple": lambda: LenTuple((), 4),
    "tuple __getitem__": lambda: GetitemTuple((1, 2)),
    "namedtuple": lambda: Pair("a", [1]),
    "UserList": lambda: collections.UserList([1]),
}

MAPPINGS: dict[str, Callable[[], Any]] = {
    "dict items() other pairs": lambda: ItemsDict({"a": 1}, [("b", 2)]),
    "dict items() pairs of an empty dict": lambda: ItemsDict({}, [("b", 2)]),
    "dict items() nothing": lambda: ItemsDict({"a": 1}, []),
    "dict items() unsorted": lambda: ItemsDict({"a": 1}, [("b", 2), ("a", 1), ("c", [3])]),
    "dict items() lists": lambda: ItemsDict({"a": 1}, [["b", 2]]),
    "dict items() triples": lambda: ItemsDict({"a": 1}, [("b", 2, 3)]),
    "dict items() singles": lambda: ItemsDict({"a": 1}, [("b",)]),
    "dict items() ints": lambda: ItemsDict({"a": 1}, [5]),
    "dict items() ints and pairs": lambda: ItemsDict({"a": 1}, [("b", 2), 5]),
    "dict items() strings of two": lambda: ItemsDict({"a": 1}, ["ab"]),
    "dict items() duplicate keys": lambda: ItemsDict({"a": 1}, [("a", 2), ("a", 1)]),
    "dict items() duplicate keys, values unordered": lambda: ItemsDict(
        {"a": 1}, [("a", 2), ("a", "x")]
    ),
    "dict items() tuple subclass with __iter__": lambda: ItemsDict(
        {"a": 1}, [IterTuple(("a", 1), ("zz", 9))]
    ),
    "dict items() tuple subclass with __getitem__": lambda: ItemsDict(
        {"a": 1}, [GetitemTuple(("a", 1))]
    ),
    "dict items() namedtuples": lambda: ItemsDict({"a": 1}, [Pair("b", 1), Pair("a", 2)]),
    "dict items() non-str keys": lambda: ItemsDict({"a": 1}, [(1.5, 1), (None, 2), (True, 3)]),
    "dict items() bad key": lambda: ItemsDict({"a": 1}, [("a", 1), ((1,), 2)]),
    "dict items() unserialisable value": lambda: ItemsDict({"a": 1}, [("a", Opaque())]),
    "dict items() generator": lambda: GeneratorItemsDict({"a": 1}, [("b", 2), ("a", 1)]),
    "dict items() generator of non-pairs": lambda: GeneratorItemsDict({"a": 1}, [("b", 2), 3]),
    "dict items() tuple": lambda: TupleItemsDict({"a": 1}, [("b", 2), ("a", 1)]),
    "dict items() raises midway": lambda: FailingItemsDict({"a": 1}, [("b", 2)]),
    "dict items() raises after an unserialisable value": lambda: FailingItemsDict(
        {"a": 1}, [("b", Opaque())]
    ),
    "dict items() raises": lambda: RaisingItemsDict({"a": 1}),
    "dict items() not iterable": lambda: NonIterableItemsDict({"a": 1}),
    "dict items() iteration raises TypeError": lambda: TypeErrorItemsDict({"a": 1}),
    "dict items() and __len__ 0": lambda: LenItemsDict({"a": 1}, [("b", 2)], 0),
    "dict items() and __len__ 3 of an empty dict": lambda: LenItemsDict({}, [("b", 2)], 3),
    "dict keys()": lambda: KeysDict({"b": 1, "a": 2}),
    "dict __iter__": lambda: IterDict({"b": 1, "a": 2}),
    "dict __len__ 0": lambda: LenDict({"a": 1}, 0),
    "dict __len__ 5 of an empty dict": lambda: LenDict({}, 5),
    "dict __bool__ false": lambda: BoolDict({"a": 1}, False),
    "dict __bool__ true of an empty dict": lambda: BoolDict({}, True),
    "dict __getitem__": lambda: GetitemDict({"a": 1}),
    "dict values()": lambda: ValuesDict({"a": 1}),
    "OrderedDict": lambda: collections.OrderedDict([("b", 1), ("a", [2])]),
    "defaultdict": lambda: collections.defaultdict(list, {"b": [1], "a": []}),
    "Counter": lambda: collections.Counter({"b": 2, "a": 1}),
    "UserDict": lambda: collections.UserDict({"a": 1}),
}

SCALARS: dict[str, Callable[[], Any]] = {
    "int overrides": lambda: ReprInt(3),
    "big int overrides": lambda: ReprInt(-(2**70)),
    "int overrides, 10**18": lambda: ReprInt(10**18),
    "int overrides, 1 - 10**18": lambda: ReprInt(1 - 10**18),
    "int overrides, 2**62": lambda: ReprInt(2**62),
    "int overrides, i64 max": lambda: ReprInt(2**63 - 1),
    "int overrides, i64 min": lambda: ReprInt(-(2**63)),
    "int overrides, 2**64": lambda: ReprInt(2**64),
    "float overrides": lambda: ReprFloat(1.5),
    "float overrides, shortest digits": lambda: ReprFloat(0.1),
    "float overrides, -0.0": lambda: ReprFloat(-0.0),
    "float overrides, huge": lambda: ReprFloat(1.7976931348623157e308),
    "float overrides, tiny": lambda: ReprFloat(5e-324),
    "float overrides, exponent boundary": lambda: ReprFloat(1e16),
    "float overrides nan": lambda: ReprFloat(NAN),
    "float overrides -inf": lambda: ReprFloat(-INF),
    "str overrides": lambda: ReprStr('x\u00e9\n"'),
    "IntEnum": lambda: Level.HIGH,
    "str Enum": lambda: Tone.HIGH,
    "str Enum with escapes": lambda: Tone.LOW,
    "float Enum": lambda: Share.HALF,
    "float Enum nan": lambda: Share.NONE,
    "float Enum inf": lambda: Share.ALL,
}

CASES = {**SEQUENCES, **MAPPINGS, **SCALARS}


def placements(value: Any, scalar: bool) -> Iterator[Any]:
    """value at the top, inside a list, as a dict value, among a subclass's items; as a key."""
    yield value
    yield [0, value]
    yield {"k": value, "a": 1}
    yield IterList([], [value, value])
    yield ItemsDict({"a": 1}, [("k", value)])
    if scalar:
        yield {value: 1}
        yield ItemsDict({"a": 1}, [(value, 1), ("b", 2)])


@pytest.mark.parametrize("options", OPTION_SETS, ids=OPTION_IDS)
@pytest.mark.parametrize("make", CASES.values(), ids=CASES.keys())
def test_subclass_like_json(make: Callable[[], Any], options: dict[str, Any]) -> None:
    found = []
    for value in placements(make(), make in SCALARS.values()):
        found += mismatches(value, options)
    assert found == []


@pytest.mark.parametrize("indent", [None, 2])
@pytest.mark.parametrize("make", SCALARS.values(), ids=SCALARS.keys())
def test_scalar_subclasses_without_nan(make: Callable[[], Any], indent: Any) -> None:
    found = []
    for value in placements(make(), True):
        found += mismatches(value, {"allow_nan": False, "indent": indent})
    assert found == []


STR_SUBCLASS_VALUES: dict[str, Callable[[], Any]] = {
    "str overrides": lambda: ReprStr('x\u00e9\n"'),
    "str overrides, wide text": lambda: ReprStr("\u20ac\U0001f600\u2028\x7f\\"),
    "str overrides, empty": lambda: ReprStr(""),
    "str Enum": lambda: Tone.HIGH,
    "str Enum with escapes": lambda: Tone.LOW,
}


@pytest.mark.parametrize("ensure_ascii", [True, False])
@pytest.mark.parametrize("make", STR_SUBCLASS_VALUES.values(), ids=STR_SUBCLASS_VALUES.keys())
def test_str_subclass_text_with_and_without_ensure_ascii(
    make: Callable[[], Any], ensure_ascii: bool
) -> None:
    """A str subclass's own text, escaped as json does, into str and UTF-8 output."""
    found = []
    for value in placements(make(), True):
        found += mismatches(value, {"ensure_ascii": ensure_ascii})
        expected = json.dumps(value, ensure_ascii=ensure_ascii).encode()
        assert pyjsonfast.dumpb(value, ensure_ascii=ensure_ascii) == expected, value
    assert found == []


@pytest.mark.parametrize("options", OPTION_SETS, ids=OPTION_IDS)
def test_skipkeys_in_subclass_items(options: dict[str, Any]) -> None:
    value = ItemsDict({"a": 1}, [("a", 1), ((1,), 2), (Opaque(), 3), (2.5, 4)])
    assert mismatches(value, {**options, "skipkeys": True}) == []
    assert mismatches([value], {**options, "skipkeys": True}) == []


@pytest.mark.parametrize("default", [repr, lambda o: [type(o).__name__]])
@pytest.mark.parametrize("indent", [None, 2])
def test_default_sees_user_collections(default: Callable[[Any], Any], indent: Any) -> None:
    for value in [collections.UserList([1]), collections.UserDict({"a": 1}), Opaque()]:
        assert mismatches(IterList([], [value]), {"default": default, "indent": indent}) == []
        assert mismatches(ItemsDict({}, [("a", value)]), {"default": default}) == []


def cyclic_list() -> IterList:
    value = IterList([1], [])
    value.iterated.append(value)
    return value


def cyclic_dict() -> ItemsDict:
    value = ItemsDict({"a": 1}, [])
    value.given_items.append(("self", value))
    return value


@pytest.mark.parametrize("indent", [None, 2])
@pytest.mark.parametrize("make", [cyclic_list, cyclic_dict])
def test_cycles_through_overrides(make: Callable[[], Any], indent: Any) -> None:
    value = make()
    assert mismatches(value, {"indent": indent}) == []
    assert mismatches([1, {"a": value}], {"indent": indent, "sort_keys": True}) == []
    for name, api in APIS.items():
        # Without markers the cycle ends in a RecursionError (json's message varies).
        options = {"indent": indent, "check_circular": False}
        expected = outcome(api, json, value, options)
        got = outcome(api, pyjsonfast, value, options)
        assert expected[0] == got[0] == "error", name
        assert expected[1][0] is got[1][0] is RecursionError, name


def test_issue_example() -> None:
    """A list subclass overriding __iter__ is written as what it iterates."""
    assert pyjsonfast.dumps(IterList([1], [9])) == json.dumps(IterList([1], [9])) == "[9]"


# --- depth ---------------------------------------------------------------------------------


def nested(wrap: Callable[[Any], Any], depth: int) -> Any:
    value: Any = 1
    for _ in range(depth):
        value = wrap(value)
    return value


DEEP_WRAPPERS: dict[str, Callable[[Any], Any]] = {
    "list __iter__": lambda v: IterList([0], [v]),
    "list __len__": lambda v: LenList([v], 1),
    "tuple __iter__": lambda v: IterTuple((0,), (v,)),
    "namedtuple": lambda v: Pair(v, 0),
    "dict items()": lambda v: ItemsDict({"a": 1}, [("k", v)]),
    "dict items() generator": lambda v: GeneratorItemsDict({"a": 1}, [("k", v)]),
    "OrderedDict": lambda v: collections.OrderedDict(k=v),
}


def in_small_thread(function: Callable[[], tuple[str, Any]]) -> tuple[str, Any]:
    """function() in a thread with a 512 KiB stack."""
    results: list[tuple[str, Any]] = []
    old_size = threading.stack_size(SMALL_STACK_BYTES)
    try:
        thread = threading.Thread(target=lambda: results.append(function()))
        thread.start()
        thread.join()
    finally:
        threading.stack_size(old_size)
    return results[0]


@pytest.mark.parametrize("small_stack", [False, True], ids=["main", "512k-thread"])
@pytest.mark.parametrize("wrap", DEEP_WRAPPERS.values(), ids=DEEP_WRAPPERS.keys())
def test_deep_subclass_nesting_raises_recursion_error(
    wrap: Callable[[Any], Any], small_stack: bool
) -> None:
    """Subclasses take a longer path through the writer: still json's RecursionError, never
    a crash, even where the C stack is small."""
    if small_stack and platform.python_implementation() == "PyPy":
        pytest.skip("PyPy's stack check assumes the main thread's stack (see test_encode)")
    value = nested(wrap, 10**4)  # built and freed in this thread
    for name, api in APIS.items():
        for options in ({}, {"indent": 2}, {"check_circular": False}):
            call = functools.partial(outcome, api, pyjsonfast, value, options)
            kind, detail = in_small_thread(call) if small_stack else call()
            assert kind == "error" and detail[0] is RecursionError, (name, options)


# --- generated values ----------------------------------------------------------------------

texts = st.text(st.sampled_from('ab"\\\n\u00e9\U0001f600'), max_size=4)
plain_floats = st.floats(allow_nan=True, allow_infinity=True)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    plain_floats,
    texts,
    st.integers(-(2**70), 2**70).map(ReprInt),
    plain_floats.map(ReprFloat),
    texts.map(ReprStr),
    st.sampled_from([*Level, *Tone, *Share]),
)
keys = st.one_of(
    texts,
    texts,
    st.integers(-3, 3),
    st.sampled_from([1.5, NAN, None, True, Level.LOW, Tone.HIGH, Share.HALF, ReprInt(2)]),
)
lengths = st.integers(0, 3)


def containers(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    items = st.lists(children, max_size=3)
    stored = st.dictionaries(keys, children, max_size=3)
    pairs = st.lists(
        st.one_of(
            st.tuples(keys, children),
            st.tuples(keys, children),
            st.tuples(keys, children).map(lambda t: Pair(*t)),
            st.tuples(keys, children).map(list),
        ),
        max_size=3,
    )
    return st.one_of(
        items,
        stored,
        items.map(tuple),
        st.builds(IterList, items, items),
        st.builds(LenList, items, lengths),
        st.builds(BoolList, items, st.booleans()),
        st.builds(GetitemList, items),
        st.builds(IterTuple, items, items),
        st.builds(LenTuple, items, lengths),
        st.builds(ItemsDict, stored, pairs),
        st.builds(GeneratorItemsDict, stored, pairs),
        st.builds(LenItemsDict, stored, pairs, lengths),
        st.builds(LenDict, stored, lengths),
        st.builds(BoolDict, stored, st.booleans()),
        st.builds(KeysDict, stored),
        st.builds(IterDict, stored),
        stored.map(collections.OrderedDict),
    )


values = st.recursive(scalars, containers, max_leaves=12)
option_sets: st.SearchStrategy[dict[str, Any]] = st.builds(
    dict,
    indent=st.sampled_from([None, 2, "\t"]),
    sort_keys=st.booleans(),
    check_circular=st.booleans(),
    allow_nan=st.booleans(),
    skipkeys=st.booleans(),
)


@given(values, option_sets)
def test_generated_subclass_values_like_json(value: Any, options: dict[str, Any]) -> None:
    assert mismatches(value, options) == []
