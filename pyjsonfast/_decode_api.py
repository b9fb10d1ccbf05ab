"""What the public layer (pyjsonfast, pyjsonfast.decoder, pyjsonfast.stream) calls
to decode: options from json's arguments (or captured by json's C scanner),
whole documents, and raw_decode. Compiled with the parser (_decoder), which it
only sets up and calls.

Options arrive as the user gave them (typed object: anything json accepts must
get through, and a wrong type must meet our message, not mypyc's).
"""

from __future__ import annotations

import json.decoder
import json.scanner

from ._buffer import COMPILED
from ._decoder import (
    DEFAULT_MAX_DEPTH,
    DEFAULT_OPTIONS,
    DEFAULT_PARSE_CONSTANT,
    MAX_DEPTH_LIMIT,
    Options,
    as_document,
    decode_bytes,
    decode_str,
    str_parser,
)
from ._errors import JSONDecodeError

if not COMPILED:  # typing at run time only where it runs (see _buffer)
    from typing import Any, Callable, Final, Union, cast

    from mypy_extensions import i64

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ._protocols import CapturedOptions

__all__ = [
    "check_max_depth",
    "decode_document",
    "loads_default",
    "options_from_c_scanner",
    "parse_options",
    "raw_decode",
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
