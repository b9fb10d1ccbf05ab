"""The scanners: the inner loops whose best form differs between builds.

One Scanner is chosen once at import (SCANNER): WordScanner when compiled by
mypyc (in _word_scanner: 8 bytes at a time, typed floats, caches of keys and
of short string values looked up by raw bytes, and keys guessed from the key
that followed the previous one), RegexScanner on uncompiled CPython (C regular
expressions beat interpreted loops), FindScanner on PyPy (in _jit_scanner: no
Python loop on the common path, which its JIT makes costly; bytes.find,
unrolled digits). The parser (_decoder) calls them for strings, object keys
(with the whitespace around them and the colon), whitespace runs, numbers and
floats, and they read the grammar's byte values from here. The base class holds
the grammar of each; a build's scanner overrides a method only with a faster
way to the same result, handing anything unusual (escapes, errors) back to the
base.
"""

from __future__ import annotations

import re
import sys

from ._buffer import COMPILED
from ._numbers import decimal_to_float

if not COMPILED:  # typing at run time only where it runs (see _buffer)
    from typing import Final, final

    from mypy_extensions import i64

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ._decoder import Parser

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

# bytes.translate deletes these and keeps one byte per UTF-8 character.
CONTINUATION_BYTES: Final = bytes(range(0x80, 0xC0))


# The longest array of numbers RegexScanner reads in one match (see number_array).
NUMBER_ARRAY_MAX: Final = 256

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

    def structure_stop(self, data: bytes, i: i64, end: i64) -> i64:
        """The index of the first byte at or after i that is a quote or a bracket
        ('"', '[', ']', '{', '}'; end when there is none): what the stream
        decoder looks for inside an array or object, outside strings."""
        while i < end:
            c: i64 = data[i]
            if c == QUOTE or c == OPEN_ARRAY or c == CLOSE_ARRAY or c == OPEN_OBJECT:
                return i
            if c == CLOSE_OBJECT:
                return i
            i += 1
        return end

    def number_array(self, parser: Parser, i: i64) -> tuple[list[object], i64] | None:
        """An array of numbers only, read whole: its values and the index after
        its ']', where its first number starts at i. None (the parser's own loop
        reads it) for any other array, with hooks, and for every error."""
        return None

    def for_document(self, data: bytes) -> Scanner:
        """The scanner for one parse of data: this one (PyPy's FindScanner makes
        one per parse, the fastest for data)."""
        return self

    def count_newlines(self, data: bytes, start: i64, end: i64) -> i64:
        """How many newline bytes data[start:end] holds."""
        return data.count(b"\n", start, end)

    def count_continuation_bytes(self, data: bytes, start: i64, end: i64) -> i64:
        """How many UTF-8 continuation bytes (0x80-0xBF) data[start:end] holds:
        its length less this is its number of characters."""
        return end - start - len(data[start:end].translate(None, CONTINUATION_BYTES))

    def number(self, parser: Parser, start: i64) -> tuple[object, i64]:
        """json's number grammar at start (a '-' or a digit), with its backtracking:
        '1.' and '1e' end the number before the '.' or 'e'; a '-' without a digit
        is the parser's (-Infinity or an error)."""
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
            return parser.parse_minus(start)
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

    def string(self, parser: Parser, start: i64) -> tuple[str, i64]:
        """The string whose body starts at start (after its opening quote), and
        the index after its closing quote."""
        data = parser.data
        end = parser.end
        stop = self.string_stop(data, start, end)
        if stop < end and data[stop] == QUOTE:
            return parser.chunk(start, stop), stop + 1
        return parser.parse_string_slowly(start, stop)

    def object_key(self, parser: Parser, i: i64) -> tuple[str, i64, i64]:
        """The object key at i (after whitespace), where its opening quote is, and
        the index after the colon and whitespace that follow it: the value's."""
        data = parser.data
        end = parser.end
        c: i64 = data[i] if i < end else 0
        if c <= SPACE:
            i = self.skip_whitespace(data, i, end)
            c = data[i] if i < end else 0
        if c != QUOTE:
            raise parser.missing_item_error(
                "Expecting property name enclosed in double quotes", i, CLOSE_OBJECT
            )
        key_at = i
        start = i + 1
        stop = self.string_stop(data, start, end)
        if stop < end and data[stop] == QUOTE:
            key = self.key(parser, start, stop)  # short plain keys come from the cache
            i = stop + 1
        else:
            key, i = parser.parse_string_slowly(start, stop)
            key = self.escaped_key(parser, key)
            # A key running past a windowed parse's window has grown it.
            data = parser.data
            end = parser.end
        c = data[i] if i < end else 0
        if c != COLON:
            i = self.skip_whitespace(data, i, end)
            c = data[i] if i < end else 0
            if c != COLON:
                raise parser.error("Expecting ':' delimiter", i)
        i += 1
        if i < end and data[i] <= SPACE:
            i = self.skip_whitespace(data, i, end)
        return key, key_at, i

    def key(self, parser: Parser, start: i64, stop: i64) -> str:
        """The key whose text (no escapes) is data[start:stop]: one object per
        distinct key within a document, as json's memo gives."""
        return parser.shared_key(parser.chunk(start, stop))

    def escaped_key(self, parser: Parser, key: str) -> str:
        """The object for key, read with escapes: the one key() gives its text."""
        return parser.shared_key(key)

    def float_value(
        self, parser: Parser, start: i64, stop: i64, mantissa: i64, exp10: i64, exact: bool
    ) -> float:
        """The float written as data[start:stop] (mantissa * 10**exp10 when exact):
        by Eisel-Lemire when it decides, else by float() (PyPy's scanner
        always calls float(): see _jit_scanner)."""
        if exact:
            value = decimal_to_float(mantissa, exp10)
            if value >= 0.0:
                if parser.data[start] == MINUS:
                    return -value
                return value
        return float(parser.chunk(start, stop))


@final
class RegexScanner(Scanner):
    """Uncompiled CPython: re's C loops beat an interpreted byte loop."""

    def __init__(self) -> None:
        self.plain_run = re.compile(b'[^"\\\\\x00-\x1f]*')
        # A plain string's body and closing quote; a plain key (group 1) with
        # the whitespace around it and its colon: one match per string or key.
        self.plain_string = re.compile(b'[^"\\\\\x00-\x1f]*"')
        self.plain_key = re.compile(b'[ \t\n\r]*"([^"\\\\\x00-\x1f]*)"[ \t\n\r]*:[ \t\n\r]*')
        self.whitespace_run = re.compile(b"[ \t\n\r]*")
        self.structure_free_run = re.compile(b'[^"\\[\\]{}]*')
        # json's NUMBER_RE, for bytes.
        self.number_match = re.compile(b"(-?(?:0|[1-9][0-9]*))(\\.[0-9]+)?([eE][-+]?[0-9]+)?")
        # An array of numbers only, all with a fraction or an exponent or all
        # without, up to its ']': one match, then float() or int() of each piece
        # (float() and int() skip the whitespace around them, as the array does).
        # At most NUMBER_ARRAY_MAX numbers: re's time per number grows with the
        # repetition's length (1,000 numbers 0.2 us each, 100,000 0.5 us, a
        # million 1.3 us), and a longer array is read by the loop anyway.
        integer = b"-?(?:0|[1-9][0-9]*)"
        floating = integer + b"(?:\\.[0-9]+(?:[eE][-+]?[0-9]+)?|[eE][-+]?[0-9]+)"
        array = b"(%s(?:[ \t\n\r]*,[ \t\n\r]*%s){0,%d})[ \t\n\r]*\\]"
        self.float_array = re.compile(array % (floating, floating, NUMBER_ARRAY_MAX - 1))
        self.integer_array = re.compile(array % (integer, integer, NUMBER_ARRAY_MAX - 1))

    def number_array(self, parser: Parser, i: i64) -> tuple[list[object], i64] | None:
        # canada's coordinate pairs: 9% of its loads (a call and a match per number).
        if parser.parse_float is not None or parser.parse_int is not None:
            return None
        values: list[object]
        found = self.float_array.match(parser.data, i)
        if found is not None:
            values = list(map(float, found.group(1).split(b",")))
            return values, found.end()
        found = self.integer_array.match(parser.data, i)
        if found is not None:
            values = list(map(int, found.group(1).split(b",")))
            return values, found.end()
        return None

    def number(self, parser: Parser, start: i64) -> tuple[object, i64]:
        found = self.number_match.match(parser.data, start)
        if found is None:
            return parser.parse_minus(start)
        stop: i64 = found.end()
        # float() and int() read the matched ASCII bytes as they read its str
        # (int()'s digit limit and its message included); hooks get the str.
        if found.lastindex != 1:  # a fraction or an exponent (group 2 or 3) matched
            parse_float = parser.parse_float
            if parse_float is None:
                return float(found.group()), stop
            return parse_float(parser.chunk(start, stop)), stop
        parse_int = parser.parse_int
        if parse_int is None:
            return int(found.group()), stop
        return parse_int(parser.chunk(start, stop)), stop

    def string(self, parser: Parser, start: i64) -> tuple[str, i64]:
        # One match for a plain string and its closing quote, sliced inline.
        found = self.plain_string.match(parser.data, start)
        if found is None:
            return Scanner.string(self, parser, start)
        stop: i64 = found.end()
        text = parser.text
        if parser.char_offsets and text is not None:
            return text[start : stop - 1], stop
        return parser.chunk(start, stop - 1), stop  # UTF-8 bytes: decoded

    def object_key(self, parser: Parser, i: i64) -> tuple[str, i64, i64]:
        # One match for the whitespace, the key, its colon and the whitespace up
        # to the value; anything else (escapes, errors) as every build does it.
        found = self.plain_key.match(parser.data, i)
        if found is None:
            return Scanner.object_key(self, parser, i)
        start, stop = found.span(1)
        text = parser.text
        if parser.char_offsets and text is not None:
            key = text[start:stop]
        else:
            key = parser.chunk(start, stop)  # UTF-8 bytes: decoded
        return parser.memo.setdefault(key, key), start - 1, found.end()

    def key(self, parser: Parser, start: i64, stop: i64) -> str:
        # chunk and shared_key inline: two interpreted calls fewer per key.
        text = parser.text
        if parser.char_offsets and text is not None:
            key = text[start:stop]
            return parser.memo.setdefault(key, key)
        return parser.shared_key(parser.chunk(start, stop))

    def string_stop(self, data: bytes, i: i64, end: i64) -> i64:
        found = self.plain_run.match(data, i)
        assert found is not None  # the pattern matches the empty string
        return found.end()

    def skip_whitespace(self, data: bytes, i: i64, end: i64) -> i64:
        if i + 1 < end and data[i] == SPACE and data[i + 1] > SPACE:
            return i + 1  # one space, as after ", " (the parser calls only on whitespace)
        found = self.whitespace_run.match(data, i)
        assert found is not None
        return found.end()

    def structure_stop(self, data: bytes, i: i64, end: i64) -> i64:
        found = self.structure_free_run.match(data, i)
        assert found is not None
        return found.end()


def choose_scanner() -> Scanner:
    if COMPILED:
        # Its own module (compiled), imported only here: it builds on Scanner.
        from ._word_scanner import WordScanner

        return WordScanner()
    if sys.implementation.name == "cpython":
        return RegexScanner()
    # PyPy: its own module (never compiled), imported only here.
    from ._jit_scanner import jit_scanner

    return jit_scanner()


SCANNER: Final[Scanner] = choose_scanner()
