"""Number parsing that must be exact to the last bit.

decimal_to_float(mantissa, exp10) gives the double nearest to mantissa * 10**exp10,
or -1.0 when it cannot prove the answer correctly rounded (the caller then uses
float() on the text). Two exact methods:

- Clinger's fast path: mantissa <= 2**53 and 10**|exp10| <= 10**22 are both exact
  doubles, so one IEEE multiplication or division rounds once, correctly.
- Eisel-Lemire (as fast_float implements it): multiply the normalised mantissa by
  a 128-bit approximation of 5**exp10 and keep 54 bits. With fast_float's table
  this is proven correct for any 64-bit mantissa; only results that are
  subnormal, zero or infinite are left to float().

The 128-bit arithmetic is done in 32-bit limbs, and no intermediate ever leaves
the i64 range: compiled, mypyc's i64 is a C int64_t, whose overflow is undefined
behaviour; uncompiled, ints do not wrap at all. Staying in range makes both exact
and the same.
"""

from __future__ import annotations

from . import _tables
from ._buffer import COMPILED, read_i64_le

if not COMPILED:  # typing at run time only where it runs (see _buffer)
    from typing import Final

    from mypy_extensions import i64

__all__ = ["decimal_to_float", "eisel_lemire"]

# 10**0 .. 10**22: exactly representable as doubles.
EXACT_POWERS_OF_TEN: Final[list[float]] = [float(10**k) for k in range(23)]
# The largest mantissa that converts to a double exactly.
MAX_EXACT_MANTISSA: Final = 2**53
# 2**32 - 1, to cut 64-bit words into halves.
LOW32: Final = 0xFFFFFFFF

# Eisel-Lemire range: 5**q for q in [SMALLEST_POWER, LARGEST_POWER]; outside it the
# value is 0 or infinity, which float() handles.
SMALLEST_POWER: Final = -342
LARGEST_POWER: Final = 308


def _build_power_table() -> bytes:
    """fast_float's table: 128-bit approximations of 5**q (top bit set), each as two
    little-endian 64-bit words (high, then low), for q in [SMALLEST_POWER, LARGEST_POWER].
    Built exactly as fast_float's script does, which its no-fallback proof relies on."""
    out = bytearray()
    for q in range(SMALLEST_POWER, LARGEST_POWER + 1):
        if q < 0:
            power5 = 5**-q
            z = power5.bit_length()
            b = z + 127 if q >= -27 else 2 * z + 128
            value = 2**b // power5 + 1
        else:
            value = 5**q
        # Normalise to exactly 128 bits (fast_float halves or doubles in a loop;
        # a shift gives the same bits).
        excess = value.bit_length() - 128
        value = value >> excess if excess > 0 else value << -excess
        out += (value >> 64).to_bytes(8, "little") + (value % 2**64).to_bytes(8, "little")
    return bytes(out)


POWERS_OF_FIVE: Final[bytes] = _tables.POWERS_OF_FIVE  # = _build_power_table(), written out
# 2**e for e in [-1074, 971], as exact doubles: the result is mantissa53 * 2**e.
POWER_OF_TWO_BIAS: Final = 1074
POWERS_OF_TWO: Final[list[float]] = [2.0**e for e in range(-1074, 972)]


def decimal_to_float(mantissa: i64, exp10: i64) -> float:
    """The double nearest mantissa * 10**exp10 (mantissa >= 0), or -1.0 if unproven."""
    if mantissa == 0:
        return 0.0
    if mantissa <= MAX_EXACT_MANTISSA:
        if 0 <= exp10 <= 22:
            return float(mantissa) * EXACT_POWERS_OF_TEN[exp10]
        if -22 <= exp10 < 0:
            return float(mantissa) / EXACT_POWERS_OF_TEN[-exp10]
    return eisel_lemire(mantissa, exp10)


def eisel_lemire(mantissa: i64, exp10: i64) -> float:
    """Eisel-Lemire (as in fast_float) for 0 < mantissa < 2**63; -1.0 when the result
    is zero, subnormal or infinite (float() handles those)."""
    if exp10 < SMALLEST_POWER or exp10 > LARGEST_POWER:
        return -1.0
    leading = _leading_zeros(mantissa)
    # The mantissa shifted up to bit 63, as two 32-bit halves: as one word it
    # would pass 2**63 (leading >= 1, as mantissa < 2**63).
    if leading >= 32:
        w_hi = mantissa << (leading - 32)
        w_lo: i64 = 0
    else:
        w_hi = mantissa >> (32 - leading)
        w_lo = (mantissa & (LOW32 >> leading)) << leading
    offset = (exp10 - SMALLEST_POWER) * 16
    p_hi = read_i64_le(POWERS_OF_FIVE, offset)
    # The product's high 64 bits are (r3, r2), its low 64 bits (r1, r0).
    r3, r2, r1, r0 = _mul64(w_hi, w_lo, (p_hi >> 32) & LOW32, p_hi & LOW32)
    if (r2 & 0x1FF) == 0x1FF:
        # The bits kept are followed by ones: add the next 64 bits of 5**q's product.
        p_lo = read_i64_le(POWERS_OF_FIVE, offset + 8)
        s3, s2, _s1, _s0 = _mul64(w_hi, w_lo, (p_lo >> 32) & LOW32, p_lo & LOW32)
        t0 = r0 + s2
        r0 = t0 & LOW32
        t1 = r1 + s3 + (t0 >> 32)
        r1 = t1 & LOW32
        if (t1 >> 32) != 0:
            t2 = r2 + 1
            r2 = t2 & LOW32
            r3 = (r3 + (t2 >> 32)) & LOW32
    upper_bit = r3 >> 31
    shift = upper_bit + 9
    # (r3:r2) >> shift, at most 55 bits.
    m = (r3 << (32 - shift)) | (r2 >> shift)
    power2 = (((152170 + 65536) * exp10) >> 16) + 63 + upper_bit - leading + 1023
    if power2 <= 0:
        return -1.0
    if r1 == 0 and r0 <= 1 and -4 <= exp10 <= 23 and (m & 3) == 1:
        # Possibly exactly halfway between two doubles: round to even, not up.
        dropped_mask = 0x3FF if upper_bit else 0x1FF
        if (r2 & dropped_mask) == 0:
            m -= 1
    m += m & 1
    m >>= 1
    if m >= MAX_EXACT_MANTISSA:
        m = MAX_EXACT_MANTISSA // 2
        power2 += 1
    if power2 >= 2047:
        return -1.0
    # m is in [2**52, 2**53): the value is m * 2**(power2 - 1075), exact as a product.
    return float(m) * POWERS_OF_TWO[power2 - 1075 + POWER_OF_TWO_BIAS]


def _leading_zeros(x: i64) -> i64:
    """Leading zero bits of 0 < x < 2**63 as a 64-bit word (by right shifts: a
    left shift could pass 2**63)."""
    count: i64 = 64
    if (x >> 32) != 0:
        count -= 32
        x >>= 32
    if (x >> 16) != 0:
        count -= 16
        x >>= 16
    if (x >> 8) != 0:
        count -= 8
        x >>= 8
    if (x >> 4) != 0:
        count -= 4
        x >>= 4
    if (x >> 2) != 0:
        count -= 2
        x >>= 2
    if (x >> 1) != 0:
        count -= 1
        x >>= 1
    return count - x  # x is 1 now


def _mul64(a_hi: i64, a_lo: i64, b_hi: i64, b_lo: i64) -> tuple[i64, i64, i64, i64]:
    """The 128-bit product of two 64-bit numbers given as 32-bit halves, as 32-bit limbs.

    A product of two halves may reach 2**64, past i64: each is formed as
    2 * (x * (y >> 1)), which stays below 2**63, plus x when y is odd, and used
    as its two 32-bit halves.
    """
    b_hi_half = b_hi >> 1
    b_lo_half = b_lo >> 1
    b_hi_odd = -(b_hi & 1)
    b_lo_odd = -(b_lo & 1)
    ll = a_lo * b_lo_half
    ll_low = ((ll & 0x7FFFFFFF) << 1) + (a_lo & b_lo_odd)
    lh = a_lo * b_hi_half
    lh_low = ((lh & 0x7FFFFFFF) << 1) + (a_lo & b_hi_odd)
    hl = a_hi * b_lo_half
    hl_low = ((hl & 0x7FFFFFFF) << 1) + (a_hi & b_lo_odd)
    hh = a_hi * b_hi_half
    hh_low = ((hh & 0x7FFFFFFF) << 1) + (a_hi & b_hi_odd)
    # Each product is (x >> 31) * 2**32 + x_low, with x_low below 2**33.
    mid = (ll >> 31) + (ll_low >> 32) + (lh_low & LOW32) + (hl_low & LOW32)
    high = (mid >> 32) + (lh >> 31) + (lh_low >> 32) + (hl >> 31) + (hl_low >> 32)
    high += hh_low & LOW32
    top = (high >> 32) + (hh >> 31) + (hh_low >> 32)
    return top & LOW32, high & LOW32, mid & LOW32, ll_low & LOW32
