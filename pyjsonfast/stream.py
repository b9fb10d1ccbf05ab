"""Streams: JSON values that arrive in pieces, and JSON Lines.

    dec = pyjsonfast.StreamDecoder()
    for chunk in chunks:                  # str or bytes, split anywhere
        for value in dec.feed(chunk):     # the values completed so far
            ...
    dec.close()                           # the last values; an unfinished one is an error

    for value in pyjsonfast.iterload(fp): ...        # any values, one after another
    for record in pyjsonfast.load_lines(fp): ...     # strict JSON Lines
    pyjsonfast.dump_lines(records, fp)               # one compact value per line
    async for value in pyjsonfast.aiterload(reader): ...

A stream is a sequence of JSON values with optional whitespace between them:
JSON Lines, concatenated JSON ('{"a":1}{"b":2}') or one big document. Values
and errors are what loads gives, and positions (pos, lineno, colno) count from
the start of the whole stream. Chunks are str, or bytes in UTF-8 (an initial
BOM is skipped; UTF-16 and UTF-32 are not detected as loads does for a whole
document: decode such a stream to str first).

This layer is interpreted (docstrings, async, typing); the work is done by the
compiled engine in _stream, which runs the parser of loads.
"""

from __future__ import annotations

from . import _decode_api, _decoder, _encode_api, _stream
from ._sinks import sink, writes_bytes

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only (see _buffer)
    from collections.abc import AsyncIterator, Iterable, Iterator
    from typing import Any, Callable, Final, Optional, Protocol, Union

    _Chunk = Union[str, bytes, bytearray, memoryview]

    class _SupportsReadChunk(Protocol):
        """A text or binary file: read(n) returns up to n characters or bytes, and
        nothing at the end."""

        def read(self, n: int, /) -> Union[str, bytes]: ...

    class _SupportsAsyncReadChunk(Protocol):
        """An asyncio.StreamReader, or any object whose async read(n) returns up to
        n bytes (or characters), and nothing at the end."""

        async def read(self, n: int, /) -> Union[str, bytes]: ...

    class _SupportsWrite(Protocol):
        def write(self, s: Any, /) -> object: ...

__all__ = ["StreamDecoder", "aiterload", "dump_lines", "iterload", "load_lines"]

# iterload, load_lines and aiterload read this much at a time. Blocks this large
# also let the engine parse with the cyclic GC paused, as loads does.
CHUNK_SIZE: Final = 1 << 20
# A text file's read(n) slows down past some 32K characters (CPython's
# TextIOWrapper joins its 8 KiB decodes): text is read in pieces of this size and
# gathered into blocks of CHUNK_SIZE.
TEXT_PIECE: Final = 1 << 15

def _options(
    object_hook: Optional[Callable[[dict[Any, Any]], Any]],
    parse_float: Optional[Callable[[str], Any]],
    parse_int: Optional[Callable[[str], Any]],
    parse_constant: Optional[Callable[[str], Any]],
    object_pairs_hook: Optional[Callable[[list[tuple[Any, Any]]], Any]],
    strict: bool,
    allow_nan: bool,
    reject_duplicate_keys: bool,
    max_depth: Optional[int],
) -> _decoder.Options:
    """The parser's options for loads's keywords (checked as JSONDecoder checks them)."""
    return _decode_api.parse_options(
        object_hook,
        parse_float,
        parse_int,
        parse_constant,
        strict,
        object_pairs_hook,
        allow_nan,
        reject_duplicate_keys,
        max_depth,
    )


class StreamDecoder:
    """Values of a JSON stream fed in chunks: push parsing.

    feed(chunk) takes the next chunk (str, or UTF-8 bytes; all chunks of a
    stream alike) and returns the top-level values it completed; close() ends
    the stream. Chunks may be split anywhere: in a string, an escape, a UTF-8
    character or a number ("12" then "3" is 123: a number or literal at the end
    of the data is complete only at a delimiter or at close()).

    The stream is a sequence of JSON values with optional whitespace between
    them. Values and errors are those of json's raw_decode run over the whole
    text value after value (for one document, loads's): the same types and
    messages, with pos, lineno and colno counted from the start of the whole
    stream. The error's doc (and snippet) is the piece of the stream it was
    found in: the stream is not kept. Invalid UTF-8 raises UnicodeDecodeError,
    whose positions are in the bytes of the value that holds it.

    Every byte is looked at once more than loads does, to find where values
    end; memory holds the value being read and one chunk. Nesting deeper than
    max_depth is an error as soon as it is seen.

    An error found after values that the same call completed is raised by the
    next call, so no value before it is lost; then (as after close()) the
    decoder is done, and feed() raises ValueError.

    The keywords are loads's, but cls: json's hooks (object_hook,
    object_pairs_hook, parse_float, parse_int, parse_constant), strict, and
    the extensions allow_nan, reject_duplicate_keys and max_depth.
    """

    def __init__(
        self,
        *,
        object_hook: Optional[Callable[[dict[Any, Any]], Any]] = None,
        parse_float: Optional[Callable[[str], Any]] = None,
        parse_int: Optional[Callable[[str], Any]] = None,
        parse_constant: Optional[Callable[[str], Any]] = None,
        object_pairs_hook: Optional[Callable[[list[tuple[Any, Any]]], Any]] = None,
        strict: bool = True,
        allow_nan: bool = True,
        reject_duplicate_keys: bool = False,
        max_depth: Optional[int] = None,
    ) -> None:
        options = _options(
            object_hook,
            parse_float,
            parse_int,
            parse_constant,
            object_pairs_hook,
            strict,
            allow_nan,
            reject_duplicate_keys,
            max_depth,
        )
        self._engine = _stream.ValueStream(options)

    def feed(self, chunk: _Chunk) -> list[Any]:
        """The top-level values chunk completes (often none, or several).

        Raises TypeError for a chunk that is neither str nor bytes (bytearray,
        memoryview), or not of the stream's first chunk's kind."""
        return self._engine.feed(chunk)

    def close(self) -> list[Any]:
        """End the stream: the values its end completes (a last number or
        literal). Raises JSONDecodeError if a value is left unfinished, or the
        error a previous call left to raise. Calling it again returns []."""
        engine = self._engine
        if engine.done and engine.error is None:
            return []
        values = engine.finish()
        error = engine.error
        if error is not None:
            engine.error = None
            raise error
        return values


def _blocks(fp: _SupportsReadChunk) -> Iterator[Union[str, bytes]]:
    """The file's data in blocks of up to about CHUNK_SIZE, then one empty block."""
    read1: Optional[Callable[[int], bytes]] = getattr(fp, "read1", None)
    if read1 is not None:
        # A binary file's read1 returns what one read of the file gives: a pipe's
        # data is parsed as it arrives, not once a whole block is there.
        while chunk := read1(CHUNK_SIZE):
            yield chunk
        yield chunk
        return
    piece = fp.read(TEXT_PIECE)
    if not isinstance(piece, str):
        while piece:
            yield piece
            piece = fp.read(CHUNK_SIZE)
        yield piece
        return
    # A text file's read(n) waits for n characters: a block gathered from pieces
    # comes no later than one read(CHUNK_SIZE) would.
    pieces: list[str] = []
    size = 0
    while isinstance(piece, str) and piece:
        pieces.append(piece)
        size += len(piece)
        if size >= CHUNK_SIZE:
            yield "".join(pieces)
            pieces = []
            size = 0
        piece = fp.read(TEXT_PIECE)
    if pieces:
        yield "".join(pieces)
    yield piece  # the end, or bytes after str (which the engine refuses)


def _values(
    engine: Union[_stream.ValueStream, _stream.LineStream], fp: _SupportsReadChunk
) -> Iterator[Any]:
    for chunk in _blocks(fp):
        values = engine.feed(chunk) if chunk else engine.finish()
        yield from values
        error = engine.error
        if error is not None:
            engine.error = None
            raise error
        if not chunk:
            return


def iterload(
    fp: _SupportsReadChunk,
    *,
    object_hook: Optional[Callable[[dict[Any, Any]], Any]] = None,
    parse_float: Optional[Callable[[str], Any]] = None,
    parse_int: Optional[Callable[[str], Any]] = None,
    parse_constant: Optional[Callable[[str], Any]] = None,
    object_pairs_hook: Optional[Callable[[list[tuple[Any, Any]]], Any]] = None,
    strict: bool = True,
    allow_nan: bool = True,
    reject_duplicate_keys: bool = False,
    max_depth: Optional[int] = None,
) -> Iterator[Any]:
    """Iterate the JSON values in a text or binary file (concatenated, JSON
    Lines, or one document), read in chunks through a StreamDecoder: every value
    before an error comes out, then the error. The keywords are StreamDecoder's."""
    options = _options(
        object_hook,
        parse_float,
        parse_int,
        parse_constant,
        object_pairs_hook,
        strict,
        allow_nan,
        reject_duplicate_keys,
        max_depth,
    )
    return _values(_stream.ValueStream(options), fp)


def load_lines(
    fp: _SupportsReadChunk,
    *,
    object_hook: Optional[Callable[[dict[Any, Any]], Any]] = None,
    parse_float: Optional[Callable[[str], Any]] = None,
    parse_int: Optional[Callable[[str], Any]] = None,
    parse_constant: Optional[Callable[[str], Any]] = None,
    object_pairs_hook: Optional[Callable[[list[tuple[Any, Any]]], Any]] = None,
    strict: bool = True,
    allow_nan: bool = True,
    reject_duplicate_keys: bool = False,
    max_depth: Optional[int] = None,
) -> Iterator[Any]:
    """Iterate the values of a JSON Lines file (text or binary, UTF-8): each
    line holds one value, as loads(line) reads it; blank lines are skipped.

    A line holding two values, or a value that goes on to the next line, is an
    error (loads's error for that line alone), whose lineno is the file's line
    number and colno the column in that line. Every value before it comes out
    first. The keywords are StreamDecoder's."""
    options = _options(
        object_hook,
        parse_float,
        parse_int,
        parse_constant,
        object_pairs_hook,
        strict,
        allow_nan,
        reject_duplicate_keys,
        max_depth,
    )
    return _values(_stream.LineStream(options), fp)


def aiterload(
    stream: _SupportsAsyncReadChunk,
    *,
    object_hook: Optional[Callable[[dict[Any, Any]], Any]] = None,
    parse_float: Optional[Callable[[str], Any]] = None,
    parse_int: Optional[Callable[[str], Any]] = None,
    parse_constant: Optional[Callable[[str], Any]] = None,
    object_pairs_hook: Optional[Callable[[list[tuple[Any, Any]]], Any]] = None,
    strict: bool = True,
    allow_nan: bool = True,
    reject_duplicate_keys: bool = False,
    max_depth: Optional[int] = None,
) -> AsyncIterator[Any]:
    """iterload for an asyncio stream: `async for value in aiterload(reader)`
    over anything with `async def read(n)` returning bytes or str (an
    asyncio.StreamReader, an aiofiles file), parsing each chunk as it arrives.
    The keywords are StreamDecoder's."""
    options = _options(
        object_hook,
        parse_float,
        parse_int,
        parse_constant,
        object_pairs_hook,
        strict,
        allow_nan,
        reject_duplicate_keys,
        max_depth,
    )
    return _async_values(_stream.ValueStream(options), stream)


async def _async_values(
    engine: _stream.ValueStream, stream: _SupportsAsyncReadChunk
) -> AsyncIterator[Any]:
    while True:
        chunk = await stream.read(CHUNK_SIZE)
        values = engine.feed(chunk) if chunk else engine.finish()
        for value in values:
            yield value
        error = engine.error
        if error is not None:
            engine.error = None
            raise error
        if not chunk:
            return


def dump_lines(
    iterable: Iterable[Any],
    fp: _SupportsWrite,
    *,
    skipkeys: bool = False,
    ensure_ascii: bool = True,
    check_circular: bool = True,
    allow_nan: bool = True,
    indent: None = None,
    separators: Optional[tuple[str, str]] = None,
    default: Optional[Callable[[Any], Any]] = None,
    sort_keys: bool = False,
    native_types: bool = False,
) -> None:
    """Write each value of iterable as JSON Lines into fp: compactly (separators
    (",", ":") unless given), each on its own line ending with "\\n". fp is a
    text file, or a binary one (written UTF-8). The other keywords are dumps's;
    indent is a ValueError here, as are separators holding a line break.
    native_types=True writes dataclasses, datetimes and the rest as dumps does."""
    if indent is not None:
        raise ValueError("dump_lines writes one value per line: indent is not allowed")
    if separators is None:
        separators = (",", ":")
    elif any("\n" in s or "\r" in s for s in separators if isinstance(s, str)):
        raise ValueError(
            "dump_lines writes one value per line: separators cannot hold a line break"
        )
    binary = writes_bytes(fp)
    writer = _encode_api.writer_for_options(
        skipkeys,
        ensure_ascii,
        check_circular,
        allow_nan,
        None,
        separators,
        default,
        sort_keys,
        True,  # each value as dumps writes it
        native_types,
        binary,
    )
    _stream.write_lines(iterable, writer, sink(fp, binary, writer.utf8))
