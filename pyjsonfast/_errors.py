"""JSONDecodeError and its relatives. Cold code: left uncompiled."""

from __future__ import annotations

import json

__all__ = ["JSONDecodeError"]


class JSONDecodeError(json.JSONDecodeError):
    """Subclass of json.JSONDecodeError, so existing handlers catch it."""
