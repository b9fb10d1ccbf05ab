"""JSONDecodeError and its relatives, the caret snippet, and errors that must be
the interpreter's own. Cold code: left uncompiled."""

from __future__ import annotations

import json

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only (see _buffer)
    from typing import Any, Union

__all__ = ["JSONDecodeError", "JSONDepthError", "make_snippet", "move_error", "unpack_pair"]

# How much of the offending line the snippet shows on each side of the error.
SNIPPET_RADIUS = 30


def make_snippet(doc: str, pos: int) -> str:
    """The line around pos, cut to a window, with a caret under pos.

    Control characters and tabs are shown as spaces so the caret stays aligned.
    """
    pos = max(0, min(pos, len(doc)))
    line_start = doc.rfind("\n", 0, pos) + 1
    line_end = doc.find("\n", pos)
    if line_end < 0:
        line_end = len(doc)
    start = max(line_start, pos - SNIPPET_RADIUS)
    end = min(line_end, pos + SNIPPET_RADIUS)
    prefix = "..." if start > line_start else ""
    suffix = "..." if end < line_end else ""
    shown = "".join(ch if ch.isprintable() else " " for ch in doc[start:end])
    caret = " " * (len(prefix) + pos - start) + "^"
    return f"{prefix}{shown}{suffix}\n{caret}"


class JSONDecodeError(json.JSONDecodeError):
    """Subclass of json.JSONDecodeError, so existing handlers catch it.

    msg, doc, pos, lineno and colno are json's; str(e) is json's too. The input
    around pos, with a caret, is in e.snippet and (PEP 678) in e.__notes__.
    """

    snippet: str

    def __init__(self, msg: str, doc: str, pos: int) -> None:
        super().__init__(msg, doc, pos)
        self.snippet = make_snippet(doc, pos)
        add_note(self, self.snippet)

    def __reduce__(self) -> tuple[Any, ...]:
        # json's rebuilds from (msg, doc, pos) alone, which loses a stream
        # error's pos, lineno and colno (counted in the whole stream, not doc).
        arguments = (type(self), self.msg, self.doc, self.pos, self.args)
        return (_rebuild_decode_error, arguments, self.__dict__)


def _rebuild_decode_error(
    cls: type[JSONDecodeError], msg: str, doc: str, pos: int, args: tuple[Any, ...]
) -> JSONDecodeError:
    error = cls.__new__(cls, msg, doc, pos)
    error.args = args
    return error


class JSONDepthError(JSONDecodeError, RecursionError):
    """Nesting deeper than max_depth: both a JSONDecodeError and a RecursionError
    (json raises RecursionError there), raised by the parser's own count long
    before the C stack could overflow."""


def move_error(
    error: json.JSONDecodeError, start_pos: int, start_line: int, start_column: int
) -> None:
    """Count error's pos, lineno and colno in the whole text (a stream) of which
    error.doc is one piece, starting at character start_pos, after start_line
    newlines and start_column characters into its line; str(error) says so too.

    doc and the snippet stay the piece's: the rest of the stream is not kept.
    """
    doc = error.doc
    local = error.pos
    newlines = doc.count("\n", 0, local)
    pos = start_pos + local
    lineno = start_line + newlines + 1
    if newlines:
        colno = local - doc.rfind("\n", 0, local)
    else:
        colno = start_column + local + 1
    error.pos = pos
    error.lineno = lineno
    error.colno = colno
    error.args = (f"{error.msg}: line {lineno} column {colno} (char {pos})",)


def add_note(exc: BaseException, note: str) -> None:
    """BaseException.add_note, also on Pythons before 3.11 (PEP 678 attribute)."""
    adder = getattr(exc, "add_note", None)
    if adder is not None:
        adder(note)
        return
    notes: Union[list[str], None] = getattr(exc, "__notes__", None)
    if notes is None:
        notes = []
        exc.__notes__ = notes  # type: ignore[attr-defined,unused-ignore]
    notes.append(note)


def unpack_pair(item: object) -> tuple[object, object]:
    """`key, value = item` as json's Python encoder runs it on a dict subclass's
    items(): interpreted here, so its errors are the interpreter's own (compiled
    unpacking words them otherwise)."""
    pair: Any = item
    key, value = pair
    return key, value
