"""Streams, compiled: where each value of a stream ends, then the parser on it.

ValueStream is StreamDecoder's engine. Chunks (str or UTF-8 bytes) arrive split
anywhere; a boundary scanner that keeps its state between chunks (between
values, in a top-level number or literal, in a string, after a backslash, or in
an array or object at some depth) finds where each top-level value ends, looking
at every byte once. It knows nothing of the grammar beyond strings and brackets:
the values it delimits, and every error, come from the one parser (_decoder),
run on each stretch of complete values. The input is a sequence of JSON values
with optional whitespace between them; its reference is json's
JSONDecoder.raw_decode run over the whole text value after value.

LineStream is load_lines's engine: strict JSON Lines, one value per line.
write_lines is dump_lines's: the writer (_encoder), one value per line.

Positions: the parser sees only the buffered piece of the stream; the engines
count characters, newlines and the column where that piece starts, and
_errors.move_error counts an error's pos, lineno and colno from the start of
the stream.

Errors are kept in order: a call returns the values completed before an error
and leaves the error in .error for the caller (the interpreted face, stream.py)
to raise after them.
"""

from __future__ import annotations

import gc
import json

from ._buffer import COMPILED
from ._decoder import (
    GC_PAUSE_MIN_BYTES,
    PAUSE_GC_ALLOWED,
    Options,
    Parser,
)
from ._encoder import Writer
from ._errors import JSONDecodeError, move_error
from ._projection import ascii_projection, ascii_text
from ._scanner import (
    BACKSLASH,
    CLOSE_ARRAY,
    CLOSE_OBJECT,
    COLON,
    COMMA,
    NEWLINE,
    OPEN_ARRAY,
    OPEN_OBJECT,
    QUOTE,
    RETURN,
    SCANNER,
    SPACE,
    TAB,
)

if not COMPILED:  # typing at run time only where it runs (see _buffer)
    from typing import Callable, Final, Iterable, Union, final

    from mypy_extensions import i64

__all__ = ["LineStream", "ValueStream", "write_lines"]

# What the boundary scanner is in, between chunks.
BETWEEN: Final = 0  # between values: whitespace is skipped (and not kept)
SCALAR: Final = 1  # in a top-level number or literal: it ends at a delimiter
STRING: Final = 2  # in a string, at any depth
ESCAPE: Final = 3  # in a string, right after a backslash
NESTED: Final = 4  # in an array or object, outside strings

# Which kind of chunks a stream was given.
UNKNOWN: Final = 0
TEXT: Final = 1
BINARY: Final = 2

UTF8_BOM: Final = b"\xef\xbb\xbf"


def is_delimiter(c: i64) -> bool:
    """Whether byte c ends a top-level number or literal: whitespace, a quote, a
    bracket, a comma or a colon (none of which a number or literal holds)."""
    if c <= SPACE:
        return c == SPACE or c == NEWLINE or c == RETURN or c == TAB
    return (
        c == QUOTE
        or c == OPEN_ARRAY
        or c == CLOSE_ARRAY
        or c == OPEN_OBJECT
        or c == CLOSE_OBJECT
        or c == COMMA
        or c == COLON
    )


def char_count(data: bytes, start: i64, end: i64) -> i64:
    """The number of characters UTF-8 data[start:end] holds (it parsed, so it is
    valid UTF-8; a lone surrogate counts as one character, as in its str)."""
    return end - start - SCANNER.count_continuation_bytes(data, start, end)


def scan_view(text: str) -> bytes:
    """One byte per character of text, its ASCII ones as they are (what the
    boundary scanner and the parser read of a str: str_parser's projection)."""
    if text.isascii():
        return text.encode("ascii")
    return ascii_projection(text)


def piece_parser(data: bytes, text: Union[str, None], options: Options) -> Parser:
    """The parser for a piece of a stream: data is its scan view (text given) or
    its UTF-8 bytes (text None)."""
    if text is not None:
        return Parser(data, text, True, options)
    plain = ascii_text(data)
    if plain is not None:
        return Parser(data, plain, True, options)
    # Validated as the parser goes, as loads(bytes) does (see _decoder).
    return Parser(data, None, False, options)


def parse_values(parser: Parser, values: list[object]) -> None:
    """Every value in the parser's data, with whitespace around and between them,
    appended to values as each is parsed (json's raw_decode, value after value)."""
    pause_gc = GC_PAUSE_MIN_BYTES <= parser.end and PAUSE_GC_ALLOWED and gc.isenabled()
    if pause_gc:
        gc.disable()  # as loads does for large documents (see Parser.decode)
    try:
        end = parser.end
        i = parser.skip(0)
        while i < end:
            value, i = parser.raw_decode(i)
            values.append(value)
            i = parser.skip(i)
    finally:
        if pause_gc:
            gc.enable()


@final
class Position:
    """Where the buffered piece of a stream starts: characters and newlines
    before it, and how many characters into its line."""

    def __init__(self) -> None:
        self.chars: i64 = 0
        self.lines: i64 = 0
        self.column: i64 = 0

    def skip_whitespace(self, view: bytes, start: i64, stop: i64) -> None:
        """view[start:stop], whitespace (one byte per character), was read."""
        if stop <= start:
            return
        self.chars += stop - start
        newlines = SCANNER.count_newlines(view, start, stop)
        if newlines:
            self.lines += newlines
            self.column = stop - (view.rfind(b"\n", start, stop) + 1)
        else:
            self.column += stop - start

    def skip_piece(self, data: bytes, by_char: bool) -> None:
        """data was read: a scan view (by_char) or UTF-8 bytes."""
        n: i64 = len(data)
        if by_char or data.isascii():
            self.skip_whitespace(data, 0, n)  # counts the same for any one-byte-per-char data
            return
        chars = char_count(data, 0, n)
        self.chars += chars
        newlines = SCANNER.count_newlines(data, 0, n)
        if newlines:
            self.lines += newlines
            self.column = char_count(data, data.rfind(b"\n") + 1, n)
        else:
            self.column += chars

    def moved(self, error: BaseException) -> BaseException:
        """error, from a parse of the piece starting here, in whole-stream numbers."""
        if isinstance(error, json.JSONDecodeError):
            move_error(error, self.chars, self.lines, self.column)
        return error


@final
class ChunkKind:
    """The kind of a stream's chunks (all str or all bytes), and their checks."""

    def __init__(self) -> None:
        self.kind: i64 = UNKNOWN
        # A bytes stream may start with a UTF-8 BOM (skipped, as loads(bytes)
        # does); until 3 bytes arrived, what may be one.
        self.head: bytes = b""
        self.started = False

    def text(self, chunk: str) -> bool:
        """Accept a str chunk; False when there is nothing to scan yet."""
        if self.kind == BINARY:
            raise TypeError(
                "StreamDecoder was fed bytes, then str: a stream is all str or all bytes"
            )
        self.kind = TEXT
        if not self.started and chunk:
            self.started = True
            if chunk.startswith("\ufeff"):
                raise JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", chunk, 0)
        return len(chunk) > 0

    def binary(self, chunk: bytes) -> bytes:
        """Accept a bytes chunk; the bytes to scan (the BOM removed)."""
        if self.kind == TEXT:
            raise TypeError(
                "StreamDecoder was fed str, then bytes: a stream is all str or all bytes"
            )
        self.kind = BINARY
        if self.started:
            return chunk
        head = self.head + chunk
        if len(head) < 3 and UTF8_BOM.startswith(head):
            self.head = head
            return b""
        self.started = True
        self.head = b""
        if head.startswith(UTF8_BOM):
            return head[3:]
        return head

    def rest(self) -> bytes:
        """At the end: what was held as a possible BOM (not one: data)."""
        head = self.head
        self.head = b""
        self.started = True
        return head


def bytes_chunk(chunk: object) -> bytes:
    if isinstance(chunk, bytes):
        return chunk
    if isinstance(chunk, (bytearray, memoryview)):
        return bytes(chunk)
    raise TypeError(f"a stream chunk must be str, bytes or bytearray, not {type(chunk).__name__}")


# --- StreamDecoder's engine ----------------------------------------------------------


@final
class ValueStream:
    """Values in a stream of chunks: feed() each, then finish()."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.max_depth: i64 = options.max_depth
        self.chunks = ChunkKind()
        self.state: i64 = BETWEEN
        self.depth: i64 = 0
        # The unfinished value: scan views (str streams) or bytes, and for a str
        # stream the text beside each view.
        self.views: list[bytes] = []
        self.texts: list[str] = []
        self.position = Position()
        # An error found after values that the same call returned: raised next.
        self.error: BaseException | None = None
        self.done = False

    def check_open(self) -> None:
        if self.error is not None:
            error = self.error
            self.error = None
            self.done = True
            raise error
        if self.done:
            raise ValueError("StreamDecoder is closed (close() was called, or an error was raised)")

    def feed(self, chunk: object) -> list[object]:
        """The values chunk completes; an error after them is left in self.error."""
        self.check_open()
        values: list[object] = []
        try:
            if isinstance(chunk, str):
                if self.chunks.text(chunk):
                    self.scan(scan_view(chunk), chunk, values)
            else:
                data = self.chunks.binary(bytes_chunk(chunk))
                if data:
                    self.scan(data, None, values)
        except Exception as error:
            self.fail(error, values)
        return values

    def finish(self) -> list[object]:
        """The values the end of the stream completes (a last number, say); an
        unfinished value is an error (in self.error, after those values)."""
        self.check_open()
        values: list[object] = []
        try:
            if self.chunks.kind == BINARY:
                head = self.chunks.rest()
                if head:
                    self.scan(head, None, values)
            self.done = True
            if self.state != BETWEEN:
                # A number or literal is complete now; anything else is not, and
                # the parser says why.
                complete = self.state == SCALAR
                self.parse_piece(b"", None, 0, 0, values)
                if not complete:
                    raise AssertionError("the parser accepted an unfinished value")
        except Exception as error:
            self.fail(error, values)
        return values

    def fail(self, error: Exception, values: list[object]) -> None:
        self.done = True
        self.views = []
        self.texts = []
        if values:
            self.error = error
            return
        raise error

    # -- the boundary scanner

    def scan(self, view: bytes, text: str | None, values: list[object]) -> None:
        """Scan view (text's scan view, or bytes), parsing the values it completes."""
        n: i64 = len(view)
        max_depth = self.max_depth
        state = self.state
        depth = self.depth
        i: i64 = 0
        keep: i64 = 0  # view[:keep] is read (parsed or skipped)
        done: i64 = -1  # where the last value completed in this chunk ends
        start: i64 = 0  # where the unfinished value starts in this chunk
        while i < n:
            if state == BETWEEN:
                i = SCANNER.skip_whitespace(view, i, n)
                if i >= n:
                    break
                start = i
                if done < 0 and not self.views:
                    self.position.skip_whitespace(view, keep, i)
                    keep = i
                c: i64 = view[i]
                i += 1
                if c == QUOTE:
                    state = STRING
                elif c == OPEN_ARRAY or c == OPEN_OBJECT:
                    depth = 1
                    state = NESTED
                    if depth > max_depth:
                        self.too_deep(view, text, keep, done, start, i, values)
                        return
                elif c == CLOSE_ARRAY or c == CLOSE_OBJECT or c == COMMA or c == COLON:
                    done = i  # not a value: the parser says so
                else:
                    state = SCALAR
            elif state == SCALAR:
                while i < n and not is_delimiter(view[i]):
                    i += 1
                if i < n:
                    done = i
                    state = BETWEEN
            elif state == NESTED:
                i = SCANNER.structure_stop(view, i, n)
                if i >= n:
                    break
                c = view[i]
                i += 1
                if c == QUOTE:
                    state = STRING
                elif c == OPEN_ARRAY or c == OPEN_OBJECT:
                    depth += 1
                    if depth > max_depth:
                        # Too deep: the parser reports it (or an earlier error) from
                        # what is buffered, so nothing more is kept.
                        self.too_deep(view, text, keep, done, start, i, values)
                        return
                else:
                    depth -= 1
                    if depth == 0:
                        done = i
                        state = BETWEEN
            elif state == STRING:
                i = SCANNER.string_stop(view, i, n)
                if i >= n:
                    break
                c = view[i]
                i += 1
                if c == QUOTE:
                    if depth == 0:
                        done = i
                        state = BETWEEN
                    else:
                        state = NESTED
                elif c == BACKSLASH:
                    state = ESCAPE
                # else a control character: the parser's business
            else:  # ESCAPE
                i += 1
                state = STRING
        self.state = state
        self.depth = depth
        if done >= 0:
            self.parse_piece(view, text, keep, done, values)
            keep = done
        if state == BETWEEN:
            self.position.skip_whitespace(view, keep, n)
            return
        if start > keep:  # the unfinished value started after whitespace
            self.position.skip_whitespace(view, keep, start)
            keep = start
        self.keep(view, text, keep, n)

    def keep(self, view: bytes, text: str | None, start: i64, stop: i64) -> None:
        """Buffer view[start:stop] (and its text) as part of the unfinished value."""
        if start >= stop:
            return
        whole = start == 0 and stop == len(view)
        self.views.append(view if whole else view[start:stop])
        if text is not None:
            self.texts.append(text if whole else text[start:stop])

    def too_deep(
        self,
        view: bytes,
        text: str | None,
        keep: i64,
        done: i64,
        start: i64,
        stop: i64,
        values: list[object],
    ) -> None:
        """Nesting passed max_depth at view[stop - 1]: parse the values before,
        then what is buffered of this one, which raises the parser's error."""
        self.done = True
        if done >= 0:
            self.parse_piece(view, text, keep, done, values)
            self.position.skip_whitespace(view, done, start)
            keep = start
        self.parse_piece(view, text, keep, stop, values)
        raise AssertionError("the parser accepted an unfinished value")

    def parse_piece(
        self, view: bytes, text: str | None, start: i64, stop: i64, values: list[object]
    ) -> None:
        """Parse the buffered data and view[start:stop]: the values they hold."""
        data: bytes
        piece: str | None = None
        if self.views:
            data, piece = self.take_buffered(view, text, start, stop)
        elif start == 0 and stop == len(view):
            data = view
            piece = text
        else:
            data = view[start:stop]
            piece = None if text is None else text[start:stop]
        by_char = piece is not None
        parser = piece_parser(data, piece, self.options)
        try:
            parse_values(parser, values)
        except Exception as error:
            raise self.position.moved(error) from None
        self.position.skip_piece(data, by_char)


    def take_buffered(
        self, view: bytes, text: str | None, start: i64, stop: i64
    ) -> tuple[bytes, str | None]:
        """The buffered pieces and view[start:stop] joined; the pieces are let go
        (before the parse, so that they and their join are not both held)."""
        views = self.views
        texts = self.texts
        self.views = []
        self.texts = []
        views.append(view[start:stop])
        data = b"".join(views)
        views.clear()
        if text is None and not texts:
            return data, None
        texts.append("" if text is None else text[start:stop])
        piece = "".join(texts)
        texts.clear()
        return data, piece


# --- load_lines's engine ----------------------------------------------------------------


@final
class LineStream:
    """JSON Lines in a stream of chunks: every line one value (json.loads of the
    line), blank lines skipped. feed() each chunk, then finish()."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.chunks = ChunkKind()
        # The last line so far, unfinished, in UTF-8 (str chunks are encoded).
        self.views: list[bytes] = []
        self.position = Position()
        self.error: BaseException | None = None
        self.done = False

    def check_open(self) -> None:
        if self.error is not None:
            error = self.error
            self.error = None
            self.done = True
            raise error
        if self.done:
            raise ValueError("the JSON Lines reader is closed")

    def feed(self, chunk: object) -> list[object]:
        self.check_open()
        values: list[object] = []
        try:
            if isinstance(chunk, str):
                # Parsed as its UTF-8 (a lone surrogate passed through): the
                # bytes parser beats projecting non-ASCII text to a scan view.
                # A line whose bytes the parser refuses is read as text again.
                if self.chunks.text(chunk):
                    self.lines(chunk.encode("utf-8", "surrogatepass"), values, False)
            else:
                data = self.chunks.binary(bytes_chunk(chunk))
                if data:
                    self.lines(data, values, False)
        except Exception as error:
            self.fail(error, values)
        return values

    def finish(self) -> list[object]:
        self.check_open()
        values: list[object] = []
        try:
            if self.chunks.kind == BINARY:
                head = self.chunks.rest()
                if head:
                    self.lines(head, values, False)
            self.done = True
            self.lines(b"", values, True)
        except Exception as error:
            self.fail(error, values)
        return values

    def fail(self, error: Exception, values: list[object]) -> None:
        self.done = True
        self.views = []
        if values:
            self.error = error
            return
        raise error

    def lines(self, view: bytes, values: list[object], last: bool) -> None:
        """Parse the complete lines that view (UTF-8, after what is buffered)
        ends; at the end (last), the unfinished last line too."""
        stop: i64 = len(view) if last else view.rfind(b"\n") + 1
        if stop <= 0 and not last:
            if view:
                self.views.append(view)
            return
        views = self.views
        data: bytes
        if views:
            views.append(view[:stop])
            data = b"".join(views)
        else:
            data = view if stop == len(view) else view[:stop]
        self.views = []
        if stop < len(view):
            self.views.append(view[stop:])
        if data:
            self.parse_block(data, values)

    def parse_block(self, data: bytes, values: list[object]) -> None:
        """Every line of data (UTF-8, whole lines), one value each."""
        parser = piece_parser(data, None, self.options)
        scanned = parser.data
        end = parser.end
        pause_gc = GC_PAUSE_MIN_BYTES <= end and PAUSE_GC_ALLOWED and gc.isenabled()
        if pause_gc:
            gc.disable()
        # The line i is on: newlines before it in the stream, and where it starts.
        line: i64 = self.position.lines
        line_start: i64 = 0
        i: i64 = 0
        try:
            while True:
                j = parser.skip(i)
                if j > i:
                    newlines: i64 = scanned.count(b"\n", i, j)
                    if newlines:
                        line += newlines
                        line_start = scanned.rfind(b"\n", i, j) + 1
                i = j
                if i >= end:
                    break
                newline: i64 = scanned.find(b"\n", i)
                if newline < 0:
                    newline = end
                value: object = None
                fine = False
                try:
                    value, stop = parser.raw_decode(i)
                    fine = stop <= newline and parser.skip(stop) >= newline
                except (json.JSONDecodeError, UnicodeDecodeError):
                    pass  # (any other exception, a hook's, goes through: no hook runs twice)
                if not fine:
                    # Not one value on this line: the line alone, as loads(line),
                    # gives the error to raise.
                    value = self.parse_line(parser, line_start, newline, line)
                values.append(value)
                i = newline + 1
                line += 1
                line_start = i
        finally:
            if pause_gc:
                gc.enable()
        self.position.skip_piece(data, False)

    def parse_line(self, parser: Parser, start: i64, stop: i64, line: i64) -> object:
        """json.loads of the line data[start:stop] (cold: the error for that line)."""
        scanned = parser.data
        by_char = parser.char_offsets
        text = parser.text
        piece: str | None = None
        line_data = scanned[start:stop]
        if by_char:
            assert text is not None
            piece = text[start:stop]
        elif self.chunks.kind == TEXT:
            # A str stream's line, as its text (see feed).
            piece = line_data.decode("utf-8", "surrogatepass")
            line_data = scan_view(piece)
        line_parser = piece_parser(line_data, piece, self.options)
        try:
            return line_parser.decode()
        except json.JSONDecodeError as error:
            chars = self.position.chars + (start if by_char else char_count(scanned, 0, start))
            move_error(error, chars, line, 0)
            raise error from None


# --- dump_lines's engine -------------------------------------------------------------------

# dump_lines hands fp.write about this many characters at a time.
LINES_CHUNK_CHARS: Final = 1 << 16


@final
class LineBatch:
    """Lines collected for one fp.write."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size: i64 = 0

    def add(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)

    def take(self) -> str:
        text = "".join(self.parts)
        self.parts = []
        self.size = 0
        return text


def write_lines(values: Iterable[object], writer: Writer, write: Callable[[str], object]) -> None:
    """Each value written by writer, then a newline, into write(), in batches."""
    batch = LineBatch()
    add = batch.add
    for value in values:
        writer.stream(value, add)
        batch.add("\n")
        if batch.size >= LINES_CHUNK_CHARS:
            write(batch.take())
    if batch.size:
        write(batch.take())
