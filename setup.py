"""Build pyjsonfast compiled by mypyc, or pure, from the same source.

The compiled build needs CPython >= 3.10 (mypy 2.4.1 runs there) and a C compiler.
The pure build is chosen by PYJSONFAST_PURE=1, on PyPy, and on CPython < 3.10.
"""

from __future__ import annotations

import os
import platform
import re
import sys
from importlib.metadata import version

from setuptools import setup

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


ext_modules = []
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

setup(ext_modules=ext_modules, install_requires=install_requires)
