"""The parser (placeholder until the decoder issue lands)."""

from __future__ import annotations

import json
from typing import Any

from ._errors import JSONDecodeError

JSONDecoder = json.JSONDecoder


def loads(s: str | bytes | bytearray, **kw: Any) -> Any:
    try:
        return json.loads(s, **kw)
    except json.JSONDecodeError as e:
        raise JSONDecodeError(e.msg, e.doc, e.pos) from None


def load(fp: Any, **kw: Any) -> Any:
    return loads(fp.read(), **kw)
