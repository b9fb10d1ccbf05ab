"""The shortest-float formatter (_floatrepr) against float.__repr__, bit pattern by bit pattern."""

from __future__ import annotations

import json
import math
import random
import struct

import pytest

import pyjsonfast
from pyjsonfast import _floatrepr


def from_bits(bits: int) -> float:
    return float(struct.unpack("<d", struct.pack("<Q", bits & (2**64 - 1)))[0])


def to_bits(x: float) -> int:
    return int(struct.unpack("<Q", struct.pack("<d", x))[0])


def finite(values: list[float]) -> list[float]:
    return [x for x in values if math.isfinite(x)]


def assert_reprs_match(values: list[float]) -> None:
    wrong = [(x, _floatrepr.float_repr(x)) for x in finite(values)]
    wrong = [(x, got) for x, got in wrong if got != float.__repr__(x)]
    assert wrong == [], [(x.hex(), repr(x), got) for x, got in wrong[:5]]


def test_self_check_passed() -> None:
    assert _floatrepr.SELF_CHECK_PASSED


def test_powers_of_two_and_their_neighbours() -> None:
    values = []
    for e in range(-1074, 1024):
        x = math.ldexp(1.0, e)
        bits = to_bits(x)
        values += [x, from_bits(bits - 1), from_bits(bits + 1), -x]
    assert_reprs_match(values)


def test_powers_of_ten_and_their_neighbours() -> None:
    values = []
    for e in range(-325, 309):
        x = float(f"1e{e}")
        bits = to_bits(x)
        values += [x, from_bits(bits - 1), from_bits(bits + 1), float(f"9.999999999999999e{e}")]
    assert_reprs_match(values)


def test_subnormals_and_extremes() -> None:
    values = [from_bits(t) for t in range(1, 300)]
    values += [from_bits(2**52 - t) for t in range(1, 300)]
    values += [0.0, -0.0, 5e-324, -5e-324, 1.7976931348623157e308, -1.7976931348623157e308]
    assert_reprs_match(values)


@pytest.mark.parametrize("seed", range(4))
def test_random_bit_patterns(seed: int) -> None:
    rng = random.Random(seed)
    assert_reprs_match([from_bits(rng.getrandbits(64)) for _ in range(25_000)])


@pytest.mark.parametrize("seed", range(2))
def test_random_short_decimals(seed: int) -> None:
    rng = random.Random(100 + seed)
    values = [round(rng.uniform(-1000, 1000), rng.randint(0, 17)) for _ in range(20_000)]
    values += [float(rng.randint(0, 10 ** rng.randint(1, 22))) for _ in range(10_000)]
    values += [rng.randint(1, 999) * 10.0 ** rng.randint(-30, 30) for _ in range(10_000)]
    assert_reprs_match(values)


def test_dumps_uses_identical_float_text() -> None:
    rng = random.Random(7)
    values = [from_bits(rng.getrandbits(64)) for _ in range(20_000)]
    values = [*finite(values), 1e16, 1e-5, 0.0001, 1e15, -0.0, 123456789.0]
    assert pyjsonfast.dumps(values) == json.dumps(values)
    assert pyjsonfast.dumps(values, indent=1) == json.dumps(values, indent=1)


def test_float_bits_both_ways() -> None:
    """The native (BytesWriter) and, interpreted, the struct reader of a float's bits
    agree with struct (compiled, only the native one runs: struct is not imported)."""
    rng = random.Random(9)
    values = [from_bits(rng.getrandbits(64)) for _ in range(2000)]
    values += [1.0, -1.0, 0.1, 1e308, 2.2250738585072014e-308, 5e-324, 0.0, -0.0]
    for x in finite(values):
        expected = struct.unpack("<q", struct.pack("<d", x))[0]
        assert _floatrepr._float_bits_native(x) == expected, x.hex()
        if not pyjsonfast.__compiled__:
            assert _floatrepr._float_bits_struct(x) == expected, x.hex()
