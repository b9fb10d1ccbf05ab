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


def test_spread_report_gives_each_librarys_lowest_and_highest_speed_up(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    import compare

    libs = [compare.Library(name, None, None, None, None, None) for name in ("json", "a", "b")]
    # Two runs of loads: "a" is 2x then 4x json on doc x, 1x then 1x on doc y;
    # "b" was not timed on y in the second run.
    runs: list[compare.Times] = [
        {
            "loads": {
                "json": {"x": 4.0, "y": 1.0},
                "a": {"x": 2.0, "y": 1.0},
                "b": {"x": 4.0, "y": 2.0},
            }
        },
        {
            "loads": {
                "json": {"x": 4.0, "y": 1.0},
                "a": {"x": 1.0, "y": 1.0},
                "b": {"x": 4.0, "y": None},
            }
        },
    ]
    lines: list[str] = []
    compare.spread_report(runs, libs, ["x", "y"], lines.append)
    assert "### speed-up spread over 2 runs (lowest-highest)" in lines
    assert "| x | 2.00-4.00x | 1.00-1.00x |" in lines
    assert "| y | 1.00-1.00x | n/a |" in lines
    assert "| geometric mean | 1.41-2.00x | n/a |" in lines


def test_runs_must_be_at_least_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    import compare

    with pytest.raises(SystemExit):
        compare.main(["--runs", "0", "--ops", "loads"])


def test_escapes_report_times_every_workload_against_json(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    import compare
    import string_workloads

    argv = ["--ops", "escapes", "--libs", "pyjsonfast", "--repeat", "1", "--min-time", "0"]
    assert compare.main(argv) == 0
    printed = capsys.readouterr().out
    assert "#### ensure_ascii=False (str out)" in printed
    rows = [line for line in printed.splitlines() if line.startswith("| ")]
    workloads = list(string_workloads.WORKLOADS)
    assert len(rows) == 2 * (1 + len(workloads)), rows  # two tables
    for table in (rows[: 1 + len(workloads)], rows[1 + len(workloads) :]):
        header = table[0].split(" | ")
        assert len(header) == 3 and header[0] == "| workload", table[0]
        assert header[1].startswith("json") and header[2].startswith("pyjsonfast"), table[0]
        assert [row.split(" | ")[0][2:] for row in table[1:]] == workloads
        for row in table[1:]:
            assert row.count(" ms") == 2 and row.endswith("x) |"), row
