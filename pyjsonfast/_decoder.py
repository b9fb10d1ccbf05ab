"""The parser: JSON text to Python objects, json's results and json's errors.

The public face (pyjsonfast.loads, pyjsonfast.decoder.JSONDecoder) is
interpreted and calls the entry points at the end of this module.

One recursive-descent parser for every build, one method per grammar rule,
building Python objects directly. It scans bytes:

- an ASCII str or ASCII bytes: those bytes; strings are sliced from the str;
- a non-ASCII str (CPython): its ASCII projection, "?" for every other
  character, which keeps character offsets (JSON's structure is ASCII, so the
  projection parses the same); strings are sliced from the str;
- non-ASCII UTF-8 bytes (and a non-ASCII str on PyPy, where UTF-8 is free):
  the UTF-8 itself; strings are decoded from it, which also validates it. The
  whole document is decoded only for an error, so invalid UTF-8 raises json's
  UnicodeDecodeError first and error positions are json's (characters).

The few inner loops whose best form differs between builds (string and
whitespace runs, numbers, keys, floats) are methods of a Scanner chosen once at
import: word-at-a-time loops, typed floats and a key cache when compiled by
mypyc; regular expressions on uncompiled CPython; plain loops on PyPy.

Nesting is counted by the parser (max_depth), so compiled code never recurses
deep enough to overflow the C stack; uncompiled, Python's own RecursionError is
turned into the same JSONDepthError.
"""

from __future__ import annotations

import gc
import json
import json.decoder
import json.scanner
import re
import sys
from typing import Any, Callable, Final, Protocol, Union, cast, final

from mypy_extensions import i64

from ._buffer import COMPILED, StringWriter, read_i64_le
from ._errors import JSONDecodeError, JSONDepthError
from ._numbers import decimal_to_float

__all__ = [
    "DEFAULT_MAX_DEPTH",
    "MAX_DEPTH_LIMIT",
    "Options",
    "as_document",
    "decode_document",
    "decode_str",
    "loads_default",
    "options_from_c_scanner",
    "parse_options",
    "raw_decode",
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

# Byte values the grammar cares about.
QUOTE: Final = 0x22  # "
BACKSLASH: Final = 0x5C  # \
COMMA: Final = 0x2C
COLON: Final = 0x3A
OPEN_ARRAY: Final = 0x5B  # [
CLOSE_ARRAY: Final = 0x5D  # ]
OPEN_OBJECT: Final = 0x7B  # {
CLOSE_OBJECT: Final = 0x7D  # }
MINUS: Final = 0x2D
PLUS: Final = 0x2B
DOT: Final = 0x2E
ZERO: Final = 0x30
NINE: Final = 0x39
SPACE: Final = 0x20
TAB: Final = 0x09
NEWLINE: Final = 0x0A
RETURN: Final = 0x0D
LOWER_E: Final = 0x65
LOWER_U: Final = 0x75

# Mantissas are accumulated while at most this, so they stay below 2**63; beyond
# it the number's text is handed to int()/float() (exact, and honours
# sys.set_int_max_str_digits).
MANTISSA_LIMIT: Final = 922_337_203_685_477_579  # (2**63 - 1) // 10 - 1
# Eight more digits fit (by 8-digit steps) while the mantissa is at most this:
# then every digit is accumulated as one at a time would be.
EIGHT_DIGITS_LIMIT: Final = MANTISSA_LIMIT // 100_000_000 - 1
EXPONENT_LIMIT: Final = 100_000  # larger exponents are float()'s business

NAN: Final = float("nan")
INFINITY: Final = float("inf")
_CONSTANTS: Final[dict[str, float]] = {"-Infinity": -INFINITY, "Infinity": INFINITY, "NaN": NAN}
# json's default parse_constant, kept as one object so "is the default" is a cheap test.
DEFAULT_PARSE_CONSTANT: Final[Callable[[str], Any]] = _CONSTANTS.__getitem__

ESCAPES: Final[dict[int, str]] = {
    QUOTE: '"',
    BACKSLASH: "\\",
    0x2F: "/",
    0x62: "\b",
    0x66: "\f",
    0x6E: "\n",
    0x72: "\r",
    0x74: "\t",
}

# Documents at least this long are parsed with the cyclic GC paused (CPython).
GC_PAUSE_MIN_BYTES: Final = 65536
PAUSE_GC_ALLOWED: Final = sys.implementation.name == "cpython"
PROJECT_STR: Final = sys.implementation.name == "cpython"

KEY_CACHE_BITS: Final = 11
KEY_CACHE_SIZE: Final = 2048  # 2**KEY_CACHE_BITS
KEY_CACHE_MAX_LENGTH: Final = 64  # bytes


# --- the scanners: the only code that differs between builds ---------------------


class Scanner:
    """Plain loops (PyPy's choice); the base for the build-specific scanners."""

    def string_stop(self, data: bytes, i: i64, end: i64) -> i64:
        """The index of the first byte at or after i that is a quote, a backslash
        or a control character (end when there is none)."""
        while i < end:
            c: i64 = data[i]
            if c == QUOTE or c == BACKSLASH or c < SPACE:
                return i
            i += 1
        return end

    def skip_whitespace(self, data: bytes, i: i64, end: i64) -> i64:
        """The index of the first non-whitespace byte at or after i (or end)."""
        while i < end:
            c: i64 = data[i]
            if c != SPACE and c != NEWLINE and c != RETURN and c != TAB:
                return i
            i += 1
        return end

    def number(self, parser: Parser, start: i64) -> tuple[object, i64]:
        """json's number grammar at start (a '-' or a digit), with its backtracking:
        '1.' and '1e' end the number before the '.' or 'e'."""
        data = parser.data
        end = parser.end
        i = start
        if data[i] == MINUS:
            i += 1
            if i >= end:
                raise parser.error("Expecting value", start)
        c: i64 = data[i]
        mantissa: i64 = 0
        exact = True
        if ZERO < c <= NINE:
            while mantissa <= EIGHT_DIGITS_LIMIT and i + 8 <= end:
                eight = self.eight_digits(data, i)
                if eight < 0:
                    break
                mantissa = mantissa * 100_000_000 + eight
                i += 8
            while i < end:
                c = data[i]
                if c < ZERO or c > NINE:
                    break
                if mantissa <= MANTISSA_LIMIT:
                    mantissa = mantissa * 10 + (c - ZERO)
                else:
                    exact = False
                i += 1
        elif c == ZERO:
            i += 1
        else:
            raise parser.error("Expecting value", start)
        is_float = False
        exp10: i64 = 0
        if i + 1 < end and data[i] == DOT and ZERO <= data[i + 1] <= NINE:
            is_float = True
            i += 1
            while mantissa <= EIGHT_DIGITS_LIMIT and i + 8 <= end:
                eight = self.eight_digits(data, i)
                if eight < 0:
                    break
                mantissa = mantissa * 100_000_000 + eight
                exp10 -= 8
                i += 8
            while i < end:
                c = data[i]
                if c < ZERO or c > NINE:
                    break
                if mantissa <= MANTISSA_LIMIT:
                    mantissa = mantissa * 10 + (c - ZERO)
                    exp10 -= 1
                elif c != ZERO:
                    exact = False
                i += 1
        if i + 1 < end and (data[i] == LOWER_E or data[i] == 0x45):
            e_start = i
            i += 1
            exp_negative = False
            if i + 1 < end:
                c = data[i]
                if c == MINUS:
                    exp_negative = True
                    i += 1
                elif c == PLUS:
                    i += 1
            exponent: i64 = 0
            digits_start = i
            while i < end:
                c = data[i]
                if c < ZERO or c > NINE:
                    break
                if exponent < EXPONENT_LIMIT:
                    exponent = exponent * 10 + (c - ZERO)
                else:
                    exact = False
                i += 1
            if i > digits_start:
                is_float = True
                exp10 += -exponent if exp_negative else exponent
            else:
                i = e_start  # 'e' without digits is not part of the number
        if is_float:
            parse_float = parser.parse_float
            if parse_float is None:
                return self.float_value(parser, start, i, mantissa, exp10, exact), i
            return parse_float(parser.chunk(start, i)), i
        parse_int = parser.parse_int
        if parse_int is not None:
            return parse_int(parser.chunk(start, i)), i
        if exact:
            if data[start] == MINUS:
                return -mantissa, i
            return mantissa, i
        return int(parser.chunk(start, i)), i

    def eight_digits(self, data: bytes, i: i64) -> i64:
        """The value of the 8 digits data[i:i+8] (given i + 8 <= len(data)), or -1
        if they are not all digits: always -1 here (digits are read one by one)."""
        return -1

    def key(self, parser: Parser, start: i64, stop: i64) -> str:
        """The key whose text (no escapes) is data[start:stop]: one object per
        distinct key within a document, as json's memo gives."""
        return parser.shared_key(parser.chunk(start, stop))

    def float_value(
        self, parser: Parser, start: i64, stop: i64, mantissa: i64, exp10: i64, exact: bool
    ) -> float:
        """The float written as data[start:stop] (mantissa * 10**exp10 when exact)."""
        return float(parser.chunk(start, stop))


@final
class RegexScanner(Scanner):
    """Uncompiled CPython: re's C loops beat an interpreted byte loop."""

    def __init__(self) -> None:
        self.plain_run = re.compile(b'[^"\\\\\x00-\x1f]*')
        self.whitespace_run = re.compile(b"[ \t\n\r]*")
        # json's NUMBER_RE, for bytes.
        self.number_match = re.compile(b"(-?(?:0|[1-9][0-9]*))(\\.[0-9]+)?([eE][-+]?[0-9]+)?")

    def number(self, parser: Parser, start: i64) -> tuple[object, i64]:
        found = self.number_match.match(parser.data, start)
        if found is None:
            raise parser.error("Expecting value", start)
        stop: i64 = found.end()
        text = parser.chunk(start, stop)
        if found.group(2) is not None or found.group(3) is not None:
            parse_float = parser.parse_float
            return (float(text) if parse_float is None else parse_float(text)), stop
        parse_int = parser.parse_int
        return (int(text) if parse_int is None else parse_int(text)), stop

    def string_stop(self, data: bytes, i: i64, end: i64) -> i64:
        found = self.plain_run.match(data, i)
        assert found is not None  # the pattern matches the empty string
        return found.end()

    def skip_whitespace(self, data: bytes, i: i64, end: i64) -> i64:
        found = self.whitespace_run.match(data, i)
        assert found is not None
        return found.end()


@final
class KeyCacheEntry:
    """A cached key: its first and last 8 bytes as words, its length, and (for keys
    longer than 16 bytes, whose middle those words miss) its bytes."""

    def __init__(self, head: i64, tail: i64, length: i64, raw: bytes, key: str) -> None:
        self.head = head
        self.tail = tail
        self.length = length
        self.raw = raw
        self.key = key

    def holds(self, head: i64, tail: i64, length: i64, data: bytes, start: i64) -> bool:
        """Whether this is the key whose bytes start at data[start] (and have the
        given first and last words and length)."""
        return (
            self.head == head
            and self.tail == tail
            and self.length == length
            and (length <= 16 or same_middle(data, start, self.raw))
        )


@final
class WordScanner(Scanner):
    """Compiled: 8 bytes at a time, a key cache looked up by raw bytes, typed floats.

    The word masks are attributes built at run time: mypyc keeps i64 literals
    beyond 2**62 boxed.
    """

    def __init__(self) -> None:
        self.ones = read_i64_le(b"\x01" * 8, 0)
        self.high_bits = read_i64_le(b"\x80" * 8, 0)
        self.quotes = read_i64_le(b'"' * 8, 0)
        self.backslashes = read_i64_le(b"\\" * 8, 0)
        self.spaces = read_i64_le(b" " * 8, 0)
        self.control_limit = read_i64_le(b" " * 8, 0)
        self.question_marks = read_i64_le(b"?" * 8, 0)
        self.low_seven_bits = read_i64_le(b"\x7f" * 8, 0)
        self.high_nibbles = read_i64_le(b"\xf0" * 8, 0)
        # One slot per hash; a slot is replaced whole, so readers in other threads
        # see either the old entry or the new one.
        self.key_table: list[KeyCacheEntry | None] = [None] * KEY_CACHE_SIZE

    def string_stop(self, data: bytes, i: i64, end: i64) -> i64:
        ones = self.ones
        high = self.high_bits
        quotes = self.quotes
        backslashes = self.backslashes
        control_limit = self.control_limit
        while i + 8 <= end:
            word = read_i64_le(data, i)
            # The "has a byte below n" test, (x - n*ones) & ~x & high, for bytes
            # < 0x20 in word and zero bytes in word ^ quotes and word ^ backslashes.
            # It never misses one; a false alarm only sends us to the byte loop.
            q = word ^ quotes
            b = word ^ backslashes
            special = (
                ((word - control_limit) & ~word) | ((q - ones) & ~q) | ((b - ones) & ~b)
            ) & high
            if special != 0:
                # The lowest mark is a true one (false marks only sit above a true
                # one). Its byte index, as in lowest_marked_byte (inlined: hot).
                lowest = special & -special
                return i + (((((lowest >> 7) & ones) * 0x0001020304050607) >> 56) & 0xFF)
            i += 8
        while i < end:
            c: i64 = data[i]
            if c == QUOTE or c == BACKSLASH or c < SPACE:
                return i
            i += 1
        return end

    def eight_digits(self, data: bytes, i: i64) -> i64:
        # Eight ASCII digits at once (the SWAR test and conversion simdjson uses):
        # a byte is a digit when its high nibble is 3 and adding 6 keeps it 3.
        word = read_i64_le(data, i)
        high = self.high_nibbles
        if (word & high) | (((word + 0x0606060606060606) & high) >> 4) != 0x3333333333333333:
            return -1
        # Pairs, then quads, then all eight; each mask drops what a wrapped
        # product or an arithmetic shift put in the high bits.
        word = (((word & 0x0F0F0F0F0F0F0F0F) * 2561) >> 8) & 0x00FF00FF00FF00FF
        word = ((word * 6553601) >> 16) & 0x0000FFFF0000FFFF
        return ((word * 42949672960001) >> 32) & 0xFFFFFFFF

    def skip_whitespace(self, data: bytes, i: i64, end: i64) -> i64:
        # Indentation is runs of spaces: find the first byte that is not a space
        # 8 at a time, then look at it.
        low7 = self.low_seven_bits
        high = self.high_bits
        ones = self.ones
        spaces = self.spaces
        while i + 8 <= end:
            not_space = read_i64_le(data, i) ^ spaces
            if not_space == 0:
                i += 8
                continue
            # Mark the non-zero bytes exactly (no carry crosses a byte) and step to
            # the lowest, as lowest_marked_byte does (inlined: hot).
            marks = (((not_space & low7) + low7) | not_space) & high
            lowest = marks & -marks
            i += ((((lowest >> 7) & ones) * 0x0001020304050607) >> 56) & 0xFF
            c: i64 = data[i]
            if c != NEWLINE and c != RETURN and c != TAB:
                return i
            i += 1
        while i < end:
            c = data[i]
            if c != SPACE and c != NEWLINE and c != RETURN and c != TAB:
                return i
            i += 1
        return end

    def key(self, parser: Parser, start: i64, stop: i64) -> str:
        length = stop - start
        if length == 0 or length > KEY_CACHE_MAX_LENGTH or start + 8 > parser.end:
            return parser.shared_key(parser.chunk(start, stop))
        data = parser.data
        head = read_i64_le(data, start)
        if length >= 8:
            tail = read_i64_le(data, stop - 8)
        else:
            # Shift out the bytes past the key (a variable shift of a variable:
            # mypyc emits a literal 1 << n as a 32-bit shift).
            head = head << ((8 - length) * 8)
            tail = 0
        # Multiplicative hashing; the top bits are the well mixed ones. Two slots
        # per key (2-way) keep keys whose first slots collide both cached.
        mixed = (head * 0x2545F4914F6CDD1D + tail + length) * 0x2545F4914F6CDD1D
        table = self.key_table
        first_slot = (mixed >> (64 - KEY_CACHE_BITS)) & (KEY_CACHE_SIZE - 1)
        entry = table[first_slot]
        if entry is not None and entry.holds(head, tail, length, data, start):
            return entry.key
        second_slot = (mixed >> (64 - 2 * KEY_CACHE_BITS)) & (KEY_CACHE_SIZE - 1)
        other = table[second_slot]
        if other is not None and other.holds(head, tail, length, data, start):
            return other.key
        # A miss: the document's own memo keeps one object per key (a key seen
        # before may have left the cache since). The cache is shared by all
        # parses: an entry a parse evicts goes to its memo, since earlier hits
        # may have returned that entry's object.
        key = parser.shared_key(parser.chunk(start, stop))
        # A "?" may stand for any non-ASCII character in a str's projection, so
        # keys holding one are never cached: a hit then always means equal text.
        if not has_question_mark(data, start, stop, self.question_marks):
            raw = data[start:stop] if length > 16 else b""
            if entry is None:
                table[first_slot] = KeyCacheEntry(head, tail, length, raw, key)
            elif other is None:
                table[second_slot] = KeyCacheEntry(head, tail, length, raw, key)
            else:
                parser.shared_key(entry.key)
                table[first_slot] = KeyCacheEntry(head, tail, length, raw, key)
        return key

    def float_value(
        self, parser: Parser, start: i64, stop: i64, mantissa: i64, exp10: i64, exact: bool
    ) -> float:
        if exact:
            value = decimal_to_float(mantissa, exp10)
            if value >= 0.0:
                if parser.data[start] == MINUS:
                    return -value
                return value
        return float(parser.chunk(start, stop))


def has_question_mark(data: bytes, start: i64, stop: i64, question_marks: i64) -> bool:
    """Whether data[start:stop] holds a "?" (given start + 8 <= len(data))."""
    length = stop - start
    if length < 8:
        # Keep only the key's own bytes: shift the others out of the word.
        return (zero_bytes(read_i64_le(data, start) ^ question_marks) << ((8 - length) * 8)) != 0
    k = start
    while k + 8 < stop:
        if zero_bytes(read_i64_le(data, k) ^ question_marks) != 0:
            return True
        k += 8
    return zero_bytes(read_i64_le(data, stop - 8) ^ question_marks) != 0


def lowest_marked_byte(marks: i64) -> i64:
    """The index (0-7, little-endian) of the lowest byte whose top bit is set in
    marks (which has no other bits set, and is not 0)."""
    lowest = marks & -marks  # wraps for the top bit alone, still right after the mask
    # (lowest >> 7) & ones is 1 << 8k; times 0x0001020304050607 puts k in the top byte.
    return ((((lowest >> 7) & 0x0101010101010101) * 0x0001020304050607) >> 56) & 0xFF


def zero_bytes(word: i64) -> i64:
    """Non-zero exactly when word has a zero byte (the classic bit trick; a false
    mark only ever sits above a true one)."""
    ones: i64 = 0x0101010101010101
    return (word - ones) & ~word & (ones << 7)


def same_middle(data: bytes, start: i64, raw: bytes) -> bool:
    """Whether data[start:] begins with raw, given that their first and last 8
    bytes already match (len(raw) > 16)."""
    last = len(raw) - 8
    k: i64 = 8
    while k < last:
        if read_i64_le(data, start + k) != read_i64_le(raw, k):
            return False
        k += 8
    return True


def choose_scanner() -> Scanner:
    if COMPILED:
        return WordScanner()
    if sys.implementation.name == "cpython":
        return RegexScanner()
    return Scanner()


SCANNER: Final[Scanner] = choose_scanner()


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
        self.scanner: Scanner = SCANNER
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

    # -- text ----------------------------------------------------------------

    def chunk(self, start: i64, stop: i64) -> str:
        """The str for data[start:stop], which holds no escapes."""
        if self.char_offsets:
            text = self.text
            assert text is not None
            return text[start:stop]
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
            return pos
        return len(self.data[:pos].decode("utf-8", "surrogatepass"))

    def error(self, msg: str, pos: i64) -> JSONDecodeError:
        doc = self.document()
        return JSONDecodeError(msg, doc, self.char_position(pos))

    def missing_item_error(self, msg: str, pos: i64, closer: i64) -> JSONDecodeError:
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
        if i < end:
            c: i64 = data[i]
            if c > SPACE:
                return i
            # One space, as after ": " and ", ", is the common case in indented JSON.
            if c == SPACE and i + 1 < end and data[i + 1] > SPACE:
                return i + 1
            return self.scanner.skip_whitespace(data, i, end)
        return i

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
            return self.parse_string(i + 1)
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
        elif c == MINUS:
            if i + 8 < end and data[i + 1] == 0x49 and data.startswith(b"Infinity", i + 1):
                return self.parse_named_constant("-Infinity", i)
        if c == MINUS or (ZERO <= c <= NINE):
            return self.scanner.number(self, i)
        raise self.missing_item_error("Expecting value", i, CLOSE_ARRAY)

    def parse_named_constant(self, name: str, i: i64) -> tuple[object, i64]:
        if not self.allow_nan:
            raise self.error("Expecting value", i)
        stop: i64 = i + len(name)
        parse_constant = self.parse_constant
        if parse_constant is None:
            return _CONSTANTS[name], stop
        return parse_constant(name), stop

    def parse_string(self, start: i64) -> tuple[str, i64]:
        """The string whose body starts at start (after the opening quote)."""
        stop = self.scanner.string_stop(self.data, start, self.end)
        if stop < self.end and self.data[stop] == QUOTE:
            return self.chunk(start, stop), stop + 1
        return self.parse_string_slowly(start, stop)

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
                replacement = ESCAPES.get(c)
                if replacement is None:
                    raise self.error("Invalid \\escape", i - 1)
                writer.write(replacement)
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
        result: list[object] = []
        # c is always data[i] (0 past the end); whitespace is skipped inline when
        # absent or a single space, by a call otherwise.
        c: i64 = data[i] if i < end else 0
        if c <= SPACE:
            i = self.skip(i)
            c = data[i] if i < end else 0
        if c == CLOSE_ARRAY:
            self.depth = depth - 1
            return result, i + 1
        while True:
            value: object
            if c == OPEN_ARRAY:
                value, i = self.parse_array(i + 1)
            elif c == OPEN_OBJECT:
                value, i = self.parse_object(i + 1)
            else:
                value, i = self.parse_scalar(i)
            result.append(value)
            c = data[i] if i < end else 0
            if c <= SPACE:
                i = self.skip(i)
                c = data[i] if i < end else 0
            if c == COMMA:
                i += 1
                c = data[i] if i < end else 0
                if c <= SPACE:
                    i = self.skip(i)
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
        result: dict[str, object] = {}
        pairs: list[tuple[str, object]] | None = None
        if self.object_pairs_hook is not None:
            pairs = []
        check_duplicates = self.reject_duplicate_keys
        # c is always data[i] (0 past the end), as in parse_array.
        c: i64 = data[i] if i < end else 0
        if c <= SPACE:
            i = self.skip(i)
            c = data[i] if i < end else 0
        if c != CLOSE_OBJECT:
            while True:
                if c != QUOTE:
                    raise self.missing_item_error(
                        "Expecting property name enclosed in double quotes", i, CLOSE_OBJECT
                    )
                key_at = i
                key, i = self.parse_key(i + 1)
                c = data[i] if i < end else 0
                if c != COLON:
                    i = self.skip(i)
                    c = data[i] if i < end else 0
                    if c != COLON:
                        raise self.error("Expecting ':' delimiter", i)
                i += 1
                c = data[i] if i < end else 0
                if c <= SPACE:
                    i = self.skip(i)
                    c = data[i] if i < end else 0
                value: object
                if c == OPEN_ARRAY:
                    value, i = self.parse_array(i + 1)
                elif c == OPEN_OBJECT:
                    value, i = self.parse_object(i + 1)
                else:
                    value, i = self.parse_scalar(i)
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
                    i = self.skip(i)
                    c = data[i] if i < end else 0
                if c == COMMA:
                    i += 1
                    c = data[i] if i < end else 0
                    if c <= SPACE:
                        i = self.skip(i)
                        c = data[i] if i < end else 0
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

    def parse_key(self, start: i64) -> tuple[str, i64]:
        """An object key whose body starts at start: short plain keys come from the cache."""
        stop = self.scanner.string_stop(self.data, start, self.end)
        if stop < self.end and self.data[stop] == QUOTE:
            return self.scanner.key(self, start, stop), stop + 1
        key, stop = self.parse_string_slowly(start, stop)
        return self.shared_key(key), stop

    # -- entry points ----------------------------------------------------------

    def decode(self) -> object:
        """json's JSONDecoder.decode: one value, whitespace around it, nothing else."""
        # The cyclic GC cannot free anything a parse makes (a tree, referenced until
        # it is returned) but would traverse it over and over as it grows: pause it
        # for large documents. Hooks run with it paused too (json with a hook is
        # as slow as without: the traversals cost the same); a hook's own garbage
        # cycles wait for the end of the parse.
        pause_gc = (
            GC_PAUSE_MIN_BYTES <= self.end
            and PAUSE_GC_ALLOWED
            and gc.isenabled()
        )
        if pause_gc:
            gc.disable()
        try:
            value, i = self.parse_document(self.skip(0))
        except RecursionError as error:
            raise self.recursion_error(error) from None
        finally:
            if pause_gc:
                gc.enable()
        i = self.skip(i)
        if i != self.end:
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


def str_parser(s: str, options: Options) -> Parser:
    """A parser for a str: its bytes when ASCII, else (CPython) its ASCII projection,
    "?" for each other character: cheaper than UTF-8, and it keeps character
    offsets. JSON's structure is ASCII, so the projection parses the same, and
    strings are sliced from s. PyPy stores str as UTF-8: encoding is nearly free
    there, and its "replace" error handler slow."""
    if s.isascii():
        return Parser(s.encode("ascii"), s, True, options)
    if PROJECT_STR:
        return Parser(ascii_projection(s), s, True, options)
    return Parser(s.encode("utf-8", "surrogatepass"), s, False, options)


# Projection chunks: a chunk is one slice of s (a copy) in flight.
PROJECTION_CHUNK: Final = 16384
# bytes.translate table: ASCII kept, every other byte (a Latin-1 character) "?".
NON_ASCII_TO_QUESTION_MARK: Final = bytes(range(128)) + b"?" * 128


def ascii_projection(s: str) -> bytes:
    """s.encode("ascii", "replace"), faster for a str of mostly ASCII text.

    That encoder reads a 2- or 4-byte-kind str a character at a time. Chunk by
    chunk, a slice of ASCII text is a 1-byte-kind str (encoded by a copy), and one
    of Latin-1 text encodes as Latin-1 at copy speed, its non-ASCII bytes then
    turned into "?" by bytes.translate. A str with wider characters all through
    (no gain from chunks) is encoded in one go once two chunks in a row have some.
    """
    n: i64 = len(s)
    if n <= PROJECTION_CHUNK:
        return s.encode("ascii", "replace")
    parts: list[bytes] = []
    start: i64 = 0
    wide: i64 = 0
    chunks: i64 = 0
    while start < n:
        chunk = s[start : start + PROJECTION_CHUNK]
        chunks += 1
        if chunk.isascii():
            parts.append(chunk.encode("ascii"))
        else:
            try:
                parts.append(chunk.encode("latin-1").translate(NON_ASCII_TO_QUESTION_MARK))
            except UnicodeEncodeError:
                wide += 1
                if wide >= 2 and wide * 2 > chunks:
                    return s.encode("ascii", "replace")
                parts.append(chunk.encode("ascii", "replace"))
        start += PROJECTION_CHUNK
    return b"".join(parts)


def decode_str(s: str, options: Options) -> object:
    return str_parser(s, options).decode()


def decode_bytes(data: bytes, options: Options) -> object:
    """json.loads of bytes: UTF-8 (the common case) is parsed as is; UTF-16/32 and
    a UTF-8 BOM are decoded first, as json does."""
    encoding = bytes_encoding(data)
    if encoding != "utf-8":
        return decode_str(data.decode(encoding, "surrogatepass"), options)
    if data.isascii():
        return Parser(data, data.decode("ascii"), True, options).decode()
    # Non-ASCII UTF-8 is validated lazily: every non-ASCII byte is either decoded
    # as part of a string or causes a parse error, and errors decode the whole
    # document first, so invalid UTF-8 still raises json's UnicodeDecodeError.
    return Parser(data, None, False, options).decode()


def bytes_encoding(data: bytes) -> str:
    """json.detect_encoding, with a quick answer for the usual UTF-8 document."""
    n = len(data)
    if n >= 2:
        first = data[0]
        if first != 0 and first != 0xEF and first != 0xFE and first != 0xFF and data[1] != 0:
            return "utf-8"
    return str(json.detect_encoding(data))


def as_document(s: object) -> Union[str, bytes]:
    """The document as str or bytes, with json's TypeError for other types
    (memoryview is accepted as an extension)."""
    if isinstance(s, str):
        if s.startswith("\ufeff"):
            raise JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", s, 0)
        return s
    if isinstance(s, bytes):
        return s
    if isinstance(s, (bytearray, memoryview)):
        return bytes(s)
    raise TypeError(f"the JSON object must be str, bytes or bytearray, not {s.__class__.__name__}")


# --- entry points: the public layer (pyjsonfast, pyjsonfast.decoder) calls these -----------
#
# Options arrive as the user gave them (typed object: anything json accepts must
# get through, and a wrong type must meet our message, not mypyc's).


def _hook(value: object) -> Callable[[Any], Any] | None:
    """A hook as given (json calls whatever it is, and so do we)."""
    return cast("Callable[[Any], Any] | None", value)


def check_max_depth(max_depth: object) -> i64:
    """max_depth as given to loads or JSONDecoder: None (the default) or 0..MAX_DEPTH_LIMIT."""
    if max_depth is None:
        return DEFAULT_MAX_DEPTH
    if not isinstance(max_depth, int) or isinstance(max_depth, bool):
        raise TypeError(f"max_depth must be an int or None, not {type(max_depth).__name__}")
    if not 0 <= max_depth <= MAX_DEPTH_LIMIT:
        raise ValueError(f"max_depth must be between 0 and {MAX_DEPTH_LIMIT}, not {max_depth}")
    return int(max_depth)


def parse_options(
    object_hook: object,
    parse_float: object,
    parse_int: object,
    parse_constant: object,
    strict: object,
    object_pairs_hook: object,
    allow_nan: object,
    reject_duplicate_keys: object,
    max_depth: object,
) -> Options:
    """The Options of JSONDecoder(**keywords); a hook equal to json's default is None."""
    return Options(
        _hook(object_hook),
        None if parse_float is None or parse_float is float else _hook(parse_float),
        None if parse_int is None or parse_int is int else _hook(parse_int),
        None if parse_constant is None or is_default_parse_constant(parse_constant)
        else _hook(parse_constant),
        bool(strict),
        _hook(object_pairs_hook),
        bool(allow_nan),
        bool(reject_duplicate_keys),
        check_max_depth(max_depth),
    )


def is_default_parse_constant(parse_constant: object) -> bool:
    """json's own parse_constant (its constants dict's __getitem__) or ours."""
    return parse_constant is DEFAULT_PARSE_CONSTANT or parse_constant == JSON_PARSE_CONSTANT


# json's default parse_constant, as its JSONDecoder stores it (a bound method:
# equal, not identical, each time it is read).
JSON_PARSE_CONSTANT: Final[object] = getattr(
    getattr(json.decoder, "_CONSTANTS", {}), "__getitem__", None
)
# The type of json's C scanner (json.decoder.JSONDecoder().scan_once), whose
# attributes are the options it captured at construction; None without _json.
C_SCANNER_TYPE: Final[object] = getattr(json.scanner, "c_make_scanner", None)


class CapturedOptions(Protocol):
    """The read-only attributes of json's C scanner."""

    object_hook: object
    parse_float: object
    parse_int: object
    parse_constant: object
    strict: object
    object_pairs_hook: object


def options_from_c_scanner(scanner: object) -> Options | None:
    """The Options of a json.JSONDecoder whose scan_once is json's C scanner (it
    captured the decoder's hooks and strict at __init__, as we must); None when
    scan_once is anything else."""
    if C_SCANNER_TYPE is None or type(scanner) is not C_SCANNER_TYPE:
        return None
    captured = cast(CapturedOptions, scanner)
    return parse_options(
        captured.object_hook,
        captured.parse_float,
        captured.parse_int,
        captured.parse_constant,
        captured.strict,
        captured.object_pairs_hook,
        True,
        False,
        None,
    )


def decode_document(s: object, options: Options) -> object:
    """json.loads(s) with these options: s a str, bytes, bytearray or memoryview."""
    document = as_document(s)
    if isinstance(document, str):
        return decode_str(document, options)
    return decode_bytes(document, options)


def loads_default(s: object) -> object:
    """json.loads(s) with no options: the commonest call, in one step."""
    document = as_document(s)
    if isinstance(document, str):
        return decode_str(document, DEFAULT_OPTIONS)
    return decode_bytes(document, DEFAULT_OPTIONS)


def raw_decode(s: str, idx: int, options: Options) -> tuple[object, int]:
    """json.JSONDecoder.raw_decode(s, idx): the value starting exactly at s[idx]
    (no whitespace skipped) and the index where it ends."""
    if idx < 0:
        raise ValueError("idx cannot be negative")
    if idx > len(s):
        raise JSONDecodeError("Expecting value", s, idx)
    parser = str_parser(s, options)
    if parser.char_offsets:
        value, stop = parser.raw_decode(idx)
        return value, stop
    # The parser reads UTF-8 (PyPy): convert idx to bytes and the end back.
    start = len(s[:idx].encode("utf-8", "surrogatepass"))
    value, stop = parser.raw_decode(start)
    return value, idx + len(parser.data[start:stop].decode("utf-8", "surrogatepass"))
