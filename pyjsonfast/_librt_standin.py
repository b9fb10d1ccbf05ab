"""Pure-Python stand-ins for the librt.strings names the package uses.

Imported only where librt is missing (PyPy, CPython 3.9); never compiled.
"""

from __future__ import annotations

import importlib
import struct
from typing import Any

from mypy_extensions import i64, u8

_PyPyStringBuilder: Any
try:
    _PyPyStringBuilder = importlib.import_module("__pypy__.builders").StringBuilder
except ImportError:  # CPython
    _PyPyStringBuilder = None

__all__ = ["BytesWriter", "StringWriter", "read_i64_le", "write_f64_le"]


class StringWriter:
    """Accumulates str parts; the same surface as librt.strings.StringWriter."""

    __slots__ = ("_length", "_parts")

    def __init__(self) -> None:
        self._parts: list[str] = []
        # Kept as we go so len() is O(1): the encoder checks it to flush chunks.
        self._length = 0

    def write(self, s: str, /) -> None:
        self._parts.append(s)
        self._length += len(s)

    def append(self, x: int, /) -> None:
        self._parts.append(chr(x))
        self._length += 1

    def getvalue(self) -> str:
        parts = self._parts
        if len(parts) > 1:
            parts[:] = ["".join(parts)]
        return parts[0] if parts else ""

    def __len__(self) -> int:
        return self._length


class _PyPyStringWriter:
    """StringWriter on PyPy's native string builder (much faster there than a list)."""

    __slots__ = ("_builder",)

    def __init__(self) -> None:
        self._builder = _PyPyStringBuilder()

    def write(self, s: str, /) -> None:
        self._builder.append(s)

    def append(self, x: int, /) -> None:
        self._builder.append(chr(x))

    def getvalue(self) -> str:
        result: str = self._builder.build()
        return result

    def __len__(self) -> int:
        return len(self._builder)


if _PyPyStringBuilder is not None:
    StringWriter = _PyPyStringWriter  # type: ignore[assignment,misc]


def read_i64_le(b: bytes, index: i64, /) -> i64:
    if index < 0 or len(b) - index < 8:
        raise IndexError("index out of range")
    return int.from_bytes(b[index : index + 8], "little", signed=True)


class BytesWriter:
    """Accumulates bytes; the part of librt.strings.BytesWriter the package uses."""

    __slots__ = ("_data",)

    def __init__(self) -> None:
        self._data = bytearray()

    def append(self, x: int, /) -> None:
        self._data.append(x)

    def write(self, b: bytes | bytearray, /) -> None:
        self._data += b

    def getvalue(self) -> bytes:
        return bytes(self._data)

    def truncate(self, size: i64, /) -> None:
        if not 0 <= size <= len(self._data):
            raise ValueError("size must be between 0 and the current length")
        del self._data[size:]

    def __len__(self) -> i64:
        return len(self._data)

    def __getitem__(self, i: i64, /) -> u8:
        return self._data[i]


def write_f64_le(b: BytesWriter, n: float, /) -> None:
    b.write(struct.pack("<d", n))
