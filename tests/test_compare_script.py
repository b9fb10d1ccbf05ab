"""benchmarks/compare.py's import-time probe: its fresh interpreters run in an
empty folder, and must still import what this process imports."""

from __future__ import annotations

import platform
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.mark.skipif(
    platform.python_implementation() != "CPython", reason="-X importtime is CPython's"
)
def test_import_probe_follows_a_relative_pythonpath(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    import compare

    (tmp_path / "probe_target_module.py").write_text("VALUE = 1\n")
    monkeypatch.chdir(tmp_path.parent)
    monkeypatch.setenv("PYTHONPATH", tmp_path.name)  # relative, as in PYTHONPATH=.
    assert compare.import_microseconds("probe_target_module") is not None
    assert compare.import_microseconds("no_such_module_anywhere") is None
