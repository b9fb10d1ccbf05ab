"""Every input the fuzzer kept, replayed on the build under test.

`nox -s fuzz` finds inputs with coverage from the pure build and merges them into
fuzz/corpus/TARGET/; here each runs once through its target's differential check
against json (fuzz/fuzz_targets.py) on whatever build is installed: compiled,
pure, PyPy, the sanitizer build. A hang is what the fuzzer calls one: more than a
second on an input of at most 64 KiB, here of pyjsonfast's calls alone (json's
pure-Python encoder may take that long on a deep value), timed twice before it
counts: the machine is shared.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Callable

import fuzz_targets  # fuzz/ is on the tests' path (pyproject.toml)
import pytest

FUZZ_DIR = Path(fuzz_targets.__file__).resolve().parent
CORPUS_DIR = FUZZ_DIR / "corpus"
HANG_SECONDS = 1.0
MAX_INPUT = 65536 + 16  # the fuzzer's -max_len, with some room for a target's header


def corpus_cases() -> list[object]:
    cases: list[object] = [
        pytest.param(target, path, id=f"{target}/{path.name[:12]}")
        for target in fuzz_targets.CHECKS
        for path in sorted((CORPUS_DIR / target).glob("*"))
    ]
    if not cases:
        reason = f"no fuzzer inputs in {CORPUS_DIR} (nox -s fuzz adds them)"
        return [pytest.param(None, None, marks=pytest.mark.skip(reason=reason), id="empty")]
    return cases


def seconds_for(check: Callable[[bytes], None], data: bytes) -> float:
    """The seconds pyjsonfast's calls took in check(data)."""
    fuzz_targets.ours_seconds = 0.0
    check(data)
    return fuzz_targets.ours_seconds


@pytest.mark.parametrize(("target", "path"), corpus_cases())
def test_kept_input(target: str, path: Path) -> None:
    if target == "stream" and fuzz_targets.stream_decoder_class() is None:
        pytest.skip("this pyjsonfast has no StreamDecoder")
    check = fuzz_targets.CHECKS[target]
    data = path.read_bytes()
    assert len(data) <= MAX_INPUT
    seconds = seconds_for(check, data)
    if seconds > HANG_SECONDS:
        seconds = min(seconds, seconds_for(check, data))
    assert seconds <= HANG_SECONDS, f"{path.name}: {seconds:.2f} s"


def test_the_checks_can_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    """The checks do compare: a pyjsonfast that is off by a little is caught."""
    import pyjsonfast

    fuzz_targets.check_loads(b"\0\0\0\0[1]")  # header: loads(str), no options
    fuzz_targets.check_dumps(b"\0\0\x31")  # header: dumps, no options; the value 1
    monkeypatch.setattr(pyjsonfast, "loads", lambda s, **kw: [*json.loads(s, **kw), 0])
    monkeypatch.setattr(pyjsonfast, "dumps", lambda o, **kw: json.dumps(o, **kw) + " ")
    with pytest.raises(AssertionError, match="values"):
        fuzz_targets.check_loads(b"\0\0\0\0[1]")
    with pytest.raises(AssertionError, match="output"):
        fuzz_targets.check_dumps(b"\0\0\x31")


def test_a_hang_is_timed_on_pyjsonfast_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    import pyjsonfast

    def slowed(real: Callable[..., str]) -> Callable[..., str]:
        def call(*args: object, **kw: object) -> str:
            time.sleep(0.05)
            return real(*args, **kw)

        return call

    dumps_one = b"\0\0\x31"  # header: dumps, no options; the value 1
    monkeypatch.setattr(json, "dumps", slowed(json.dumps))
    assert seconds_for(fuzz_targets.check_dumps, dumps_one) < 0.05
    monkeypatch.setattr(pyjsonfast, "dumps", slowed(pyjsonfast.dumps))
    assert seconds_for(fuzz_targets.check_dumps, dumps_one) >= 0.05
