"""Pure-Python stand-ins for the librt.strings names the package uses.

Imported only where librt is missing (PyPy, CPython 3.9); never compiled.
"""

from __future__ import annotations

from mypy_extensions import i64

__all__ = ["StringWriter", "read_i64_le"]


class StringWriter:
    """Accumulates str parts; the same surface as librt.strings.StringWriter."""

    __slots__ = ("_parts",)

    def __init__(self) -> None:
        self._parts: list[str] = []

    def write(self, s: str, /) -> None:
        self._parts.append(s)

    def append(self, x: int, /) -> None:
        self._parts.append(chr(x))

    def getvalue(self) -> str:
        parts = self._parts
        if len(parts) > 1:
            parts[:] = ["".join(parts)]
        return parts[0] if parts else ""

    def __len__(self) -> int:
        return len(self.getvalue())


def read_i64_le(b: bytes, index: i64, /) -> i64:
    if index < 0 or len(b) - index < 8:
        raise IndexError("index out of range")
    return int.from_bytes(b[index : index + 8], "little", signed=True)
