"""What the public layer (pyjsonfast, pyjsonfast.decoder, pyjsonfast.stream) calls
to decode: options from json's arguments (or captured by json's C scanner),
whole documents (as_document, decode_str, decode_bytes: which bytes a Parser
scans, a str's projection whole or a window at a time), and raw_decode.
Compiled with the parser (_decoder), which it only sets up and calls.

Options arrive as the user gave them (typed object: anything json accepts must
get through, and a wrong type must meet our message, not mypyc's).
"""

from __future__ import annotations

import json
import json.decoder
import json.scanner

from ._buffer import COMPILED
from ._decoder import (
    DEFAULT_MAX_DEPTH,
    DEFAULT_OPTIONS,
    DEFAULT_PARSE_CONSTANT,
    MAX_DEPTH_LIMIT,
    Options,
    Parser,
)
from ._errors import JSONDecodeError
from ._projection import PROJECT_STR, ascii_projection, ascii_text, narrow_projection

if not COMPILED:  # typing at run time only where it runs (see _buffer)
    from typing import Any, Callable, Final, Union, cast

    from mypy_extensions import i64

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ._protocols import CapturedOptions

__all__ = [
    "as_document",
    "check_max_depth",
    "decode_bytes",
    "decode_document",
    "decode_str",
    "loads_default",
    "options_from_c_scanner",
    "parse_options",
    "raw_decode",
    "str_parser",
]

def _hook(value: object) -> Callable[[Any], Any] | None:
    """A hook as given (json calls whatever it is, and so do we)."""
    return cast("Callable[[Any], Any] | None", value)


def check_max_depth(max_depth: object) -> i64:
    """max_depth as given to loads or JSONDecoder: None (the default) or 0..MAX_DEPTH_LIMIT."""
    if max_depth is None:
        return DEFAULT_MAX_DEPTH
    if not isinstance(max_depth, int) or isinstance(max_depth, bool):
        raise TypeError(f"max_depth must be an int or None, not {type(max_depth).__name__}")
    if not 0 <= max_depth <= MAX_DEPTH_LIMIT:
        raise ValueError(f"max_depth must be between 0 and {MAX_DEPTH_LIMIT}, not {max_depth}")
    return int(max_depth)


def parse_options(
    object_hook: object,
    parse_float: object,
    parse_int: object,
    parse_constant: object,
    strict: object,
    object_pairs_hook: object,
    allow_nan: object,
    reject_duplicate_keys: object,
    max_depth: object,
) -> Options:
    """The Options of JSONDecoder(**keywords); a hook equal to json's default is None."""
    return Options(
        _hook(object_hook),
        None if parse_float is None or parse_float is float else _hook(parse_float),
        None if parse_int is None or parse_int is int else _hook(parse_int),
        None if parse_constant is None or is_default_parse_constant(parse_constant)
        else _hook(parse_constant),
        bool(strict),
        _hook(object_pairs_hook),
        bool(allow_nan),
        bool(reject_duplicate_keys),
        check_max_depth(max_depth),
    )


def is_default_parse_constant(parse_constant: object) -> bool:
    """json's own parse_constant (its constants dict's __getitem__) or ours."""
    return parse_constant is DEFAULT_PARSE_CONSTANT or parse_constant == JSON_PARSE_CONSTANT


# json's default parse_constant, as its JSONDecoder stores it (a bound method:
# equal, not identical, each time it is read).
JSON_PARSE_CONSTANT: Final[object] = getattr(
    getattr(json.decoder, "_CONSTANTS", {}), "__getitem__", None
)
# The type of json's C scanner (json.decoder.JSONDecoder().scan_once), whose
# attributes are the options it captured at construction; None without _json.
C_SCANNER_TYPE: Final[object] = getattr(json.scanner, "c_make_scanner", None)


def options_from_c_scanner(scanner: object) -> Options | None:
    """The Options of a json.JSONDecoder whose scan_once is json's C scanner (it
    captured the decoder's hooks and strict at __init__, as we must); None when
    scan_once is anything else."""
    if C_SCANNER_TYPE is None or type(scanner) is not C_SCANNER_TYPE:
        return None
    captured = cast("CapturedOptions", scanner)
    return parse_options(
        captured.object_hook,
        captured.parse_float,
        captured.parse_int,
        captured.parse_constant,
        captured.strict,
        captured.object_pairs_hook,
        True,
        False,
        None,
    )


def decode_document(document: Union[str, bytes], options: Options) -> object:
    """json.loads of a document as_document gave, with these options."""
    if isinstance(document, str):
        return decode_str(document, options)
    return decode_bytes(document, options)


def loads_default(s: object) -> object:
    """json.loads(s) with no options: the commonest call, in one step."""
    return decode_document(as_document(s), DEFAULT_OPTIONS)


def raw_decode(s: str, idx: int, options: Options) -> tuple[object, int]:
    """json.JSONDecoder.raw_decode(s, idx): the value starting exactly at s[idx]
    (no whitespace skipped) and the index where it ends."""
    if idx < 0:
        raise ValueError("idx cannot be negative")
    if idx > len(s):
        raise JSONDecodeError("Expecting value", s, idx)
    parser = str_parser(s, options)
    if parser.char_offsets:
        value, stop = parser.raw_decode(idx)
        return value, stop
    # The parser reads UTF-8 (PyPy): convert idx to bytes and the end back.
    start = len(s[:idx].encode("utf-8", "surrogatepass"))
    value, stop = parser.raw_decode(start)
    return value, idx + len(parser.data[start:stop].decode("utf-8", "surrogatepass"))


# Compiled, a long str is parsed through a moving window of its projection (see
# window_parser) rather than a projection of the whole: no copy of the document.
PARSE_IN_WINDOWS: Final = COMPILED and PROJECT_STR
# Windows hold at least this many characters, or 1/32 of the document.
MIN_WINDOW_CHARS: Final = 8192


def str_parser(s: str, options: Options, wide_head: bool = False) -> Parser:
    """A parser for a str: its bytes when ASCII, else (CPython) its ASCII projection,
    "?" for each other character: cheaper than UTF-8, and it keeps character
    offsets. JSON's structure is ASCII, so the projection parses the same, and
    strings are sliced from s. PyPy stores str as UTF-8: encoding is nearly free
    there, and its "replace" error handler slow. wide_head: s's head is known to
    hold wide text (see ascii_projection)."""
    if s.isascii():
        return Parser(s.encode("ascii"), s, True, options)
    if PROJECT_STR:
        return Parser(ascii_projection(s, wide_head), s, True, options)
    return Parser(s.encode("utf-8", "surrogatepass"), s, False, options)


def window_parser(s: str, options: Options) -> Parser:
    """A parser for a long str that projects it a window at a time (a window's
    chars: MIN_WINDOW_CHARS or 1/32 of s): strings are sliced from s, and no
    copy of the whole document is made. Any error it raises is found again by a
    whole-document parse (str_parser), which reports it as json does.

    Wide text (say CJK) from the start is projected whole instead (CPython's
    encoder reads it a character at a time, and slicing it into windows costs a
    pass over s), and the parse lets the projection go as it moves on (shed).
    """
    window: i64 = len(s) >> 5
    if window < MIN_WINDOW_CHARS:
        window = MIN_WINDOW_CHARS
    piece = s[:window]
    first = narrow_projection(piece)
    if first is None:
        whole = str_parser(s, options, True)
        whole.start_shedding(0)
        return whole
    parser = Parser(first, s, True, options)
    parser.window_chars = window
    parser.length = len(s)
    parser.window_texts = not s.isascii()
    parser.set_window(0, first, piece if parser.window_texts else None)
    return parser


def decode_str(s: str, options: Options) -> object:
    if PARSE_IN_WINDOWS and len(s) > MIN_WINDOW_CHARS and not calls_hooks(options):
        try:
            return window_parser(s, options).decode()
        except Exception:
            pass  # reported by a whole-document parse, with json's message and position
    return str_parser(s, options).decode()


def decode_bytes(data: bytes, options: Options) -> object:
    """json.loads of bytes: UTF-8 (the common case) is parsed as is; UTF-16/32 and
    a UTF-8 BOM are decoded first, as json does."""
    encoding = bytes_encoding(data)
    if encoding != "utf-8":
        return decode_str(data.decode(encoding, "surrogatepass"), options)
    plain = ascii_text(data)
    if plain is not None:
        return Parser(data, plain, True, options).decode()
    # Non-ASCII UTF-8 is validated lazily: every non-ASCII byte is either decoded
    # as part of a string or causes a parse error, and errors decode the whole
    # document first, so invalid UTF-8 still raises json's UnicodeDecodeError.
    # Hooks are called only on valid documents, as json calls them: validate first.
    text = data.decode("utf-8", "surrogatepass") if calls_hooks(options) else None
    return Parser(data, text, False, options).decode()


def calls_hooks(options: Options) -> bool:
    return (
        options.object_hook is not None
        or options.object_pairs_hook is not None
        or options.parse_float is not None
        or options.parse_int is not None
        or options.parse_constant is not None
    )


def bytes_encoding(data: bytes) -> str:
    """json.detect_encoding, with a quick answer for the usual UTF-8 document."""
    n = len(data)
    if n >= 2:
        first = data[0]
        if first != 0 and first != 0xEF and first != 0xFE and first != 0xFF and data[1] != 0:
            return "utf-8"
    return str(json.detect_encoding(data))


def as_document(s: object) -> Union[str, bytes]:
    """The document as str or bytes, with json's TypeError for other types
    (memoryview is accepted as an extension)."""
    if isinstance(s, str):
        if s.startswith("\ufeff"):
            raise JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", s, 0)
        return s
    if isinstance(s, bytes):
        return s
    if isinstance(s, (bytearray, memoryview)):
        return bytes(s)
    raise TypeError(f"the JSON object must be str, bytes or bytearray, not {s.__class__.__name__}")
