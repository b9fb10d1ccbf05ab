"""Where written text goes: a text file's write(), or a binary file's, as UTF-8.

Interpreted, shared by dump (pyjsonfast) and dump_lines (pyjsonfast.stream).
"""

from __future__ import annotations

import io

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only (see _buffer)
    from typing import Any, Callable

__all__ = ["sink", "writes_bytes"]


def writes_bytes(fp: object) -> bool:
    """Whether fp is a binary file (io.RawIOBase, io.BufferedIOBase, or a file whose
    mode has a "b"); anything else is json's text file."""
    if isinstance(fp, io.TextIOBase):
        return False
    if isinstance(fp, (io.RawIOBase, io.BufferedIOBase)):
        return True
    mode = getattr(fp, "mode", None)
    return isinstance(mode, str) and "b" in mode


def sink(fp: Any, binary: bool, utf8: bool) -> Callable[[str], object]:
    """What writes a chunk of text into fp: fp.write, or for a binary fp, fp.write
    of the chunk's UTF-8 (utf8: the writer's chunks hold their UTF-8 already, a
    byte per character, so the bytes are a copy)."""
    write = fp.write
    if not binary:
        return write  # type: ignore[no-any-return]
    encoding = "latin-1" if utf8 else "utf-8"

    def write_bytes(chunk: str) -> object:
        return write(chunk.encode(encoding))

    return write_bytes
