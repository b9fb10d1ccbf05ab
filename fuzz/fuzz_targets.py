"""Fuzz targets: pyjsonfast against json, one fuzzer input (bytes) at a time.

Each check_* turns the input into options plus a document (loads), a value
(dumps) or a chunked stream (StreamDecoder), runs pyjsonfast and json on it and
raises AssertionError when they differ: a different value or output, or a
different exception type (for JSONDecodeError also a different msg, pos, lineno
or colno, where json is CPython's). Our documented differences are allowed and
checked for soundness (README, "Where it differs"): the nesting limits, and the
extensions json lacks (allow_nan=False, reject_duplicate_keys, max_depth), which
json is made to imitate with hooks. So is what the uncompiled build cannot help:
Python's own recursion limit, which its recursive code meets before json's C code.

Used by fuzz/run_fuzzer.py (atheris, coverage-guided on the pure build) and by
the tests (pytest puts fuzz/ on their path): tests/test_fuzz_corpus.py replays
fuzz/corpus/ on whatever build is installed, and the differential and decoder
tests share the value classes and same_value. So nothing here imports atheris,
pytest or hypothesis. The input layouts are described by
LOADS_HEADER, DUMPS_HEADER and STREAM_HEADER; fuzz/run_fuzzer.py prefixes seed
documents with a header.
"""

from __future__ import annotations

import decimal
import enum
import io
import json
import math
import random
import reprlib
import struct
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from typing import Any, Callable, Optional, Union

import pyjsonfast

# --- outcomes ----------------------------------------------------------------------------------


class Raised:
    """An exception as an outcome (the value side of an outcome is the result itself)."""

    def __init__(self, error: BaseException) -> None:
        self.error = error

    def __repr__(self) -> str:
        return f"Raised({type(self.error).__name__}: {str(self.error)[:400]})"


Outcome = Union[Raised, tuple[Any]]


def outcome(call: Callable[[], Any]) -> Outcome:
    """(result,) or Raised(exception). RecursionError included: it is part of the API."""
    try:
        return (call(),)
    except Exception as error:  # every exception is an outcome to compare
        return Raised(error)


# The seconds pyjsonfast's calls took, summed over checks until reset: what the
# replay test (tests/test_fuzz_corpus.py) calls a hang is ours being slow. json's
# side is left out: its pure-Python encoder (dump, indent) takes a second on some
# deep values that ours writes in milliseconds.
ours_seconds = 0.0


def our_outcome(call: Callable[[], Any]) -> Outcome:
    """outcome() of a pyjsonfast call, its time added to ours_seconds."""
    global ours_seconds
    start = time.perf_counter()
    try:
        return outcome(call)
    finally:
        ours_seconds += time.perf_counter() - start


def same_value(a: Any, b: Any) -> bool:
    """Deep equality with types compared (True is not 1), NaN equal to NaN, -0.0 not
    0.0, order kept. Iterative: values nest up to 2000 levels."""
    pending = [(a, b)]
    while pending:
        x, y = pending.pop()
        if type(x) is not type(y):
            return False
        if isinstance(x, float):
            if not (math.isnan(x) and math.isnan(y)) and (
                x != y or math.copysign(1, x) != math.copysign(1, y)
            ):
                return False
        elif isinstance(x, (list, tuple)):
            if len(x) != len(y):
                return False
            pending.extend(zip(x, y))
        elif isinstance(x, dict):
            if list(x) != list(y):
                return False
            pending.extend((x[k], y[k]) for k in x)
        elif isinstance(x, decimal.Decimal):
            if str(x) != str(y):
                return False
        elif x != y:
            return False
    return True


# PyPy's json parses in RPython with messages and positions of its own
# ("Unexpected 't' when decoding array"); ours are CPython's everywhere.
JSON_IS_CPYTHONS = sys.implementation.name == "cpython"


def same_error(ours: BaseException, theirs: BaseException) -> bool:
    """Ours is json's exception type (or a subclass: our JSONDecodeError); a
    JSONDecodeError also says the same thing at the same place (CPython)."""
    if not isinstance(ours, type(theirs)):
        return False
    if isinstance(theirs, json.JSONDecodeError) and JSON_IS_CPYTHONS:
        assert isinstance(ours, json.JSONDecodeError)
        return (ours.msg, ours.pos, ours.lineno, ours.colno) == (
            theirs.msg,
            theirs.pos,
            theirs.lineno,
            theirs.colno,
        )
    return True


SHORT_REPR = reprlib.Repr()
SHORT_REPR.maxstring = SHORT_REPR.maxother = 400
SHORT_REPR.maxlevel = 8


def describe(label: str, ours: Outcome, theirs: Outcome, **context: Any) -> str:
    """What differed, for the AssertionError (reprs cut short: values nest deep)."""
    lines = [f"{label}: pyjsonfast {SHORT_REPR.repr(ours)}", f"  json {SHORT_REPR.repr(theirs)}"]
    lines += [f"  {k} = {SHORT_REPR.repr(v)}" for k, v in context.items()]
    return "\n".join(lines)


@contextmanager
def recursion_limit_at_least(limit: int) -> Iterator[None]:
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, limit))
    try:
        yield
    finally:
        sys.setrecursionlimit(old)


# Deep enough for any nesting loads accepts (max_depth <= 2000) plus the caller's frames.
# Only ever used when pyjsonfast showed the input nests no deeper than that, so
# json's C recursion stays far from the end of the C stack.
RETRY_RECURSION_LIMIT = 2200 + 200


# --- hooks, the same for both libraries -------------------------------------------------------


class HookError(Exception):
    """Raised by a hook; both libraries must let it through unchanged."""


def tag(kind: str) -> Callable[[str], tuple[str, str]]:
    return lambda text: (kind, text)


def float_unless_five(text: str) -> float:
    if len(text) % 5 == 0:
        raise HookError(text)
    return float(text)


def int_unless_seven(text: str) -> int:
    if text.endswith("7"):
        raise HookError(text)
    return int(text)


def sorted_items(d: dict[str, Any]) -> tuple[str, list[tuple[str, Any]]]:
    return ("object", sorted(d.items(), key=lambda item: item[0]))


def dict_unless_x(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    if any(key == "x" for key, _ in pairs):
        raise HookError("x")
    return dict(pairs)


PARSE_FLOATS: tuple[Optional[Callable[[str], Any]], ...] = (
    None,
    decimal.Decimal,
    tag("float"),
    float_unless_five,
)
PARSE_INTS: tuple[Optional[Callable[[str], Any]], ...] = (None, tag("int"), float, int_unless_seven)
PARSE_CONSTANTS: tuple[Optional[Callable[[str], Any]], ...] = (None, tag("constant"))
# (object_hook, object_pairs_hook)
OBJECT_HOOKS: tuple[
    tuple[Optional[Callable[[dict[str, Any]], Any]], Optional[Callable[[list[Any]], Any]]], ...
] = (
    (None, None),
    (sorted_items, None),
    (None, list),
    (sorted_items, dict_unless_x),  # json: the pairs hook wins
)


class JsonDecoderSubclass(json.JSONDecoder):
    """What frameworks pass as cls=: a subclass of json's own class."""


class OurDecoderSubclass(pyjsonfast.JSONDecoder):
    pass


# --- loads -------------------------------------------------------------------------------------

LOADS_HEADER = """4 header bytes, then the document:
  byte 0: bits 0-2 the form of the document: 0 str (UTF-8, invalid bytes replaced),
          1 str (UTF-8, lone surrogates allowed), 2 str (Latin-1), 3 bytes, 4 bytearray,
          5 memoryview, 6 bytes re-encoded as UTF-16/32 (bits 3-5 pick which), 7 str
          (UTF-8, invalid bytes as lone surrogates);
  byte 1: bits 0-2 the call: 0 loads, 1 load(file), 2 loads(cls=json subclass),
          3 loads(cls=our subclass), 4 JSONDecoder().decode, 5 JSONDecoder().raw_decode
          (at index bits 3-7), 6-7 loads; bits 3-7 also a small max_depth;
  byte 2: bit 0 strict=False, bit 1 allow_nan=False, bit 2 reject_duplicate_keys,
          bits 3-4 parse_float, bits 5-6 parse_int, bit 7 parse_constant;
  byte 3: bits 0-1 object_hook / object_pairs_hook, bits 2-3 max_depth (None, byte 1's
          small one, 1000, 2000)."""
Document = Union[str, bytes, bytearray, memoryview]
ENCODINGS = ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be", "utf-8-sig")
FORM_STR_FORMS = (0, 1, 2, 7)


def decode_body(body: bytes, form: int) -> str:
    if form == 1:
        try:
            return body.decode("utf-8", "surrogatepass")
        except UnicodeDecodeError:
            return body.decode("utf-8", "surrogateescape")
    if form == 2:
        return body.decode("latin-1")
    if form == 7:
        return body.decode("utf-8", "surrogateescape")
    return body.decode("utf-8", "replace")


def make_document(body: bytes, form: int, encoding_bits: int) -> Document:
    if form in FORM_STR_FORMS:
        return decode_body(body, form)
    if form == 3:
        return body
    if form == 4:
        return bytearray(body)
    if form == 5:
        return memoryview(body)
    text = body.decode("utf-8", "replace")
    return text.encode(ENCODINGS[encoding_bits % len(ENCODINGS)], "surrogatepass")


def document_text(doc: Document) -> Optional[str]:
    """The text json parses for doc (None when it is not decodable)."""
    if isinstance(doc, str):
        return doc
    raw = bytes(doc)
    try:
        return raw.decode(json.detect_encoding(raw), "surrogatepass")
    except UnicodeDecodeError:
        return None


class NanRejected(Exception):
    """json imitating allow_nan=False met NaN or Infinity."""


class DuplicateKey(Exception):
    """json imitating reject_duplicate_keys=True met an object repeating a key."""


def reject_constant(name: str) -> Any:
    raise NanRejected(name)


def imitate_extensions(
    kw: dict[str, Any], allow_nan: bool, reject_duplicate_keys: bool
) -> dict[str, Any]:
    """json's keywords that act as ours with these extensions would (up to where
    the error is raised: json finds a duplicate when the object closes)."""
    theirs = dict(kw)
    if not allow_nan:
        theirs["parse_constant"] = reject_constant
    if reject_duplicate_keys:
        object_hook = kw.get("object_hook")
        pairs_hook = kw.get("object_pairs_hook")

        def checked_pairs(pairs: list[tuple[str, Any]]) -> Any:
            if len({key for key, _ in pairs}) != len(pairs):
                raise DuplicateKey()
            if pairs_hook is not None:
                return pairs_hook(pairs)
            if object_hook is not None:
                return object_hook(dict(pairs))
            return dict(pairs)

        theirs["object_pairs_hook"] = checked_pairs
    return theirs


def nesting_at(text: str, start: int, pos: int) -> int:
    """How deep the bracket at text[pos] opens, counting from start (which json
    parsed without error up to pos: strings need only their quotes and escapes)."""
    return nesting(text, start, pos)[0] + 1


def nesting(text: str, start: int, stop: int) -> tuple[int, int]:
    """(depth at stop, deepest depth) of the brackets in text[start:stop], strings skipped."""
    depth = deepest = 0
    in_string = False
    i = start
    while i < stop:
        c = text[i]
        if in_string:
            if c == "\\":
                i += 1
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
        elif c in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif c in "]}":
            depth -= 1
        i += 1
    return depth, deepest


def check_depth_error(
    error: json.JSONDecodeError, text: Optional[str], start: int, max_depth: int, theirs: Outcome
) -> None:
    """Our nesting error (documented): json got at least as far, and the bracket
    at error.pos really is nested past max_depth. Uncompiled, Python's own
    recursion limit may strike first, anywhere near it (even while another error
    is being made, which json's C code makes without Python frames): then only
    check that the document nests that deep."""
    assert isinstance(error, RecursionError), error
    assert text is not None
    if "recursion limit" in error.msg and not pyjsonfast.__compiled__:
        deepest = nesting(text, start, len(text))[1]
        assert deepest > 200, f"Python's recursion limit, yet {deepest} levels: {error!r}"
        return
    assert text[error.pos] in "[{", f"depth error not at a bracket: {error!r}"
    depth = nesting_at(text, start, error.pos)
    if isinstance(theirs, Raised):
        other = theirs.error
        if isinstance(other, json.JSONDecodeError) and JSON_IS_CPYTHONS:
            assert other.pos > error.pos, f"json failed first: {other!r}, we said {error!r}"
        elif not isinstance(other, RecursionError):
            return  # a hook's error: json would have met the nesting too, or later
    assert depth > max_depth, f"depth error at depth {depth}, max_depth {max_depth}: {error!r}"


def load_file(load: Callable[..., Any], doc: Document, kw: dict[str, Any]) -> Any:
    """load() from a text or binary file holding doc."""
    if isinstance(doc, str):
        return load(io.StringIO(doc), **kw)
    return load(io.BytesIO(bytes(doc)), **kw)


def decode_with(decoder: json.JSONDecoder, doc: Any) -> Any:
    return decoder.decode(doc)


def raw_decode_with(decoder: json.JSONDecoder, doc: Any, start: int) -> Any:
    return decoder.raw_decode(doc, start)


def check_loads(data: bytes) -> None:
    """loads and its relatives on one document with options, against json."""
    if len(data) < 4:
        return
    b0, b1, b2, b3 = data[:4]
    form = b0 & 7
    doc = make_document(data[4:], form, b0 >> 3)
    call = b1 & 7
    small_depth = b1 >> 3
    strict = not (b2 & 1)
    allow_nan = not (b2 & 2)
    reject_duplicate_keys = bool(b2 & 4)
    object_hook, object_pairs_hook = OBJECT_HOOKS[b3 & 3]
    hooks: dict[str, Any] = {
        "object_hook": object_hook,
        "parse_float": PARSE_FLOATS[(b2 >> 3) & 3],
        "parse_int": PARSE_INTS[(b2 >> 5) & 3],
        "parse_constant": PARSE_CONSTANTS[b2 >> 7],
        "object_pairs_hook": object_pairs_hook,
    }
    kw = {name: hook for name, hook in hooks.items() if hook is not None}
    if not strict:
        kw["strict"] = False
    max_depth = (None, small_depth, 1000, 2000)[(b3 >> 2) & 3]
    extensions: dict[str, Any] = {}
    if not allow_nan:
        extensions["allow_nan"] = False
    if reject_duplicate_keys:
        extensions["reject_duplicate_keys"] = True
    if max_depth is not None:
        extensions["max_depth"] = max_depth
    if call == 2:
        # json's own class takes no extensions: both must raise json's TypeError.
        kw.update(extensions)
        extensions = {}
    their_kw = imitate_extensions(kw, allow_nan, reject_duplicate_keys)
    start = 0

    ours_kw = {**kw, **extensions}
    # loads takes a memoryview too (json does not): json gets its bytes.
    their_doc = bytes(doc) if isinstance(doc, memoryview) else doc
    ours_call: Callable[[], Any] = partial(pyjsonfast.loads, doc, **ours_kw)
    theirs_call: Callable[[], Any] = partial(json.loads, their_doc, **their_kw)
    if call == 1:
        ours_call = partial(load_file, pyjsonfast.load, doc, ours_kw)
        theirs_call = partial(load_file, json.load, their_doc, their_kw)
    elif call == 2:  # (json's class: extensions in kw, for both to reject)
        ours_call = partial(pyjsonfast.loads, doc, cls=JsonDecoderSubclass, **kw)
        theirs_call = partial(json.loads, their_doc, cls=JsonDecoderSubclass, **their_kw)
    elif call == 3:
        ours_call = partial(pyjsonfast.loads, doc, cls=OurDecoderSubclass, **ours_kw)
        theirs_call = partial(json.loads, their_doc, cls=JsonDecoderSubclass, **their_kw)
    elif call == 4:
        ours_call = partial(decode_with, pyjsonfast.JSONDecoder(**ours_kw), doc)
        theirs_call = partial(decode_with, json.JSONDecoder(**their_kw), their_doc)
    elif call == 5:
        start = small_depth
        ours_call = partial(raw_decode_with, pyjsonfast.JSONDecoder(**ours_kw), doc, start)
        theirs_call = partial(raw_decode_with, json.JSONDecoder(**their_kw), their_doc, start)

    theirs = outcome(theirs_call)
    ours = our_outcome(ours_call)
    context = {"doc": doc, "call": call, "kw": kw, "extensions": extensions}
    if (
        isinstance(ours, Raised)
        and isinstance(ours.error, json.JSONDecodeError)
        and isinstance(ours.error, RecursionError)
    ):
        limit = pyjsonfast._decoder.DEFAULT_MAX_DEPTH if max_depth is None else max_depth
        if call == 2:
            limit = pyjsonfast._decoder.DEFAULT_MAX_DEPTH
        check_depth_error(ours.error, document_text(doc), start, limit, theirs)
        return
    if (
        isinstance(ours, Raised)
        and type(ours.error) is RecursionError
        and not pyjsonfast.__compiled__
        and call == 2
        and not JSON_IS_CPYTHONS
    ):
        # PyPy, json's own class: json's Python decoder runs under our few more
        # frames, and may meet Python's recursion limit where json.loads did not.
        text = document_text(doc)
        assert text is not None and nesting(text, 0, len(text))[1] > 200, describe(
            "recursion", ours, theirs, **context
        )
        return
    if isinstance(theirs, Raised) and isinstance(theirs.error, RecursionError):
        # json's limit is Python's recursion limit, a little below ours: we did
        # not nest past ours, so json gets through with a higher one.
        with recursion_limit_at_least(RETRY_RECURSION_LIMIT):
            theirs = outcome(theirs_call)
        if isinstance(theirs, Raised) and isinstance(theirs.error, RecursionError):
            return  # PyPy's json may stop earlier still: a documented difference
    if isinstance(theirs, Raised) and isinstance(theirs.error, NanRejected):
        assert isinstance(ours, Raised) and isinstance(ours.error, json.JSONDecodeError), describe(
            "allow_nan=False", ours, theirs, **context
        )
        assert ours.error.msg == "Expecting value", describe(
            "allow_nan=False", ours, theirs, **context
        )
        return
    if (
        isinstance(ours, Raised)
        and ours.error.args
        and str(ours.error.args[0]).startswith("Duplicate key")
    ):
        assert reject_duplicate_keys, describe("duplicate key", ours, theirs, **context)
        assert isinstance(theirs, Raised), describe("duplicate key", ours, theirs, **context)
        other = theirs.error
        if isinstance(other, json.JSONDecodeError) and JSON_IS_CPYTHONS:  # json stopped later
            assert isinstance(ours.error, json.JSONDecodeError)
            assert other.pos > ours.error.pos, describe("duplicate key", ours, theirs, **context)
        return
    if isinstance(theirs, Raised) and isinstance(theirs.error, DuplicateKey):
        raise AssertionError(describe("duplicate key missed", ours, theirs, **context))
    if isinstance(ours, Raised) or isinstance(theirs, Raised):
        assert isinstance(ours, Raised) and isinstance(theirs, Raised), describe(
            "one raised", ours, theirs, **context
        )
        assert same_error(ours.error, theirs.error), describe("errors", ours, theirs, **context)
        return
    assert same_value(ours[0], theirs[0]), describe("values", ours, theirs, **context)


# --- dumps -------------------------------------------------------------------------------------

DUMPS_HEADER = """2 header bytes, then a program building the value:
  byte 0: bit 0 skipkeys, bit 1 ensure_ascii=False, bit 2 check_circular=False,
          bit 3 allow_nan=False, bit 4 sort_keys, bits 5-7 the call: 0 dumps,
          1 dump(file), 2 dumps(cls=json subclass), 3 dumps(cls=our subclass),
          4 JSONEncoder().encode, 5 ''.join(JSONEncoder().iterencode), 6-7 dumps;
  byte 1: bits 0-2 indent, bits 3-4 separators, bits 5-6 default;
  then one byte per step (low 4 bits the operation, high 4 bits its argument;
  see ValueBuilder)."""


class Level(enum.IntEnum):
    LOW = 1
    HIGH = 2**40


class TaggedInt(int):
    def __repr__(self) -> str:
        return "TaggedInt"


class TaggedFloat(float):
    def __repr__(self) -> str:
        return "TaggedFloat"


class TaggedStr(str):
    def __str__(self) -> str:
        return "TaggedStr"


class TaggedList(list):  # type: ignore[type-arg]
    pass


class TaggedDict(dict):  # type: ignore[type-arg]
    pass


class Opaque:
    """Not serialisable without default."""

    def __init__(self, n: int) -> None:
        self.n = n


def opaque_default(o: Any) -> Any:
    if isinstance(o, Opaque):
        return [o.n]
    raise TypeError(f"not serialisable: {type(o).__name__}")


class JsonEncoderSubclass(json.JSONEncoder):
    """What frameworks pass as cls=: json's class with default() overridden."""

    def default(self, o: Any) -> Any:
        if isinstance(o, Opaque):
            return {"opaque": o.n}
        return super().default(o)


class OurEncoderSubclass(pyjsonfast.JSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, Opaque):
            return {"opaque": o.n}
        return super().default(o)


INDENTS: tuple[Union[int, str, None], ...] = (None, 0, 2, -1, "\t", "", "\u00e9 ", 4)
SEPARATORS: tuple[Optional[tuple[str, str]], ...] = (None, (",", ":"), (", ", ": "), ("\n", "\t"))
DEFAULTS: tuple[Optional[Callable[[Any], Any]], ...] = (None, repr, opaque_default, lambda o: o)
NICE_FLOATS = (
    0.0,
    -0.0,
    1e16,
    1e15,
    9007199254740993.0,
    5e-324,
    1e-7,
    0.1,
    1e22,
    1e21,
    float("nan"),
    float("inf"),
    -float("inf"),
    2.2250738585072014e-308,
    1.7976931348623157e308,
    123456.789,
)
TEXT_CODECS = ("utf-8", "latin-1", "utf-16-le", "utf-8")
SPECIAL_KEYS: tuple[Any, ...] = (
    Level.LOW,
    TaggedInt(5),
    TaggedFloat(2.5),
    TaggedStr("k"),
    (1,),
    b"k",
)


class Program:
    """Reads a value-building program: one byte a step."""

    def __init__(self, code: bytes) -> None:
        self.code = code
        self.i = 0

    def done(self) -> bool:
        return self.i >= len(self.code)

    def byte(self) -> int:
        if self.i >= len(self.code):
            return 0
        self.i += 1
        return self.code[self.i - 1]

    def take(self, n: int) -> bytes:
        chunk = self.code[self.i : self.i + n]
        self.i += n
        return chunk


def scalar(program: Program, op: int, arg: int) -> Any:
    """Operations 0-7: a scalar."""
    if op == 0:
        return (None, True, False, "", 0, 1, -1, 0.5)[arg & 7]
    if op == 1:
        return arg - 8 + 16 * (program.byte() - 128)
    if op == 2:  # an int of arg + 1 bytes: up to 2**128, signed
        return int.from_bytes(program.take(arg + 1), "little", signed=True)
    if op == 3:
        raw = program.take(8).ljust(8, b"\0")
        return struct.unpack("<d", raw)[0]
    if op == 4:
        return NICE_FLOATS[arg]
    if op == 5:  # a str: arg bytes, or the next byte's count when arg is 15
        length = arg if arg < 15 else program.byte()
        return text_from(program.take(length), length)
    if op == 6:  # subclasses of scalars
        kind = arg & 3
        if kind == 0:
            return (Level.LOW, Level.HIGH)[arg >> 3 & 1]
        if kind == 1:
            return TaggedInt(program.byte() - 128)
        if kind == 2:
            return TaggedFloat(NICE_FLOATS[arg >> 2])
        return TaggedStr(scalar(program, 5, arg >> 2))
    # op 7: things json cannot write without default
    return (Opaque(arg), b"bytes", decimal.Decimal("1.5"), {1, 2}, 1 + 2j)[arg % 5]


def text_from(raw: bytes, selector: int) -> str:
    """raw as text in one of TEXT_CODECS, lone surrogates allowed unless bit 2 of selector."""
    codec = TEXT_CODECS[selector & 3]
    if codec == "latin-1":
        return raw.decode("latin-1")
    if selector & 4:
        return raw.decode(codec, "replace")
    try:
        return raw.decode(codec, "surrogatepass")
    except UnicodeDecodeError:
        return raw.decode(codec, "surrogateescape" if codec == "utf-8" else "replace")


# What a value may expand to when written (shared references are written each
# time): big values cost time (instrumented, ~10 us an item) and find nothing
# small ones do not. A cycle goes round some 30 times in our writer before it is
# found (Writer's markers start 32 levels down): only small ones.
MAX_WEIGHT = 4_000
MAX_CYCLE_WEIGHT = 1_000


_NO_KEY = object()  # no dict key waiting for its value


def weight_of(value: Any) -> int:
    """Roughly how many items writing a scalar value costs."""
    return 1 + len(value) // 64 if isinstance(value, str) else 1


class ValueBuilder:
    """Runs a value-building program. Operations (low 4 bits of a step; the high 4
    are its argument): 0-7 a scalar (see scalar); 8 open a list, 9 a dict, 10 a
    tuple, 11 a list or dict subclass; 12 close the innermost open container; 13 a
    reference to an open container (a cycle, if allowed) or to the value added
    last (shared); 14 a special dict key; 15 a large list or dict. In a dict,
    values alternate key, value (an unhashable key is dropped)."""

    def __init__(self, allow_cycles: bool) -> None:
        self.allow_cycles = allow_cycles
        self.root: list[Any] = []
        self.stack: list[Any] = [self.root]
        self.weights = [0]  # per open container, what its items weigh so far
        self.pending_key: list[Any] = [_NO_KEY]  # per open container: a dict's waiting key
        self.tuples: set[int] = set()  # ids of lists that become tuples when closed
        self.last: Any = None
        self.last_weight = 0  # what writing self.last costs

    def total_weight(self) -> int:
        return sum(self.weights)

    def add(self, value: Any, weight: int) -> None:
        top = self.stack[-1]
        if isinstance(top, dict):
            if self.pending_key[-1] is _NO_KEY:
                try:
                    hash(value)
                except TypeError:
                    return
                self.pending_key[-1] = value
                return
            top[self.pending_key[-1]] = value
            self.pending_key[-1] = _NO_KEY
        else:
            top.append(value)
        self.weights[-1] += weight
        self.last = value
        self.last_weight = weight

    def open(self, container: Any) -> None:
        self.stack.append(container)
        self.weights.append(1)
        self.pending_key.append(_NO_KEY)

    def close(self) -> None:
        closed = self.stack.pop()
        weight = self.weights.pop()
        self.pending_key.pop()
        if id(closed) in self.tuples and type(closed) is list:
            closed = tuple(closed)
        self.add(closed, weight)

    def run(self, program: Program) -> Any:
        while not program.done():
            step = program.byte()
            op, arg = step & 15, step >> 4
            if op <= 7:
                value = scalar(program, op, arg)
                self.add(value, weight_of(value))
            elif op == 8 or op == 10:
                container: list[Any] = []
                if op == 10:
                    self.tuples.add(id(container))
                self.open(container)
            elif op == 9:
                self.open({})
            elif op == 11:
                self.open(TaggedDict() if arg & 1 else TaggedList())
            elif op == 12:
                if len(self.stack) > 1:
                    self.close()
            elif op == 13:
                self.reference(arg)
            elif op == 14:
                self.add(SPECIAL_KEYS[arg % len(SPECIAL_KEYS)], 1)
            else:  # op 15
                count = 16 * (arg + 1)
                if self.total_weight() + count <= MAX_WEIGHT:
                    big = (
                        {f"k{n % 7}{n}": n for n in range(count)} if arg & 1 else list(range(count))
                    )
                    self.add(big, count)
        while len(self.stack) > 1:
            self.close()
        return self.root[0] if len(self.root) == 1 else self.root

    def reference(self, arg: int) -> None:
        if arg & 1 and len(self.stack) > 1:
            if self.allow_cycles and self.total_weight() <= MAX_CYCLE_WEIGHT:
                self.add(self.stack[1 + (arg >> 1) % (len(self.stack) - 1)], 1)
            return
        weight = self.last_weight
        if self.total_weight() + weight <= MAX_WEIGHT:
            self.add(self.last, weight)


PURE_WRITER_MIN_DEPTH = 100


def nests_as_deep_as(value: Any, depth: int) -> bool:
    """Whether lists, tuples and dicts nest depth levels deep in value (which may
    hold cycles and shared parts: each (container, level) is looked at once)."""
    pending = [(value, 0)]
    seen: set[tuple[int, int]] = set()
    while pending:
        item, level = pending.pop()
        if not isinstance(item, (list, tuple, dict)) or (id(item), level) in seen:
            continue
        if level + 1 >= depth:
            return True
        seen.add((id(item), level))
        children = item.values() if isinstance(item, dict) else item
        pending.extend((child, level + 1) for child in children)
    return False


def check_dumps(data: bytes) -> None:
    """dumps, dump and JSONEncoder on one generated value with options, against json."""
    if len(data) < 2:
        return
    b0, b1 = data[:2]
    # json with check_circular=False writes a cycle until the recursion limit:
    # too slow to wait for, so none then.
    value = ValueBuilder(allow_cycles=not (b0 & 4)).run(Program(data[2:]))
    kw: dict[str, Any] = {
        "skipkeys": bool(b0 & 1),
        "ensure_ascii": not (b0 & 2),
        "check_circular": not (b0 & 4),
        "allow_nan": not (b0 & 8),
        "sort_keys": bool(b0 & 16),
        "indent": INDENTS[b1 & 7],
        "separators": SEPARATORS[(b1 >> 3) & 3],
        "default": DEFAULTS[(b1 >> 5) & 3],
    }
    call = b0 >> 5
    ours_call: Callable[[], Any]
    theirs_call: Callable[[], Any]
    if call == 1:

        def dump(module: Any) -> str:
            out = io.StringIO()
            module.dump(value, out, **kw)
            return out.getvalue()

        ours_call = lambda: dump(pyjsonfast)  # noqa: E731
        theirs_call = lambda: dump(json)  # noqa: E731
    elif call in (2, 3):
        cls = JsonEncoderSubclass if call == 2 else OurEncoderSubclass
        ours_call = lambda: pyjsonfast.dumps(value, cls=cls, **kw)  # noqa: E731
        theirs_call = lambda: json.dumps(value, cls=JsonEncoderSubclass, **kw)  # noqa: E731
    elif call == 4:
        ours_call = lambda: pyjsonfast.JSONEncoder(**kw).encode(value)  # noqa: E731
        theirs_call = lambda: json.JSONEncoder(**kw).encode(value)  # noqa: E731
    elif call == 5:
        ours_call = lambda: "".join(pyjsonfast.JSONEncoder(**kw).iterencode(value))  # noqa: E731
        theirs_call = lambda: "".join(json.JSONEncoder(**kw).iterencode(value))  # noqa: E731
    else:
        ours_call = lambda: pyjsonfast.dumps(value, **kw)  # noqa: E731
        theirs_call = lambda: json.dumps(value, **kw)  # noqa: E731
    theirs = outcome(theirs_call)
    ours = our_outcome(ours_call)
    if (
        isinstance(theirs, Raised)
        and isinstance(theirs.error, RecursionError)
        and not isinstance(ours, Raised)
    ):
        # json's limit is Python's recursion limit, a little below ours (1000 levels).
        with recursion_limit_at_least(RETRY_RECURSION_LIMIT):
            theirs = outcome(theirs_call)
    context = {"value": value, "call": call, "kw": kw}
    if (
        isinstance(ours, Raised)
        and isinstance(ours.error, RecursionError)
        and not (isinstance(theirs, Raised) and isinstance(theirs.error, RecursionError))
        and not pyjsonfast.__compiled__
    ):
        # Uncompiled, our writer takes 2-3 Python frames a level where json's C
        # encoder takes none: Python's recursion limit comes after ~330-500 levels
        # at the top of a thread, sooner under a fuzzer's or test's frames, and
        # before a long cycle's ValueError.
        deep = nests_as_deep_as(value, PURE_WRITER_MIN_DEPTH)
        assert deep, describe("shallow", ours, theirs, **context)
        return
    if isinstance(ours, Raised) or isinstance(theirs, Raised):
        assert isinstance(ours, Raised) and isinstance(theirs, Raised), describe(
            "one raised", ours, theirs, **context
        )
        assert same_error(ours.error, theirs.error), describe("errors", ours, theirs, **context)
        if not isinstance(theirs.error, RecursionError):
            assert str(ours.error) == str(theirs.error), describe(
                "messages", ours, theirs, **context
            )
        return
    assert ours[0] == theirs[0], describe("output", ours, theirs, **context)


# --- StreamDecoder (optional) -----------------------------------------------------------------

STREAM_HEADER = """3 header bytes, then the stream's text:
  byte 0: bit 0 bytes chunks (else str), bits 1-7 the typical chunk length - 1;
  bytes 1-2: the seed of the split points."""


def stream_decoder_class() -> Optional[type[Any]]:
    """pyjsonfast.StreamDecoder where this build has it (issue 11), else None."""
    return getattr(pyjsonfast, "StreamDecoder", None)


def feed_all(
    decoder_class: type[Any], chunks: list[Any]
) -> tuple[list[Any], Optional[BaseException]]:
    """The values a StreamDecoder gives for these chunks, and the error it raised, if any."""
    global ours_seconds
    start = time.perf_counter()
    try:
        return feed_chunks(decoder_class, chunks)
    finally:
        ours_seconds += time.perf_counter() - start


def feed_chunks(
    decoder_class: type[Any], chunks: list[Any]
) -> tuple[list[Any], Optional[BaseException]]:
    values: list[Any] = []
    decoder = decoder_class()
    try:
        for chunk in chunks:
            values.extend(decoder.feed(chunk))
        values.extend(decoder.close())  # the last values (a number ends only there)
    except Exception as error:  # the error is part of the outcome
        return values, error
    return values, None


def invalid_utf8(text: Any) -> bool:
    if not isinstance(text, bytes):
        return False
    try:
        text.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def check_stream(data: bytes) -> None:
    """A StreamDecoder fed the same text whole and in chunks split anywhere gives the
    same values and the same error; a single document gives loads's value."""
    decoder_class = stream_decoder_class()
    if decoder_class is None or len(data) < 3:
        return
    binary = bool(data[0] & 1)
    typical = (data[0] >> 1) + 1
    rng = random.Random(data[1] << 8 | data[2])
    body = data[3:]
    whole: Any = body if binary else body.decode("utf-8", "replace")
    chunks = []
    i = 0
    while i < len(whole):
        n = rng.randint(1, typical)
        chunks.append(whole[i : i + n])
        i += n
    values, error = feed_all(decoder_class, [whole] if whole else [])
    chunked_values, chunked_error = feed_all(decoder_class, chunks)
    what = SHORT_REPR.repr({"text": whole, "chunks": chunks})
    whole_said = SHORT_REPR.repr((values, error))
    chunked_said = SHORT_REPR.repr((chunked_values, chunked_error))
    difference = f"whole: {whole_said}\n  chunked: {chunked_said}\n  {what}"
    if error is None or chunked_error is None:
        assert error is None and chunked_error is None, difference
        assert same_value(values, chunked_values), difference
    elif invalid_utf8(whole) and UnicodeDecodeError in (type(error), type(chunked_error)):
        # With invalid UTF-8 in the stream, which error comes first depends on what
        # the decoder held when it found one (loads decodes everything first; a
        # stream cannot): the same values before it is all that is promised.
        shorter = min(len(values), len(chunked_values))
        assert same_value(values[:shorter], chunked_values[:shorter]), difference
        return
    else:
        assert type(error) is type(chunked_error), difference
        if isinstance(error, json.JSONDecodeError):
            assert same_error(chunked_error, error), difference
        assert same_value(values, chunked_values[: len(values)]), difference
    if binary and json.detect_encoding(whole) != "utf-8":
        return  # loads would detect UTF-16/32 or a BOM; a stream is UTF-8
    single = outcome(lambda: json.loads(whole))
    if not isinstance(single, Raised) and error is None:
        assert same_value(values, [single[0]]), (
            f"loads gives {SHORT_REPR.repr(single)}; {difference}"
        )


CHECKS: dict[str, Callable[[bytes], None]] = {
    "loads": check_loads,
    "dumps": check_dumps,
    "stream": check_stream,
}
