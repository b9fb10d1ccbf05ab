"""The output buffer and byte readers, chosen once at import.

Compiled (CPython): librt's StringWriter and read_i64_le, which mypyc turns into
native operations. Pure (PyPy, CPython 3.9, no librt): the stand-ins in
_librt_standin, with the same names and behaviour, so the writer and the parser
keep one source.
"""

from __future__ import annotations

__all__ = ["HAVE_LIBRT", "StringWriter", "read_i64_le"]

HAVE_LIBRT: bool
try:
    from librt.strings import StringWriter, read_i64_le

    HAVE_LIBRT = True
except ImportError:  # PyPy, CPython 3.9, or librt missing.
    from ._librt_standin import StringWriter, read_i64_le  # type: ignore[assignment]

    HAVE_LIBRT = False
