"""The parser: JSON text to Python objects, json's results and json's errors.

The public face (pyjsonfast.loads, pyjsonfast.decoder.JSONDecoder) is
interpreted and calls _decode_api, which chooses what a Parser scans and runs it.

One recursive-descent parser for every build, one method per grammar rule,
building Python objects directly. It scans bytes:

- an ASCII str or ASCII bytes: those bytes; strings are sliced from the str;
- a non-ASCII str (CPython): its ASCII projection (_projection), "?" for every other
  character, which keeps character offsets (JSON's structure is ASCII, so the
  projection parses the same); strings are sliced from the str;
- non-ASCII UTF-8 bytes (and a non-ASCII str on PyPy, where UTF-8 is free):
  the UTF-8 itself; strings are decoded from it, which also validates it. The
  whole document is decoded only for an error, so invalid UTF-8 raises json's
  UnicodeDecodeError first and error positions are json's (characters).

Compiled, a long str of narrow text (ASCII, Latin-1) is projected a window at a
time instead (_decode_api.window_parser; Parser.slide and grow move the
window): no copy of the document is made. A long str of wide text (CJK, say)
is projected whole, and the parse lets the projection go as it moves on
(Parser.shed), so no copy of the document is held to the end.

The few inner loops whose best form differs between builds (string and
whitespace runs, numbers, keys, floats) are methods of a Scanner chosen once at
import, in _scanner: word-at-a-time loops, typed floats and caches of keys and
short values when compiled by mypyc; regular expressions on uncompiled CPython
(which also read an array of numbers only in one match: NUMBER_ARRAYS); on
PyPy, code without Python loops on the common path (_jit_scanner).

Nesting is counted by the parser (max_depth), so compiled code never recurses
deep enough to overflow the C stack; uncompiled, Python's own RecursionError is
turned into the same JSONDepthError.
"""

from __future__ import annotations

import gc
import sys

from ._buffer import COMPILED, StringWriter
from ._errors import JSONDecodeError, JSONDepthError
from ._projection import ascii_projection, narrow_projection, window_projection
from ._scanner import (
    BACKSLASH,
    CLOSE_ARRAY,
    CLOSE_OBJECT,
    COMMA,
    LOWER_U,
    MINUS,
    NINE,
    OPEN_ARRAY,
    OPEN_OBJECT,
    QUOTE,
    SCANNER,
    SPACE,
    ZERO,
    RegexScanner,
    Scanner,
)

if not COMPILED:  # typing at run time only where it runs (see _buffer)
    from typing import Any, Callable, Final, final

    from mypy_extensions import i64


__all__ = [
    "DEFAULT_MAX_DEPTH",
    "DEFAULT_OPTIONS",
    "DEFAULT_PARSE_CONSTANT",
    "MAX_DEPTH_LIMIT",
    "Options",
    "Parser",
]

# Nesting deeper than this raises JSONDepthError. json (C) stops a little below
# 1000 at the default recursion limit; compiled frames are small enough that
# 1000 levels fit even in a 512 KiB thread stack.
DEFAULT_MAX_DEPTH: Final = 1000
# json (C and Python) reports "[1,]" and '{"a": 1,}' as trailing commas from 3.13 on.
TRAILING_COMMA_MESSAGES: Final = sys.version_info >= (3, 13)
# The largest max_depth accepted. Compiled, one level of objects takes ~175 bytes
# of C stack and 3000 levels crashed a 512 KiB thread: every accepted setting must
# stay safe there. (json on 3.12 / 3.13 accepts 1497 / 9998 levels: parsing that
# deep safely needs a parser that does not recurse on the C stack.)
MAX_DEPTH_LIMIT: Final = 2000

NAN: Final = float("nan")
INFINITY: Final = float("inf")
_CONSTANTS: Final[dict[str, float]] = {"-Infinity": -INFINITY, "Infinity": INFINITY, "NaN": NAN}
# json's default parse_constant, kept as one object so "is the default" is a cheap test.
DEFAULT_PARSE_CONSTANT: Final[Callable[[str], Any]] = _CONSTANTS.__getitem__


def _build_escape_codes() -> bytes:
    """By the byte after a backslash (below 128), the code point it stands for;
    0 for none (no escape stands for NUL but \\u0000)."""
    table = bytearray(128)
    for letter, code in zip(b'"\\/bfnrt', b'"\\/\b\f\n\r\t'):
        table[letter] = code
    return bytes(table)


# Read by index (bytes: native in the compiled build), not looked up in a dict
# of boxed ints (compiled, ~2 % of github's loads in instructions).
ESCAPE_CODES: Final = _build_escape_codes()

# Documents at least this long are parsed with the cyclic GC paused (CPython).
GC_PAUSE_MIN_BYTES: Final = 65536
PAUSE_GC_ALLOWED: Final = sys.implementation.name == "cpython"
# One space after an array's comma (json.dumps's ", ") is stepped over inline on
# CPython: a call fewer per item. PyPy's JIT inlines skip_whitespace's own check
# anyway, and ran the inline one slower (canada as json.dumps writes it: +6-8 %).
ONE_SPACE_INLINE: Final = sys.implementation.name == "cpython"
NEVER: Final = 1 << 62  # a slide_at no index reaches
# A windowed parse projects the rest whole once this many windows, and most of
# them, held wide text (a few, as in citm_catalog, cost little).
WIDE_WINDOWS_SEEN: Final = 4
# An item starting this close to a window's end moves the window on to start
# there, and the window's text from there is projected again (a quarter of
# every window was: citm_catalog's loads(str) +4 %). A number, literal or
# whitespace run longer than this across a window's end has the document
# parsed again whole (WindowEnd); no real document has one.
WINDOW_MARGIN: Final = 1024
# A whole projection (of wide text) is let go a piece at a time as the parse
# moves on (Parser.shed): cut a quarter of the way in, then halfway into each
# later window, while what is left is this long. A cut copies the rest, and for
# that moment old and new windows are both held: cutting early keeps that peak
# low (the result is a quarter built), halving keeps the copies few (twitter:
# three, 1.3 projections' worth of bytes).
SHED_MIN_BYTES: Final = 65536
# How far past a backslash an escape reaches: a surrogate pair, \uXXXX\uXXXX.
ESCAPE_REACH: Final = 12
# Whether the scanner reads arrays of numbers whole (RegexScanner, uncompiled
# CPython: re's loop and float() of each piece beat a call and a match per
# number); the others would only answer None, a call per array for nothing.
NUMBER_ARRAYS: Final = isinstance(SCANNER, RegexScanner)


class WindowEnd(ValueError):
    """An error in a window that does not reach the document's end: perhaps a
    token the window's end cut short (a number, a literal, a long whitespace
    run; strings grow the window). The document is parsed again whole."""



# --- the parser --------------------------------------------------------------------


@final
class Parser:
    """One parse of one document. data is the UTF-8 text; positions are byte offsets."""

    def __init__(
        self,
        data: bytes,
        text: str | None,
        char_offsets: bool,
        options: Options,
    ) -> None:
        self.data = data
        self.end: i64 = len(data)
        # The document as str: given, or (for UTF-8 bytes) decoded from data only
        # when an error needs it.
        self.text: str | None = text
        # True when data has one byte per character of text (an ASCII document,
        # or a str's ASCII projection): strings are then sliced from text.
        # Otherwise data is UTF-8 and strings are decoded from it.
        self.char_offsets = char_offsets
        self.scanner: Scanner = SCANNER.for_document(data)
        self.strict = options.strict
        self.allow_nan = options.allow_nan
        self.reject_duplicate_keys = options.reject_duplicate_keys
        self.max_depth: i64 = options.max_depth
        self.depth: i64 = 0
        self.object_hook = options.object_hook
        self.object_pairs_hook = options.object_pairs_hook
        self.parse_float = options.parse_float
        self.parse_int = options.parse_int
        self.parse_constant = options.parse_constant
        # One object per distinct key (json's memo): filled by key cache misses.
        self.memo: dict[str, str] = {}
        # A windowed parse (see window_parser) holds only a window of a str's
        # projection: data is text[base:base + end], and the window moves on
        # when an array or object item starts at slide_at or later.
        self.base: i64 = 0
        self.final = True  # the window reaches the document's end
        self.slide_at: i64 = NEVER
        self.window_chars: i64 = 0
        self.windows: i64 = 1  # how many, and how many of wide text
        self.wide_windows: i64 = 0
        self.length: i64 = len(data)  # the whole document's
        self.window_text: str | None = None  # see set_window
        # Whether windows keep their text: only where the document is not ASCII
        # (an ASCII document's slices cost the same, and the text is memory).
        self.window_texts = False
        # Whether slide sheds a whole projection's head (see shed).
        self.sheds = False

    # -- text ----------------------------------------------------------------

    def chunk(self, start: i64, stop: i64) -> str:
        """The str for data[start:stop], which holds no escapes."""
        if self.char_offsets:
            window_text = self.window_text
            if window_text is not None:
                return window_text[start:stop]
            text = self.text
            assert text is not None
            base = self.base
            return text[base + start : base + stop]
        raw = self.data[start:stop]
        try:
            # Without an error handler, compiled code calls the UTF-8 decoder
            # directly (no codec lookup by name): ~3% of twitter's loads(bytes).
            return raw.decode()
        except UnicodeDecodeError:
            pass
        try:
            return raw.decode("utf-8", "surrogatepass")  # lone surrogates, as json
        except UnicodeDecodeError:
            raise self.utf8_error() from None

    def shared_key(self, key: str) -> str:
        """The object this document uses for key: the first one seen."""
        return self.memo.setdefault(key, key)

    def utf8_error(self) -> UnicodeDecodeError:
        """json's error for invalid UTF-8 input: the one decoding the whole document raises."""
        try:
            self.data.decode("utf-8", "surrogatepass")
        except UnicodeDecodeError as error:
            return error
        raise AssertionError("invalid UTF-8 not found again")

    def document(self) -> str:
        text = self.text
        if text is None:
            # Raises UnicodeDecodeError for invalid UTF-8, before any parse error (as json).
            text = self.data.decode("utf-8", "surrogatepass")
            self.text = text
        return text

    def char_position(self, pos: i64) -> int:
        if self.char_offsets:
            return self.base + pos
        return len(self.data[:pos].decode("utf-8", "surrogatepass"))

    def error(self, msg: str, pos: i64) -> ValueError:
        if not self.final:
            # Maybe a token cut by the window's end: decode_str parses the
            # document again whole, which finds any real error (see WindowEnd).
            return WindowEnd()
        doc = self.document()
        return JSONDecodeError(msg, doc, self.char_position(pos))

    def missing_item_error(self, msg: str, pos: i64, closer: i64) -> ValueError:
        """msg at pos, or, where json (3.13+) says so, its trailing-comma error at
        the comma: the container's closer right after a separating comma. Cold."""
        if TRAILING_COMMA_MESSAGES and self.depth > 0 and pos < self.end:
            comma: i64 = pos - 1
            while comma >= 0 and self.data[comma] in b" \t\n\r":
                comma -= 1
            if comma >= 0 and self.data[comma] == COMMA and self.data[pos] == closer:
                what = "array" if closer == CLOSE_ARRAY else "object"
                return self.error(f"Illegal trailing comma before end of {what}", comma)
        return self.error(msg, pos)

    def depth_error(self, pos: i64) -> JSONDecodeError:
        doc = self.document()
        msg = f"Maximum nesting depth exceeded (max_depth={self.max_depth})"
        return JSONDepthError(msg, doc, self.char_position(pos))

    # -- whitespace ------------------------------------------------------------

    def skip(self, i: i64) -> i64:
        """The index of the first non-whitespace byte at or after i."""
        data = self.data
        end = self.end
        if i < end and data[i] > SPACE:
            return i
        # (Each scanner answers one space, as after ", ", without a loop.)
        return self.scanner.skip_whitespace(data, i, end)

    # -- the grammar -----------------------------------------------------------

    def parse_document(self, i: i64) -> tuple[object, i64]:
        """value at i (json's scan_once): containers, then scalars."""
        if i < self.end:
            c: i64 = self.data[i]
            if c == OPEN_OBJECT:
                return self.parse_object(i + 1)
            if c == OPEN_ARRAY:
                return self.parse_array(i + 1)
        return self.parse_scalar(i)

    def parse_scalar(self, i: i64) -> tuple[object, i64]:
        """A string, number or literal at i; containers are parsed by the caller so
        that one nesting level costs one frame."""
        data = self.data
        end = self.end
        if i >= end:
            raise self.error("Expecting value", i)
        c: i64 = data[i]
        if c == QUOTE:
            return self.scanner.string(self, i + 1)
        if c == 0x6E:  # n
            if i + 3 < end and data[i + 1] == 0x75 and data[i + 2] == 0x6C and data[i + 3] == 0x6C:
                return None, i + 4
        elif c == 0x74:  # t
            if i + 3 < end and data[i + 1] == 0x72 and data[i + 2] == 0x75 and data[i + 3] == 0x65:
                return True, i + 4
        elif c == 0x66:  # f
            if (
                i + 4 < end
                and data[i + 1] == 0x61
                and data[i + 2] == 0x6C
                and data[i + 3] == 0x73
                and data[i + 4] == 0x65
            ):
                return False, i + 5
        elif c == 0x4E:  # N
            if i + 2 < end and data.startswith(b"aN", i + 1):
                return self.parse_named_constant("NaN", i)
        elif c == 0x49:  # I
            if i + 7 < end and data.startswith(b"nfinity", i + 1):
                return self.parse_named_constant("Infinity", i)
        if c == MINUS or (ZERO <= c <= NINE):
            return self.scanner.number(self, i)
        raise self.missing_item_error("Expecting value", i, CLOSE_ARRAY)

    def parse_minus(self, i: i64) -> tuple[object, i64]:
        """A '-' at i that does not start a number: -Infinity, or json's error."""
        if i + 8 < self.end and self.data.startswith(b"-Infinity", i):
            return self.parse_named_constant("-Infinity", i)
        raise self.error("Expecting value", i)

    def parse_named_constant(self, name: str, i: i64) -> tuple[object, i64]:
        if not self.allow_nan:
            raise self.error("Expecting value", i)
        stop: i64 = i + len(name)
        parse_constant = self.parse_constant
        if parse_constant is None:
            return _CONSTANTS[name], stop
        return parse_constant(name), stop

    def parse_string_slowly(self, start: i64, stop: i64) -> tuple[str, i64]:
        """A string with escapes, control characters or no end; stop is the first
        byte of start's run that is not plain text."""
        data = self.data
        end = self.end
        scanner = self.scanner
        writer = StringWriter()
        run_start = start
        i = stop
        while True:
            if i + ESCAPE_REACH >= end and not self.final:
                # The string may run on past the window (or an escape be cut):
                # lengthen the window and look again from i.
                self.grow()
                data = self.data
                end = self.end
                i = scanner.string_stop(data, i, end)
                continue
            if i >= end:
                raise self.error("Unterminated string starting at", start - 1)
            c: i64 = data[i]
            if c == QUOTE:
                if i > run_start:
                    writer.write(self.chunk(run_start, i))
                return writer.getvalue(), i + 1
            if c != BACKSLASH:
                # A control character.
                if self.strict:
                    raise self.error("Invalid control character at", i)
                i = scanner.string_stop(data, i + 1, end)
                continue
            if i > run_start:
                writer.write(self.chunk(run_start, i))
            i += 1
            if i >= end:
                raise self.error("Unterminated string starting at", start - 1)
            c = data[i]
            if c == LOWER_U:
                code, i = self.parse_unicode_escape(i)
                writer.append(code)
            else:
                code = ESCAPE_CODES[c] if c < 128 else 0
                if code == 0:
                    raise self.error("Invalid \\escape", i - 1)
                writer.append(code)
                i += 1
            run_start = i
            i = scanner.string_stop(data, i, end)

    def parse_unicode_escape(self, u: i64) -> tuple[int, i64]:
        """The code point of the \\u escape whose 'u' is at u, and the index after it;
        a high surrogate followed by an escaped low surrogate makes one code point."""
        data = self.data
        end = self.end
        first = u + 1
        if first + 4 >= end:
            raise self.error("Invalid \\uXXXX escape", u)
        code = hex_quad(data, first)
        if code < 0:
            raise self.error("Invalid \\uXXXX escape", u)
        after = first + 4
        if (
            0xD800 <= code <= 0xDBFF
            and after + 6 < end
            and data[after] == BACKSLASH
            and data[after + 1] == LOWER_U
        ):
            low = hex_quad(data, after + 2)
            if low < 0:
                raise self.error("Invalid \\uXXXX escape", after + 1)
            if 0xDC00 <= low <= 0xDFFF:
                return 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00), after + 6
        return code, after

    def parse_array(self, i: i64) -> tuple[object, i64]:
        """The array whose body starts at i (after '[')."""
        depth = self.depth + 1  # the nesting count, inline: one call less per container
        if depth > self.max_depth:
            raise self.depth_error(i - 1)
        self.depth = depth
        data = self.data
        end = self.end
        scanner = self.scanner
        result: list[object] = []
        # c is always data[i] (0 past the end); whitespace is skipped by the
        # scanner, called only when there is some (one frame fewer than skip:
        # uncompiled, a call is most of the cost of a short run).
        c: i64 = data[i] if i < end else 0
        if c <= SPACE:
            i = scanner.skip_whitespace(data, i, end)
            c = data[i] if i < end else 0
        if c == CLOSE_ARRAY:
            self.depth = depth - 1
            return result, i + 1
        if NUMBER_ARRAYS and (c == MINUS or ZERO <= c <= NINE):
            numbers = scanner.number_array(self, i)
            if numbers is not None:
                self.depth = depth - 1
                return numbers
        while True:
            if i >= self.slide_at:
                i = self.slide(i)
                data = self.data
                end = self.end
                c = data[i] if i < end else 0
            value: object
            if c == MINUS or ZERO <= c <= NINE:  # first: long arrays are mostly numbers
                value, i = scanner.number(self, i)
            elif c == QUOTE:
                value, i = scanner.string(self, i + 1)
            elif c == OPEN_ARRAY:
                value, i = self.parse_array(i + 1)
                data = self.data  # a window may have moved (and the old one is let go)
                end = self.end
            elif c == OPEN_OBJECT:
                value, i = self.parse_object(i + 1)
                data = self.data
                end = self.end
            else:
                value, i = self.parse_scalar(i)
            if i >= end:  # a long string may have grown the window (see grow)
                data = self.data
                end = self.end
            result.append(value)
            c = data[i] if i < end else 0
            if c <= SPACE:
                i = scanner.skip_whitespace(data, i, end)
                c = data[i] if i < end else 0
            if c == COMMA:
                i += 1
                c = data[i] if i < end else 0
                if c <= SPACE:
                    if ONE_SPACE_INLINE and c == SPACE and i + 1 < end and data[i + 1] > SPACE:
                        i += 1  # ", " (see ONE_SPACE_INLINE)
                        c = data[i]
                    else:
                        i = scanner.skip_whitespace(data, i, end)
                        c = data[i] if i < end else 0
                continue
            if c == CLOSE_ARRAY:
                self.depth = depth - 1
                return result, i + 1
            raise self.error("Expecting ',' delimiter", i)

    def parse_object(self, i: i64) -> tuple[object, i64]:
        """The object whose body starts at i (after '{')."""
        depth = self.depth + 1  # the nesting count, inline: one call less per container
        if depth > self.max_depth:
            raise self.depth_error(i - 1)
        self.depth = depth
        data = self.data
        end = self.end
        scanner = self.scanner
        result: dict[str, object] = {}
        pairs: list[tuple[str, object]] | None = None
        if self.object_pairs_hook is not None:
            pairs = []
        check_duplicates = self.reject_duplicate_keys
        # c is always data[i] (0 past the end), as in parse_array.
        c: i64 = data[i] if i < end else 0
        if c <= SPACE:
            i = scanner.skip_whitespace(data, i, end)
            c = data[i] if i < end else 0
        if c != CLOSE_OBJECT:
            while True:
                if i >= self.slide_at:
                    i = self.slide(i)
                    data = self.data
                    end = self.end
                key, key_at, i = scanner.object_key(self, i)
                if i >= end:  # a long key may have grown the window (see grow)
                    data = self.data
                    end = self.end
                c = data[i] if i < end else 0
                value: object
                if c == QUOTE:
                    value, i = scanner.string(self, i + 1)
                elif c == OPEN_ARRAY:
                    value, i = self.parse_array(i + 1)
                    data = self.data  # a window may have moved (and the old one is let go)
                    end = self.end
                elif c == OPEN_OBJECT:
                    value, i = self.parse_object(i + 1)
                    data = self.data
                    end = self.end
                elif ZERO <= c <= NINE or c == MINUS:
                    value, i = scanner.number(self, i)
                else:
                    value, i = self.parse_scalar(i)
                if i >= end:  # a long string may have grown the window (see grow)
                    data = self.data
                    end = self.end
                if check_duplicates:
                    if key in result:
                        raise self.error(f"Duplicate key {key!r}", key_at)
                    result[key] = value
                    if pairs is not None:
                        pairs.append((key, value))
                elif pairs is not None:
                    pairs.append((key, value))
                else:
                    result[key] = value
                c = data[i] if i < end else 0
                if c <= SPACE:
                    i = scanner.skip_whitespace(data, i, end)
                    c = data[i] if i < end else 0
                if c == COMMA:
                    i += 1  # the scanner skips the whitespace before the key
                    continue
                if c == CLOSE_OBJECT:
                    break
                raise self.error("Expecting ',' delimiter", i)
        self.depth = depth - 1
        if pairs is not None:
            hook = self.object_pairs_hook
            assert hook is not None
            return hook(pairs), i + 1
        object_hook = self.object_hook
        if object_hook is not None:
            return object_hook(result), i + 1
        return result, i + 1

    # -- windows -------------------------------------------------------------

    def slide(self, i: i64) -> i64:
        """Move the window on to start at i, an item's start (callers read data
        and end again): i's index in the new window (0, or i's index in the
        document once mostly wide text has made the window the whole, which
        is then shed as the parse moves on)."""
        if self.sheds:
            return self.shed(i)
        text = self.text
        assert text is not None
        start = self.base + i
        piece = text[start : start + self.window_chars]
        projection = narrow_projection(piece)
        self.windows += 1
        if projection is None:
            self.wide_windows += 1
            if self.wide_windows >= WIDE_WINDOWS_SEEN and 2 * self.wide_windows > self.windows:
                # Mostly wide text: projected whole, as window_parser would have
                # had it, so windows cost no more than that (i is kept as is).
                self.set_window(0, ascii_projection(text), None)
                self.start_shedding(start)
                return start
            projection = piece.encode("ascii", "replace")
        self.set_window(start, projection, piece if self.window_texts else None)
        return 0

    def start_shedding(self, i: i64) -> None:
        """Let the window, a whole projection of wide text, go a piece at a time as
        the parse moves on from i (see SHED_MIN_BYTES): no copy of the document
        is then held to the end. The caller catches any error and parses the
        document again whole, for json's message (errors read back in data)."""
        self.sheds = True
        self.plan_cut(i, i + ((self.end - i) >> 2))

    def shed(self, i: i64) -> i64:
        """Drop the window's head before i, an item's start: the rest becomes the
        window (a copy; the old one is freed, compiled frames holding no window
        across a nested container's parse, where theirs is dead)."""
        self.set_window(self.base + i, self.data[i:], None)
        self.plan_cut(0, self.end >> 1)
        return 0

    def plan_cut(self, i: i64, at: i64) -> None:
        """The next cut at the first item from at on, if what is left after i is
        worth one."""
        if self.end - i >= SHED_MIN_BYTES:
            self.slide_at = at

    def grow(self) -> None:
        """Lengthen the window in place (a string runs on past its end): base and
        every index stay valid, and a caller's data and end are a prefix of the
        window's until it reads them again (once its index reaches its end)."""
        text = self.text
        assert text is not None
        first = self.base + self.end
        more = self.end if self.end > self.window_chars else self.window_chars
        piece = text[first : first + more]
        window_text = self.window_text
        if window_text is not None:
            window_text += piece
        self.set_window(self.base, self.data + window_projection(piece), window_text)

    def set_window(self, base: i64, data: bytes, window_text: str | None) -> None:
        """data, the projection of the document from base on, as the window;
        window_text, the document's text it projects (strings are sliced from
        it: a window of narrow text slices at copy speed from a wider
        document), or None to slice from the document."""
        self.window_text = window_text
        self.data = data
        self.base = base
        self.end = len(data)
        self.final = base + self.end == self.length
        self.slide_at = NEVER if self.final else self.end - WINDOW_MARGIN

    # -- entry points ----------------------------------------------------------

    def decode(self) -> object:
        """json's JSONDecoder.decode: one value, whitespace around it, nothing else."""
        # The cyclic GC cannot free anything a parse makes (a tree, referenced until
        # it is returned) but would traverse it over and over as it grows: pause it
        # for large documents. Hooks run with it paused too (json with a hook is
        # as slow as without: the traversals cost the same); a hook's own garbage
        # cycles wait for the end of the parse.
        pause_gc = (
            GC_PAUSE_MIN_BYTES <= self.length
            and PAUSE_GC_ALLOWED
            and gc.isenabled()
        )
        if pause_gc:
            gc.disable()
        try:
            value, i = self.parse_document(self.skip(0))
        except RecursionError as error:
            raise self.recursion_error(error) from None
        except Exception:
            # json decodes bytes whole before parsing: for invalid UTF-8 its
            # UnicodeDecodeError comes before int()'s digit limit or a hook's error.
            self.document()
            raise
        finally:
            if pause_gc:
                gc.enable()
        i = self.skip(i)
        if i != self.end or not self.final:
            raise self.error("Extra data", i)
        return value

    def raw_decode(self, i: i64) -> tuple[object, i64]:
        try:
            return self.parse_document(i)
        except RecursionError as error:
            raise self.recursion_error(error) from None

    def recursion_error(self, error: RecursionError) -> RecursionError:
        """Python's own recursion limit (uncompiled builds) struck before max_depth:
        the same JSONDepthError, at the bracket being entered."""
        if isinstance(error, JSONDecodeError):
            return error
        pos = opening_bracket_at_depth(self.data, self.depth + 1)
        doc = self.document()
        msg = f"Maximum nesting depth exceeded (Python's recursion limit, depth {self.depth})"
        return JSONDepthError(msg, doc, self.char_position(pos))


def hex_quad(data: bytes, i: i64) -> int:
    """The value of the four hex digits at data[i:i+4], or -1."""
    value = 0
    for k in range(4):
        c = data[i + k]
        if ZERO <= c <= NINE:
            digit = c - ZERO
        elif 0x61 <= c <= 0x66:
            digit = c - 0x61 + 10
        elif 0x41 <= c <= 0x46:
            digit = c - 0x41 + 10
        else:
            return -1
        value = value * 16 + digit
    return value


def opening_bracket_at_depth(data: bytes, depth: i64) -> i64:
    """Where nesting first reaches depth (strings skipped); cold, for error positions."""
    level: i64 = 0
    in_string = False
    i: i64 = 0
    end: i64 = len(data)
    while i < end:
        c: i64 = data[i]
        if in_string:
            if c == BACKSLASH:
                i += 1
            elif c == QUOTE:
                in_string = False
        elif c == QUOTE:
            in_string = True
        elif c == OPEN_ARRAY or c == OPEN_OBJECT:
            level += 1
            if level >= depth:
                return i
        elif c == CLOSE_ARRAY or c == CLOSE_OBJECT:
            level -= 1
        i += 1
    return end


# --- options and the public API ---------------------------------------------------


@final
class Options:
    """What a parse needs from a decoder: hooks as None when they are json's defaults."""

    def __init__(
        self,
        object_hook: Callable[[dict[str, Any]], Any] | None = None,
        parse_float: Callable[[str], Any] | None = None,
        parse_int: Callable[[str], Any] | None = None,
        parse_constant: Callable[[str], Any] | None = None,
        strict: bool = True,
        object_pairs_hook: Callable[[list[tuple[str, Any]]], Any] | None = None,
        allow_nan: bool = True,
        reject_duplicate_keys: bool = False,
        max_depth: i64 = DEFAULT_MAX_DEPTH,
    ) -> None:
        self.object_hook = object_hook
        self.parse_float = parse_float
        self.parse_int = parse_int
        self.parse_constant = parse_constant
        self.strict = strict
        self.object_pairs_hook = object_pairs_hook
        self.allow_nan = allow_nan
        self.reject_duplicate_keys = reject_duplicate_keys
        self.max_depth = max_depth


DEFAULT_OPTIONS: Final = Options()
