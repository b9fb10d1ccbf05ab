"""Check pyjsonfast's typing with mypy --strict and basedpyright (strict) on two files.

    python tests/typing/check_typing.py            # against the source tree's pyjsonfast
    python tests/typing/check_typing.py --stdlib   # the same code against the stdlib json

good_usage.py is correct json code: each checker must report nothing in it.
bad_usage.py is wrong json code: for each checker, the lines with an error must be
exactly the lines marked `# expect-error`.

--stdlib checks copies in which `pyjsonfast` reads `json`, the good file's lines
marked `# pyjsonfast-only` are dropped (made `pass`) and the bad file's are not
counted: it shows the good code is plain, correct json code and the other bad
lines are wrong for the stdlib's types (typeshed's json stubs) too.

Both checkers run from the project root on these files only (and what they import):
mypy with the project's [tool.mypy] config, basedpyright with pyrightconfig.json
here; both find pyjsonfast in the source tree before any installed copy.
Exits 1 listing every mismatch, 2 if a checker could not run.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import tokenize
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
GOOD = HERE / "good_usage.py"
BAD = HERE / "bad_usage.py"
PYRIGHT_CONFIG = HERE / "pyrightconfig.json"

EXPECT_ERROR = "# expect-error"
PYJSONFAST_ONLY = "# pyjsonfast-only"
# Suppressions would hide what these files exist to show.
SUPPRESSION = re.compile(r"#\s*(type:\s*ignore|pyright:\s*(ignore|basic|strict)|mypy:)")
MYPY_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+): (?P<severity>error|warning): (?P<msg>.*)$")


class CheckerFailed(Exception):
    """A checker did not run to completion (crash, bad config, fatal error)."""


@dataclass
class Diagnostic:
    line: int
    severity: str
    message: str


@dataclass
class Report:
    """What one checker said about one file."""

    diagnostics: list[Diagnostic] = field(default_factory=list)

    def error_lines(self) -> set[int]:
        return {d.line for d in self.diagnostics if d.severity == "error"}

    def on(self, line: int) -> list[str]:
        return [f"{d.severity}: {d.message}" for d in self.diagnostics if d.line == line]


def comments(text: str) -> dict[int, str]:
    """The comment on each line that has one (so a marker in a docstring is no marker)."""
    tokens = tokenize.generate_tokens(io.StringIO(text).readline)
    return {tok.start[0]: tok.string for tok in tokens if tok.type == tokenize.COMMENT}


def marked_lines(text: str, marker: str) -> set[int]:
    return {n for n, comment in comments(text).items() if marker in comment}


def as_stdlib(text: str, drop: set[int]) -> str:
    """The file with pyjsonfast read as json and the lines in `drop` made `pass`."""
    lines: list[str] = []
    for n, line in enumerate(text.splitlines(), 1):
        if n in drop:
            line = line[: len(line) - len(line.lstrip())] + "pass"
        lines.append(re.sub(r"\bpyjsonfast\b", "json", line))
    return "\n".join(lines) + "\n"


def run(cmd: Sequence[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)


def run_mypy(files: Sequence[Path], tmp: Path) -> dict[Path, Report]:
    # A fresh cache: mypy replays a cached module's errors under the path it had
    # then, so a cache shared across --stdlib runs (new temporary folder each time)
    # would put them in no checked file.
    cmd = [
        sys.executable,
        "-m",
        "mypy",
        "--config-file",
        str(ROOT / "pyproject.toml"),
        "--strict",
        "--show-absolute-path",
        "--no-pretty",
        "--no-error-summary",
        "--hide-error-context",
        "--no-color-output",
        "--cache-dir",
        str(tmp / "mypy-cache"),
        *map(str, files),
    ]
    proc = run(cmd)
    if proc.returncode not in (0, 1):
        raise CheckerFailed(f"mypy exited {proc.returncode}:\n{proc.stdout}{proc.stderr}")
    reports = {f: Report() for f in files}
    for raw in proc.stdout.splitlines():
        m = MYPY_LINE.match(raw)
        if m is None:
            continue  # notes continue the previous error
        path = Path(m["path"]).resolve()
        if path in reports:
            reports[path].diagnostics.append(Diagnostic(int(m["line"]), m["severity"], m["msg"]))
        else:  # e.g. in pyjsonfast itself: the typecheck session's own mypy run shows it
            print(f"  mypy, outside the checked files: {raw}")
    return reports


def basedpyright_command() -> list[str]:
    beside = Path(sys.executable).parent / "basedpyright"
    found = str(beside) if beside.exists() else shutil.which("basedpyright")
    if found is None:
        raise CheckerFailed("basedpyright is not installed (pip install basedpyright)")
    return [found]


def run_basedpyright(files: Sequence[Path], tmp: Path) -> dict[Path, Report]:
    cmd = [
        *basedpyright_command(),
        "--outputjson",
        "--project",
        str(PYRIGHT_CONFIG),
        "--pythonpath",
        sys.executable,
        *map(str, files),
    ]
    proc = run(cmd)
    try:
        output = json.loads(proc.stdout)
    except ValueError:
        raise CheckerFailed(
            f"basedpyright exited {proc.returncode}, no JSON:\n{proc.stdout}{proc.stderr}"
        ) from None
    if proc.returncode not in (0, 1) or output["summary"]["filesAnalyzed"] < len(files):
        raise CheckerFailed(f"basedpyright exited {proc.returncode}:\n{proc.stdout}{proc.stderr}")
    reports = {f: Report() for f in files}
    for diag in output["generalDiagnostics"]:
        path = Path(diag["file"]).resolve()
        if diag["severity"] not in ("error", "warning"):
            continue
        message = f"{diag['message']} ({diag.get('rule', 'no rule')})"
        line = diag["range"]["start"]["line"] + 1
        if path in reports:
            reports[path].diagnostics.append(Diagnostic(line, diag["severity"], message))
        else:
            print(f"  basedpyright, outside the checked files: {path}:{line}: {message}")
    return reports


def compare(checker: str, good: Report, bad: Report, bad_text: str, ignored: set[int]) -> list[str]:
    """Every mismatch, one line each; prints the checker's summary line.

    Diagnostics on the bad file's `ignored` lines do not count either way.
    """
    problems = [
        f"{checker}: good_usage.py:{d.line}: {d.severity}: {d.message}" for d in good.diagnostics
    ]
    expected = marked_lines(bad_text, EXPECT_ERROR) - ignored
    rejected = bad.error_lines() - ignored
    unexpected = {d.line for d in bad.diagnostics} - expected - ignored
    source = bad_text.splitlines()
    for line in sorted(expected - rejected):
        problems.append(f"{checker}: bad_usage.py:{line}: not rejected: {source[line - 1].strip()}")
    for line in sorted(unexpected):
        problems += [f"{checker}: bad_usage.py:{line}: unexpected {said}" for said in bad.on(line)]
    print(
        f"{checker:>12}: good_usage.py: {len(good.diagnostics)} diagnostics; "
        f"bad_usage.py: {len(expected & rejected)} of {len(expected)} marked lines rejected, "
        f"{len(unexpected)} unmarked lines with diagnostics"
    )
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument(
        "--stdlib", action="store_true", help="check the same code against the stdlib json"
    )
    args = parser.parse_args(argv)

    texts = {path: path.read_text(encoding="utf-8") for path in (GOOD, BAD)}
    problems: list[str] = []
    for path, text in texts.items():
        for n, comment in comments(text).items():
            if SUPPRESSION.search(comment):
                problems.append(f"{path.name}:{n}: a type-checker suppression comment")
    problems += [
        f"good_usage.py:{n}: marked {EXPECT_ERROR}" for n in marked_lines(texts[GOOD], EXPECT_ERROR)
    ]

    bad_text = texts[BAD]
    ignored: set[int] = set()
    with tempfile.TemporaryDirectory(prefix="check-typing-") as tmp:
        if args.stdlib:
            # The good file loses its pyjsonfast-only lines; the bad file keeps them
            # (unmarked, they would leave names undefined) and they count for nothing.
            ignored = marked_lines(bad_text, PYJSONFAST_ONLY)
            good, bad = Path(tmp) / GOOD.name, Path(tmp) / BAD.name
            good_text = texts[GOOD]
            dropped = marked_lines(good_text, PYJSONFAST_ONLY)
            good.write_text(as_stdlib(good_text, dropped), encoding="utf-8")
            bad.write_text(as_stdlib(bad_text, set()), encoding="utf-8")
            print("against the stdlib json (pyjsonfast read as json, pyjsonfast-only lines out)")
        else:
            good, bad = GOOD, BAD
            print(f"against the pyjsonfast in {ROOT}")
        try:
            for checker, check in (("mypy", run_mypy), ("basedpyright", run_basedpyright)):
                reports = check([good, bad], Path(tmp))
                problems += compare(checker, reports[good], reports[bad], bad_text, ignored)
        except CheckerFailed as error:
            print(f"check_typing: {error}", file=sys.stderr)
            return 2

    if problems:
        print(f"\n{len(problems)} mismatches:")
        for problem in problems:
            print(f"  {problem}")
        return 1
    print("typing: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
