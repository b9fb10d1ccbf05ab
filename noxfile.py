"""Sessions: `nox` runs the whole test suite, both builds, after a fuzzing slice;
`nox -s bench` the comparison, `nox -s charts` its picture.

The package is built once per nox run, as users install it: the sdist (from a
clean copy of the project, never inside the work tree), then from that sdist the
pure wheel (py3-none-any, PYJSONFAST_PURE=1) and, for each CPython under test, a
compiled wheel. Every test session installs a wheel into a fresh virtualenv made
by the interpreter under test, with no pip or build tools in it, runs the same
tests/ against the installed package and tells the tests which build it installed
(PYJSONFAST_EXPECT_BUILD), so a test proves the right build was imported. Each
interpreter's suite runs once: `build` checks the artefacts and hands the testing
of its wheels to the test sessions. `sanitizers` builds with ASan and UBSan.
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
    "build",
    "tests",
    "tests_pure",
    "tests_pypy",
    "tests_versions",
    "sanitizers",
]
nox.options.reuse_existing_virtualenvs = False

ROOT = Path(__file__).resolve().parent
DIST = ROOT / "dist"
TEST_DEPS = ["pytest", "pytest-xdist", "hypothesis"]
# pytest-xdist workers per test session: one per CPU this process may run on (CI
# has 2; the suite is CPU-bound). `nox -s tests -- -n 0` runs it in one process.
TEST_WORKERS = str(
    len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
)
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
# The tools' pip installs into every test virtualenv (`pip --python`), running its
# own code under that interpreter: pip 26 no longer runs on Python 3.9.
TOOLS = ["pip<26", "build", "twine"]
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
# The CPython running nox is the `tests` session's; tests_versions covers the others.
THIS_VERSION = f"{sys.version_info[0]}.{sys.version_info[1]}"
OTHER_VERSIONS = [v for v in CPYTHON_VERSIONS if v != THIS_VERSION]
# Modules a virtualenv that only installed wheels must not hold.
BUILD_TOOLS = ("pip", "setuptools", "wheel", "mypy", "mypyc")


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
    """A fresh virtualenv without pip (the tools' pip installs into it); its bin dir."""
    venv = Path(session.cache_dir).resolve() / "venvs" / name
    if venv.exists():
        shutil.rmtree(venv)
    session.run(python, "-m", "venv", "--without-pip", str(venv), external=True)
    return venv / "bin"


# --- the artefacts, built once per nox run ---------------------------------------------
# nox runs every session of a run in this one process: the first session that needs
# an artefact builds it into the run's wheelhouse, the others reuse it.
_built: dict[str, Path] = {}


def wheelhouse(session: nox.Session) -> Path:
    if "wheelhouse" not in _built:
        path = Path(session.cache_dir) / "wheelhouse"
        if path.exists():
            shutil.rmtree(path)  # a previous run's: possibly from other sources
        path.mkdir(parents=True)
        _built["wheelhouse"] = path
    return _built["wheelhouse"]


def tools(session: nox.Session) -> Path:
    """The bin dir of a virtualenv with build, twine and the pip used for every install."""
    if "tools" not in _built:
        venv = Path(session.cache_dir) / "venvs" / "tools"
        if venv.exists():
            shutil.rmtree(venv)
        session.run(sys.executable, "-m", "venv", str(venv), external=True)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", "--upgrade"]
        session.run(*pip, *TOOLS, external=True, silent=True)
        _built["tools"] = venv / "bin"
    return _built["tools"]


def pip(session: nox.Session, python: str | Path) -> list[str]:
    """The tools' pip, run as `python` (which needs no pip of its own)."""
    return [str(tools(session) / "python"), "-m", "pip", "--python", str(python)]


def sdist(session: nox.Session) -> Path:
    """The sdist, made from a clean copy of the project."""
    if "sdist" not in _built:
        source = clean_copy(session)
        out = wheelhouse(session) / "sdist"
        try:
            # Pure: making an sdist needs no mypyc run (nor its generated C inside).
            session.run(
                str(tools(session) / "python"),
                *("-m", "build", "--sdist", "--outdir", str(out), str(source)),
                env={"PYJSONFAST_PURE": "1"},
                external=True,
                silent=True,
            )
        finally:
            shutil.rmtree(source.parent, ignore_errors=True)
        (_built["sdist"],) = out.glob("pyjsonfast-*.tar.gz")
    return _built["sdist"]


def wheel(session: nox.Session, python: str, build: str) -> Path:
    """The wheel of `build` ("compiled" or "pure") for `python`, built from the sdist.

    The pure wheel is one for every interpreter; a compiled one is built by, and
    for, the CPython (>= 3.10) that will import it.
    """
    if build == "pure":
        key, builder = "pure", sys.executable
    else:
        found = interpreter_version(python)
        if found is None or found[0] != "CPython" or found[1] in ("3.8", "3.9"):
            session.error(f"the compiled build needs CPython >= 3.10, not {found} ({python})")
        key, builder = f"compiled-{found[1]}", python
    if key not in _built:
        out = wheelhouse(session) / key
        # --no-cache-dir: pip's wheel cache would hand one build's wheel to another.
        session.run(
            *pip(session, builder),
            *("wheel", "-q", "--no-deps", "--no-cache-dir", "--wheel-dir", str(out)),
            str(sdist(session)),
            env={"PYJSONFAST_PURE": "1" if build == "pure" else "0"},
            external=True,
        )
        (_built[key],) = out.glob("pyjsonfast-*.whl")
    return _built[key]


def install(
    session: nox.Session,
    bindir: Path,
    artefact: Path,
    extra: list[str],
    optional: tuple[str, ...] = (),
) -> None:
    """Install artefact and `extra`, all from wheels, and each of `optional` where
    it installs; then check that no build tool came along."""
    python = bindir / "python"
    command = [*pip(session, python), "install", "-q", "--only-binary", ":all:"]
    session.run(*command, str(artefact), *extra, external=True)
    for package in optional:  # e.g. orjson has no PyPy build: the table then says n/a
        session.run(*command, package, external=True, success_codes=[0, 1])
    session.run(
        str(python),
        "-c",
        "import importlib.util as u, sys; "
        f"found = [m for m in {BUILD_TOOLS!r} if u.find_spec(m)]; "
        "sys.exit(f'build tools installed: {found}' if found else 0)",
        external=True,
    )


def run_tests(
    session: nox.Session,
    python: str,
    build: str,
    name: str,
    hypothesis_profile: str = "ci",
    pytest_options: tuple[str, ...] = (),
) -> None:
    """Install `build`'s wheel for `python` in a fresh venv and run the whole test suite there."""
    bindir = make_venv(session, python, name)
    install(session, bindir, wheel(session, python, build), TEST_DEPS)
    session.run(
        str(bindir / "pytest"),
        f"--hypothesis-profile={hypothesis_profile}",
        *("-p", "no:cacheprovider"),
        *("-n", TEST_WORKERS),
        *pytest_options,
        *session.posargs,
        env={"PYJSONFAST_EXPECT_BUILD": build, "PYJSONFAST_EXPECT_PGO": expect_pgo(build)},
        external=True,
    )


def expect_pgo(build: str) -> str:
    """Whether (as "1") setup.py makes the build profile-guided: compiled, with gcc (on
    Linux, what CPython is built with) unless PYJSONFAST_PGO=0."""
    on = build == "compiled" and sys.platform == "linux" and os.environ.get("PYJSONFAST_PGO") != "0"
    return "1" if on else ""


@nox.session(python=False)
def build(session: nox.Session) -> None:
    """The sdist, the pure wheel and this CPython's compiled wheel into dist/, checked
    by twine and tests/packaging/check_dist.py; then the suites that install them:
    the compiled wheel here (tests), the pure wheel on PyPy (tests_pypy) and on
    CPython 3.9 (tests_versions), each once per nox run."""
    artefacts = [
        sdist(session),
        wheel(session, sys.executable, "pure"),
        wheel(session, sys.executable, "compiled"),
    ]
    DIST.mkdir(exist_ok=True)
    for old in DIST.glob("pyjsonfast-*"):
        old.unlink()
    copies = [str(shutil.copy2(artefact, DIST)) for artefact in artefacts]
    session.log(f"in {DIST}: " + ", ".join(a.name for a in artefacts))
    session.run(str(tools(session) / "twine"), "check", "--strict", *copies, external=True)
    session.run(
        str(tools(session) / "python"),
        str(ROOT / "tests" / "packaging" / "check_dist.py"),
        *copies,
        external=True,
    )
    session.notify("tests")
    session.notify("tests_pypy")
    if "3.9" in OTHER_VERSIONS:
        session.notify("tests_versions(version='3.9')")


@nox.session(python=False)
def tests(session: nox.Session) -> None:
    """The compiled wheel on the CPython running nox."""
    run_tests(session, sys.executable, "compiled", "tests")


@nox.session(python=False)
def tests_pure(session: nox.Session) -> None:
    """The same tests on the pure wheel (PYJSONFAST_PURE=1), current CPython."""
    run_tests(session, sys.executable, "pure", "tests_pure")


@nox.session(python=False)
def tests_pypy(session: nox.Session) -> None:
    """The same tests on PyPy (always the pure wheel)."""
    pypy = require_pypy(session)
    # Plain asserts: PyPy 7.3.11 (Debian's) now and then fails to compile the AST
    # pytest rewrites asserts into ("expected some sort of stmt", pytest-dev/pytest
    # #11771; fixed in later PyPys), failing a worker's collection at random. A
    # failed assert still fails its test, with a poorer message.
    run_tests(session, pypy, "pure", "tests_pypy", pytest_options=("--assert=plain",))


@nox.session(python=False)
@nox.parametrize("version", OTHER_VERSIONS)
def tests_versions(session: nox.Session, version: str) -> None:
    """The other CPythons 3.9-3.13 (the one running nox is `tests`'s), found on PATH or
    in pyenv: the compiled wheel on 3.10+, the pure wheel on 3.9."""
    python = find_cpython(version)
    if python is None:
        session.skip(f"CPython {version} not found on PATH or in pyenv")
    build = "pure" if version == "3.9" else "compiled"
    session.log(f"CPython {version} ({python}): {build} build")
    run_tests(session, python, build, f"py{version}", hypothesis_profile="dev")


# --- sanitizers ---------------------------------------------------------------------
# -fno-wrapv: CPython builds extensions with -fwrapv (or -fno-strict-overflow), which
# makes signed overflow defined and turns UBSan's check for it off; the code must
# not need it. shift-base stays off: mypyc tags every negative int as `value << 1`
# (CPy.h and the generated code), which ISO C leaves undefined and GCC defines.
# -fno-sanitize-recover: the first finding aborts the run.
SANITIZER_CFLAGS = (
    "-fsanitize=address,undefined -fno-sanitize=shift-base -fno-sanitize-recover=all"
    " -fno-wrapv -fno-omit-frame-pointer -g -O1"
)
SANITIZER_OPTIONS = {
    # CPython itself is not instrumented: its allocations look like leaks.
    "ASAN_OPTIONS": "detect_leaks=0:halt_on_error=1",
    "UBSAN_OPTIONS": "print_stacktrace=1:halt_on_error=1",
    # Objects from malloc, not pymalloc's arenas, so ASan sees every object's bounds.
    "PYTHONMALLOC": "malloc",
    "PYJSONFAST_SANITIZERS": "address,undefined",  # for tests/small_stack.py
}
# A signed overflow in the compiled package on purpose (_flog2pow10 is exact for
# |e| <= 1233 only): it must abort, or the build is not checking what it should.
SANITIZER_CANARY = "from pyjsonfast._floatrepr import _flog2pow10; _flog2pow10(2**62)"
# Every file under fuzz/corpus (the fuzzers' kept inputs) through loads, as bytes
# and as text; exceptions are fine, the sanitizers watch for the rest.
REPLAY_CORPUS = """
import pathlib, sys, pyjsonfast
files = [p for p in sorted(pathlib.Path(sys.argv[1]).rglob("*")) if p.is_file()]
for path in files:
    data = path.read_bytes()
    for doc in (data, data.decode("utf-8", "surrogateescape")):
        try:
            pyjsonfast.loads(doc)
        except Exception:
            pass
print(f"replayed {len(files)} corpus inputs")
"""


def sanitizer_runtimes(session: nox.Session) -> str:
    """LD_PRELOAD for gcc's ASan and UBSan runtimes (CPython is not linked with them)."""
    if shutil.which("gcc") is None:
        session.skip("gcc not found")
    paths = []
    for name in ("libasan.so", "libubsan.so"):
        path = subprocess.run(
            ["gcc", f"-print-file-name={name}"], capture_output=True, text=True, check=True
        ).stdout.strip()
        if not Path(path).is_file():
            session.skip(f"gcc has no {name} (Debian: apt-get install libasan8 libubsan1)")
        paths.append(path)
    return ":".join(paths)


@nox.session(python=False)
def sanitizers(session: nox.Session) -> None:
    """The compiled build with AddressSanitizer and UndefinedBehaviorSanitizer (gcc):
    the whole test suite (hypothesis "dev" profile) and the fuzz corpus, if any; any
    finding fails the run."""
    preload = sanitizer_runtimes(session)
    found = interpreter_version(sys.executable)
    if found is None or found[0] != "CPython" or found[1] in ("3.8", "3.9"):
        session.skip(f"the compiled build needs CPython >= 3.10, not {found}")
    bindir = make_venv(session, sys.executable, "sanitizers")
    build_env = {
        "CFLAGS": SANITIZER_CFLAGS,
        "LDFLAGS": "-fsanitize=address,undefined",
        "MYPYC_OPT_LEVEL": "1",  # mypyc's own -O flag comes last
        "PYJSONFAST_PURE": "0",
        "PYJSONFAST_PGO": "0",  # its training could not load ASan's runtime
    }
    # From the sdist, built here (--no-cache-dir: never cached as a normal wheel).
    session.run(
        *pip(session, bindir / "python"),
        *("install", "-q", "--no-cache-dir", str(sdist(session)), *TEST_DEPS),
        env=build_env,
        external=True,
    )
    run_env = {**SANITIZER_OPTIONS, "LD_PRELOAD": preload}
    with session.chdir(bindir):  # `python -c` imports from the working directory first
        canary = session.run(
            str(bindir / "python"),
            *("-c", SANITIZER_CANARY),
            env=run_env,
            external=True,
            silent=True,
            success_codes=list(range(1, 256)),
        )
    if "signed integer overflow" not in str(canary):
        session.error(f"UBSan did not catch the canary's signed overflow:\n{canary}")
    session.log("UBSan caught the canary's signed overflow: the checks are live")
    session.run(
        str(bindir / "pytest"),
        "--hypothesis-profile=dev",
        *("-p", "no:cacheprovider"),
        *("-n", TEST_WORKERS),
        *session.posargs,
        env={**run_env, "PYJSONFAST_EXPECT_BUILD": "compiled"},
        external=True,
    )
    corpus = ROOT / "fuzz" / "corpus"
    if corpus.is_dir():
        with session.chdir(bindir):
            session.run(
                str(bindir / "python"),
                *("-c", REPLAY_CORPUS, str(corpus)),
                env=run_env,
                external=True,
            )


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
    artefact = wheel(session, python, build)
    install(session, bindir, artefact, BENCH_DEPS, optional=OTHER_LIBRARIES)
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
    install(session, bindir, wheel(session, sys.executable, "pure"), FUZZ_DEPS)
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
    artefact = wheel(session, sys.executable, "compiled")
    install(session, bindir, artefact, [*BENCH_DEPS, *PLOT_DEPS], optional=OTHER_LIBRARIES)
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
