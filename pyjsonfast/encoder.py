"""json.encoder's face: JSONEncoder, a subclass of json.JSONEncoder on the compiled writer.

Interpreted on purpose: a compiled class cannot subclass json's, and docstrings
must show in help(). Every method hands off to the writer at once.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring, encode_basestring_ascii

from . import _encode_api
from ._fragment import Fragment

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only (see _buffer)
    from collections.abc import Iterator
    from typing import Any, Callable, Final, Optional, Union

__all__ = ["Fragment", "JSONEncoder", "encode_basestring", "encode_basestring_ascii"]


class JSONEncoder(json.JSONEncoder):
    """json.JSONEncoder, with the same constructor, attributes and methods, on the
    compiled writer: same output, same errors, faster.

    Subclass it (or json.JSONEncoder: pyjsonfast.dumps runs those on the writer
    too) and override default() to serialise more types. A subclass that
    overrides encode() or iterencode() gets exactly json's semantics: encode()
    then joins iterencode(o, _one_shot=True).
    """

    def __init__(
        self,
        *,
        skipkeys: bool = False,
        ensure_ascii: bool = True,
        check_circular: bool = True,
        allow_nan: bool = True,
        sort_keys: bool = False,
        indent: Optional[Union[int, str]] = None,
        separators: Optional[tuple[str, str]] = None,
        default: Optional[Callable[[Any], Any]] = None,
        native_types: bool = False,
    ) -> None:
        # json's own __init__ (it sets the attributes iterencode reads); restated
        # only to type default as a one-argument callable, which type checkers
        # can infer a lambda's parameter from.
        super().__init__(
            skipkeys=skipkeys,
            ensure_ascii=ensure_ascii,
            check_circular=check_circular,
            allow_nan=allow_nan,
            sort_keys=sort_keys,
            indent=indent,
            separators=separators,
            default=default,
        )
        # Ours: the writer also writes dataclasses, datetimes, UUIDs, enums,
        # decimals and sets (see pyjsonfast.dumps).
        self.native_types = native_types

    def encode(self, o: Any) -> str:
        """Return the JSON text for o, as json.JSONEncoder.encode does."""
        if type(self).iterencode not in _ENGINE_ITERENCODES:
            return super().encode(o)
        return _encode_api.writer_for_encoder(self, True).encode(o)

    def iterencode(self, o: Any, _one_shot: bool = False) -> Iterator[str]:
        """Yield the JSON text for o in chunks, as json.JSONEncoder.iterencode does."""
        writer = _encode_api.writer_for_encoder(self, _one_shot)
        chunks: list[str] = []
        writer.stream(o, chunks.append)
        yield from chunks


# encode and iterencode that the writer imitates exactly: json's own and ours.
_ENGINE_ENCODES: Final[tuple[Callable[..., str], ...]] = (
    json.JSONEncoder.encode,
    JSONEncoder.encode,
)
_ENGINE_ITERENCODES: Final[tuple[Callable[..., Iterator[str]], ...]] = (
    json.JSONEncoder.iterencode,
    JSONEncoder.iterencode,
)


def _runs_on_writer(encoder: json.JSONEncoder) -> bool:
    """Whether encoder.encode(o) is exactly what the writer does with its attributes."""
    cls = type(encoder)
    return cls.encode in _ENGINE_ENCODES and cls.iterencode in _ENGINE_ITERENCODES
