"""What the compiled and the pure build do differently, chosen once at import.

COMPILED says whether mypyc compiled this package (all hot modules are compiled
together, or none). Compiled, the buffer and byte reader are librt's StringWriter
and read_i64_le, which mypyc turns into native operations. Pure (PyPy, CPython
3.9, PYJSONFAST_PURE=1), they are the stand-ins in _librt_standin, with the same
names and behaviour, so the writer and the parser keep one source.

typing is not imported when compiled: it (and mypy_extensions, which imports it)
would add some 2.5 ms to every start-up, and json does without. Compiled modules
import typing's and mypy_extensions' names under `if not COMPILED:` (interpreted,
cast(), @final and i64() are calls; compiled, mypyc knows them by name); the
interpreted modules under `if TYPE_CHECKING:` (annotations only); Protocol
classes live in _protocols, which only the type checker reads.
"""

from __future__ import annotations

import types

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

__all__ = ["COMPILED", "BytesWriter", "StringWriter", "read_i64_le", "write_f64_le"]


def _running_compiled() -> bool:
    """True when mypyc compiled this module: its functions are then not Python functions."""
    return not isinstance(_running_compiled, types.FunctionType)


COMPILED: Final[bool] = _running_compiled()

if COMPILED:
    from librt.strings import BytesWriter, StringWriter, read_i64_le, write_f64_le
else:
    from ._librt_standin import (  # type: ignore[assignment]
        BytesWriter,
        StringWriter,
        read_i64_le,
        write_f64_le,
    )
