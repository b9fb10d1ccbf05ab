"""Where the shared test data (JSONTestSuite, corpus) lives, and how tests reach it.

The data is not part of the project: it is read from $PYJSONFAST_SHARED, or from
../shared beside the project root. Tests that need it skip with a reason when it
is absent; the project's own tests stand on their own.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = Path(os.environ.get("PYJSONFAST_SHARED") or PROJECT_ROOT.parent / "shared")
CORPUS_NAMES = ("twitter", "citm_catalog", "canada", "github")

MISSING_REASON = (
    f"shared test data not found at {SHARED_DIR} "
    "(put it beside the project root or set PYJSONFAST_SHARED)"
)


def shared_path(*parts: str) -> Path:
    """A path inside the shared data; skips the calling test when it is absent."""
    path = SHARED_DIR.joinpath(*parts)
    if not path.exists():
        pytest.skip(MISSING_REASON if not SHARED_DIR.is_dir() else f"{path} is missing")
    return path


def shared_files(subdir: str, pattern: str) -> list[object]:
    """pytest params, one per shared file matching pattern (ids are file names).

    When the data is absent this is a single skipped param, so the test shows up
    as skipped with the reason instead of silently vanishing.
    """
    folder = SHARED_DIR / subdir
    files = sorted(folder.glob(pattern)) if folder.is_dir() else []
    if not files:
        return [pytest.param(None, marks=pytest.mark.skip(reason=MISSING_REASON), id="no-data")]
    return [pytest.param(f, id=f.name) for f in files]


def corpus_bytes(name: str) -> bytes:
    return shared_path("corpus", f"{name}.json").read_bytes()
