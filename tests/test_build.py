"""Which build is under test: the nox sessions say which one they installed."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import platform
import subprocess
import sys
from pathlib import Path

import pytest

import pyjsonfast
from pyjsonfast import _buffer, _decoder, _encoder

EXPECTED = os.environ.get("PYJSONFAST_EXPECT_BUILD", "")  # "compiled", "pure" or unset
COMPILED_MODULES = (
    "_buffer",
    "_numbers",
    "_scanner",
    "_word_scanner",
    "_words",
    "_decoder",
    "_decode_api",
    "_projection",
    "_scalars",
    "_encoder",
    "_encode_api",
    "_subclasses",
    "_native",
    "_floatrepr",
    "_tables",
    "_stream",
)
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def is_extension(path: str | None) -> bool:
    return (path or "").endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))


def test_compiled_flag_matches_loaded_modules() -> None:
    assert pyjsonfast.__compiled__ is is_extension(_decoder.__file__)
    assert is_extension(_encoder.__file__) is pyjsonfast.__compiled__
    # The build-specific helpers are chosen by the same fact, whatever else is installed.
    assert _buffer.COMPILED is pyjsonfast.__compiled__
    standin = _buffer.StringWriter.__module__ == "pyjsonfast._librt_standin"
    assert standin is not pyjsonfast.__compiled__


@pytest.mark.skipif(
    os.environ.get("PYJSONFAST_EXPECT_PGO") != "1",
    reason="session does not test a profile-guided build (PYJSONFAST_EXPECT_PGO=1)",
)
def test_compiled_build_is_profile_guided() -> None:
    # setup.py compiles the library with the training's profile and records
    # gcc's command line in it (-frecord-gcc-switches): a build that fell back
    # to no profile (a failed training) has no -fprofile-use there.
    spec = importlib.util.find_spec("pyjsonfast__mypyc")
    assert spec is not None and spec.origin is not None, "mypyc's shared library not found"
    assert b"-fprofile-use" in Path(spec.origin).read_bytes()


@pytest.mark.skipif(EXPECTED != "compiled", reason="session does not test the compiled build")
def test_compiled_build_is_loaded() -> None:
    assert pyjsonfast.__compiled__ is True
    for name in COMPILED_MODULES:
        module = __import__(f"pyjsonfast.{name}", fromlist=["_"])
        assert is_extension(module.__file__), f"{name} is not an extension: {module.__file__}"
    # The CLI and the thin public face stay interpreted, as in black.
    assert pyjsonfast.__file__.endswith("__init__.py")
    assert platform.python_implementation() == "CPython"


@pytest.mark.skipif(EXPECTED != "pure", reason="session does not test the pure build")
def test_pure_build_is_loaded() -> None:
    assert pyjsonfast.__compiled__ is False
    for name in COMPILED_MODULES:
        module = __import__(f"pyjsonfast.{name}", fromlist=["_"])
        assert (module.__file__ or "").endswith(".py"), module.__file__


@pytest.mark.skipif(not EXPECTED, reason="not run by a nox session")
def test_installed_package_is_under_test_not_the_source_tree() -> None:
    assert Path(pyjsonfast.__file__).resolve().parent != PROJECT_ROOT / "pyjsonfast"


def run_with_package_under_test(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`python -c code` importing the pyjsonfast under test, not a source tree in
    the working directory ('' comes first on the path of `python -c`): run in cwd,
    the package's folder first on the path."""
    package_parent = str(Path(pyjsonfast.__file__).resolve().parent.parent)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([package_parent, *sys.path])}
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=cwd
    )


@pytest.mark.skipif(not pyjsonfast.__compiled__, reason="interpreted, cast() and final() run")
def test_compiled_import_leaves_typing_out(tmp_path: Path) -> None:
    """Start-up: compiled, `import pyjsonfast` imports neither typing nor
    mypy_extensions (which imports it), some 2.5 ms that json does without; nor
    _protocols, which only the type checker reads; nor the streaming modules,
    imported on first use."""
    code = (
        "import sys; before = set(sys.modules); import pyjsonfast; "
        "print(pyjsonfast.__file__, sorted(set(sys.modules) - before))"
    )
    result = run_with_package_under_test(code, tmp_path)
    assert result.returncode == 0, result.stderr
    imported_from, imported = result.stdout.strip().split(" ", 1)
    assert Path(imported_from).resolve() == Path(pyjsonfast.__file__).resolve()
    assert "pyjsonfast._decoder" in imported  # (the probe does see what the import brings)
    for name in (
        "'typing'",
        "'mypy_extensions'",
        "'pyjsonfast._protocols'",
        "'pyjsonfast.stream'",
        "'pyjsonfast._stream'",
    ):
        assert name not in imported, imported


STREAM_NAMES = ("StreamDecoder", "aiterload", "dump_lines", "iterload", "load_lines")


def test_streaming_api_is_imported_on_first_use(tmp_path: Path) -> None:
    """pyjsonfast.stream and its names at the top level load when first asked
    for (by attribute, from-import or star-import), as if imported eagerly."""
    code = f"""if True:
        import sys
        import pyjsonfast
        assert "pyjsonfast.stream" not in sys.modules
        assert set({STREAM_NAMES!r}) | {{"stream"}} <= set(dir(pyjsonfast))
        from pyjsonfast import iterload
        assert "pyjsonfast.stream" in sys.modules
        import pyjsonfast.stream
        assert iterload is pyjsonfast.stream.iterload is pyjsonfast.iterload
        namespace = {{}}
        exec("from pyjsonfast import *", namespace)
        for name in {STREAM_NAMES!r}:
            assert namespace[name] is getattr(pyjsonfast.stream, name), name
        try:
            pyjsonfast.no_such_name
        except AttributeError as exc:
            assert str(exc) == "module 'pyjsonfast' has no attribute 'no_such_name'", exc
        else:
            raise AssertionError("no AttributeError")
        print("ok")
    """
    result = run_with_package_under_test(code, tmp_path)
    assert result.stdout.strip() == "ok", result.stderr
