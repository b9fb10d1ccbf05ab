"""json.decoder's face: JSONDecoder, a subclass of json.JSONDecoder on the compiled
parser, and JSONDecodeError.

Interpreted on purpose: a compiled class cannot subclass json's, and docstrings
must show in help(). Every method hands off to the parser at once.
"""

from __future__ import annotations

import json
import json.decoder

from . import _decode_api, _decoder
from ._errors import JSONDecodeError

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only (see _buffer)
    from typing import Any, Callable, Final, Optional

__all__ = ["JSONDecodeError", "JSONDecoder"]

# json's decode(s, _w=WHITESPACE.match): our decode has the same default, and
# any other _w gets json's own decode.
_JSON_WHITESPACE_MATCH: Final[Callable[..., Any]] = getattr(json.decoder, "WHITESPACE").match  # noqa: B009 (not in typeshed)


class JSONDecoder(json.JSONDecoder):
    """json.JSONDecoder, with the same constructor, attributes and methods, on the
    compiled parser: same values, same errors, faster.

    As with json, the hooks and strict are captured at construction: changing
    the attributes afterwards changes nothing. A subclass that overrides
    raw_decode() or replaces scan_once gets exactly json's semantics.

    Extensions (keyword-only, off by default): allow_nan=False rejects NaN and
    Infinity, reject_duplicate_keys=True rejects an object repeating a key, and
    max_depth (0 to 2000, default 1000) limits nesting.
    """

    def __init__(
        self,
        *,
        object_hook: Optional[Callable[[dict[str, Any]], Any]] = None,
        parse_float: Optional[Callable[[str], Any]] = None,
        parse_int: Optional[Callable[[str], Any]] = None,
        parse_constant: Optional[Callable[[str], Any]] = None,
        strict: bool = True,
        object_pairs_hook: Optional[Callable[[list[tuple[str, Any]]], Any]] = None,
        allow_nan: bool = True,
        reject_duplicate_keys: bool = False,
        max_depth: Optional[int] = None,
    ) -> None:
        super().__init__(
            object_hook=object_hook,
            parse_float=parse_float,
            parse_int=parse_int,
            parse_constant=parse_constant,
            strict=strict,
            object_pairs_hook=object_pairs_hook,
        )
        self._parse_options = _decode_api.parse_options(
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
        self.allow_nan = allow_nan
        self.reject_duplicate_keys = reject_duplicate_keys
        self.max_depth = max_depth
        # json's scan_once (set by json's __init__), to tell whether it was replaced.
        self._scan_once_at_init: object = getattr(self, "scan_once")  # noqa: B009 (not in typeshed)

    def decode(self, s: str, _w: Callable[..., Any] = _JSON_WHITESPACE_MATCH) -> Any:
        """The Python value of the JSON document s (a str), as json.JSONDecoder.decode."""
        options = _raw_decode_options(self)
        if options is None or _w is not _JSON_WHITESPACE_MATCH:
            # json's decode, through self.raw_decode, raising our JSONDecodeError.
            obj, end = self.raw_decode(s, idx=_w(s, 0).end())
            end = _w(s, end).end()
            if end != len(s):
                raise JSONDecodeError("Extra data", s, end)
            return obj
        if not isinstance(s, str):
            raise TypeError(f"the JSON object must be str, not {s.__class__.__name__}")
        return _decode_api.decode_str(s, options)

    def raw_decode(self, s: str, idx: int = 0) -> tuple[Any, int]:
        """The value starting exactly at s[idx] (no whitespace skipped) and the
        index where it ends, as json.JSONDecoder.raw_decode."""
        options = _scanner_options(self)
        if options is None:
            return super().raw_decode(s, idx)
        if not isinstance(s, str):
            raise TypeError(f"first argument must be a string, not {s.__class__.__name__}")
        return _decode_api.raw_decode(s, idx, options)


# decode and raw_decode that the parser imitates exactly: json's own and ours.
_ENGINE_DECODES: Final[tuple[Callable[..., Any], ...]] = (
    json.JSONDecoder.decode,
    JSONDecoder.decode,
)
_ENGINE_RAW_DECODES: Final[tuple[Callable[..., Any], ...]] = (
    json.JSONDecoder.raw_decode,
    JSONDecoder.raw_decode,
)


def _scanner_options(decoder: json.JSONDecoder) -> Optional[_decoder.Options]:
    """What the parser needs to act as decoder.scan_once, when that is the
    scanner made at construction; None when it was replaced (call it then)."""
    scanner = getattr(decoder, "scan_once", None)
    if isinstance(decoder, JSONDecoder):
        if scanner is decoder._scan_once_at_init:
            return decoder._parse_options
        return None
    return _decode_api.options_from_c_scanner(scanner)


def _raw_decode_options(decoder: json.JSONDecoder) -> Optional[_decoder.Options]:
    """The parser's options when decoder.raw_decode is exactly the parser's."""
    if type(decoder).raw_decode not in _ENGINE_RAW_DECODES:
        return None
    return _scanner_options(decoder)


def _engine_options(decoder: json.JSONDecoder) -> Optional[_decoder.Options]:
    """The parser's options when decoder.decode(s) is exactly the parser's
    (json's decode or ours, over json's raw_decode or ours, over the scanner made
    at construction); None when the decoder must be called as json would."""
    if type(decoder).decode not in _ENGINE_DECODES:
        return None
    return _raw_decode_options(decoder)
