"""What the public layer (pyjsonfast, pyjsonfast.encoder, pyjsonfast.stream) calls
to encode: the Writer that json.dumps(**options), or the iterencode of a
json.JSONEncoder (ours, json's or a subclass's), would be. Compiled with the
writer (_encoder), which it only sets up.

Options arrive as the user gave them (typed object: anything json accepts must
get through, and a wrong type must meet our message, not mypyc's).
"""

from __future__ import annotations

import json.encoder as _json_encoder
import sys

from ._buffer import COMPILED
from ._encoder import Writer

if not COMPILED:  # typing at run time only where it runs (see _buffer)
    from typing import Callable, Final, Iterable, Optional, cast

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ._protocols import EncoderAttributes

__all__ = ["encode_with_options", "writer_for_encoder", "writer_for_options"]

# json uses its C encoder for one-shot, unindented output when _json is present
# (CPython); its messages for NaN and bad keys differ from the Python encoder's.
_JSON_HAS_C_ENCODER: Final[bool] = getattr(_json_encoder, "c_make_encoder", None) is not None
# From 3.13 on, json's C encoder also does indented output.
_C_ENCODER_INDENTS: Final[bool] = sys.version_info >= (3, 13)


def _json_would_use_c_encoder(indent: object) -> bool:
    """Whether json's one-shot encode of these options runs its C encoder."""
    return _JSON_HAS_C_ENCODER and (indent is None or _C_ENCODER_INDENTS)


def _check_separator(value: object, name: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    return str.__str__(value)


def _indent_text(indent: object) -> Optional[str]:
    """json's indent: None, a str as is, an int as that many spaces."""
    if indent is None:
        return None
    if isinstance(indent, str):
        return str.__str__(indent)
    if isinstance(indent, int):
        return " " * int(indent)
    raise TypeError(f"indent must be None, an int or a str, not {type(indent).__name__}")


def _separator_pair(separators: object, indent: object) -> tuple[str, str]:
    """(item_separator, key_separator) as JSONEncoder.__init__ sets them."""
    if separators is None:
        return (", " if indent is None else ","), ": "
    try:
        pair = list(cast("Iterable[object]", separators))
    except TypeError:
        raise TypeError(
            "separators must be an (item_separator, key_separator) pair, "
            f"not {type(separators).__name__}"
        ) from None
    if len(pair) != 2:
        raise ValueError(
            "separators must be an (item_separator, key_separator) pair, "
            f"not {len(pair)} value{'' if len(pair) == 1 else 's'}"
        )
    return (
        _check_separator(pair[0], "separators[0] (item_separator)"),
        _check_separator(pair[1], "separators[1] (key_separator)"),
    )


def _raise_default(o: object) -> object:
    raise TypeError(f"Object of type {o.__class__.__name__} is not JSON serializable")


def writer_for_options(
    skipkeys: object,
    ensure_ascii: object,
    check_circular: object,
    allow_nan: object,
    indent: object,
    separators: object,
    default: object,
    sort_keys: object,
    one_shot: bool,
    native_types: object = False,
    utf8: bool = False,
) -> Writer:
    """The writer json.JSONEncoder(**options) would be, without making one, for
    its encode() (one_shot) or its iterencode() (dump); with native_types, and
    writing UTF-8 when utf8."""
    item_separator, key_separator = _separator_pair(separators, indent)
    return Writer(
        item_separator=item_separator,
        key_separator=key_separator,
        indent=_indent_text(indent),
        sort_keys=bool(sort_keys),
        skipkeys=bool(skipkeys),
        ensure_ascii=bool(ensure_ascii),
        allow_nan=bool(allow_nan),
        check_circular=bool(check_circular),
        default=cast("Callable[[object], object]", default)
        if default is not None
        else _raise_default,
        like_c_encoder=one_shot and _json_would_use_c_encoder(indent),
        native_types=bool(native_types),
        utf8=utf8,
    )


def encode_with_options(
    obj: object,
    skipkeys: object,
    ensure_ascii: object,
    check_circular: object,
    allow_nan: object,
    indent: object,
    separators: object,
    default: object,
    sort_keys: object,
    native_types: object,
) -> str:
    """json.dumps(obj, **options) with no cls, in one call."""
    return writer_for_options(
        skipkeys,
        ensure_ascii,
        check_circular,
        allow_nan,
        indent,
        separators,
        default,
        sort_keys,
        True,
        native_types,
    ).encode(obj)


def writer_for_encoder(encoder: object, one_shot: bool, utf8: bool = False) -> Writer:
    """The writer that imitates encoder.iterencode(o, _one_shot=one_shot) for a
    json.JSONEncoder (ours, json's or a subclass's) whose encode and iterencode are
    json's own: built from the attributes json's iterencode reads, default()
    included, so an override of default (or a default= argument) is honoured;
    and our JSONEncoder's native_types."""
    options = cast("EncoderAttributes", encoder)
    indent = options.indent
    return Writer(
        item_separator=_check_separator(options.item_separator, "item_separator"),
        key_separator=_check_separator(options.key_separator, "key_separator"),
        indent=_indent_text(indent),
        sort_keys=bool(options.sort_keys),
        skipkeys=bool(options.skipkeys),
        ensure_ascii=bool(options.ensure_ascii),
        allow_nan=bool(options.allow_nan),
        check_circular=bool(options.check_circular),
        default=cast("Callable[[object], object]", options.default),
        like_c_encoder=one_shot and _json_would_use_c_encoder(indent),
        native_types=bool(getattr(encoder, "native_types", False)),
        utf8=utf8,
    )
