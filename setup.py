"""Build pyjsonfast compiled by mypyc, or pure, from the same source.

The compiled build needs CPython >= 3.10 (mypy 2.4.1 runs there) and a C compiler.
The pure build is chosen by PYJSONFAST_PURE=1, on PyPy, and on CPython < 3.10.

With gcc, the compiled build is profile-guided (PGO): compiled once instrumented,
trained on benchmarks/pgo_training.py's workload, and compiled again with the
profile (dumps 4-12 % faster, loads 0-5 %). PYJSONFAST_PGO=0 turns it off; a
training that cannot run (say, a cross-compiler's output) leaves a plain build,
with a warning.
"""

from __future__ import annotations

import os
import platform
import re
import subprocess
import sys
import sysconfig
from importlib.metadata import version
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

# The hot modules. __init__ (the thin public face), _errors (cold; subclasses a
# non-native json class) and __main__ (the CLI, as in black) stay interpreted.
COMPILED_MODULES = [
    "pyjsonfast/_buffer.py",
    "pyjsonfast/_numbers.py",
    "pyjsonfast/_decoder.py",
    "pyjsonfast/_decode_api.py",
    "pyjsonfast/_projection.py",
    "pyjsonfast/_scanner.py",
    "pyjsonfast/_word_scanner.py",
    "pyjsonfast/_words.py",
    "pyjsonfast/_encoder.py",
    "pyjsonfast/_encode_api.py",
    "pyjsonfast/_scalars.py",
    "pyjsonfast/_subclasses.py",
    "pyjsonfast/_native.py",
    "pyjsonfast/_floatrepr.py",
    "pyjsonfast/_tables.py",
    "pyjsonfast/_stream.py",
]


def want_compiled() -> bool:
    if os.environ.get("PYJSONFAST_PURE", "") not in ("", "0"):
        return False
    if platform.python_implementation() != "CPython":
        return False
    return sys.version_info >= (3, 10)


def librt_requirement() -> str:
    """librt from the version present at build time up to its next minor release.

    The compiled modules check librt's C API when imported: its ABI version must
    equal the one in the headers of the mypyc that built them, its API version be
    at least theirs, or the import fails ("ABI/API version conflict for librt...").
    librt is 0.x: its headers say the ABI changes only in exceptional cases, but no
    version number promises when, so allow only the minor series pinned in
    [build-system] requires, which is what was built and tested against.
    """
    built_with = version("librt")
    match = re.match(r"(\d+)\.(\d+)", built_with)
    if match is None:
        raise RuntimeError(f"cannot read librt's version {built_with!r}")
    major, minor = int(match.group(1)), int(match.group(2))
    return f"librt>={built_with},<{major}.{minor + 1}"


PGO_TRAINING = Path(__file__).resolve().parent / "benchmarks" / "pgo_training.py"
# The profile's phase flags. -frecord-gcc-switches keeps the command line in the
# library (.GCC.command.line), where tests/test_build.py finds -fprofile-use.
# -fno-profile-values: no value profiles, so no indirect call promoted: inlining
# the scanner's methods (called through mypyc's vtables) into Parser.parse_object
# grew its frame from 232 to 296 bytes, and 2,000 nested objects (MAX_DEPTH_LIMIT)
# overflowed a 512 KiB thread stack (tests/test_depth.py). Without: 248 bytes.
PGO_GENERATE = ["-fprofile-generate", "-fno-profile-values"]
PGO_USE = [
    "-fprofile-use",
    "-fprofile-correction",
    "-Wno-missing-profile",
    "-frecord-gcc-switches",
    "-fno-profile-values",
]


def compiler_is_gcc() -> bool:
    """Whether the C compiler setuptools will run is gcc (clang's profiles need
    llvm-profdata between the two phases; other compilers, other flags)."""
    compiler = (os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc").split()
    try:
        banner = subprocess.run(
            [compiler[0], "--version"], capture_output=True, text=True, check=False
        ).stdout
    except OSError:
        return False
    return "Free Software Foundation" in banner and "clang" not in banner.lower()


class ProfileGuidedBuildExt(build_ext):
    """build_ext, twice with gcc: instrumented, run on the training workload (in a
    subprocess importing what it built), then with the profile it wrote."""

    def run(self) -> None:
        if os.environ.get("PYJSONFAST_PGO", "1") == "0" or not self.extensions:
            super().run()
            return
        if os.name != "posix" or not compiler_is_gcc() or not PGO_TRAINING.is_file():
            print("pyjsonfast: not profile-guided (needs gcc and benchmarks/pgo_training.py)")
            super().run()
            return
        for stale in Path(self.build_temp).rglob("*.gcda"):
            stale.unlink()
        self.force = True  # both phases compile every file
        self.build_with(PGO_GENERATE, PGO_GENERATE)
        if self.train():
            self.build_with(PGO_USE, [])
            print("pyjsonfast: profile-guided build done")
        else:
            print("pyjsonfast: WARNING: the PGO training failed; building without a profile")
            self.build_with([], [])

    def build_with(self, compile_flags: list[str], link_flags: list[str]) -> None:
        saved = [(ext.extra_compile_args, ext.extra_link_args) for ext in self.extensions]
        compiler = self.compiler  # a name (or None): run() replaces it by the object
        for ext in self.extensions:
            ext.extra_compile_args = [*ext.extra_compile_args, *compile_flags]
            ext.extra_link_args = [*ext.extra_link_args, *link_flags]
        try:
            super().run()
        finally:
            self.compiler = compiler
            for ext, (compile_args, link_args) in zip(self.extensions, saved):
                ext.extra_compile_args, ext.extra_link_args = compile_args, link_args

    def train(self) -> bool:
        """Run the workload on the instrumented build (it writes the .gcda files
        as it exits); True when it ran through."""
        # The directory holding the built package, where mypyc's shared library
        # (the one top-level extension) went: the source tree in place, else
        # build_lib (build_py has copied the .py files there already).
        shared = next(ext.name for ext in self.extensions if "." not in ext.name)
        root = Path(self.get_ext_fullpath(shared)).resolve().parent
        # PYTHONPATH is kept: pip's isolated build environment puts librt there
        # (the training script puts root ahead of it).
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        done = subprocess.run([sys.executable, str(PGO_TRAINING), str(root)], env=env, check=False)
        return done.returncode == 0


ext_modules = []
cmdclass = {}
# mypy_extensions provides the native int types (i64...) in both builds; librt is
# what the compiled modules import at start (the pure build uses _librt_standin).
install_requires = ["mypy_extensions>=1.0"]
if want_compiled():
    # No silent fallback: a CPython >= 3.10 build that cannot compile is an error,
    # so "pip install ." never hands out the pure build by accident.
    from mypyc.build import mypycify

    ext_modules = mypycify(
        ["--config-file=pyproject.toml", *COMPILED_MODULES],
        opt_level=os.environ.get("MYPYC_OPT_LEVEL", "3"),
        group_name="pyjsonfast",
    )
    if os.name == "posix":  # gcc or clang
        # mypyc puts its runtime (CPyList_GetItemInt64, CPyDict_NextItem...) and
        # every compiled module into one C file, but -fPIC alone makes every call
        # to a global function go through the PLT, never inlined, in case another
        # library replaces it. Nothing does: callgrind counts 6-7% fewer
        # instructions for dumps, 1.5-2% for loads.
        for ext in ext_modules:
            ext.extra_compile_args = [*ext.extra_compile_args, "-fno-semantic-interposition"]
    install_requires.append(librt_requirement())
    cmdclass["build_ext"] = ProfileGuidedBuildExt

setup(ext_modules=ext_modules, install_requires=install_requires, cmdclass=cmdclass)
