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

from ._buffer import COMPILED, StringWriter
from ._fragment import Fragment
from ._scalars import utf8_text

if not COMPILED:  # typing at run time only where it runs (see _buffer)
    from typing import Any, Callable, Final, Iterable, Optional, cast

    from mypy_extensions import i32, i64

TYPE_CHECKING = False
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
_DATETIME: Final = 1
_DATE: Final = 2
_TIME: Final = 3
_UUID: Final = 4
_ENUM: Final = 5
_DECIMAL: Final = 6
_SET: Final = 7
_DATACLASS: Final = 8

# Per class: its kind, and a dataclass's field names. Cleared when full, so
# classes made on the fly cannot grow them without bound.
_KINDS_LIMIT: Final = 1 << 12
_kinds: Final[dict[type, int]] = {}
_field_names: Final[dict[type, list[str]]] = {}
# The text of a datetime, date, time or Decimal by class: the base class's
# isoformat or __str__, unbound, so a subclass's override does not change it.
_texts: Final[dict[type, Callable[[Any], str]]] = {}
# The UTC offset text of each datetime.timezone met (fixed offsets; others'
# depend on the time), and that class (set on first use: no import before).
_fixed_offset_texts: Final[dict[object, str]] = {}
_timezone_types: Final[list[type]] = []


def _classify(t: type) -> int:
    """t's kind, importing the modules that define the native types."""
    import dataclasses
    import datetime
    import decimal
    import enum
    import uuid

    if not _timezone_types:
        _timezone_types.append(datetime.timezone)
    kinds = ((datetime.datetime, _DATETIME), (datetime.date, _DATE), (datetime.time, _TIME))
    for base, kind in kinds:
        if issubclass(t, base):
            _texts[t] = cast("Callable[[Any], str]", base.isoformat)
            return kind
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
    if kind <= _TIME:
        _write_datetime(w.buf, o, kind)
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


# "00" to "99": two digits at once, without dividing.
_DIGIT_PAIRS: Final = "".join(f"{i:02d}" for i in range(100))


def _write_2_digits(buf: StringWriter, value: i64) -> None:
    """value (0-99) in two decimal digits."""
    buf.append(ord(_DIGIT_PAIRS[2 * value]))
    buf.append(ord(_DIGIT_PAIRS[2 * value + 1]))


def _write_4_digits(buf: StringWriter, value: i64) -> None:
    """value (0-9999) in four decimal digits."""
    high = value // 100
    _write_2_digits(buf, high)
    _write_2_digits(buf, value - high * 100)


def _write_6_digits(buf: StringWriter, value: i64) -> None:
    """value (0-999999) in six decimal digits."""
    high = value // 10000
    _write_2_digits(buf, high)
    _write_4_digits(buf, value - high * 10000)


def _write_datetime(buf: StringWriter, o: object, kind: i64) -> None:
    """A datetime, date or time as a string, exactly as its isoformat() writes it:
    YYYY-MM-DD, T, HH:MM:SS, .ffffff when there are microseconds, the UTC offset
    when aware (read through attributes: isoformat formats with printf)."""
    t = cast(Any, o)
    buf.append(34)
    if kind != _TIME:
        _write_4_digits(buf, t.year)
        buf.append(45)  # -
        _write_2_digits(buf, t.month)
        buf.append(45)
        _write_2_digits(buf, t.day)
    if kind != _DATE:
        if kind == _DATETIME:
            buf.append(84)  # T
        _write_2_digits(buf, t.hour)
        buf.append(58)  # :
        _write_2_digits(buf, t.minute)
        buf.append(58)
        _write_2_digits(buf, t.second)
        microsecond: i64 = t.microsecond
        if microsecond != 0:
            buf.append(46)  # .
            _write_6_digits(buf, microsecond)
        zone = t.tzinfo
        if zone is not None:
            text = _fixed_offset_texts.get(zone)
            if text is not None:
                buf.write(text)
            else:
                _write_utc_offset(buf, t.utcoffset(), zone)
    buf.append(34)


def _write_utc_offset(buf: StringWriter, offset: Any, zone: object) -> None:
    """+HH:MM, with :SS and .ffffff when not zero, as isoformat writes a timedelta
    offset (None: nothing). The text of a datetime.timezone's is kept."""
    if offset is None:
        return
    if type(zone) is _timezone_types[0] and len(_fixed_offset_texts) < _KINDS_LIMIT:
        # A fixed offset, whatever the time: remember its text.
        fixed = StringWriter()
        _write_utc_offset(fixed, offset, None)
        _fixed_offset_texts[zone] = fixed.getvalue()
    days: i64 = offset.days
    seconds: i64 = offset.seconds
    total: i64 = (days * 86400 + seconds) * 1000000 + i64(offset.microseconds)
    if total < 0:
        buf.append(45)  # -
        total = -total
    else:
        buf.append(43)  # +
    microseconds = total % 1000000
    seconds = total // 1000000
    _write_2_digits(buf, seconds // 3600)
    buf.append(58)
    _write_2_digits(buf, seconds // 60 % 60)
    if seconds % 60 != 0 or microseconds != 0:
        buf.append(58)
        _write_2_digits(buf, seconds % 60)
        if microseconds != 0:
            buf.append(46)
            _write_6_digits(buf, microseconds)


def _hex_digit(d: i64) -> i32:
    return i32(d + 48 if d < 10 else d + 87)


def _write_uuid(w: Writer, o: object) -> None:
    """'"xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"', lower case, from the UUID's int."""
    data = cast(int, cast(Any, o).int).to_bytes(16, "big")
    buf = w.buf
    buf.append(34)
    i: i64 = 0
    while i < 16:
        if i == 4 or i == 6 or i == 8 or i == 10:
            buf.append(45)  # -
        byte: i64 = data[i]
        buf.append(_hex_digit(byte >> 4))
        buf.append(_hex_digit(byte & 15))
        i += 1
    buf.append(34)


def _decimal_text(w: Writer, o: object) -> str:
    """A Decimal as a JSON number with exactly its digits; NaN and infinities as
    json writes the float ones (allow_nan)."""
    text = _texts[type(o)](o)
    # Finite: digits first, after any sign (else NaN, sNaN or Infinity).
    first: i64 = ord(text[1] if text[0] == "-" else text[0])
    if 48 <= first <= 57:
        return text
    if not w.allow_nan:
        raise ValueError("Out of range float values are not JSON compliant: " + repr(o))
    if first == 73:  # I
        return "-Infinity" if text[0] == "-" else "Infinity"
    return "NaN"


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
    names = _field_names[type(o)]
    w.enter(o, depth)
    # Usually the instance's own __dict__ holds exactly the fields, in order.
    fields = getattr(o, "__dict__", None)
    if type(fields) is not dict or not _holds_exactly(cast("dict[str, object]", fields), names):
        fields = {}
        for name in names:
            fields[name] = getattr(o, name)
    w.write_dict(cast("dict[object, object]", fields), depth)
    w.leave(o)


def _holds_exactly(d: dict[str, object], names: list[str]) -> bool:
    """Whether d's keys are names, in that order."""
    if len(d) != len(names):
        return False
    i: i64 = 0
    for key in d:
        if key != names[i]:
            return False
        i += 1
    return True


def native_key_text(w: Writer, key: object) -> Optional[str]:
    """The str a native-type dict key becomes (unquoted), None if key is not one;
    an enum key is its value's."""
    kind = _kind(key)
    if kind <= _TIME and kind != _NOT_NATIVE:
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
