"""Sessions: `nox` runs the whole test suite, both builds, after a fuzzing slice;
`nox -s bench` the comparison, `nox -s charts` its picture.

Every test session installs pyjsonfast from a clean copy of the project (never
building inside the work tree) into a fresh virtualenv made by the interpreter
under test, then runs the same tests/ against the installed package and tells
the tests which build it installed (PYJSONFAST_EXPECT_BUILD), so a test proves
the right build was imported.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nox

nox.options.sessions = [
    "lint",
    "typecheck",
    "fuzz",  # before the test sessions: they replay what it adds to fuzz/corpus/
    "tests",
    "tests_pure",
    "tests_pypy",
    "tests_versions",
]
nox.options.reuse_existing_virtualenvs = False

ROOT = Path(__file__).resolve().parent
TEST_DEPS = ["pytest", "hypothesis"]
BENCH_DEPS = ["pytest", "pytest-benchmark"]
OTHER_LIBRARIES = ("simplejson", "ujson", "orjson", "msgspec")
# atheris 3.1.0 has wheels for CPython 3.12+ only: 3.11 gets 3.0.0.
FUZZ_DEPS = ["atheris>=3.0,<4"]
FUZZ_SECONDS = "150"  # nox -s fuzz without SECONDS (CI's slice), all targets together
TYPING_ONLY_DEPS = ["types-atheris"]  # mypy checks fuzz/ without installing atheris
PLOT_DEPS = ["matplotlib"]  # benchmarks/charts.py only
MYPY = "mypy==2.4.1"
# Pinned like mypy: which lines of tests/typing/bad_usage.py a checker rejects can
# change between its versions.
BASEDPYRIGHT = "basedpyright==1.40.2"
# What a clean copy of the project leaves out: VCS data, build output, caches.
COPY_IGNORE = shutil.ignore_patterns(
    ".git",
    ".nox",
    "build",
    "dist",
    "*.egg-info",
    "__pycache__",
    "*.so",
    "*.pyd",
    ".mypy_cache",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
    ".benchmarks",
)
CPYTHON_VERSIONS = ("3.9", "3.10", "3.11", "3.12", "3.13")


def interpreter_version(python: str) -> tuple[str, str] | None:
    """(implementation, "X.Y") of a working interpreter, or None (e.g. a dead pyenv shim)."""
    try:
        out = subprocess.run(
            [
                python,
                "-c",
                "import sys, platform; "
                "print(platform.python_implementation(), '%d.%d' % sys.version_info[:2])",
            ],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout.split()
    except (OSError, subprocess.SubprocessError):
        return None
    return (out[0], out[1]) if len(out) == 2 else None


def find_cpython(version: str) -> str | None:
    """A CPython X.Y from PATH or pyenv's versions folder."""
    candidates = [shutil.which(f"python{version}")]
    pyenv_root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv"))
    candidates += sorted(
        (str(p) for p in pyenv_root.glob(f"versions/{version}.*/bin/python{version}")),
        reverse=True,
    )
    for candidate in candidates:
        if candidate and interpreter_version(candidate) == ("CPython", version):
            return candidate
    return None


def find_pypy() -> str | None:
    for name in ("pypy3", "pypy"):
        path = shutil.which(name)
        if path and interpreter_version(path) is not None:
            return path
    return None


def require_pypy(session: nox.Session) -> str:
    """PyPy's path, or skip the session saying how to get it."""
    pypy = find_pypy()
    if pypy is None:
        session.skip("no PyPy on PATH (Debian: apt-get install pypy3 pypy3-venv)")
    return pypy


def clean_copy(session: nox.Session) -> Path:
    """The project copied to a temporary folder, so builds never touch the work tree."""
    dest = Path(tempfile.mkdtemp(prefix="pyjsonfast-src-")) / "pyjsonfast"
    shutil.copytree(ROOT, dest, ignore=COPY_IGNORE)
    session.log(f"building from a clean copy in {dest}")
    return dest


def make_venv(session: nox.Session, python: str, name: str) -> Path:
    venv = Path(session.cache_dir) / "venvs" / name
    if venv.exists():
        shutil.rmtree(venv)
    session.run(python, "-m", "venv", str(venv), external=True)
    bindir = venv / "bin"
    session.run(
        str(bindir / "python"),
        "-m",
        "pip",
        "install",
        "-q",
        "--upgrade",
        "pip",
        external=True,
        silent=True,
    )
    return bindir


def install_build(
    session: nox.Session, bindir: Path, build: str, extra: list[str], optional: tuple[str, ...] = ()
) -> None:
    """pip-install the build and `extra`; each of `optional` only where it installs."""
    env = {"PYJSONFAST_PURE": "1" if build == "pure" else "0"}
    source = clean_copy(session)
    pip = [str(bindir / "python"), "-m", "pip", "install", "-q"]
    try:
        session.run(*pip, str(source), *extra, env=env, external=True)
    finally:
        shutil.rmtree(source.parent, ignore_errors=True)
    for package in optional:  # e.g. orjson has no PyPy build: the table then says n/a
        session.run(*pip, package, external=True, success_codes=[0, 1])


def run_tests(
    session: nox.Session, python: str, build: str, name: str, hypothesis_profile: str = "ci"
) -> None:
    """Install `build` for `python` in a fresh venv and run the whole test suite there."""
    bindir = make_venv(session, python, name)
    install_build(session, bindir, build, TEST_DEPS)
    session.run(
        str(bindir / "pytest"),
        f"--hypothesis-profile={hypothesis_profile}",
        "-p",
        "no:cacheprovider",
        *session.posargs,
        env={"PYJSONFAST_EXPECT_BUILD": build},
        external=True,
    )


@nox.session(python=False)
def tests(session: nox.Session) -> None:
    """The compiled (mypyc) build on the current CPython."""
    run_tests(session, sys.executable, "compiled", "tests")


@nox.session(python=False)
def tests_pure(session: nox.Session) -> None:
    """The same tests on the pure build (PYJSONFAST_PURE=1), current CPython."""
    run_tests(session, sys.executable, "pure", "tests_pure")


@nox.session(python=False)
def tests_pypy(session: nox.Session) -> None:
    """The same tests on PyPy (always the pure build)."""
    pypy = require_pypy(session)
    run_tests(session, pypy, "pure", "tests_pypy")


@nox.session(python=False)
def tests_versions(session: nox.Session) -> None:
    """Every CPython 3.9-3.13 found on PATH or in pyenv: compiled on 3.10+, pure on 3.9."""
    found = {v: find_cpython(v) for v in CPYTHON_VERSIONS}
    missing = [v for v, path in found.items() if path is None]
    if missing:
        session.log(f"not found, not tested: CPython {', '.join(missing)}")
    if all(path is None for path in found.values()):
        session.skip("no CPython 3.9-3.13 found")
    failed = []
    for version, python in found.items():
        if python is None:
            continue
        build = "pure" if version == "3.9" else "compiled"
        session.log(f"CPython {version} ({python}): {build} build")
        try:  # go on through every version, so one run shows them all
            run_tests(session, python, build, f"py{version}", hypothesis_profile="dev")
        except nox.command.CommandFailed:
            failed.append(version)
    if failed:
        session.error(f"tests failed on CPython {', '.join(failed)}")


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict on the package, tests, benchmarks and fuzz/; then the public typing as
    users meet it: tests/typing/check_typing.py runs mypy --strict and basedpyright
    (strict) on correct and on wrong json code written against pyjsonfast."""
    session.install(
        MYPY,
        BASEDPYRIGHT,
        "librt",
        "mypy_extensions",
        "nox",
        *TEST_DEPS,
        *BENCH_DEPS,
        *OTHER_LIBRARIES,
        *PLOT_DEPS,
        *TYPING_ONLY_DEPS,
    )
    # [tool.mypy] leaves tests/typing/*_usage.py to check_typing.py.
    session.run("mypy", "--strict", "pyjsonfast", "tests", "benchmarks", "fuzz", "noxfile.py")
    session.run("python", "tests/typing/check_typing.py")


@nox.session
def lint(session: nox.Session) -> None:
    """ruff over everything."""
    session.install("ruff")
    session.run("ruff", "check", ".")


def bench_in(session: nox.Session, python: str, build: str, name: str) -> None:
    bindir = make_venv(session, python, name)
    install_build(session, bindir, build, BENCH_DEPS, optional=OTHER_LIBRARIES)
    session.run(
        str(bindir / "python"),
        str(ROOT / "benchmarks" / "compare.py"),
        *session.posargs,
        external=True,
    )


@nox.session(python=False)
def bench(session: nox.Session) -> None:
    """Comparison table, compiled build, current CPython (args go to compare.py)."""
    bench_in(session, sys.executable, "compiled", "bench")


@nox.session(python=False)
def bench_pure(session: nox.Session) -> None:
    """Comparison table, pure build, current CPython."""
    bench_in(session, sys.executable, "pure", "bench_pure")


@nox.session(python=False)
def bench_pypy(session: nox.Session) -> None:
    """Comparison table on PyPy (pure build) against PyPy's json."""
    pypy = require_pypy(session)
    bench_in(session, pypy, "pure", "bench_pypy")


@nox.session(python=False)
def fuzz(session: nox.Session) -> None:
    """Coverage-guided fuzzing (atheris) of the pure build against json:
    `nox -s fuzz -- SECONDS` in all (default 150). New finds are merged into
    fuzz/corpus/, which tests/test_fuzz_corpus.py replays on every build."""
    seconds = session.posargs[0] if session.posargs else FUZZ_SECONDS
    bindir = make_venv(session, sys.executable, "fuzz")
    install_build(session, bindir, "pure", FUZZ_DEPS)
    session.run(
        str(bindir / "python"),
        str(ROOT / "fuzz" / "run_fuzzer.py"),
        "--seconds",
        seconds,
        "--work",
        str(Path(session.cache_dir) / "fuzz"),
        external=True,
    )


@nox.session(python=False)
def charts(session: nox.Session) -> None:
    """Regenerate docs/benchmarks.png and docs/benchmarks.md: compare.py on the
    compiled build, current CPython (args go to compare.py, e.g. --repeat 9)."""
    bindir = make_venv(session, sys.executable, "charts")
    install_build(session, bindir, "compiled", [*BENCH_DEPS, *PLOT_DEPS], optional=OTHER_LIBRARIES)
    docs = ROOT / "docs"
    tables = docs / "benchmarks.md"
    session.run(
        str(bindir / "python"),
        str(ROOT / "benchmarks" / "compare.py"),
        "--plot",
        str(docs),
        "--output",
        str(tables),
        *session.posargs,
        external=True,
    )
    tables.write_text(
        "# Benchmarks\n\n"
        "Made by `nox -s charts`: benchmarks/compare.py, every library in one process, one "
        "run on one machine (expect some 10% between runs).\n\n"
        "![speed-up vs json](benchmarks.png)\n\n" + tables.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
