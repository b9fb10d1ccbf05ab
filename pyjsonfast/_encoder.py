"""The writer: Python objects to JSON text, byte-identical to the stdlib json.

One writer serves both builds. It writes straight into one buffer (librt's
StringWriter when compiled, the pure stand-in otherwise) and dispatches on exact
types first; subclasses take a slower path with json's semantics. Writer.stream
flushes the buffer into a sink (fp.write) in bounded chunks. The public face
(pyjsonfast.dumps, pyjsonfast.encoder.JSONEncoder) is interpreted and gets its
writers from _encode_api. Strings, ints and constants are
written by _scalars, floats by _floatrepr; where the builds want different
tricks, a Final flag set at import picks the helper (char loops, 8-byte scans
and the Schubfach float formatter compiled; json's own C string escapers, str()
and repr() interpreted).

Nesting is counted, not left to the C stack: past the limit comes json's
RecursionError. Circular-reference markers start some levels down (so a cycle
is found after a few turns) and a run that hits the limit starts over with them
from the top, so json's ValueError still comes out for every cycle.

Where json itself behaves differently depending on which of its encoders runs
(its C encoder for one-shot, unindented output; its Python encoder otherwise),
error messages differ, and so does the output for subclasses of list, tuple and
dict that override iteration, emptiness or items(); the writer copies whichever
json would have used.
"""

from __future__ import annotations

import sys

from ._buffer import COMPILED, StringWriter
from ._floatrepr import SELF_CHECK_PASSED, write_float_repr
from ._native import native_key_text, write_fragment, write_native
from ._scalars import (
    CONSTANTS_BY_CHAR,
    StringsSeen,
    int_key_text,
    quoted,
    str_text,
    utf8_text,
    write_false,
    write_int,
    write_int_subclass,
    write_null,
    write_quoted,
    write_quoted_subclass,
    write_true,
)
from ._subclasses import tp_name, write_dict_subclass, write_list_subclass

if not COMPILED:  # typing at run time only where it runs (see _buffer)
    from typing import Callable, Final, Optional, cast, final

    from mypy_extensions import i32, i64

__all__ = ["Writer"]

# --- what json would do here --------------------------------------------------

# Compiled, the typed shortest-float formatter beats float.__repr__ (dtoa) by far;
# interpreted, it is slower.
_FLOAT_BY_SCHUBFACH: Final[bool] = COMPILED and SELF_CHECK_PASSED
# Compiled, int keys are written digit by digit in write_dict; interpreted,
# a few appends cost more than the key's text.
_INT_KEYS_INLINE: Final[bool] = COMPILED

# What json writes for a float subclass's instance (str and int: _scalars):
# float's own text, whatever the subclass overrides. Held here, the slot
# wrapper is called directly (compiled, float.__repr__(o) looks the method up
# on float at every call).
_float_text: Final[Callable[[float], str]] = float.__repr__

# json's C encoder names the value in this message from 3.12 on, as its Python one always did.
_C_NAN_MESSAGE_NAMES_VALUE: Final[bool] = sys.version_info >= (3, 12)

_INFINITY: Final = float("inf")
_NEG_INFINITY: Final = -float("inf")

# Compiled recursion uses the C stack, which mypyc does not guard: nesting is
# capped below what a 512 KiB thread stack holds, whatever the recursion limit.
_MAX_DEPTH: Final[i64] = 1000
_RECURSION_MESSAGE: Final = "maximum recursion depth exceeded while encoding a JSON object"
# Circular-reference markers start at this depth (see Writer.__init__). Without
# them until the nesting limit, each turn of a cycle was written 1000 times
# before json's ValueError: seconds and gigabytes where json takes a millisecond.
_MARKERS_FROM_DEPTH: Final[i64] = 32
# Interpreted, Python's recursion limit bounds nesting: lists and dicts in a
# container are written without the detour through write_value, one frame a
# level, to reach as deep as json's C encoder does (two frames stopped at half).
_ONE_FRAME_PER_LEVEL: Final[bool] = not COMPILED

# dump() hands fp.write chunks of about this many characters.
_CHUNK_CHARS: Final[i64] = 1 << 18
# dumps() collects its output in chunks of about this many characters, joined at
# the end: one growing buffer would end at up to twice the output's size, and
# its final copy beside it would peak at three times that. Small chunks: the
# writing frames up the stack hold the buffer they began with until their
# current item is done, so a replaced buffer may outlive its flush a while.
# It stays full (getvalue leaves it as it is): the frame holding it flushes in
# turn once its item is done, and takes up the current buffer. So a run's
# chunk_chars must never grow (chunks that doubled as they went lost output).
# (Chunks of 2**19 characters: citm_catalog 8 % faster, but text just over
# 2**18 characters peaked at 1.35-1.47x json's memory, the buffer's doubling
# and its final copy side by side.)
_ENCODE_CHUNK_CHARS: Final[i64] = 1 << 16
_CHUNK_ENCODE: Final[bool] = COMPILED

# Encoded dict keys with their separator ('"key": '), shared by all calls with
# the same ensure_ascii and key_separator; each cleared when full. Keys after a
# dict's first come from a second cache that has the item separator in front
# too (', "key": ', or ',\n' + indent for each depth): one write per key.
_KEY_CACHE_LIMIT: Final = 1 << 14
_KEY_CACHE_MAX_KEY_LEN: Final = 64
_KEY_CACHES_LIMIT: Final = 48
# Compiled, each cache also keeps its recent keys in slots found by the key's
# address: a key object met before (documents repeat their keys, and json's
# decoder hands out one object per key) is found by one list read and an `is`,
# where the dict's lookup (hash, probe, compare) cost three times as much.
# Interpreted, the dict's C lookup is the cheaper.
_KEY_BY_SLOT: Final[bool] = COMPILED
_KEY_SLOT_SHIFT: Final[i64] = 15  # address bits folded onto the low ones
_SHARED_KEY_SLOTS: Final[i64] = 1024
_OWN_KEY_SLOTS: Final[i64] = 32  # a cache for one call (see _key_cache)


@final
class KeyCache:
    """Encoded text by str key: a dict, and in front of it (compiled) slots."""

    def __init__(self, slot_count: i64) -> None:
        self.texts: dict[str, str] = {}
        # key, text, key, text...: slot i at 2*i (one list: a pair is read and
        # written with no Python code in between, so threads see whole pairs).
        # A slot holds its key, so no other object can take its address.
        self.slots: list[object] = [None] * (2 * slot_count) if _KEY_BY_SLOT else []
        self.slot_mask: i64 = slot_count - 1  # slot_count: a power of 2

    def add(self, key: str, encoded: str) -> None:
        if len(key) <= _KEY_CACHE_MAX_KEY_LEN:
            texts = self.texts
            if len(texts) >= _KEY_CACHE_LIMIT:
                texts.clear()
            texts[key] = encoded
            if _KEY_BY_SLOT:
                at = _key_slot(key, self.slot_mask)
                slots = self.slots
                slots[at] = key
                slots[at + 1] = encoded


def _key_slot(key: str, mask: i64) -> i64:
    """Where key's slot begins in KeyCache.slots, from its address (write_dict
    has this inline)."""
    address = i64(id(key))
    return (((address >> 4) ^ (address >> _KEY_SLOT_SHIFT)) & mask) << 1


_key_caches: Final[dict[tuple[bool, bool, str, str], KeyCache]] = {}


def _key_cache(
    ensure_ascii: bool, utf8: bool, item_separator: str, key_separator: str
) -> KeyCache:
    """The shared cache of item_separator + '"key"' + key_separator by key."""
    cache_key = (ensure_ascii, utf8, item_separator, key_separator)
    cache = _key_caches.get(cache_key)
    if cache is None:
        if len(_key_caches) < _KEY_CACHES_LIMIT:
            cache = KeyCache(_SHARED_KEY_SLOTS)
            _key_caches[cache_key] = cache
        else:  # odd separators, or deep indentation: a cache for this call
            cache = KeyCache(_OWN_KEY_SLOTS)
    return cache


@final
class Level:
    """What a list or dict at one depth writes with indent, each written at once,
    and the cache of its keys after the first."""

    def __init__(
        self, newline: str, outer_newline: str, item_separator: str, key_cache: KeyCache
    ) -> None:
        self.newline = newline  # "\n" + indent * depth
        self.item_separator = item_separator + newline
        self.list_opener = "[" + newline
        self.list_closer = outer_newline + "]"
        self.dict_opener = "{" + newline
        self.dict_closer = outer_newline + "}"
        self.key_cache = key_cache


# The levels of indented output, shared by calls with the same options up to
# this depth and indent length (beyond, the call's own: their text grows with
# both). A shared list is never changed: a writer that needs more levels copies it.
_SHARED_LEVELS: Final = 32
_SHARED_INDENT_MAX_LEN: Final = 16
_SHARED_LEVELS_LIMIT: Final = 16  # option sets
_NO_LEVELS: Final[list[Level]] = []
_shared_levels: Final[dict[tuple[str, str, str, bool, bool], list[Level]]] = {}


def _utf8_encodable(item_separator: str, key_separator: str, indent: Optional[str]) -> bool:
    try:
        (item_separator + key_separator + (indent or "")).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class _RetryWithMarkers(Exception):
    """Nesting hit the limit without circular checks: encode again with them."""


# --- the writer ------------------------------------------------------------------


def _c_type_name(o: object) -> str:
    """What json's C encoder prints for type(o) in a key error (tp_name, cut at 100 chars)."""
    return tp_name(o)[:100]


@final
class Writer:
    """One encoding run: options, the buffer, nesting depth and markers."""

    def __init__(
        self,
        *,
        item_separator: str,
        key_separator: str,
        indent: Optional[str],
        sort_keys: bool,
        skipkeys: bool,
        ensure_ascii: bool,
        allow_nan: bool,
        check_circular: bool,
        default: Callable[[object], object],
        like_c_encoder: bool,
        native_types: bool = False,
        utf8: bool = False,
    ) -> None:
        self.buf = StringWriter()
        # utf8: the output is UTF-8 bytes, held in the buffer one character per
        # byte (written text goes through utf8_text) and copied out at the end.
        # Separators that cannot be UTF-8 (a lone surrogate) leave it off: the
        # text is then encoded at the end, failing only if they are written.
        self.utf8 = utf8 and _utf8_encodable(item_separator, key_separator, indent)
        if self.utf8:
            item_separator = utf8_text(item_separator)
            key_separator = utf8_text(key_separator)
            indent = utf8_text(indent) if indent is not None else None
        self.native_types = native_types
        self.item_separator = item_separator
        # An item separator of one or two ASCII characters (", ", ","), written
        # by appends (inline stores) rather than a write (a call into librt).
        short = 1 <= len(item_separator) <= 2 and item_separator.isascii()
        self.separator_head: i32 = i32(ord(item_separator[0])) if short else -1
        self.separator_tail: i32 = (
            i32(ord(item_separator[1])) if short and len(item_separator) == 2 else -1
        )
        self.key_separator = key_separator
        self.indent = indent
        # With indent, the levels met so far (see Level), from depth 0.
        self.levels_key = (indent or "", item_separator, key_separator, ensure_ascii, self.utf8)
        self.levels: list[Level] = (
            _shared_levels.get(self.levels_key, _NO_LEVELS) if indent is not None else _NO_LEVELS
        )
        self.sort_keys = sort_keys
        self.skipkeys = skipkeys
        self.ensure_ascii = ensure_ascii
        self.strings_seen = StringsSeen()
        self.key_cache = _key_cache(ensure_ascii, self.utf8, "", key_separator)
        # Without indent, the cache of keys after a dict's first (with indent,
        # each Level has its own); made when first needed.
        self.separated_keys: Optional[KeyCache] = None
        self.allow_nan = allow_nan
        self.check_circular = check_circular
        # Markers (ids of the containers being written) cost a set insert and
        # delete per container, so they start at depth _MARKERS_FROM_DEPTH: a
        # cycle is then found a turn or two past it. One longer than the nesting
        # limit allows ends there, and the run starts over with markers from the
        # top (marking_all), so json's ValueError still comes out.
        self.markers: Optional[set[int]] = None
        self.marking_all = False
        self.default = default
        self.like_c_encoder = like_c_encoder
        self.max_depth: i64 = min(_MAX_DEPTH, sys.getrecursionlimit())
        self.sink: Optional[Callable[[str], object]] = None
        self.streaming = False
        self.flushed = False
        # Full chunks of encode()'s output (with no sink), and when a chunk is
        # full. Interpreted, encode() does not chunk: len() of the stand-in
        # buffer is a Python call, and its memory is not librt's.
        self.parts: list[str] = []
        # The same as UTF-8 bytes, for encode_bytes in utf8 mode.
        self.chunks_as_bytes = False
        self.byte_parts: list[bytes] = []
        self.chunked = _CHUNK_ENCODE
        self.chunk_chars: i64 = _ENCODE_CHUNK_CHARS

    # -- running

    def encode(self, o: object) -> str:
        self.run(o)
        last = self.buf.getvalue()
        parts = self.parts
        if len(parts) == 0:
            return last
        parts.append(last)
        self.parts = []
        self.buf = StringWriter()  # its memory is free before the join
        return "".join(parts)

    def encode_bytes(self, o: object) -> bytes:
        """o's JSON text as UTF-8."""
        if not self.utf8:
            return self.encode(o).encode("utf-8")
        # One byte per character: each full chunk is copied to bytes as it is
        # flushed and the bytes are joined once. (Joining the text and then
        # encoding it made two large fresh blocks, whose page faults cost as
        # much as the copying.)
        self.chunks_as_bytes = True
        self.run(o)
        last = self.buf.getvalue().encode("latin-1")
        parts = self.byte_parts
        if len(parts) == 0:
            return last
        parts.append(last)
        self.byte_parts = []
        return b"".join(parts)

    def stream(self, o: object, sink: Callable[[str], object]) -> None:
        """Write o into sink in chunks."""
        self.sink = sink
        self.streaming = True
        self.chunked = True
        self.chunk_chars = _CHUNK_CHARS
        self.run(o)
        self.flush()

    def run(self, o: object) -> None:
        try:
            self.write_value(o, 0)
            return
        except (_RetryWithMarkers, RecursionError):
            # Interpreted, Python's own limit may come first: retry alike.
            if not self.check_circular or self.marking_all:
                raise
        # Again with markers, outside the except block so that the second run's
        # errors are not chained to the first (PyPy cannot at the recursion limit).
        self.buf = StringWriter()
        self.parts = []
        self.byte_parts = []
        self.markers = set()
        self.marking_all = True
        self.max_depth = min(_MAX_DEPTH, sys.getrecursionlimit())
        if self.flushed:
            # Chunks went out already: this run only finds json's error.
            self.sink = None
            self.streaming = False
            self.write_value(o, 0)
            raise RecursionError(_RECURSION_MESSAGE)
        self.write_value(o, 0)

    def flush(self) -> None:
        """Hand the buffer's text to the sink, or keep it in parts without one."""
        if len(self.buf) > 0:
            chunk = self.buf.getvalue()
            self.buf = StringWriter()
            sink = self.sink
            if sink is None:
                if self.chunks_as_bytes:
                    self.byte_parts.append(chunk.encode("latin-1"))
                else:
                    self.parts.append(chunk)
            else:
                self.flushed = True
                sink(chunk)

    # -- guards

    def enter(self, o: object, depth: i64) -> None:
        """Check nesting depth and cycles before writing container (or default) o."""
        if depth > self.max_depth:
            if self.check_circular and not self.marking_all:
                raise _RetryWithMarkers()
            raise RecursionError(_RECURSION_MESSAGE)
        markers = self.markers
        if markers is None:
            if depth < _MARKERS_FROM_DEPTH or not self.check_circular:
                return
            markers = set()
            self.markers = markers
        marker = id(o)
        if marker in markers:
            raise ValueError("Circular reference detected")
        markers.add(marker)

    def leave(self, o: object) -> None:
        markers = self.markers
        if markers is not None:
            markers.discard(id(o))

    def level(self, depth: i64) -> Level:
        """The Level of depth (with indent)."""
        levels = self.levels
        if depth < len(levels):
            return levels[depth]
        return self.add_levels(depth)

    def add_levels(self, depth: i64) -> Level:
        levels = list(self.levels)  # a copy: the list may be shared
        indent = self.indent or ""
        while len(levels) <= depth:
            newline = "\n" + indent * len(levels)
            outer_newline = levels[-1].newline if len(levels) > 0 else ""
            separator = self.item_separator + newline
            key_cache = _key_cache(self.ensure_ascii, self.utf8, separator, self.key_separator)
            levels.append(Level(newline, outer_newline, self.item_separator, key_cache))
        self.levels = levels
        if (
            len(levels) <= _SHARED_LEVELS
            and len(indent) <= _SHARED_INDENT_MAX_LEN
            and (self.levels_key in _shared_levels or len(_shared_levels) < _SHARED_LEVELS_LIMIT)
        ):
            _shared_levels[self.levels_key] = levels
        return levels[depth]

    def newline(self, depth: i64) -> str:
        """'\\n' + indent * depth."""
        return self.level(depth).newline

    def flat_separated_keys(self) -> KeyCache:
        """Without indent: the cache of keys after a dict's first (item separator in front)."""
        cache = self.separated_keys
        if cache is None:
            separator = self.item_separator
            cache = _key_cache(self.ensure_ascii, self.utf8, separator, self.key_separator)
            self.separated_keys = cache
        return cache

    # -- values

    def write_value(self, o: object, depth: i64) -> None:
        """Write any value; exact types first (depth: nesting of o's parent)."""
        # Dispatch on t, not type(o): narrowing o to float would unbox it and
        # box a copy again for repr().
        # (Casts to generic types are quoted: interpreted, dict[...] would build
        # a new alias object on every call.)
        t = type(o)
        if t is str:
            write_quoted(self.buf, cast(str, o), self.ensure_ascii, self.utf8, self.strings_seen)
        elif t is int:
            write_int(self.buf, o)
        elif t is float:
            self.write_float(o)
        elif t is dict:
            self.write_dict(cast("dict[object, object]", o), depth + 1)
        elif t is list:
            self.write_list(cast("list[object]", o), o, depth + 1)
        elif o is None:
            if CONSTANTS_BY_CHAR:
                write_null(self.buf)
            else:
                self.buf.write("null")
        elif o is True:
            if CONSTANTS_BY_CHAR:
                write_true(self.buf)
            else:
                self.buf.write("true")
        elif o is False:
            if CONSTANTS_BY_CHAR:
                write_false(self.buf)
            else:
                self.buf.write("false")
        else:
            self.write_other(o, depth)

    def write_other(self, o: object, depth: i64) -> None:
        """Tuples, subclasses (written as json's encoder at hand writes them), default()."""
        unnarrowed = o  # o itself, for float subclasses (see write_value)
        if isinstance(o, str):
            write_quoted_subclass(self.buf, o, self.ensure_ascii, self.utf8, self.strings_seen)
        elif isinstance(o, int):
            write_int_subclass(self.buf, o)
        elif isinstance(o, float):
            self.write_float(unnarrowed)
        elif isinstance(o, list):
            write_list_subclass(self, o, depth + 1)
        elif isinstance(o, tuple):
            if type(o) is tuple:
                self.write_list(list(o), o, depth + 1)
            else:
                write_list_subclass(self, o, depth + 1)
        elif isinstance(o, dict):
            write_dict_subclass(self, o, depth + 1)
        elif write_fragment(self, o):
            pass
        elif self.native_types and write_native(self, o, depth):
            pass
        else:
            # json writes what default() returns at o's indent level, but it
            # counts as a level of nesting: lower the limit meanwhile.
            self.enter(o, depth + 1)
            self.max_depth -= 1
            self.write_value(self.default(o), depth)
            self.max_depth += 1
            self.leave(o)

    def float_text(self, o: object) -> str:
        """repr of float o (exact or subclass) as json writes it."""
        f = cast(float, o)
        if f != f:
            text = "NaN"
        elif f == _INFINITY:
            text = "Infinity"
        elif f == _NEG_INFINITY:
            text = "-Infinity"
        elif type(o) is float:
            return repr(o)
        else:
            return _float_text(f)
        if not self.allow_nan:
            if self.like_c_encoder and not _C_NAN_MESSAGE_NAMES_VALUE:
                raise ValueError("Out of range float values are not JSON compliant")
            raise ValueError("Out of range float values are not JSON compliant: " + repr(o))
        return text

    def write_float(self, o: object) -> None:
        """Write float o (exact or subclass) as json does."""
        f = cast(float, o)
        if f - f != 0.0:  # nan or infinity
            self.buf.write(self.float_text(o))
        elif _FLOAT_BY_SCHUBFACH:
            # Compiled, f is the double float stores, a subclass's too (no
            # method of o's runs): float.__repr__'s digits, as json writes.
            write_float_repr(self.buf, f)
        elif type(o) is not float:
            self.buf.write(_float_text(f))
        else:
            self.buf.write(repr(o))

    def write_list(self, lst: list[object], identity: object, depth: i64) -> None:
        """Write lst (identity: the object json marks, lst or the tuple it came from)."""
        buf = self.buf
        if len(lst) == 0:
            buf.write("[]")
            return
        if depth >= _MARKERS_FROM_DEPTH or depth > self.max_depth or self.markers is not None:
            self.enter(identity, depth)  # (above, it would do nothing: spared the call)
        indented = self.indent is not None
        if indented:
            levels = self.levels
            level = levels[depth] if depth < len(levels) else self.add_levels(depth)
            buf.write(level.list_opener)
            separator = level.item_separator
            closer = level.list_closer
        else:
            buf.append(91)  # [
            separator = self.item_separator
            closer = ""
        head = self.separator_head if not indented else -1
        tail = self.separator_tail
        first = True
        for value in lst:
            if first:
                first = False
            elif head >= 0:
                buf.append(head)
                if tail >= 0:
                    buf.append(tail)
            else:
                buf.write(separator)
            if type(value) is str:  # the commonest value, spared a call
                write_quoted(buf, value, self.ensure_ascii, self.utf8, self.strings_seen)
            elif type(value) is list and _ONE_FRAME_PER_LEVEL:
                self.write_list(cast("list[object]", value), value, depth + 1)
            elif type(value) is dict and _ONE_FRAME_PER_LEVEL:
                self.write_dict(cast("dict[object, object]", value), depth + 1)
            else:
                self.write_value(value, depth)
            if self.chunked and len(buf) >= self.chunk_chars:
                self.flush()
                buf = self.buf
        if indented:
            buf.write(closer)
        else:
            buf.append(93)  # ]
        if self.markers is not None:
            self.leave(identity)

    def key_text(self, key: object) -> Optional[str]:
        """A non-str key as json converts it (unquoted); None when skipped."""
        unnarrowed = key  # for float subclasses (see write_value)
        if isinstance(key, float):
            return self.float_text(unnarrowed)
        if key is True:
            return "true"
        if key is False:
            return "false"
        if key is None:
            return "null"
        if isinstance(key, int):
            return int_key_text(key)
        if self.skipkeys:
            return None
        name = _c_type_name(key) if self.like_c_encoder else type(key).__name__
        raise TypeError(f"keys must be str, int, float, bool or None, not {name}")

    def encoded_key(self, key: object) -> Optional[str]:
        """'"key"' + key_separator for any key; None when skipkeys drops it."""
        if type(key) is str:
            cache = self.key_cache
            encoded = cache.texts.get(key)
            if encoded is None:
                encoded = quoted(key, self.ensure_ascii, self.utf8) + self.key_separator
                cache.add(key, encoded)
            return encoded
        if isinstance(key, str):
            return quoted(str_text(key), self.ensure_ascii, self.utf8) + self.key_separator
        if self.native_types:
            native = native_key_text(self, key)
            if native is not None:
                return quoted(native, self.ensure_ascii, self.utf8) + self.key_separator
        text = self.key_text(key)
        if text is None:
            return None
        return '"' + text + '"' + self.key_separator

    def write_dict(self, d: dict[object, object], depth: i64) -> None:
        """Write exact dict d (subclasses: _subclasses)."""
        buf = self.buf
        if len(d) == 0:
            buf.write("{}")
            return
        if depth >= _MARKERS_FROM_DEPTH or depth > self.max_depth or self.markers is not None:
            self.enter(d, depth)  # (as in write_list)
        indented = self.indent is not None
        if indented:
            levels = self.levels
            level = levels[depth] if depth < len(levels) else self.add_levels(depth)
            buf.write(level.dict_opener)
            separator = level.item_separator
            closer = level.dict_closer
            separated_cache = level.key_cache
        else:
            buf.append(123)  # {
            separator = self.item_separator
            closer = ""
            separated_cache = self.flat_separated_keys()
        first = True
        if self.sort_keys:
            # As json: the items list, sorted as tuples.
            items = list(d.items())
            items.sort()
            for key, value in items:
                encoded = self.encoded_key(key)
                if encoded is None:
                    continue
                if first:
                    first = False
                else:
                    buf.write(separator)
                buf.write(encoded)
                if type(value) is str:  # the commonest value, spared a call
                    write_quoted(buf, value, self.ensure_ascii, self.utf8, self.strings_seen)
                elif type(value) is dict and _ONE_FRAME_PER_LEVEL:
                    self.write_dict(cast("dict[object, object]", value), depth + 1)
                elif type(value) is list and _ONE_FRAME_PER_LEVEL:
                    self.write_list(cast("list[object]", value), value, depth + 1)
                else:
                    self.write_value(value, depth)
                if self.chunked and len(buf) >= self.chunk_chars:
                    self.flush()
                    buf = self.buf
        else:
            # The cache hits inline: most keys are str met before. The first
            # key is written without the item separator, the rest with it.
            cache = self.key_cache
            texts = cache.texts
            for key, value in d.items():
                encoded = None
                if type(key) is str:
                    if _KEY_BY_SLOT:
                        slots = cache.slots
                        address = i64(id(key))
                        at = (
                            ((address >> 4) ^ (address >> _KEY_SLOT_SHIFT)) & cache.slot_mask
                        ) << 1
                        if slots[at] is key:
                            encoded = cast(str, slots[at + 1])
                        else:
                            encoded = texts.get(key)
                            if encoded is not None:
                                slots[at] = key
                                slots[at + 1] = encoded
                    else:
                        encoded = texts.get(key)
                if encoded is None and type(key) is int and _INT_KEYS_INLINE:
                    # An int key's digits straight into the buffer, quoted (json
                    # writes str(key)): no text, concatenation or cache entry.
                    if cache is separated_cache:
                        buf.write(separator)
                    buf.append(34)  # "
                    write_int(buf, key)
                    buf.append(34)
                    buf.write(self.key_separator)
                else:
                    if encoded is None:
                        encoded = self.encoded_key(key)
                        if encoded is None:
                            continue
                        if cache is separated_cache:
                            encoded = separator + encoded
                            if type(key) is str:
                                cache.add(key, encoded)
                    buf.write(encoded)
                if cache is not separated_cache:  # after the first key
                    cache = separated_cache
                    texts = cache.texts
                if type(value) is str:  # the commonest value, spared a call
                    write_quoted(buf, value, self.ensure_ascii, self.utf8, self.strings_seen)
                elif type(value) is dict and _ONE_FRAME_PER_LEVEL:
                    self.write_dict(cast("dict[object, object]", value), depth + 1)
                elif type(value) is list and _ONE_FRAME_PER_LEVEL:
                    self.write_list(cast("list[object]", value), value, depth + 1)
                else:
                    self.write_value(value, depth)
                if self.chunked and len(buf) >= self.chunk_chars:
                    self.flush()
                    buf = self.buf
        if indented:
            buf.write(closer)
        else:
            buf.append(125)  # }
        if self.markers is not None:
            self.leave(d)
