"""Threads: 8 at once for a few seconds, mixing loads, dumps, dump, hooks and errors
over documents that share keys, with the interpreter switching threads as often
as it can. The module-level caches (the parser's key table in _scanner, the
writer's encoded-key caches in _encoder, _floatrepr's bit buffer) are then used
from every thread at once. Every result must be json's, computed beforehand in
this thread: 0 differences, 0 unexpected exceptions.

What this proves is the GIL build (CPython's default, and PyPy); the README says
what is and is not safe without a GIL.
"""

from __future__ import annotations

import functools
import io
import json
import random
import sys
import threading
import time
from decimal import Decimal
from functools import partial
from typing import Any, Callable

import pytest

import pyjsonfast

THREADS = 8
SECONDS = 3.0
SWITCH_INTERVAL = 1e-6  # seconds; the default is 5 ms
# PyPy's json has error messages and positions of its own; ours are CPython's.
JSON_IS_CPYTHONS = sys.implementation.name == "cpython"

# Keys every document draws from, of every length class the caches treat apart:
# <= 8 and <= 16 bytes (compared by words), up to 64 (compared by bytes), longer
# (never cached), non-ASCII, escaped, and holding "?" (a str's projection uses "?"
# for non-ASCII characters, so such keys are never cached).
SHARED_KEYS = (
    [f"k{i}" for i in range(40)]
    + [f"key_{i:04d}_abc" for i in range(40)]
    + [f"a_longer_key_name_number_{i:03d}" for i in range(30)]
    + [f"{'x' * 70}{i}" for i in range(5)]
    + ["clé", "ключ", "键", "emoji 😀", "caf\u00e9", "cafe?", "??", "what?"]
    + ['quote"key', "back\\slash", "tab\tkey", "ctrl\x01key", "slash/key"]
)


class Opaque:
    """Written through default(): a Python call from the writer, a switch point."""

    def __init__(self, n: int) -> None:
        self.n = n


def opaque_default(o: object) -> object:
    if isinstance(o, Opaque):
        return {"opaque": o.n}
    raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")


def tagged_int(text: str) -> tuple[str, str]:
    return ("int", text)


def sorted_items(d: dict[str, Any]) -> list[tuple[str, Any]]:
    return sorted(d.items())


class FrameworkDecoder(json.JSONDecoder):
    """What frameworks pass as cls=: json's own class with a hook set in __init__."""

    def __init__(self, **kw: Any) -> None:
        super().__init__(object_pairs_hook=list, **kw)


def scalar(rng: random.Random) -> Any:
    kind = rng.randrange(8)
    if kind == 0:
        return rng.randrange(-1000, 1000)
    if kind == 1:
        return rng.randrange(-(2**70), 2**70)
    if kind == 2:
        return rng.uniform(-1e6, 1e6)
    if kind == 3:  # every float the shortest-repr writer can meet
        return rng.choice([0.1, -0.0, 1e300, 5e-324, 2.5e-310, 1e16, 123.456, 1e22])
    if kind == 4:
        return rng.choice([None, True, False])
    if kind == 5:
        return "".join(
            rng.choice('ab"\\\n\u00e9\u4e2d\U0001f600 ') for _ in range(rng.randrange(12))
        )
    if kind == 6:
        return rng.choice(SHARED_KEYS)
    return rng.random() * 10 ** rng.randrange(-20, 20)


def value(rng: random.Random, depth: int, unique_keys: int = 0) -> Any:
    """A dict/list tree whose keys come from SHARED_KEYS (plus unique ones, to make
    the caches evict and clear)."""
    if depth == 0 or rng.random() < 0.25:
        return scalar(rng)
    if rng.random() < 0.4:
        return [value(rng, depth - 1) for _ in range(rng.randrange(6))]
    keys = rng.sample(SHARED_KEYS, rng.randrange(1, 8))
    keys += [f"unique_{rng.getrandbits(40):x}" for _ in range(unique_keys)]
    return {key: value(rng, depth - 1) for key in keys}


Case = tuple[str, Callable[[], Any], str]  # (what, pyjsonfast's call, json's outcome)


def outcome(call: Callable[[], Any]) -> str:
    """An outcome as text: the result's repr (types, float digits and NaN included),
    or the exception's type, message and position."""
    try:
        return "ok " + repr(call())
    except json.JSONDecodeError as error:
        if JSON_IS_CPYTHONS:
            return f"error JSONDecodeError {error.msg} at {error.pos}"
        return "error JSONDecodeError"
    except Exception as error:  # the exception is the outcome
        return f"error {type(error).__name__} {error}"


def loads_with(module: Any, doc: Any, kw: dict[str, Any]) -> Any:
    return module.loads(doc, **kw)


def dumps_with(module: Any, v: Any, kw: dict[str, Any]) -> Any:
    return module.dumps(v, **kw)


def dump_with(module: Any, v: Any, kw: dict[str, Any]) -> str:
    out = io.StringIO()
    module.dump(v, out, **kw)
    return out.getvalue()


def encode_with(module: Any, v: Any) -> str:
    encoder: json.JSONEncoder = module.JSONEncoder(default=opaque_default)
    return encoder.encode(v)


@functools.cache
def make_cases() -> list[Case]:
    """Every case with json's outcome (made once: slow on PyPy)."""
    rng = random.Random(12)
    cases: list[Case] = []

    def add(what: str, call: Callable[..., Any], *args: Any) -> None:
        """call(module, *args) for pyjsonfast, and json's outcome of it."""
        cases.append((what, partial(call, pyjsonfast, *args), outcome(partial(call, json, *args))))

    values = [value(rng, 4) for _ in range(30)] + [
        value(rng, 2, unique_keys=3000) for _ in range(8)
    ]
    values += [[Opaque(i), {"k1": Opaque(i + 1)}] for i in range(3)]
    hook_sets: list[dict[str, Any]] = [
        {"object_pairs_hook": list},
        {"parse_float": Decimal, "parse_int": tagged_int},
        {"object_hook": sorted_items},
        {"cls": FrameworkDecoder},
    ]
    option_sets: list[dict[str, Any]] = [
        {},
        {"indent": 2, "sort_keys": True},
        {"ensure_ascii": False, "separators": (",", ":")},
        {"indent": "\t", "ensure_ascii": False},
    ]
    for i, v in enumerate(values):
        text = json.dumps(v, default=opaque_default)
        add("loads str", loads_with, text, {})
        add("loads bytes", loads_with, text.encode(), {})
        hooks = hook_sets[i % len(hook_sets)]
        add(f"loads {sorted(hooks)}", loads_with, text, hooks)
        # Broken documents: the error's message and position are json's.
        cut = text[: rng.randrange(1, len(text) + 1)] + rng.choice(["", ",", "}", "]", "x", '"'])
        add("loads error", loads_with, cut, {})
        # Odd separators make more key caches than the writer's shared registry keeps.
        odd = {"separators": (",", ":" + " " * rng.randrange(60))}
        options = {**rng.choice([*option_sets, odd]), "default": opaque_default}
        add(f"dumps {sorted(options)}", dumps_with, v, options)
        add(f"dump {sorted(options)}", dump_with, v, options)
        add("JSONEncoder.encode", encode_with, v)
        add("dumps error", dumps_with, [v, {1j}], {})
    return cases


def run_threads(cases: list[Case], seconds: float) -> tuple[list[str], list[int]]:
    """THREADS threads picking cases at random for some seconds, switching as often as the
    interpreter can: what differed from json, and how many cases each thread ran."""
    mismatches: list[str] = []
    counts = [0] * THREADS
    start = threading.Barrier(THREADS)
    deadline = time.monotonic() + seconds

    def work(index: int) -> None:
        rng = random.Random(index)
        start.wait()
        try:
            while time.monotonic() < deadline:
                what, ours, expected = rng.choice(cases)
                got = outcome(ours)
                if got != expected:
                    mismatches.append(f"thread {index}, {what}: {got[:300]} != {expected[:300]}")
                counts[index] += 1
        except BaseException as error:  # a crash of the harness itself counts too
            mismatches.append(f"thread {index} died: {error!r}")

    old_interval = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_INTERVAL)
    try:
        threads = [threading.Thread(target=work, args=(i,)) for i in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=seconds + 120)
    finally:
        sys.setswitchinterval(old_interval)
    if any(thread.is_alive() for thread in threads):
        mismatches.append("a thread hung")
    return mismatches, counts


def test_eight_threads_match_json() -> None:
    mismatches, counts = run_threads(make_cases(), SECONDS)
    assert mismatches == []
    assert min(counts) > 0, counts  # every thread ran


def test_a_race_would_be_seen() -> None:
    """The harness catches what a shared buffer without a lock does under threads."""
    shared: list[str] = []

    def racy_dumps(v: Any) -> str:  # one module-level buffer, no lock
        shared.clear()
        for item in v:
            shared.append(pyjsonfast.dumps(item))
        return "[" + ", ".join(shared) + "]"

    values = [list(range(n, n + 20)) for n in range(8)]
    cases: list[Case] = [
        ("racy", partial(racy_dumps, v), outcome(partial(json.dumps, v))) for v in values
    ]
    mismatches, _ = run_threads(cases, 0.5)
    assert mismatches != []


@pytest.mark.parametrize("seed", range(3))
def test_cases_are_json_in_one_thread(seed: int) -> None:
    """The same cases, one thread: a difference here is not about threads."""
    rng = random.Random(seed)
    for what, ours, expected in rng.sample(make_cases(), 40):
        assert outcome(ours) == expected, what
