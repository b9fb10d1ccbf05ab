"""What json cannot write, written by the writer itself: Fragment always; with
native_types, dataclasses, datetimes, dates, times, UUIDs, enums, decimals and
sets (subclasses included), one small writer per type.

Each type's writer is found once per class (a dict lookup afterwards); the
modules that define those types are imported on first use only, so start-up
pays nothing for them. Text follows orjson where orjson writes the type:
datetime.isoformat() (RFC 3339, microseconds only when non-zero, the UTC offset
as +HH:MM), a UUID's 36 hex-and-dash form, an enum's value, a dataclass as an
object of its fields in definition order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Final, Iterable, Optional, cast

from mypy_extensions import i32, i64

from ._fragment import Fragment
from ._scalars import utf8_text

if TYPE_CHECKING:
    from ._encoder import Writer

__all__ = ["native_key_text", "write_fragment", "write_native"]

# --- Fragment ------------------------------------------------------------------


def write_fragment(w: Writer, o: object) -> bool:
    """Write o if it is a Fragment: its text as it is."""
    if not isinstance(o, Fragment):
        return False
    text = o.text
    if isinstance(text, str):
        w.buf.write(utf8_text(text) if w.utf8 else text)
    elif w.utf8:
        w.buf.write(text.decode("latin-1"))
    else:
        w.buf.write(text.decode("utf-8"))
    return True


# --- which writer a class gets ----------------------------------------------------

_NOT_NATIVE: Final = 0
_DATETIME: Final = 1  # also date and time: all written by isoformat()
_UUID: Final = 2
_ENUM: Final = 3
_DECIMAL: Final = 4
_SET: Final = 5
_DATACLASS: Final = 6

# Per class: its kind, and a dataclass's field names. Cleared when full, so
# classes made on the fly cannot grow them without bound.
_KINDS_LIMIT: Final = 1 << 12
_kinds: Final[dict[type, int]] = {}
_field_names: Final[dict[type, list[str]]] = {}
# The text of a datetime, date, time or Decimal by class: the base class's
# isoformat or __str__, unbound, so a subclass's override does not change it.
_texts: Final[dict[type, Callable[[Any], str]]] = {}


def _classify(t: type) -> int:
    """t's kind, importing the modules that define the native types."""
    import dataclasses
    import datetime
    import decimal
    import enum
    import uuid

    for base in (datetime.datetime, datetime.date, datetime.time):
        if issubclass(t, base):
            _texts[t] = cast("Callable[[Any], str]", base.isoformat)
            return _DATETIME
    if issubclass(t, uuid.UUID):
        return _UUID
    if issubclass(t, enum.Enum):
        return _ENUM
    if issubclass(t, decimal.Decimal):
        _texts[t] = cast("Callable[[Any], str]", decimal.Decimal.__str__)
        return _DECIMAL
    if issubclass(t, (set, frozenset)):
        return _SET
    if dataclasses.is_dataclass(t):
        _field_names[t] = [field.name for field in dataclasses.fields(t)]
        return _DATACLASS
    return _NOT_NATIVE


def _kind(o: object) -> int:
    t = type(o)
    kind = _kinds.get(t)
    if kind is None:
        if len(_kinds) >= _KINDS_LIMIT:
            _kinds.clear()
            _field_names.clear()
            _texts.clear()
        kind = _classify(t)
        _kinds[t] = kind
    return kind


# --- the writers -----------------------------------------------------------------


def write_native(w: Writer, o: object, depth: i64) -> bool:
    """Write o if native_types covers its class (depth: nesting of o's parent)."""
    kind = _kind(o)
    if kind == _NOT_NATIVE:
        return False
    if kind == _DATETIME:
        _write_ascii_string(w, _texts[type(o)](o))
    elif kind == _UUID:
        _write_uuid(w, o)
    elif kind == _ENUM:
        w.write_value(cast(Any, o)._value_, depth)
    elif kind == _DECIMAL:
        w.buf.write(_decimal_text(w, o))
    elif kind == _SET:
        _write_set(w, o, depth + 1)
    else:
        _write_dataclass(w, o, depth + 1)
    return True


def _write_ascii_string(w: Writer, text: str) -> None:
    """'"' + text + '"' for text that needs no escaping."""
    buf = w.buf
    buf.append(34)
    buf.write(text)
    buf.append(34)


def _hex_digit(d: i64) -> i32:
    return i32(d + 48 if d < 10 else d + 87)


def _write_uuid(w: Writer, o: object) -> None:
    """'"xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"', lower case, from the UUID's int."""
    value = cast(int, cast(Any, o).int)
    buf = w.buf
    buf.append(34)
    digit: i64 = 0  # digits written so far
    for shift in (96, 64, 32, 0):  # four 32-bit words, most significant first
        word: i64 = (value >> shift) & 0xFFFFFFFF
        bit: i64 = 28
        while bit >= 0:
            buf.append(_hex_digit((word >> bit) & 15))
            digit += 1
            if digit == 8 or digit == 12 or digit == 16 or digit == 20:
                buf.append(45)  # -
            bit -= 4
    buf.append(34)


def _decimal_text(w: Writer, o: object) -> str:
    """A Decimal as a JSON number with exactly its digits; NaN and infinities as
    json writes the float ones (allow_nan)."""
    text = _texts[type(o)](o)
    d = cast(Any, o)
    if d.is_finite():
        return text
    if not w.allow_nan:
        raise ValueError("Out of range float values are not JSON compliant: " + repr(o))
    if d.is_nan():
        return "NaN"
    return "-Infinity" if d.is_signed() else "Infinity"


def _write_set(w: Writer, o: object, depth: i64) -> None:
    """A set or frozenset as an array, sorted with sort_keys when its items sort."""
    items = list(cast("Iterable[object]", o))
    if w.sort_keys:
        try:
            items.sort(key=None)
        except TypeError:
            pass  # unsortable items: iteration order
    w.write_list(items, o, depth)


def _write_dataclass(w: Writer, o: object, depth: i64) -> None:
    """A dataclass instance as an object of its fields, in definition order."""
    w.enter(o, depth)
    fields: dict[object, object] = {}
    for name in _field_names[type(o)]:
        fields[name] = getattr(o, name)
    w.write_dict(fields, depth)
    w.leave(o)


def native_key_text(w: Writer, key: object) -> Optional[str]:
    """The str a native-type dict key becomes (unquoted), None if key is not one;
    an enum key is its value's."""
    kind = _kind(key)
    if kind == _DATETIME:
        return _texts[type(key)](key)
    if kind == _UUID:
        return str(key)
    if kind == _DECIMAL:
        return _decimal_text(w, key)
    if kind == _ENUM:
        value = cast(Any, key)._value_
        if isinstance(value, str):
            return str.__str__(value)
        text = native_key_text(w, value)
        return text if text is not None else w.key_text(value)
    return None
