"""A str's ASCII projection: the bytes the parser scans for a non-ASCII str on
CPython, "?" for every non-ASCII character (s.encode("ascii", "replace")).

JSON's structure is ASCII, so the projection parses the same as the str, and
byte offsets in it are character offsets in the str: strings are sliced from
the str itself. These helpers build it faster than that one encode call for
narrow text (ASCII, Latin-1), whole (ascii_projection) or a piece at a time
(the windowed parse, Parser.slide and Parser.grow). And the other way, an ASCII
document's bytes as str (ascii_text), its own projection.
"""

from __future__ import annotations

import sys

from ._buffer import COMPILED

if not COMPILED:  # typing at run time only where it runs (see _buffer)
    from typing import Final

    from mypy_extensions import i64

__all__ = [
    "PROJECT_STR",
    "ascii_projection",
    "ascii_text",
    "narrow_projection",
    "window_projection",
]

# PyPy stores str as UTF-8, so it parses the UTF-8 itself (encoding is nearly
# free there, and its "replace" error handler slow): only CPython projects.
PROJECT_STR: Final = sys.implementation.name == "cpython"

# Projection chunks: a chunk is one slice of s (a copy) in flight.
PROJECTION_CHUNK: Final = 16384
# A str whose head is wide is encoded whole if this many characters from its
# middle are wide too (a sample: small, since slicing wide text costs a pass).
WIDE_SAMPLE: Final = 2048
# ascii_text tries the ASCII decoder only on bytes whose head is ASCII: a failed
# decode costs a copy of the whole input (its error holds one), and most
# non-ASCII documents show it early (twitter.json at byte 273).
ASCII_PROBE_BYTES: Final = 1024
# bytes.translate table: ASCII kept, every other byte (a Latin-1 character) "?".
NON_ASCII_TO_QUESTION_MARK: Final = bytes(range(128)) + b"?" * 128


def narrow_projection(piece: str) -> bytes | None:
    """piece's ASCII projection at copy speed when its text is ASCII (a 1-byte-kind
    slice: encoded by a copy) or Latin-1 (encoded so, then its non-ASCII bytes
    replaced); None for wider text, which CPython's ASCII encoder reads a
    character at a time."""
    if piece.isascii():
        return piece.encode("ascii")
    try:
        return piece.encode("latin-1").translate(NON_ASCII_TO_QUESTION_MARK)
    except UnicodeEncodeError:
        return None


def window_projection(piece: str) -> bytes:
    """One piece of a str's ASCII projection: s.encode("ascii", "replace")."""
    projection = narrow_projection(piece)
    if projection is None:
        return piece.encode("ascii", "replace")
    return projection


def ascii_projection(s: str, wide_head: bool = False) -> bytes:
    """s.encode("ascii", "replace"), faster for a str of mostly narrow text: chunk
    by chunk, as narrow_projection can. A str with wider characters all through
    (no gain from chunks) is encoded in one go once two chunks in a row have some,
    or (wide_head: its head was found to have some) once a chunk from its middle
    has some too: CJK text, say, spared the chunks tried in vain (~2 % of
    twitter's loads).
    """
    n: i64 = len(s)
    if n <= PROJECTION_CHUNK:
        return s.encode("ascii", "replace")
    if wide_head:
        middle = n >> 1
        if narrow_projection(s[middle : middle + WIDE_SAMPLE]) is None:
            return s.encode("ascii", "replace")
    parts: list[bytes] = []
    start: i64 = 0
    wide: i64 = 0
    chunks: i64 = 0
    while start < n:
        chunk = s[start : start + PROJECTION_CHUNK]
        chunks += 1
        projection = narrow_projection(chunk)
        if projection is None:
            wide += 1
            if wide >= 2 and wide * 2 > chunks:
                return s.encode("ascii", "replace")
            projection = chunk.encode("ascii", "replace")
        parts.append(projection)
        start += PROJECTION_CHUNK
    return b"".join(parts)


def ascii_text(data: bytes) -> str | None:
    """data as str when it is ASCII, else None. One pass, the ASCII decoder's,
    which checks as it copies (isascii() and then a decode read an ASCII
    document twice: github's loads(bytes) ~2.5 %)."""
    if data[:ASCII_PROBE_BYTES].isascii():
        try:
            return data.decode("ascii")
        except UnicodeDecodeError:
            pass
    return None
