"""repr(float) without dtoa: Schubfach shortest decimal, written straight into a buffer.

float.__repr__ goes through dtoa's big-number arithmetic for 16-17 digit values
(~400 ns each); this is Raffaello Giulietti's Schubfach algorithm (as in Java's
DoubleToDecimal) in i64 arithmetic, then repr's layout rules. The output is
float.__repr__'s, character for character: the test suite and an import-time
self-check compare them (on millions of bit patterns in development), and the
encoder only uses this module when compiled and the self-check passed
(interpreted, the C repr is faster). Zero and subnormals go to float.__repr__.

128-bit products are built from 32-bit halves, and no intermediate leaves the
i64 range (compiled, i64 overflow is C's undefined behaviour; interpreted, ints
do not wrap), so the module gives the same, exact results either way.
"""

from __future__ import annotations

from . import _tables
from ._buffer import COMPILED, BytesWriter, StringWriter, read_i64_le, write_f64_le
from ._scalars import digit_count, write_digit_block

if not COMPILED:  # typing at run time only where it runs (see _buffer)
    from typing import Final

    from mypy_extensions import i64

__all__ = ["SELF_CHECK_PASSED", "float_repr", "write_float_repr"]

_C_MIN: Final[i64] = 1 << 52  # implicit leading significand bit
_Q_MIN: Final[i64] = -1074  # exponent of the smallest subnormal
_K_MIN: Final[i64] = -324
_K_MAX: Final[i64] = 292
_MASK_32: Final[i64] = (1 << 32) - 1
_MASK_30: Final[i64] = (1 << 30) - 1
_SIGNIFICAND_MASK: Final[i64] = _C_MIN - 1
_MIN_NORMAL: Final = 2.2250738585072014e-308


def _build_max_63() -> i64:
    # A literal beyond 2**62 would stay a boxed int, converted at every use.
    half: i64 = 1 << 62
    return (half - 1) + half


_MAX_63: Final[i64] = _build_max_63()


def _flog2pow10(e: i64) -> i64:
    """floor(log2(10**e)) for |e| <= 1233."""
    return (e * 913124641741) >> 38


def _build_g_table() -> bytes:
    """g = floor(10**-k / 2**r) + 1 with 2**125 <= g < 2**126, split as g1 * 2**63 + g0,
    as g1 then g0 (8 bytes each, little-endian) for each k: read with read_i64_le,
    native compiled (a list would hold boxed ints, converted at every read)."""
    table = bytearray()
    for k in range(int(_K_MIN), int(_K_MAX) + 1):
        shift = 125 - int(_flog2pow10(-k))  # g = floor(10**-k * 2**shift) + 1
        if k <= 0:
            num = 10 ** (-k)
            g = (num << shift if shift >= 0 else num >> -shift) + 1
        else:
            g = (1 << shift) // 10**k + 1
        table += (g >> 63).to_bytes(8, "little")
        table += (g & ((1 << 63) - 1)).to_bytes(8, "little")
    return bytes(table)


_G_TABLE: Final[bytes] = _tables.G_TABLE  # = _build_g_table(), written out
if not COMPILED:  # interpreted, struct reads a float's bits (see _float_bits_struct)
    import struct

    _pack_f64 = struct.Struct("<d").pack
    _unpack_i64 = struct.Struct("<q").unpack


def _mul_high(a: i64, b: i64) -> i64:
    """floor(a * b / 2**64) for 0 <= a < 2**63 and 0 <= b < 2**61 (as in _mul).

    _mul's high half, written out: taken from _mul (a native tuple and its error
    check), dumps of floats measured 2-5% slower."""
    a0 = a & _MASK_32
    a1 = a >> 32
    b0 = b & _MASK_30
    b1 = b >> 30
    at30 = a0 * b1
    at62 = a1 * b1
    at0 = a0 * b0 + ((at30 & 3) << 30)
    at32 = a1 * b0 + (at30 >> 2) + ((at62 & 3) << 30) + (at0 >> 32)
    return (at62 >> 2) + (at32 >> 32)


def _mul(a: i64, b: i64) -> tuple[i64, i64]:
    """(floor(a*b / 2**64), floor((a*b mod 2**64) / 2)) for 0 <= a < 2**63 and
    0 <= b < 2**61 (b is c << h, with c < 2**55 and h <= 5).

    Schoolbook on a's 32-bit and b's 30-bit halves, so that every partial
    product fits in 63 bits; the products at bits 30 and 62 are split to fit the
    columns at bits 0, 32 and 64, and no sum passes 2**63 either.
    """
    a0 = a & _MASK_32
    a1 = a >> 32
    b0 = b & _MASK_30
    b1 = b >> 30
    at30 = a0 * b1
    at62 = a1 * b1
    at0 = a0 * b0 + ((at30 & 3) << 30)
    at32 = a1 * b0 + (at30 >> 2) + ((at62 & 3) << 30) + (at0 >> 32)
    high = (at62 >> 2) + (at32 >> 32)
    low_half = ((at32 & _MASK_32) << 31) | ((at0 & _MASK_32) >> 1)
    return high, low_half


def _rop(g1: i64, g0: i64, cp: i64) -> i64:
    """Round to odd of g * cp / 2**127 (Schubfach's rop)."""
    x1 = _mul_high(g0, cp)
    y1, y0_half = _mul(g1, cp)
    # z = y0_half + x1 may pass 2**63: split off the carry without overflow.
    room: i64 = _MAX_63 - x1
    if y0_half > room:
        y1 += 1
        z_low = y0_half - room - 1
    else:
        z_low = y0_half + x1
    return y1 | (1 if z_low != 0 else 0)


def _to_decimal(q: i64, c: i64, dk: i64) -> tuple[i64, i64]:
    """Shortest (f, e) with f * 10**e rounding to c * 2**q."""
    out: i64 = c & 1
    cb = c << 2
    cbr = cb + 2
    if c != _C_MIN or q == _Q_MIN:
        cbl = cb - 2
        k = (q * 661971961083) >> 41  # floor(log10(2**q))
    else:
        cbl = cb - 1
        k = (q * 661971961083 - 274743187321) >> 41  # floor(log10(3/4 * 2**q))
    h = q + _flog2pow10(-k) + 2
    offset = (k - _K_MIN) << 4
    table = _G_TABLE
    g1 = read_i64_le(table, offset)
    g0 = read_i64_le(table, offset + 8)
    vb = _rop(g1, g0, cb << h)
    vbl = _rop(g1, g0, cbl << h)
    vbr = _rop(g1, g0, cbr << h)
    s = vb >> 2
    if s >= 100:
        sp10 = 10 * (s // 10)
        tp10 = sp10 + 10
        upin = vbl + out <= sp10 << 2
        wpin = (tp10 << 2) + out <= vbr
        if upin != wpin:
            return (sp10 if upin else tp10), k
    t = s + 1
    uin = vbl + out <= s << 2
    win = (t << 2) + out <= vbr
    if uin != win:
        return (s if uin else t), k + dk
    cmp = vb - ((s + t) << 1)
    return (s if cmp < 0 or (cmp == 0 and (s & 1) == 0) else t), k + dk


def _float_bits_native(x: float) -> i64:
    """The IEEE 754 bits of x (compiled: through a BytesWriter, no allocation)."""
    w = _BITS_WRITER
    w.truncate(0)
    write_f64_le(w, x)
    # Each byte widened before its shift (a u8 shift stays 8 bits wide).
    low: i64 = i64(w[0]) | (i64(w[1]) << 8) | (i64(w[2]) << 16) | (i64(w[3]) << 24)
    high: i64 = i64(w[4]) | (i64(w[5]) << 8) | (i64(w[6]) << 16) | (i64(w[7]) << 24)
    if high >= 0x80000000:  # the sign bit: as a signed 32-bit value, so that the
        high -= 0x100000000  # product below stays in range (C's i64 must not overflow)
    return high * 0x100000000 | low


def _float_bits_struct(x: float) -> i64:
    """The IEEE 754 bits of x (interpreted: struct, no shared state)."""
    bits: int = _unpack_i64(_pack_f64(x))[0]
    return bits


# Compiled, the BytesWriter is native and the GIL is held throughout (nothing in
# _float_bits_native can run other code); interpreted, struct is faster and safe
# under thread switches.
# (A branch on COMPILED at the call, not a Final holding one of the two
# functions: calling through an object boxes the float and the result.)
_BITS_WRITER: Final = BytesWriter()


def _shortest(x: float) -> tuple[i64, i64]:
    """(f, e), f without trailing zeros: the shortest decimal f * 10**e for normal x > 0.

    (Subnormals are left to float.__repr__: Java's version of the algorithm
    returns at least two digits for them, repr may want one.)
    """
    bits = _float_bits_native(x) if COMPILED else _float_bits_struct(x)
    mq: i64 = 1075 - (bits >> 52)  # x = c * 2**-mq
    c: i64 = (bits & _SIGNIFICAND_MASK) | _C_MIN
    if 0 < mq < 53 and (c >> mq) << mq == c:
        f = c >> mq
        k: i64 = 0
    else:
        f, k = _to_decimal(-mq, c, 0)
    while f % 10 == 0:
        f //= 10
        k += 1
    return f, k


def _write_digits(buf: StringWriter, f: i64, n: i64, dot_before: i64) -> None:
    """Write f's n digits (n <= 17), with '.' before digit dot_before if in range."""
    if n <= 9:
        write_digit_block(buf, f, n, dot_before)
    else:
        high = f // 100000000
        write_digit_block(buf, high, n - 8, dot_before)
        write_digit_block(buf, f - high * 100000000, 8, dot_before - (n - 8))


def write_float_repr(buf: StringWriter, x: float) -> None:
    """Write float.__repr__(x) for finite x."""
    if not (_MIN_NORMAL <= x or x <= -_MIN_NORMAL):  # zero or subnormal
        buf.write(float.__repr__(x))
        return
    if x < 0:
        buf.append(45)  # -
        x = -x
    f, e = _shortest(x)
    n = digit_count(f)
    point = n + e  # the decimal point goes after the first `point` digits
    if point <= -4 or point > 16:
        _write_digits(buf, f, n, 1)  # d.ddd (no '.' when n == 1)
        exponent = point - 1
        if exponent < 0:
            buf.write("e-")
            exponent = -exponent
        else:
            buf.write("e+")
        write_digit_block(buf, exponent, 3 if exponent >= 100 else 2, -1)
    elif point <= 0:
        buf.write("0.")
        while point < 0:
            buf.append(48)  # 0
            point += 1
        _write_digits(buf, f, n, -1)
    elif point >= n:
        _write_digits(buf, f, n, -1)
        while n < point:
            buf.append(48)
            n += 1
        buf.write(".0")
    else:
        _write_digits(buf, f, n, point)


def float_repr(x: float) -> str:
    """float.__repr__(x) for finite x."""
    buf = StringWriter()
    write_float_repr(buf, x)
    return buf.getvalue()


def _self_check() -> bool:
    """Compare with float.__repr__ on awkward values: a wrong build must not be used."""
    samples = [
        5e-324,
        1e-323,
        1.5e-323,
        2.225073858507201e-308,
        2.2250738585072014e-308,
        1.7976931348623157e308,
        1e16,
        1e15,
        9007199254740993.0,
        123456789012345680.0,
        0.1,
        0.3,
        1 / 3,
        2 / 3,
        -65.613616999999977,
        1e-5,
        0.0001,
        1e22,
        1e23,
        5e-310,
        4.35,
        2.5e-8,
        -1.0,
        100.0,
        -0.0,
    ]
    # (A few powers of ten: every import pays for this; tests/test_encode_floats.py
    # sweeps powers of two and ten, subnormals and random bits on each build.)
    samples += [1.1 * 10.0**e for e in range(-300, 300, 61)]
    return all(float_repr(x) == float.__repr__(x) for x in samples)


SELF_CHECK_PASSED: Final[bool] = _self_check()
