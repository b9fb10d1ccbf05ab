"""The word-at-a-time and 128-bit arithmetic on inputs at the edges of i64.

mypyc compiles i64 arithmetic to plain C on int64_t, where a signed overflow (or
a left shift into the sign bit) is undefined behaviour, so that code is written
never to leave the i64 range. These tests drive each such function with the
words that come closest: bytes >= 0x80 (words with the sign bit set, down to
0x80 followed by zeros), all-0xFF words, the largest mantissas and products.
Each result is checked against a plain reference. Compiled under the sanitizers
session (UBSan built with -fno-wrapv, so that CPython's -fwrapv does not switch
the check off), any signed overflow on the way aborts the run; interpreted, the
same code runs on Python ints, which never wrap.
"""

from __future__ import annotations

import itertools
import json
import random
import struct
import sys

import pytest

import pyjsonfast
from pyjsonfast import _floatrepr, _numbers, _scalars
from pyjsonfast._word_scanner import WordScanner, word_hash
from pyjsonfast._words import low_bytes, lowest_flagged_byte

# Bytes that sit at the edges of the word tricks: the specials, their neighbours,
# and each with its high bit set (0xA2 is '"' | 0x80, 0xDC '\\' | 0x80, 0xA0 ' ' | 0x80).
EDGE_BYTES = [0x00, 0x01, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x2F, 0x30, 0x39, 0x3A, 0x3F]
EDGE_BYTES += [0x5B, 0x5C, 0x5D, 0x7E, 0x7F, 0x80, 0x81, 0x9F, 0xA0, 0xA2, 0xB0, 0xB9]
EDGE_BYTES += [0xBF, 0xDC, 0xF0, 0xFE, 0xFF]
SCANNER = WordScanner()


def reference_string_stop(data: bytes, i: int) -> int:
    for k in range(i, len(data)):
        if data[k] in (0x22, 0x5C) or data[k] < 0x20:
            return k
    return len(data)


def reference_skip_whitespace(data: bytes, i: int) -> int:
    for k in range(i, len(data)):
        if data[k] not in b" \t\n\r":
            return k
    return len(data)


def edge_words() -> list[bytes]:
    """8-byte words: each edge byte alone at each position in a filler of each
    edge byte, plus the words whose i64 value is at the ends of the range."""
    words = [bytes([fill] * 8) for fill in EDGE_BYTES]
    for fill, byte, position in itertools.product(EDGE_BYTES, EDGE_BYTES, range(8)):
        word = bytearray([fill] * 8)
        word[position] = byte
        words.append(bytes(word))
    words += [struct.pack("<q", v) for v in (-(2**63), 2**63 - 1, -1, 0, 1, -(2**63) + 1)]
    rng = random.Random(12)
    words += [rng.randbytes(8) for _ in range(2000)]
    return words


def test_string_stop_on_edge_words() -> None:
    for word in edge_words():
        for data in (word, word + b"ab", b"x" + word + word):
            for i in range(min(len(data), 3)):
                assert SCANNER.string_stop(data, i, len(data)) == reference_string_stop(
                    data, i
                ), (data, i)


def test_skip_whitespace_on_edge_words() -> None:
    space_words = [b" " * k + bytes([b]) + b" " * (7 - k) for k in range(8) for b in range(256)]
    for word in edge_words() + space_words:
        for data in (word, b" " * 8 + word + b" ", b"\n" + word):
            for i in range(min(len(data), 2)):
                assert SCANNER.skip_whitespace(data, i, len(data)) == reference_skip_whitespace(
                    data, i
                ), (data, i)


def test_eight_digits_on_edge_words() -> None:
    rng = random.Random(3)
    digit_words = [b"00000000", b"99999999", b"12345678", b"90000009"]
    digit_words += [str(rng.randrange(10**8)).zfill(8).encode() for _ in range(3000)]
    for word in digit_words:
        assert SCANNER.eight_digits(word, 0) == int(word), word
    for word in edge_words():
        expected = int(word) if word.isdigit() else -1
        assert SCANNER.eight_digits(word, 0) == expected, word
    for word, position, byte in itertools.product(digit_words[:50], range(8), EDGE_BYTES):
        spoilt = bytearray(word)
        spoilt[position] = byte
        expected = int(spoilt) if bytes(spoilt).isdigit() else -1
        assert SCANNER.eight_digits(bytes(spoilt), 0) == expected, spoilt


def test_lowest_flagged_byte_for_every_flag_pattern() -> None:
    for pattern in range(1, 256):
        flags = sum(1 << (8 * k) for k in range(8) if pattern >> k & 1)
        expected = (pattern & -pattern).bit_length() - 1
        assert lowest_flagged_byte(flags) == expected, hex(flags)


def test_low_bytes_masks_every_count() -> None:
    for count in range(8):
        assert low_bytes(count) == (1 << (8 * count)) - 1, count


def test_question_mark_and_zero_byte_tests_on_edge_words() -> None:
    for word in edge_words():
        assert (SCANNER.zero_bytes(struct.unpack("<q", word)[0]) != 0) is (0 in word), word
        for start, stop in ((0, 8), (0, 1), (0, 7), (3, 8), (2, 5)):
            found = SCANNER.has_question_mark(word + b"\x00" * 8, start, stop)
            assert found is (0x3F in word[start:stop]), (word, start, stop)
    long_key = bytes(range(0x40, 0x7F)) * 2
    for position in range(len(long_key)):
        with_mark = long_key[:position] + b"?" + long_key[position + 1 :]
        assert SCANNER.has_question_mark(with_mark, 0, len(with_mark))
    assert not SCANNER.has_question_mark(long_key, 0, len(long_key))


def test_keys_of_every_length_with_high_bytes_and_question_marks() -> None:
    """Through loads: the compiled build hashes these keys (words with the sign
    bit set, every length up to the cache's limit and past it) into its cache."""
    rng = random.Random(4)
    alphabet = "aZ?é\u00a0\u07ff\u0800\uffff\U0001f600\x7f"
    keys = ["".join(rng.choice(alphabet) for _ in range(n)) for n in range(1, 70)]
    keys += ["\xff" * n for n in range(1, 30)] + ["?" * n for n in range(1, 20)]
    doc = json.dumps([{key: i for i, key in enumerate(keys)}] * 3, ensure_ascii=False)
    for text in (doc, doc.encode()):
        assert pyjsonfast.loads(text) == json.loads(doc)


def test_short_values_of_every_length_with_high_bytes_and_question_marks() -> None:
    """Through loads: the compiled build hashes string values up to 16 bytes
    (words with the sign bit set, every length to the limit and past it) into
    its cache of short values, read again by the next two copies."""
    rng = random.Random(5)
    alphabet = "aZ?é\u00a0\u07ff\u0800\uffff\U0001f600\x7f"
    values = ["".join(rng.choice(alphabet) for _ in range(n)) for n in range(1, 20) for _ in "abc"]
    values += ["\xff" * n for n in range(1, 18)] + ["?" * n for n in range(1, 18)]
    doc = json.dumps([values] * 3, ensure_ascii=False)
    for text in (doc, doc.encode()):
        assert pyjsonfast.loads(text) == [values] * 3


def test_word_hash_on_edge_words() -> None:
    low32 = 0xFFFFFFFF
    words = [struct.unpack("<q", word)[0] for word in edge_words()]
    for head, tail in zip(words, reversed(words)):
        for length in (0, 1, 8, 16, 64):
            folded = ((head ^ (head >> 29)) & low32) * 0x2545F491
            folded = (folded + ((tail ^ (tail >> 32)) & low32) + length) & low32
            assert word_hash(head, tail, length) == folded * 0x1B873593 < 2**63


def test_strings_and_whitespace_at_every_alignment() -> None:
    chars = "".join(map(chr, range(0x20, 0x100))) + "\u07ff\u0800\ud7ff\ue000\uffff\U0010ffff"
    values = [chars[k:] + '"\\\x00\x1f' + chars[:k] for k in range(0, 40, 3)]
    for pad in range(9):
        doc = " " * pad + json.dumps(values, ensure_ascii=False, indent=pad)
        for text in (doc, doc.encode()):
            assert pyjsonfast.loads(text) == values


@pytest.mark.parametrize(
    "text",
    [
        "9223372036854775807",
        "-9223372036854775808",
        "9223372036854775808",
        "99999999999999999999",
        "922337203685477580.7e3",
        "0.9223372036854775807",
        "1.8446744073709551615e-300",
        "9999999999999999999e-342",
        "9999999999999999999e308",
        "1e-400",
        "123456789012345678901234567890.5",
    ],
)
def test_numbers_at_the_mantissa_limits(text: str) -> None:
    assert pyjsonfast.loads(text) == json.loads(text)
    assert pyjsonfast.loads(f"[{text}]".encode()) == json.loads(f"[{text}]")


def test_mul64_at_the_limits() -> None:
    rng = random.Random(5)
    top = 2**32 - 1
    halves = [0, 1, 2, 3, top, top - 1, 2**31, 2**31 - 1, 2**31 + 1]
    pairs = list(itertools.product(halves, repeat=4))
    pairs += [tuple(rng.getrandbits(32) for _ in range(4)) for _ in range(5000)]
    for a_hi, a_lo, b_hi, b_lo in pairs:
        product = ((a_hi << 32) | a_lo) * ((b_hi << 32) | b_lo)
        limbs = tuple(product >> shift & top for shift in (96, 64, 32, 0))
        assert _numbers._mul64(a_hi, a_lo, b_hi, b_lo) == limbs


def test_leading_zeros_of_every_width() -> None:
    for bits in range(1, 64):
        for x in (1 << (bits - 1), (1 << bits) - 1):
            assert _numbers._leading_zeros(x) == 64 - bits


def test_eisel_lemire_for_the_largest_mantissas() -> None:
    rng = random.Random(6)
    mantissas = [2**63 - 1, 2**63 - 2, 2**62, 2**53 + 1, 10**18, 1, 3, 2**32 - 1, 2**32]
    mantissas += [rng.randrange(1, 2**63) for _ in range(300)]
    for mantissa in mantissas:
        for exp10 in (-342, -330, -300, -22, -1, 0, 1, 22, 23, 100, 288, 308):
            value = _numbers.eisel_lemire(mantissa, exp10)
            if value != -1.0:
                assert value == float(f"{mantissa}e{exp10}"), (mantissa, exp10)


def test_schubfach_products_at_the_limits() -> None:
    a_values = [0, 1, 2**63 - 1, 2**63 - 2**32, 2**32 - 1, 2**32, 2**62]
    b_values = [0, 1, 2**61 - 1, 2**60, 2**30 - 1, 2**30, 2**55 << 5]
    for a, b in itertools.product(a_values, b_values):
        product = a * b
        assert _floatrepr._mul_high(a, b) == product >> 64
        assert _floatrepr._mul(a, b) == (product >> 64, (product % 2**64) >> 1)


def test_float_bits_for_both_signs() -> None:
    for x in (1.0, -1.0, -0.0, 0.0, 5e-324, -5e-324, 1.7976931348623157e308, -2.5, -1e-300):
        expected = struct.unpack("<q", struct.pack("<d", x))[0]
        assert _floatrepr._float_bits_native(x) == expected, x


def test_escaping_words_with_high_bytes_at_every_alignment() -> None:
    # UTF-8 output puts bytes >= 0x80 in the escaping words (the word's sign bit
    # included): every escape still found, nothing else escaped.
    chars = "".join(map(chr, range(0x20, 0x100))) + "\u07ff\u0800\uffff\U0010ffff\U00010000"
    marks = '"\\\x00\x1f\x7f '
    for k in range(0, 48, 5):
        for mark in marks:
            value = [chars[k:] + mark + chars[:k], "\U0010ffff" * k + mark + "\x80" * 9]
            expected = json.dumps(value, ensure_ascii=False)
            assert pyjsonfast.dumpb(value) == expected.encode()
            assert pyjsonfast.dumps(value, ensure_ascii=False) == expected
            assert pyjsonfast.dumps(value) == json.dumps(value)


def test_escaping_ascii_words_at_every_alignment() -> None:
    # ensure_ascii on ASCII text: the word tests run on the words as they are;
    # each byte next to a special one (and DEL, which ensure_ascii escapes) at
    # every position of strings long enough for the 16-byte loop.
    specials = [*range(0x20), 0x22, 0x5C, 0x7F]
    neighbours = [0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7E, 0x3F, 0x41]
    for length in (16, 17, 23, 31, 32, 33, 47):
        for position in range(length):
            for byte in specials + neighbours:
                text = "".join(chr(0x41 + (k * 7) % 26) for k in range(length))
                value = text[:position] + chr(byte) + text[position + 1 :]
                assert pyjsonfast.dumps(value) == json.dumps(value), (length, position, byte)
                assert pyjsonfast.dumps([value, value[::-1]]) == json.dumps([value, value[::-1]])


@pytest.mark.skipif(sys.byteorder != "little", reason="UTF-16 search: little-endian hosts")
def test_utf16_backslash_or_control_on_edge_units() -> None:
    # Non-ASCII text into str (no ensure_ascii) is tested 4 UTF-16 units a word:
    # each special unit, its neighbours, and units whose low byte or low 7 bits
    # are special but whose high bits are not zero (0x0122, 0x015C, 0xFF22,
    # 0x80A2...), the word's sign bit set (units >= 0x8000, lone surrogates), at
    # every position of texts around the word sizes, against a plain reference.
    specials = [*range(0x20), 0x22, 0x5C]
    neighbours = [0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7F, 0x80, 0x9F, 0xA2, 0xDC]
    look_alikes = [0x0122, 0x015C, 0x0180, 0x01A2, 0x2022, 0x805C, 0x80A2, 0xFF22, 0xFFDC]
    wide = [0x4E2D, 0x7FFF, 0x8000, 0xD800, 0xDFFF, 0xFFFF, 0x1F600, 0x10FFFF]
    for length in (4, 5, 7, 8, 9, 15, 16, 17, 31, 33):
        for position in range(length):
            for code in specials + neighbours + look_alikes + wide:
                units = [0x4E2D + (k * 7) % 26 for k in range(length)]
                units[position] = code
                text = "".join(map(chr, units))
                expected = any(c == "\\" or c < " " for c in text)  # '"': found by the caller
                encoded = text.encode("utf-16", "surrogatepass")
                found = _scalars._has_utf16_backslash_or_control(encoded)
                assert found is expected, (length, position, code)
                if length >= 16:
                    value = [text, {"k": text}]
                    assert pyjsonfast.dumps(value, ensure_ascii=False) == json.dumps(
                        value, ensure_ascii=False
                    )
