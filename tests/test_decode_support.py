"""Shared helpers for the decoder tests: strict value comparison and json as reference."""

from __future__ import annotations

import json
import json.scanner
from typing import Any, Callable

from fuzz_targets import same_value

# Error messages and positions are json's C scanner's: compare with json only
# where that scanner is what json uses (CPython). PyPy's json words them differently.
HAVE_C_JSON = getattr(json.scanner, "c_make_scanner", None) is not None


def outcome(loads: Callable[..., Any], doc: Any, **kw: Any) -> tuple[Any, ...]:
    """("ok", value) or (exception class name, msg, pos) for an error."""
    try:
        return ("ok", loads(doc, **kw))
    except RecursionError:  # first: pyjsonfast's depth error is also a JSONDecodeError
        return ("RecursionError",)
    except json.JSONDecodeError as e:
        return ("JSONDecodeError", e.msg, e.pos)
    except Exception as e:  # the class is what is compared
        return (type(e).__name__,)


def same_outcome(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    if a[0] == "ok" or b[0] == "ok":
        return a[0] == b[0] and same_value(a[1], b[1])
    return a == b


def like_json(got: tuple[Any, ...], expected: tuple[Any, ...]) -> bool:
    """same_outcome where json is CPython's C json; elsewhere (PyPy words its errors
    differently) the same value, or an error of the same class."""
    if HAVE_C_JSON or got[0] == "ok" or expected[0] == "ok":
        return same_outcome(got, expected)
    return bool(got[0] == expected[0])
