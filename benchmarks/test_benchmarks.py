"""pytest-benchmark suite: pyjsonfast next to json on the standard corpus.

    pytest benchmarks/ --benchmark-group-by=param:doc

Each test times one library doing one operation on one document; group by
document to read them side by side. The comparison table with ratios lives in
compare.py; this suite is for pytest-benchmark's history and --benchmark-compare.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

import pyjsonfast

SHARED_DIR = Path(
    os.environ.get("PYJSONFAST_SHARED") or Path(__file__).resolve().parent.parent.parent / "shared"
)
DOCUMENTS = ("twitter", "citm_catalog", "canada", "github")
LIBRARIES = {"json": json, "pyjsonfast": pyjsonfast}


@pytest.fixture(scope="module", params=DOCUMENTS)
def doc(request: pytest.FixtureRequest) -> tuple[str, bytes, object]:
    name: str = request.param
    path = SHARED_DIR / "corpus" / f"{name}.json"
    if not path.is_file():
        pytest.skip(f"corpus not found at {path.parent} (set PYJSONFAST_SHARED)")
    raw = path.read_bytes()
    return name, raw, json.loads(raw)


@pytest.mark.parametrize("lib", LIBRARIES)
def test_loads_str(
    benchmark: Callable[..., object], doc: tuple[str, bytes, object], lib: str
) -> None:
    text = doc[1].decode("utf-8")
    assert benchmark(LIBRARIES[lib].loads, text) == doc[2]


@pytest.mark.parametrize("lib", LIBRARIES)
def test_loads_bytes(
    benchmark: Callable[..., object], doc: tuple[str, bytes, object], lib: str
) -> None:
    assert benchmark(LIBRARIES[lib].loads, doc[1]) == doc[2]


@pytest.mark.parametrize("lib", LIBRARIES)
def test_dumps(benchmark: Callable[..., object], doc: tuple[str, bytes, object], lib: str) -> None:
    assert benchmark(LIBRARIES[lib].dumps, doc[2]) == json.dumps(doc[2])


@pytest.mark.parametrize("lib", LIBRARIES)
def test_dumps_indent(
    benchmark: Callable[..., object], doc: tuple[str, bytes, object], lib: str
) -> None:
    assert benchmark(LIBRARIES[lib].dumps, doc[2], indent=2) == json.dumps(doc[2], indent=2)
