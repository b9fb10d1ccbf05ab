"""Subclasses of list, tuple and dict, written as the json encoder at hand writes them.

json's encoders write these differently, and the writer copies whichever json
would run (exact lists, tuples and dicts come out the same in all of them):
- its C encoder (like_c_encoder) writes a list or tuple subclass as what
  iterating it gives (PySequence_Fast); a dict subclass is empty when its own
  storage is, and its items() are taken as a list of 2-tuples (PyMapping_Items),
  sorted in place for sort_keys;
- its Python encoder (iterencode, dump, dumps with indent before 3.13, PyPy's
  iterencode) tests `not o`, iterates o or o.items() lazily, unpacks each item
  as `key, value`, sorts with sorted(), and writes a list's '[' only together
  with its first item (so a truthy list that iterates nothing comes out as ']');
- PyPy's JSONEncoder.encode (so its dumps) is that Python encoder but writes
  '[' up front and sorts items by key alone. The writer runs it when it is not
  streaming: writing for dumps or encode(), not for dump or iterencode().
Each writer takes the Writer and o's own nesting depth.
"""

from __future__ import annotations

import json.encoder as _json_encoder

from ._buffer import COMPILED
from ._errors import unpack_pair

if not COMPILED:  # typing at run time only where it runs (see _buffer)
    from typing import Any, Final, Iterable, cast

    from mypy_extensions import i64

TYPE_CHECKING = False
if TYPE_CHECKING:
    from ._encoder import Writer

__all__ = ["tp_name", "write_dict_subclass", "write_list_subclass"]


def tp_name(o: object) -> str:
    """What json's C encoder prints for type(o) (tp_name), uncut: a class made by a
    class statement has its bare name there; a C type, static or made from a spec
    (decimal.Decimal from 3.13 on), its dotted name, builtins' bare. (A C type made
    from a spec but left mutable cannot be told from a class: bare too.)"""
    t = type(o)
    flags = t.__flags__
    heap_type = (flags & (1 << 9)) != 0  # Py_TPFLAGS_HEAPTYPE
    immutable = (flags & (1 << 8)) != 0  # Py_TPFLAGS_IMMUTABLETYPE (3.10+): not a class
    if (immutable or not heap_type) and t.__module__ != "builtins":
        return f"{t.__module__}.{t.__name__}"
    return t.__name__


_JSON_ENCODE_WRITES_ITSELF: Final[bool] = hasattr(_json_encoder.JSONEncoder, "_JSONEncoder__encode")


def _like_pypy_encode(w: Writer) -> bool:
    return _JSON_ENCODE_WRITES_ITSELF and not w.streaming


_LIST_ITER: Final[object] = list.__iter__
_TUPLE_ITER: Final[object] = tuple.__iter__
_TUPLE_LEN: Final[object] = tuple.__len__
_DICT_ITEMS_VIEW: Final[object] = type({}.items())


def _c_sequence(o: object) -> list[object]:
    """A list or tuple subclass as json's C encoder takes it: what iterating it gives."""
    # Shortcuts for subclasses that leave iteration alone (namedtuples, most
    # others): a copy of what they store, without an iterator.
    t: Any = type(o)
    if t.__iter__ is _LIST_ITER:
        return list.copy(cast("list[object]", o))
    if t.__iter__ is _TUPLE_ITER and t.__len__ is _TUPLE_LEN:
        return list(cast("tuple[object, ...]", o))  # __len__ is only a hint here
    try:
        iterator = iter(cast("Iterable[object]", o))
    except TypeError:
        raise TypeError("_iterencode_list needs a sequence") from None
    return list(iterator)


def _c_items(d: object) -> list[Any]:
    """d.items() as json's C encoder takes it: a list it returns is used (and sorted) as is."""
    items = cast(Any, d).items()
    if type(items) is list:
        return items
    if type(items) is _DICT_ITEMS_VIEW:  # dict's own items() (defaultdict, Counter...)
        return list(cast("Iterable[object]", items))
    try:
        iterator = iter(cast("Iterable[object]", items))
    except TypeError:
        raise TypeError(
            f"{tp_name(d)[:200]}.items() returned a non-iterable (type {tp_name(items)[:200]})"
        ) from None
    return list(iterator)


def _storage_is_empty(d: object) -> bool:
    """Whether dict subclass d's own storage is empty, as json's C encoder asks
    (whatever d's __len__ says). Compiled, len() of a dict reads the storage
    (PyDict_Size); uncompiled it calls __len__, so dict.__len__ does (compiled,
    that is a lookup and a call through a new method-wrapper every time)."""
    if COMPILED:
        return len(cast("dict[object, object]", d)) == 0
    return dict.__len__(cast("dict[object, object]", d)) == 0


def _c_pair(item: object) -> tuple[object, object]:
    """Key and value of an item, as json's C encoder reads them (a tuple's storage)."""
    if type(item) is tuple and len(item) == 2:
        return item[0], item[1]
    if isinstance(item, tuple) and tuple.__len__(item) == 2:
        return tuple.__getitem__(item, 0), tuple.__getitem__(item, 1)
    raise ValueError("items must return 2-tuples")


def _python_pair(item: object) -> tuple[object, object]:
    """Key and value of an item, as json's Python encoder unpacks them."""
    if type(item) is tuple and len(item) == 2:
        return item[0], item[1]
    return unpack_pair(item)


def _first(item: Any) -> Any:
    """PyPy's encode() sorts items by this key."""
    return item[0]


def _open(w: Writer, bracket: str, depth: i64) -> None:
    w.buf.write(bracket)
    if w.indent is not None:
        w.buf.write(w.newline(depth))


def _separator(w: Writer, depth: i64) -> str:
    """The item separator at depth (after _open at that depth)."""
    return w.level(depth).item_separator if w.indent is not None else w.item_separator


def _close(w: Writer, bracket: str, depth: i64) -> None:
    if w.indent is not None:
        w.buf.write(w.newline(depth - 1))
    w.buf.write(bracket)


def _flush_if_full(w: Writer) -> None:
    if w.chunked and len(w.buf) >= w.chunk_chars:
        w.flush()


def write_list_subclass(w: Writer, o: object, depth: i64) -> None:
    """A list or tuple subclass, as json's encoder at hand writes it."""
    if w.like_c_encoder:
        w.write_list(_c_sequence(o), o, depth)
        return
    if not o:
        w.buf.write("[]")
        return
    w.enter(o, depth)
    opened = _like_pypy_encode(w)
    if opened:
        _open(w, "[", depth)
    first = True
    for value in cast("Iterable[object]", o):
        if not first:
            w.buf.write(_separator(w, depth))
        elif not opened:
            _open(w, "[", depth)
        first = False
        w.write_value(value, depth)
        _flush_if_full(w)
    _close(w, "]", depth)
    w.leave(o)


def write_dict_subclass(w: Writer, d: object, depth: i64) -> None:
    """A dict subclass, as json's encoder at hand writes it."""
    like_c = w.like_c_encoder
    if _storage_is_empty(d) if like_c else not d:
        w.buf.write("{}")
        return
    w.enter(d, depth)
    _open(w, "{", depth)
    items: Iterable[Any]
    if like_c:
        listed = _c_items(d)
        if w.sort_keys:
            listed.sort()
        items = listed
    else:
        items = cast(Any, d).items()
        if w.sort_keys:
            items = sorted(items, key=_first) if _like_pypy_encode(w) else sorted(items)
    first = True
    for item in items:
        key, value = _c_pair(item) if like_c else _python_pair(item)
        encoded = w.encoded_key(key)
        if encoded is None:
            continue
        if not first:
            w.buf.write(_separator(w, depth))
        first = False
        w.buf.write(encoded)
        w.write_value(value, depth)
        _flush_if_full(w)
    _close(w, "}", depth)
    w.leave(d)


