"""What the compiled engine reads of json's objects, for the type checker only.

Never imported at run time (a Protocol class needs typing there, and mypyc
cannot define one under TYPE_CHECKING): _decoder and _encoder import these in a
TYPE_CHECKING block and cast to them by name.
"""

from __future__ import annotations

from typing import Protocol


class CapturedOptions(Protocol):
    """The read-only attributes of json's C scanner."""

    object_hook: object
    parse_float: object
    parse_int: object
    parse_constant: object
    strict: object
    object_pairs_hook: object


class EncoderAttributes(Protocol):
    """What json's JSONEncoder.iterencode reads of the encoder (typed object: they
    are whatever the user set, checked as the writer takes them)."""

    item_separator: object
    key_separator: object
    indent: object
    sort_keys: object
    skipkeys: object
    ensure_ascii: object
    allow_nan: object
    check_circular: object
    default: object
