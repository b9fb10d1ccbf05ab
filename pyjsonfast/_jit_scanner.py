"""PyPy's scanner: the pure build's inner loops shaped for a tracing JIT.

PyPy compiles the parser's hot loops (parse_array's and parse_object's) into
traces that inline the calls they make. When a call inlined there takes a
backward jump of a Python loop of its own (a run of digits, of whitespace),
the trace calls that loop's separately compiled code instead: the frame, the
boxed ints and the tuples it had kept virtual are all allocated, some 100-200
ns a visit, more than most tokens cost in all (measured: an int in an array
took 144 ns with the digit loops, 21 ns without). So nothing here loops in
Python on the common path: runs are found by bytes methods (RPython, called
from the trace like any function), digits are read unrolled, indentation is
guessed and checked with startswith, and an object key is checked against the
key that followed the previous key last time. Anything unusual goes to the
base Scanner's general code, which gives the same results.

Only PyPy imports this module (_scanner.choose_scanner); it is never compiled.
"""

from __future__ import annotations

from ._buffer import COMPILED
from ._scanner import (
    COLON,
    DOT,
    LOWER_E,
    MINUS,
    NINE,
    QUOTE,
    SPACE,
    ZERO,
    Scanner,
)

if not COMPILED:  # typing at run time only where it runs (see _buffer)
    from typing import Final, final

    from mypy_extensions import i64

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ._decoder import Parser

UPPER_E: Final = 0x45
# Numbers with at most this many digits (integer and fraction together) are
# read by the unrolled fast path: their mantissa stays below 10**18, exact.
FAST_DIGITS: Final = 18


def leading_digits(data: bytes, i: i64) -> tuple[i64, i64]:
    """The value and the count of the ASCII digits that data[i:i+8] starts with
    (given i + 8 <= len(data)): unrolled, so the JIT's trace never leaves."""
    c: i64 = data[i] - ZERO
    if c < 0 or c > 9:
        return 0, 0
    value: i64 = c
    c = data[i + 1] - ZERO
    if c < 0 or c > 9:
        return value, 1
    value = value * 10 + c
    c = data[i + 2] - ZERO
    if c < 0 or c > 9:
        return value, 2
    value = value * 10 + c
    c = data[i + 3] - ZERO
    if c < 0 or c > 9:
        return value, 3
    value = value * 10 + c
    c = data[i + 4] - ZERO
    if c < 0 or c > 9:
        return value, 4
    value = value * 10 + c
    c = data[i + 5] - ZERO
    if c < 0 or c > 9:
        return value, 5
    value = value * 10 + c
    c = data[i + 6] - ZERO
    if c < 0 or c > 9:
        return value, 6
    value = value * 10 + c
    c = data[i + 7] - ZERO
    if c < 0 or c > 9:
        return value, 7
    return value * 10 + c, 8


# Indentation, as json.dumps writes it: a line break and k units (spaces or
# tabs), for k up to MAX_INDENT. One table per kind, made when a parse first
# meets it.
MAX_INDENT: Final = 64
INDENTATION: Final[dict[bytes, list[bytes]]] = {}


def indentation_runs(line_break: bytes, unit: bytes) -> list[bytes]:
    """line_break followed by 0 to MAX_INDENT units, by number of units."""
    kind = line_break + unit
    runs = INDENTATION.get(kind)
    if runs is None:
        runs = INDENTATION.setdefault(kind, [line_break + unit * k for k in range(MAX_INDENT + 1)])
    return runs


NEWLINE_AND_SPACES: Final = indentation_runs(b"\n", b" ")
# Control bytes other than newline: in a document without any (nearly every
# one), a string's plain run ends at its first quote, backslash or newline,
# each found by bytes.find. Controls other than whitespace (tab, newline,
# return) are rarer still: a document with none has its tabs and returns found
# by bytes.find too. A document's control bytes are what is left of it once
# bytes.translate has deleted every other byte: one pass, ~0.25 ns a byte (a
# regex search for them took twice that, and a find for a newline more).
NOT_CONTROL: Final = bytes(range(0x20, 0x100))

POWERS_OF_TEN: Final[list[int]] = [10**k for k in range(FAST_DIGITS + 1)]


def digit_run(data: bytes, i: i64, end: i64) -> tuple[i64, i64]:
    """The value and the count of the ASCII digits at data[i:], when there are at
    most FAST_DIGITS of them and at least 8 more bytes follow them; else a count
    of -1 (the caller takes the general path)."""
    if i + 8 > end:
        return 0, -1
    value, count = leading_digits(data, i)
    if count < 8:
        return value, count
    if i + 16 > end:
        return 0, -1
    more, counted = leading_digits(data, i + 8)
    value = value * POWERS_OF_TEN[counted] + more
    if counted < 8:
        return value, 8 + counted
    if i + 24 > end:
        return 0, -1
    more, counted = leading_digits(data, i + 16)
    if counted > FAST_DIGITS - 16:
        return 0, -1
    return value * POWERS_OF_TEN[counted] + more, 16 + counted


@final
class KeyNode:
    """A plain object key met by some parse: its text and closing quote as
    bytes, the key (the one object every document gets for it once it has a
    node), and the key that followed it last time."""

    def __init__(self, raw: bytes, key: str) -> None:
        self.raw = raw
        self.key = key
        self.successor: KeyNode | None = None


# A node per plain key, shared by all parses (as the compiled build shares its
# key cache): a document's keys are guessed from its first object on, and no
# parse builds nodes again for the keys the last one met (github loads -5 to
# -10 %, twitter ~-10 %). Full, it takes no more keys: those are read by the
# general path each time. Guesses are always checked, so a thread racing
# another costs a miss, never a wrong key.
MAX_KEY_NODES: Final = 4096
KEY_NODES: Final[dict[str, KeyNode]] = {}
# The node before a document's first key: its successor guesses that key.
DOCUMENT_START: Final = KeyNode(b"", "")


def new_key_node(key: str, data: bytes, key_at: i64) -> KeyNode | None:
    """key's node, added to KEY_NODES, for the key whose opening quote is at
    data[key_at]; None when the table is full (checked first: a full table
    stays full, and its misses should not encode their keys) or the key is not
    plain. A key's text is plain when its UTF-8 and a quote follow its opening
    quote: only such keys are guessed, and only those without control
    characters (nodes serve every parse, strict or not)."""
    if len(KEY_NODES) >= MAX_KEY_NODES:
        return None
    raw = key.encode("utf-8", "surrogatepass") + b'"'
    if not data.startswith(raw, key_at + 1) or raw.translate(None, NOT_CONTROL):
        return None
    return KEY_NODES.setdefault(key, KeyNode(raw, key))


class FindScanner(Scanner):
    """PyPy: runs found by bytes.find and bytes.lstrip (RPython speed), numbers
    read without a Python loop."""

    def __init__(self) -> None:
        # What this parse has learnt (for_document makes a scanner per parse;
        # SCANNER itself is shared by the stream decoder's parses; every guess
        # is checked): skip_whitespace's guesses, the kind of indentation, the
        # last seen and its step; object_key's, the last key read (a KeyNode,
        # whose successor is the guess). The nodes themselves, and so what
        # follows each key, are every parse's (KEY_NODES).
        self.indentation = NEWLINE_AND_SPACES
        self.indent: i64 = 0
        self.indent_step: i64 = 2
        self.last_key = DOCUMENT_START

    def for_document(self, data: bytes) -> Scanner:
        controls = data.translate(None, NOT_CONTROL)
        if not controls:
            return WhitespaceOnlyFindScanner(False, False)
        others = controls.translate(None, b"\n")
        if not others:
            return WhitespaceOnlyFindScanner(True, False)
        if not others.translate(None, b"\t\r"):
            return WhitespaceOnlyFindScanner(True, True)
        return FindScanner()

    def skip_whitespace(self, data: bytes, i: i64, end: i64) -> i64:
        if i + 1 < end and data[i] == SPACE and data[i + 1] > SPACE:
            return i + 1  # one space, as after ", " (the parser calls only on whitespace)
        # Indented documents: a line break and as many units as the last such
        # run, or one indentation step more or less, checked by startswith.
        runs = self.indentation
        indent = self.indent
        run = runs[indent]
        if data.startswith(run, i):
            stop = i + len(run)
            c: i64 = data[stop] if stop < end else 0
            if c > SPACE:
                return stop
            indent += self.indent_step
        else:
            indent -= self.indent_step
        if 0 <= indent <= MAX_INDENT:
            run = runs[indent]
            stop = i + len(run)
            if stop < end and data[stop] > SPACE and data.startswith(run, i):
                self.indent = indent
                return stop
        return self.whitespace_run_end(data, i, end)

    def whitespace_run_end(self, data: bytes, i: i64, end: i64) -> i64:
        """skip_whitespace without a guess: lstrip, 64 bytes at a time (runs of
        indentation are tens of bytes). Learns the indentation it finds."""
        start = i
        while i < end:
            window = data[i : min(i + 64, end)]
            run: i64 = len(window) - len(window.lstrip(b" \t\n\r"))
            i += run
            if run < len(window):
                break
        runs = self.indentation
        indent = i - start - len(runs[0])
        if not (0 <= indent <= MAX_INDENT and data.startswith(runs[indent], start)):
            # Another kind of indentation (or none): a line break and one unit
            # repeated is learnt.
            line_break = b"\r\n" if data.startswith(b"\r\n", start) else b"\n"
            if not data.startswith(line_break, start):
                return i
            units = data[start + len(line_break) : i]
            unit = units[:1] or b" "
            if unit not in (b" ", b"\t") or units.strip(unit):
                return i
            runs = indentation_runs(line_break, unit)
            self.indentation = runs
            indent = len(units)
            if indent > MAX_INDENT:
                return i
        step = indent - self.indent
        if step != 0:
            self.indent_step = step if step > 0 else -step
        self.indent = indent
        return i

    def object_key(self, parser: Parser, i: i64) -> tuple[str, i64, i64]:
        # Objects of one kind repeat their keys in order: the key that followed
        # the previous key last time is checked first, by startswith (its text
        # and closing quote: no escapes), instead of found, sliced and looked up.
        data = parser.data
        end = parser.end
        c: i64 = data[i] if i < end else 0
        if c <= SPACE:
            i = self.skip_whitespace(data, i, end)
            c = data[i] if i < end else 0
        if c == QUOTE:
            predicted = self.last_key.successor
            if predicted is not None:
                raw = predicted.raw
                after = i + 1 + len(raw)
                if after < end and data[after] == COLON and data.startswith(raw, i + 1):
                    self.last_key = predicted
                    after += 1
                    if after < end and data[after] <= SPACE:
                        after = self.skip_whitespace(data, after, end)
                    return predicted.key, i, after
        key, key_at, after = Scanner.object_key(self, parser, i)
        node = KEY_NODES.get(key)
        if node is None:
            node = new_key_node(key, data, key_at)
            if node is None:
                self.last_key = KeyNode(b"", "")  # no guess after this one
                return key, key_at, after
        if node.key is not key:
            # Guesses return the node's object, so the document's memo (one
            # object per key, as json's) takes it too. The object replaced was
            # made by this very call (the memo had none for this key), unless
            # another thread's parse made the node after this document's memo
            # took the key: then the document holds two equal objects for it.
            parser.memo[key] = node.key
            key = node.key
        self.last_key.successor = node
        self.last_key = node
        return key, key_at, after

    def number(self, parser: Parser, start: i64) -> tuple[object, i64]:
        # The usual shapes, -?(0|[1-9][0-9]*)(.[0-9]+)? with at most FAST_DIGITS
        # digits and not at the document's end: read unrolled. Anything else
        # (exponents, long or cut numbers, errors) by the general grammar.
        data = parser.data
        end = parser.end
        i = start
        if data[i] == MINUS:
            i += 1
            if i >= end:
                return Scanner.number(self, parser, start)
        if data[i] == ZERO:
            mantissa: i64 = 0
            digits: i64 = 1
        else:
            mantissa, digits = digit_run(data, i, end)
            if digits <= 0:
                return Scanner.number(self, parser, start)
        i += digits
        c: i64 = data[i] if i < end else 0
        exp10: i64 = 0
        is_float = False
        if c == DOT:
            fraction, fraction_digits = digit_run(data, i + 1, end)
            if fraction_digits <= 0 or digits + fraction_digits > FAST_DIGITS:
                return Scanner.number(self, parser, start)
            mantissa = mantissa * POWERS_OF_TEN[fraction_digits] + fraction
            exp10 = -fraction_digits
            is_float = True
            i += 1 + fraction_digits
            c = data[i] if i < end else 0
        if c == LOWER_E or c == UPPER_E or c == DOT or ZERO <= c <= NINE:
            return Scanner.number(self, parser, start)
        if is_float:
            parse_float = parser.parse_float
            if parse_float is None:
                return self.float_value(parser, start, i, mantissa, exp10, True), i
            return parse_float(parser.chunk(start, i)), i
        parse_int = parser.parse_int
        if parse_int is not None:
            return parse_int(parser.chunk(start, i)), i
        if data[start] == MINUS:
            return -mantissa, i
        return mantissa, i

    def float_value(
        self, parser: Parser, start: i64, stop: i64, mantissa: i64, exp10: i64, exact: bool
    ) -> float:
        # float() of the text: RPython, called from the trace. Eisel-Lemire in
        # Python made canada's traces too long for the JIT (2x slower loads).
        return float(parser.data[start:stop])


@final
class WhitespaceOnlyFindScanner(FindScanner):
    """FindScanner for a document whose only control bytes are whitespace
    (newline; tab and return too when tabs_and_returns) or none (for_document
    picks it): string runs by bytes.find alone."""

    def __init__(self, newlines: bool, tabs_and_returns: bool) -> None:
        super().__init__()
        self.newlines = newlines  # one line (say, minified): no newline to find
        self.tabs_and_returns = tabs_and_returns
        # The last search for a quote: in which bytes, from where, and the
        # first quote it found (their length: none), which is the first one
        # after any index from there to it. A string's run ends at each
        # escape: without this, each run searched again for the same closing
        # quote, reading a string of n escapes n times over (quadratic: 160 KB
        # of "\n" took 1.8 s, and github's 4 KB messages were a fifth of its
        # loads).
        self.quote_data = b""
        self.quote_from: i64 = 0
        self.quote: i64 = -1

    def string_stop(self, data: bytes, i: i64, end: i64) -> i64:
        stop = self.quote
        if stop < i or i < self.quote_from or data is not self.quote_data:
            length: i64 = len(data)
            stop = data.find(b'"', i, length)  # to data's end: what is kept serves any end
            if stop < 0:
                stop = length
            self.quote_data = data
            self.quote_from = i
            self.quote = stop
        if stop > end:
            stop = end
        backslash: i64 = data.find(b"\\", i, stop)
        if backslash >= 0:
            stop = backslash
        if not self.newlines:
            return stop
        newline: i64 = data.find(b"\n", i, stop)
        if newline >= 0:
            stop = newline
        if self.tabs_and_returns:
            tab: i64 = data.find(b"\t", i, stop)
            if tab >= 0:
                stop = tab
            carriage_return: i64 = data.find(b"\r", i, stop)
            if carriage_return >= 0:
                stop = carriage_return
        return stop


def jit_scanner() -> Scanner:
    """PyPy's SCANNER (each parse gets its own from for_document)."""
    return FindScanner()
