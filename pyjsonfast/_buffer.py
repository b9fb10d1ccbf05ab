"""What the compiled and the pure build do differently, chosen once at import.

COMPILED says whether mypyc compiled this package (all hot modules are compiled
together, or none). Compiled, the buffer and byte reader are librt's StringWriter
and read_i64_le, which mypyc turns into native operations. Pure (PyPy, CPython
3.9, PYJSONFAST_PURE=1), they are the stand-ins in _librt_standin, with the same
names and behaviour, so the writer and the parser keep one source.
"""

from __future__ import annotations

import types
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
