"""Scalars into the writer's buffer: JSON strings (escaped as json escapes them),
ints, and null, true and false.

Where the builds want different tricks, a Final flag set at import picks the
helper: compiled, strings are escaped character by character or 8 bytes at a
time straight into the buffer (wide text without ensure_ascii is searched 4
characters at a time as UTF-16, then written whole or by json's C helper) and
small ints written digit by digit; pure, json's
own string escapers (C on CPython, native on PyPy) and str() do it whole.
"""

from __future__ import annotations

import json.encoder as _json_encoder
import sys

from ._buffer import COMPILED, StringWriter, read_i64_le
from ._words import BACKSLASHES, HIGH_BITS, ONES, QUOTES, SPACES, lowest_flagged_byte

if not COMPILED:  # typing at run time only where it runs (see _buffer)
    from typing import Callable, Final, Optional, cast, final

    from mypy_extensions import i32, i64

__all__ = [
    "CONSTANTS_BY_CHAR",
    "StringsSeen",
    "digit_count",
    "int_key_text",
    "int_text",
    "quoted",
    "str_text",
    "utf8_text",
    "write_digit_block",
    "write_false",
    "write_int",
    "write_int_subclass",
    "write_null",
    "write_quoted",
    "write_quoted_subclass",
    "write_true",
]

# Compiled code escapes character by character straight into the buffer; an
# interpreted char loop is slow, so the pure build escapes a whole string at once
# with json's own helpers (C on CPython, native on PyPy).
_ESCAPE_BY_CHAR_LOOP: Final[bool] = COMPILED
# What json writes for an instance of a str or int subclass: the built-in's own
# text, whatever the subclass overrides. Held here, the slot wrappers are called
# directly (compiled, str.__str__(o) looks the method up on str at every call).
str_text: Final[Callable[[str], str]] = str.__str__
int_text: Final[Callable[[int], str]] = int.__repr__
_quote_ascii: Final[Callable[[str], str]] = _json_encoder.encode_basestring_ascii
_quote_unicode: Final[Callable[[str], str]] = _json_encoder.encode_basestring
# PyPy's json has its native escaper unquoted (from _pypyjson); its
# encode_basestring_ascii adds the quotes by two concatenations, two copies of
# the text, which writing them to the buffer avoids. None elsewhere.
_raw_quote_ascii: Final[Optional[Callable[[str], str]]] = getattr(
    _json_encoder, "raw_encode_basestring_ascii", None
)
# Compiled too, json's C helper takes over a string's non-ASCII rest (when at
# least this long) with ensure_ascii: its \\u escapes beat six appends each.
_c_quote_ascii: Final[Optional[Callable[[str], str]]] = getattr(
    _json_encoder, "c_encode_basestring_ascii", None
)
_BULK_ESCAPE_MIN_LEN: Final[i64] = 4
# Without ensure_ascii, json's C helper takes over the rest of a string read a
# character at a time (not ASCII, or short) once this many escapes are written
# (a JSON text as a string value, say, its every quote escaped): there, each
# escape costs a slice of the text before it (twitter.json as one string value:
# 3.4 ms, against 1.9 ms with the helper).
_c_quote_unicode: Final[Optional[Callable[[str], str]]] = getattr(
    _json_encoder, "c_encode_basestring", None
)
_ESCAPES_BEFORE_BULK: Final[i64] = 8
# Compiled, calling the method descriptor costs half of s.isascii() (a method lookup).
_is_ascii: Final[Callable[[str], bool]] = str.isascii

# A run keeps the quoted text of non-ASCII strings json's C helper quoted for it
# (ensure_ascii), up to this many characters in all: documents repeat such
# strings (a retweet holds its tweet's text), and the helper is the dearest
# part of writing them.
_QUOTED_CACHE_CHARS: Final[i64] = 1 << 17
# A run stops looking texts up once its misses outnumber its hits by this many:
# text that never repeats (Japanese sentences, say) pays a hash and a lookup
# for nothing, 5-10 % of its writing; twitter.json's 370 hits and 385 misses
# fall behind by 67 at most.
_QUOTED_CACHE_MISS_ALLOWANCE: Final[i64] = 256


# Without ensure_ascii, a run stops searching wide text for escapes (see
# _write_escaped_unicode) once the searches have cost more than they saved,
# by about this many characters' worth: a search saves json's C helper about
# a character of work per character when there is nothing to escape, and
# wastes about a character per character plus a fixed cost (the encode call)
# when there is (the helper then runs anyway).
_ESCAPE_SEARCH_ALLOWANCE: Final[i64] = 2048
_ESCAPE_SEARCH_FIXED_COST: Final[i64] = 100


@final
class StringsSeen:
    """What one encoding run has learnt from the strings it wrote: with
    ensure_ascii, the quoted text of non-ASCII strings (a cache); without,
    whether searching wide text for escapes pays."""

    def __init__(self) -> None:
        self.texts: Optional[dict[str, str]] = None  # made when first needed
        self.room: i64 = _QUOTED_CACHE_CHARS
        self.cache_credit: i64 = _QUOTED_CACHE_MISS_ALLOWANCE  # hits less misses, plus that
        # Characters the searches saved less what they cost, plus the allowance.
        self.search_credit: i64 = _ESCAPE_SEARCH_ALLOWANCE


def _write_c_quoted(buf: StringWriter, s: str, seen: Optional[StringsSeen]) -> None:
    """json's C helper's quoting of s (not ASCII; the helper exists), kept in seen's cache."""
    quote = _c_quote_ascii
    if quote is None:  # (callers check)
        raise AssertionError("json's C helper is missing")
    if seen is None or seen.cache_credit <= 0:
        buf.write(quote(s))
        return
    texts = seen.texts
    if texts is None:
        texts = {}
        seen.texts = texts
    text = texts.get(s)
    if text is None:
        seen.cache_credit -= 1
        text = quote(s)
        room = seen.room - len(text)
        if room >= 0:
            texts[s] = text
            seen.room = room
    else:
        seen.cache_credit += 1
    buf.write(text)


# What follows the backslash of each ASCII character's escape as json writes
# it: a letter ('"', '\\', b, f, n, r, t), or 0 for \\u00xx (the other control
# characters, and DEL with ensure_ascii; DEL is plain without). The characters
# that need no escape have 0 too, but are never looked up.
_SHORT_ESCAPES: Final[bytes] = bytes(
    {0x22: 0x22, 0x5C: 0x5C, 8: 0x62, 12: 0x66, 10: 0x6E, 13: 0x72, 9: 0x74}.get(c, 0)
    for c in range(128)
)


# --- string escaping ------------------------------------------------------------


def _hex_digit(d: i64) -> i32:
    """The code of hex digit d (0-15), lower case as json writes it.

    (i32, as StringWriter.append takes: given an i64, mypyc falls back to a
    generic method call.)"""
    return i32(d + 48 if d < 10 else d + 87)


def _write_u_escape(buf: StringWriter, c: i64) -> None:
    """\\uxxxx, one append per character: cheaper than a table of strings,
    whose entries scatter over memory."""
    buf.append(92)  # \\
    buf.append(117)  # u
    buf.append(_hex_digit(c >> 12))
    buf.append(_hex_digit((c >> 8) & 15))
    buf.append(_hex_digit((c >> 4) & 15))
    buf.append(_hex_digit(c & 15))


# Plain runs up to this long are copied char by char; a slice costs more.
_SHORT_RUN: Final[i64] = 12

# Strings at least this long are first scanned 8 bytes at a time (when ASCII).
_WORD_SCAN_MIN_LEN: Final[i64] = 16
# 0x7F in every byte: a word's bytes without their top bits.
_LOW_BITS: Final[i64] = ~HIGH_BITS


def _ascii_bytes(s: str) -> Optional[bytes]:
    """s encoded, when s is ASCII; None otherwise."""
    if not _is_ascii(s):
        return None
    return s.encode("utf-8")  # (a plain copy for ASCII)


def _write_run(buf: StringWriter, s: str, start: i64, end: i64) -> None:
    """Write s[start:end]."""
    if end - start <= _SHORT_RUN:
        while start < end:
            buf.append(ord(s[start]))
            start += 1
    else:
        buf.write(s[start:end])


def _write_byte_run(buf: StringWriter, s: str, data: bytes, start: i64, end: i64) -> None:
    """Write s[start:end], where data[k] == ord(s[k]) (reading bytes is cheaper)."""
    if end - start <= _SHORT_RUN:
        while start < end:
            buf.append(data[start])
            start += 1
    else:
        buf.write(s[start:end])


def _write_escape(buf: StringWriter, c: i64) -> None:
    """The escape of ASCII character c (one json escapes): a backslash and a
    letter, or \\u00xx."""
    letter: i64 = _SHORT_ESCAPES[c]
    if letter != 0:
        buf.append(92)  # \\
        buf.append(i32(letter))
    else:
        _write_u_escape(buf, c)


def _write_rest_and_close(buf: StringWriter, s: str, start: i64, n: i64) -> None:
    """The plain text after the last escape (all of s if none) and the closing quote."""
    if start == 0:
        buf.write(s)
    elif start < n:
        _write_run(buf, s, start, n)
    buf.append(34)


def _write_escaped_bytes(buf: StringWriter, s: str, data: bytes, flag_del: bool) -> None:
    """s escaped + '"', scanning its bytes data 8 at a time: s is ASCII and
    data its encoding, or s holds one byte of UTF-8 data per character (utf8
    output); either way data[k] == ord(s[k]). flag_del: whether DEL is escaped
    (ensure_ascii; s is then ASCII)."""
    n: i64 = len(data)
    start: i64 = 0
    i: i64 = 0
    # The masks as locals: module-level i64 constants are reloaded and checked
    # on every use.
    ones: i64 = ONES
    spaces = SPACES
    quotes = QUOTES
    backslashes = BACKSLASHES
    high_bits = HIGH_BITS
    low_bits = _LOW_BITS  # 0x7F in every byte
    dels: i64 = -1 if flag_del else 0  # keeps the DEL test's bits or none
    # Whether any byte of a word w is a control byte, '"' or '\\', or DEL when
    # flagged: tested on x, w without its bytes' high bits (x >= 0, so no
    # subtraction leaves the i64 range), then bytes >= 0x80 (UTF-8's, in utf8
    # output) dropped by ~w. The lowest byte flagged is one to escape, or (in
    # utf8 output) one after a byte >= 0x80 whose borrow flagged it: each
    # flagged byte is checked.
    # First 16 bytes at a time (two words, one test) while all are plain.
    # With flag_del, data is ASCII (no byte has its high bit): the tests run on
    # the words as they are, with DEL a zero byte of w ^ 0x7F..7F.
    while flag_del and i + 16 <= n:
        w = read_i64_le(data, i)
        w2 = read_i64_le(data, i + 8)
        found = (w - spaces) | ((w ^ quotes) - ones) | ((w ^ backslashes) - ones)
        found |= (w2 - spaces) | ((w2 ^ quotes) - ones) | ((w2 ^ backslashes) - ones)
        if (found | ((w ^ low_bits) - ones) | ((w2 ^ low_bits) - ones)) & high_bits != 0:
            break
        i += 16
    while not flag_del and i + 16 <= n:
        w = read_i64_le(data, i)
        x = w & low_bits
        found = (x - spaces) | ((x ^ quotes) - ones) | ((x ^ backslashes) - ones)
        found = (found | (((x ^ low_bits) - ones) & dels)) & ~w
        w2 = read_i64_le(data, i + 8)
        x2 = w2 & low_bits
        found2 = (x2 - spaces) | ((x2 ^ quotes) - ones) | ((x2 ^ backslashes) - ones)
        found2 = (found2 | (((x2 ^ low_bits) - ones) & dels)) & ~w2
        if (found | found2) & high_bits != 0:
            break
        i += 16
    # Then from one flagged byte to the next (the last 7 bytes one by one).
    while i < n:
        if i + 8 <= n:
            w = read_i64_le(data, i)
            x = w & low_bits
            found = (x - spaces) | ((x ^ quotes) - ones) | ((x ^ backslashes) - ones)
            found = (found | (((x ^ low_bits) - ones) & dels)) & ~w & high_bits
            if found == 0:
                i += 8
                continue
            i += lowest_flagged_byte((found >> 7) & ones)
        c: i64 = data[i]
        if c < 0x20 or c == 34 or c == 92 or (c == 0x7F and flag_del):
            if i > start:
                _write_byte_run(buf, s, data, start, i)
            _write_escape(buf, c)
            i += 1
            # Escapes come in runs too ("\\r\\n", "\\\\"): the bytes right
            # after one are checked one by one, without a word.
            while i < n:
                c = data[i]
                if not (c < 0x20 or c == 34 or c == 92 or (c == 0x7F and flag_del)):
                    break
                _write_escape(buf, c)
                i += 1
            start = i
        else:
            i += 1
    _write_rest_and_close(buf, s, start, n)


def _write_escaped_ascii(buf: StringWriter, s: str, seen: Optional[StringsSeen]) -> None:
    """'"' + s escaped with only ASCII output + '"', runs of plain text copied whole;
    seen: where non-ASCII strings' quoted text is kept."""
    n: i64 = len(s)
    start: i64 = 0
    i: i64 = 0
    if n >= _WORD_SCAN_MIN_LEN:
        if _is_ascii(s):
            buf.append(34)
            _write_escaped_bytes(buf, s, s.encode("utf-8"), True)
            return
        if _c_quote_ascii is not None:
            _write_c_quoted(buf, s, seen)
            return
    # Up to the first character to escape, nothing is written: with none, s as
    # is; when it is non-ASCII (text in another script, mostly \\u escapes from
    # there on), json's C helper quotes the whole of s at once.
    while i < n:
        c0: i64 = ord(s[i])
        if 0x20 <= c0 < 0x7F and c0 != 34 and c0 != 92:
            i += 1
        else:
            break
    if i == n:
        buf.append(34)
        buf.write(s)
        buf.append(34)
        return
    if _c_quote_ascii is not None and ord(s[i]) >= 0x80 and n - i >= _BULK_ESCAPE_MIN_LEN:
        _write_c_quoted(buf, s, seen)
        return
    buf.append(34)
    while i < n:
        c: i64 = ord(s[i])
        if 0x20 <= c < 0x7F and c != 34 and c != 92:
            i += 1
            continue
        if i > start:
            _write_run(buf, s, start, i)
        if c < 0x80:
            _write_escape(buf, c)
        elif n - i >= _BULK_ESCAPE_MIN_LEN and _c_quote_ascii is not None:
            # Non-ASCII text: mostly \\u escapes from here on, which json's C
            # helper writes several times faster than appends can.
            quoted = _c_quote_ascii(s[i:] if i > 0 else s)
            buf.write(quoted[1:])  # the rest and the closing quote
            return
        elif c < 0x10000:
            _write_u_escape(buf, c)
        else:
            c -= 0x10000
            _write_u_escape(buf, 0xD800 | ((c >> 10) & 0x3FF))
            _write_u_escape(buf, 0xDC00 | (c & 0x3FF))
        i += 1
        start = i
    _write_rest_and_close(buf, s, start, n)


# Wide text without ensure_ascii is searched as UTF-16 where "utf-16" encodes
# little-endian, as read_i64_le reads (the native order, after a BOM).
_UTF16_WORDS: Final[bool] = sys.byteorder == "little"
# UTF-16 code units, 4 to a word: masks for _has_utf16_backslash_or_control.
_UNIT_LOW_BITS: Final[i64] = 0x007F007F007F007F  # each unit's low 7 bits
_UNIT_HIGH_BITS: Final[i64] = 0x01FF01FF01FF01FF  # the other 9, shifted down by 7
_UNIT_FLAGS: Final[i64] = 0x0080008000800080  # bit 7 of each unit
_UNIT_CONTROLS: Final[i64] = 0x0060006000600060  # 0x80 - 0x20
_UNIT_BACKSLASHES: Final[i64] = 0x005C005C005C005C
_UNIT_ANY_HIGH: Final[i64] = 0x3FFF3FFF3FFF3FFF  # bit 14 set by any of the 9 bits


def _has_utf16_backslash_or_control(units: bytes) -> bool:
    """Whether a backslash or a control character is in units (what json escapes
    without ensure_ascii, but for '"', which the caller finds first by a C
    search): text of 4 characters or more encoded "utf-16" (a BOM, then native
    little-endian units; lone surrogates passed: str.encode's fast path, where
    "utf-16-le" is looked up by name, 3 times the cost for 120 characters).
    Exact, 4 units a word: a unit's low 7 bits and its other bits are tested
    apart, so that no sum carries out of a unit or passes 2**63."""
    n: i64 = len(units)
    low_bits = _UNIT_LOW_BITS
    high_bits = _UNIT_HIGH_BITS
    flags = _UNIT_FLAGS
    controls = _UNIT_CONTROLS
    backslashes = _UNIT_BACKSLASHES
    any_high = _UNIT_ANY_HIGH
    i: i64 = 2  # after the BOM
    while True:
        if i > n - 8:
            i = n - 8  # the last word, again in part: the test is exact
        w = read_i64_le(units, i)
        low = w & low_bits
        # Bit 7 of a unit: set in (low + 0x60) when low >= 0x20, in (low ^ 0x5C)
        # + 0x7F when low != 0x5C, and in wide when the unit is 0x80 or more.
        wide = (((w >> 7) & high_bits) + any_high) >> 7
        plain = (low + controls) & ((low ^ backslashes) + low_bits)
        if ~(plain | wide) & flags != 0:
            return True
        if i == n - 8:
            return False
        i += 8


def _write_escaped_unicode(
    buf: StringWriter, s: str, utf8: bool, seen: Optional[StringsSeen]
) -> None:
    """'"' + s with only '"', '\\' and control characters escaped + '"'; utf8: in
    UTF-8, one character per byte. seen: whether searching wide text pays."""
    n: i64 = len(s)
    start: i64 = 0
    i: i64 = 0
    if n >= _WORD_SCAN_MIN_LEN:
        data = _utf8_bytes(s, s) if utf8 else _ascii_bytes(s)
        if data is not None:
            buf.append(34)
            text = s if len(data) == n else data.decode("latin-1")
            _write_escaped_bytes(buf, text, data, False)
            return
        if _UTF16_WORDS and _c_quote_unicode is not None:
            # Text not ASCII, into str: written whole when nothing in it is
            # escaped, else quoted by json's C helper (a copy of the text per
            # escape, by runs, costs more). A quote is looked for first (a C
            # search: JSON texts as values are full of them), then anything
            # to escape 4 characters at a time in UTF-16 (a C copy for most
            # text; a character at a time costs 3 times as much), while these
            # searches pay: where most strings hold a line break (multi-line
            # Japanese text, say), a run would pay for the search and the
            # helper both.
            to_helper = '"' in s or (seen is not None and seen.search_credit <= 0)
            if not to_helper:
                to_helper = _has_utf16_backslash_or_control(s.encode("utf-16", "surrogatepass"))
                if seen is not None:
                    seen.search_credit += -n - _ESCAPE_SEARCH_FIXED_COST if to_helper else n
            if to_helper:
                buf.write(_c_quote_unicode(s))
                return
            i = n  # nothing to escape: written whole below
    # Up to the first character to write otherwise, nothing is written: with
    # none (most short strings), s as is.
    plain_below: i64 = 0x80 if utf8 else 0x110000
    while i < n:
        c0: i64 = ord(s[i])
        if 0x20 <= c0 < plain_below and c0 != 34 and c0 != 92:
            i += 1
        else:
            break
    buf.append(34)
    if i == n:
        buf.write(s)
        buf.append(34)
        return
    escapes: i64 = 0
    while i < n:
        c: i64 = ord(s[i])
        if c >= 0x20 and c != 34 and c != 92:
            if c >= 0x80 and utf8:
                # The rest in UTF-8, one character per byte, by the byte loop.
                if i > start:
                    _write_run(buf, s, start, i)
                data = _utf8_bytes(s[i:], s)
                _write_escaped_bytes(buf, data.decode("latin-1"), data, False)
                return
            i += 1
            continue
        if i > start:
            _write_run(buf, s, start, i)
        escapes += 1
        if escapes > _ESCAPES_BEFORE_BULK and not utf8 and _c_quote_unicode is not None:
            # So many escapes in text read a character at a time (wide, or
            # short): json's C helper writes the rest faster (its opening
            # quote cut, as this one is written).
            buf.write(_c_quote_unicode(s[i:])[1:])
            return
        _write_escape(buf, c)
        i += 1
        start = i
    _write_rest_and_close(buf, s, start, n)


def _utf8_bytes(s: str, whole: str) -> bytes:
    """s, the end of whole, in UTF-8; a lone surrogate raises utf8_text's error for whole."""
    try:
        return s.encode("utf-8")
    except UnicodeEncodeError as e:
        skipped = len(whole) - len(s)
        raise _surrogate_error(whole, e.start + skipped, e.end + skipped) from None


def utf8_text(s: str) -> str:
    """s's UTF-8 encoding, one character per byte (how utf8 output holds text:
    the buffer stays one byte per character and ends as bytes by a plain copy).
    A lone surrogate has no UTF-8 form: UnicodeEncodeError, saying so."""
    try:
        data = s.encode("utf-8")
    except UnicodeEncodeError as e:
        raise _surrogate_error(s, e.start, e.end) from None
    if len(data) == len(s):
        return s  # ASCII, its own encoding: no second copy (str.isascii() is a method call)
    return data.decode("latin-1")


def _surrogate_error(s: str, start: int, end: int) -> UnicodeEncodeError:
    return UnicodeEncodeError(
        "utf-8",
        s,
        start,
        end,
        "a lone surrogate cannot be written as UTF-8 (ensure_ascii=True escapes it)",
    )


# Digits by fixed-point arithmetic (no division on the chain from one digit to
# the next): for v < 10**count, v * ceil(2**57 / 10**(count - 1)) holds
# v / 10**(count - 1) with 57 fraction bits; each digit is the integer part,
# and the fraction times 10 makes the next. The rounding up adds under
# 10**count / 2**57, which stays below the 10**-(count - 1) every digit has to
# spare while 10**(2*count - 1) < 2**57: exact for count <= 9. No step leaves
# the i64 range (all stay below 10 * 2**57 + 10**9).
_FRACTION_BITS: Final = 57
_FRACTION_MASK: Final[i64] = (1 << 57) - 1
_DIGIT_BLOCK_MAX: Final = 9
# ceil(2**57 / 10**k) for k = 0..8, as 8-byte little-endian values (read_i64_le:
# a list would hold boxed ints, converted at every read).
_RECIPROCALS: Final[bytes] = b"".join(
    ((1 << _FRACTION_BITS) // 10**k + 1).to_bytes(8, "little") for k in range(_DIGIT_BLOCK_MAX)
)


def write_digit_block(buf: StringWriter, v: i64, count: i64, dot_before: i64) -> None:
    """Write 0 <= v < 10**count as count digits, zero padded (1 <= count <= 9),
    with '.' before digit dot_before when 0 <= dot_before < count."""
    y = v * read_i64_le(_RECIPROCALS, (count - 1) << 3)
    i: i64 = 0
    while True:
        if i == dot_before:
            buf.append(46)  # .
        buf.append(i32(48 + (y >> _FRACTION_BITS)))  # i32: see _hex_digit
        i += 1
        if i == count:
            return
        y = (y & _FRACTION_MASK) * 10


def digit_count(v: i64) -> i64:
    """How many digits 0 <= v < 10**18 has (1 for 0)."""
    n: i64 = 1
    power: i64 = 10
    while power <= v and n < 18:
        n += 1
        power *= 10
    return n


# Compiled, small ints are written digit by digit: cheaper than str(), which
# makes a str object to copy; interpreted, str() wins.
_INTS_BY_DIGITS: Final[bool] = COMPILED
_SMALL_INT_LIMIT: Final = 10**18  # two digit blocks


def _write_small_int(buf: StringWriter, v: i64) -> None:
    """Write v, |v| < 10**18."""
    if v < 0:
        buf.append(45)  # -
        v = -v
    if v < 1000000000:
        write_digit_block(buf, v, digit_count(v), -1)
    else:
        high = v // 1000000000
        write_digit_block(buf, high, digit_count(high), -1)
        write_digit_block(buf, v - high * 1000000000, 9, -1)


def write_int(buf: StringWriter, o: object) -> None:
    """Write exact int o."""
    if _INTS_BY_DIGITS:
        n = cast(int, o)
        if -_SMALL_INT_LIMIT < n < _SMALL_INT_LIMIT:
            _write_small_int(buf, n)
            return
    buf.write(str(o))


def int_key_text(o: int) -> str:
    """The text of int key o (exact, or a subclass's instance: int's own digits)."""
    if type(o) is int:
        return str(o)  # (compiled, a call of int.__repr__ costs a method-wrapper)
    if _INTS_BY_DIGITS:
        try:
            return str(i64(o))  # the stored value (see write_int_subclass)
        except ValueError:
            pass
    return int_text(o)


def write_int_subclass(buf: StringWriter, o: int) -> None:
    """Write o, an instance of an int subclass (an IntEnum member, say): int's
    own digits, whatever the subclass overrides, as json writes them."""
    if _INTS_BY_DIGITS:
        # Compiled, i64() reads the stored value (no method of o's runs, where a
        # comparison of an unboxed big value could call o's own); beyond i64
        # it raises, and int.__repr__ writes the digits.
        try:
            v = i64(o)
        except ValueError:
            v = _SMALL_INT_LIMIT
        if -_SMALL_INT_LIMIT < v < _SMALL_INT_LIMIT:
            _write_small_int(buf, v)
            return
    buf.write(int_text(o))


def write_quoted(
    buf: StringWriter, s: str, ensure_ascii: bool, utf8: bool, seen: Optional[StringsSeen]
) -> None:
    """Write s as a JSON string; s must be an exact str. utf8: the buffer holds
    UTF-8 output, one character per byte (ensure_ascii output is the same).
    seen: the run's StringsSeen, if any (used compiled)."""
    if _ESCAPE_BY_CHAR_LOOP:
        if ensure_ascii:
            _write_escaped_ascii(buf, s, seen)
        else:
            _write_escaped_unicode(buf, s, utf8, seen)
    elif ensure_ascii:
        raw_quote = _raw_quote_ascii
        if raw_quote is None:
            buf.write(_quote_ascii(s))
        else:
            buf.write('"')
            buf.write(raw_quote(s))
            buf.write('"')
    elif utf8:
        buf.write(_utf8_quoted(s))
    else:
        buf.write(_quote_unicode(s))


def write_quoted_subclass(
    buf: StringWriter, s: str, ensure_ascii: bool, utf8: bool, seen: Optional[StringsSeen]
) -> None:
    """Write s, an instance of a str subclass (a StrEnum member, say), as a JSON
    string: by json's C helper where it exists, as json's encoders do (it reads
    the text itself, whatever the subclass overrides); else as write_quoted does
    an exact copy of the text."""
    if ensure_ascii and _c_quote_ascii is not None:
        buf.write(_c_quote_ascii(s))
    elif not ensure_ascii and not utf8 and _c_quote_unicode is not None:
        buf.write(_c_quote_unicode(s))
    else:
        write_quoted(buf, str_text(s), ensure_ascii, utf8, seen)


def _utf8_quoted(s: str) -> str:
    """json's quoting of s, in UTF-8 (one character per byte), for the pure build;
    a lone surrogate raises utf8_text's error for s."""
    try:
        return _quote_unicode(s).encode("utf-8").decode("latin-1")
    except UnicodeEncodeError:
        pass
    return utf8_text(s)  # raises


# null, true and false: compiled, appends (inline stores) beat a write (a call
# into librt); interpreted, the writer writes them whole (no helper call).
CONSTANTS_BY_CHAR: Final[bool] = COMPILED


def write_null(buf: StringWriter) -> None:
    buf.append(110)  # n
    buf.append(117)  # u
    buf.append(108)  # l
    buf.append(108)  # l


def write_true(buf: StringWriter) -> None:
    buf.append(116)  # t
    buf.append(114)  # r
    buf.append(117)  # u
    buf.append(101)  # e


def write_false(buf: StringWriter) -> None:
    buf.append(102)  # f
    buf.append(97)  # a
    buf.append(108)  # l
    buf.append(115)  # s
    buf.append(101)  # e


def quoted(s: str, ensure_ascii: bool, utf8: bool) -> str:
    buf = StringWriter()
    write_quoted(buf, s, ensure_ascii, utf8, None)
    return buf.getvalue()
