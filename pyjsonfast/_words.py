"""Word arithmetic: 8 bytes read as one i64 (read_i64_le), little-endian, for
the compiled scanner (_word_scanner) and the string writer (_scalars) alike.

A byte is flagged by its top bit (0x80) in a word of flags; the classic tests
(x - ONES) & ~x & HIGH_BITS and the like flag every byte that matches, and may
flag bytes above a match (a borrow), never one below the lowest match.
"""

from __future__ import annotations

from ._buffer import COMPILED, read_i64_le

if not COMPILED:  # typing at run time only where it runs (see _buffer)
    from typing import Final

    from mypy_extensions import i64

__all__ = [
    "BACKSLASHES",
    "HIGH_BITS",
    "ONES",
    "QUOTES",
    "SPACES",
    "low_bytes",
    "lowest_flagged_byte",
]

# A byte repeated 8 times, built at run time (mypyc keeps i64 literals beyond
# 2**62 boxed).
ONES: Final = read_i64_le(b"\x01" * 8, 0)
HIGH_BITS: Final = read_i64_le(b"\x80" * 8, 0)
QUOTES: Final = read_i64_le(b'"' * 8, 0)
BACKSLASHES: Final = read_i64_le(b"\\" * 8, 0)
SPACES: Final = read_i64_le(b" " * 8, 0)


def low_bytes(count: i64) -> i64:
    """A mask of a word's low count bytes, 0 <= count < 8 (a shift right, since
    mypyc emits 1 << n as a 32-bit shift: MYPYC-NOTES)."""
    return 0x00FFFFFFFFFFFFFF >> (56 - (count << 3))


def lowest_flagged_byte(flags: i64) -> i64:
    """The index (0-7, little-endian) of the lowest byte whose bit 0 is set in
    flags (which has no other bits set, and is not 0): the bytes below it counted
    by shifts and adds (a multiply by 0x0001020304050607 would pass 2**63)."""
    ones: i64 = 0x0101010101010101
    below = (flags - 1) & ~flags & ones  # 0x01 in each byte below the lowest flag
    below += below >> 32
    below += below >> 16
    return (below + (below >> 8)) & 0xFF
