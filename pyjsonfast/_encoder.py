"""The writer (placeholder until the encoder issue lands)."""

from __future__ import annotations

import json
from typing import Any

JSONEncoder = json.JSONEncoder


def dumps(obj: object, **kw: Any) -> str:
    return json.dumps(obj, **kw)


def dump(obj: object, fp: Any, **kw: Any) -> None:
    fp.write(dumps(obj, **kw))
