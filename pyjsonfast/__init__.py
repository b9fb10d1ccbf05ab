"""pyjsonfast: the stdlib json API, byte-identical output, compiled by mypyc where it can be.

    import pyjsonfast as json
    json.loads('{"a": [1, 2.5, null]}')   # {'a': [1, 2.5, None]}
    json.dumps({"a": [1, 2.5, None]})     # '{"a": [1, 2.5, null]}'

Laid out as json is: dumps, dump, loads and load here; JSONEncoder in
pyjsonfast.encoder and JSONDecoder in pyjsonfast.decoder, subclasses of json's
own classes. This layer is interpreted (so help() shows its docstrings and
signatures); each call hands off to the compiled parser or writer at once. The
signatures are typeshed's for json, plus our keyword-only extensions.
"""

from __future__ import annotations

import json as _json
from json import detect_encoding

from . import _decode_api, _encode_api
from ._buffer import COMPILED as _COMPILED
from ._fragment import Fragment
from ._sinks import sink, writes_bytes
from ._version import __version__
from .decoder import JSONDecodeError, JSONDecoder, _engine_options
from .encoder import _ENGINE_ITERENCODES, JSONEncoder, _runs_on_writer

__all__ = [
    "Fragment",
    "JSONDecodeError",
    "JSONDecoder",
    "JSONEncoder",
    "StreamDecoder",
    "__compiled__",
    "__version__",
    "aiterload",
    "detect_encoding",
    "dump",
    "dump_lines",
    "dumpb",
    "dumps",
    "iterload",
    "load",
    "load_lines",
    "loads",
]

# The streaming API (pyjsonfast.stream) is imported on first use: most programs
# never stream, and its modules would add ~0.5 ms to every start-up.
_STREAM_NAMES = ("StreamDecoder", "aiterload", "dump_lines", "iterload", "load_lines")
TYPE_CHECKING = False
if TYPE_CHECKING:
    from . import stream as stream
    from .stream import StreamDecoder, aiterload, dump_lines, iterload, load_lines
else:

    def __getattr__(name: str) -> object:
        if name == "stream" or name in _STREAM_NAMES:
            # Not `from . import stream`: that asks this hook for "stream" first.
            __import__(f"{__name__}.stream")  # binds it here, as submodules are
            if name == "stream":
                return globals()["stream"]
            value = getattr(globals()["stream"], name)
            globals()[name] = value
            return value
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

    def __dir__() -> list[str]:
        return sorted({*globals(), "stream", *_STREAM_NAMES})


# True exactly when the mypyc extension is what got imported (not the .py twin).
__compiled__: bool = _COMPILED

# typing is for the type checker only: importing it would add some 2.5 ms to
# every start-up (json does not import it). At run time overload is a no-op:
# the implementation, defined last, is what each name holds.
if not TYPE_CHECKING:

    def overload(function: object) -> object:
        return function


if TYPE_CHECKING:
    from typing import Any, Callable, Optional, Protocol, Union, overload

    class _SupportsWrite(Protocol):
        """What dump needs of fp, as json: a write(str) method."""

        def write(self, s: str, /) -> object: ...

    class _SupportsWriteBytes(Protocol):
        """What dump needs of a binary fp: a write(bytes) method."""

        def write(self, s: bytes, /) -> object: ...

    class _SupportsRead(Protocol):
        """What load needs of fp, as json: a read() returning the whole document."""

        def read(self) -> Union[str, bytes, bytearray]: ...

    _Document = Union[str, bytes, bytearray, memoryview]


# --- writing ---------------------------------------------------------------------------------


@overload
def dumps(
    obj: Any,
    *,
    skipkeys: bool = False,
    ensure_ascii: bool = True,
    check_circular: bool = True,
    allow_nan: bool = True,
    cls: None = None,
    indent: Union[int, str, None] = None,
    separators: Optional[tuple[str, str]] = None,
    default: Optional[Callable[[Any], Any]] = None,
    sort_keys: bool = False,
    native_types: bool = False,
) -> str: ...
@overload
def dumps(
    obj: Any,
    *,
    skipkeys: bool = False,
    ensure_ascii: bool = True,
    check_circular: bool = True,
    allow_nan: bool = True,
    cls: type[_json.JSONEncoder],
    indent: Union[int, str, None] = None,
    separators: Optional[tuple[str, str]] = None,
    default: Optional[Callable[[Any], Any]] = None,
    sort_keys: bool = False,
    native_types: bool = False,
    **kwds: Any,
) -> str: ...
def dumps(
    obj: Any,
    *,
    skipkeys: bool = False,
    ensure_ascii: bool = True,
    check_circular: bool = True,
    allow_nan: bool = True,
    cls: Optional[type[_json.JSONEncoder]] = None,
    indent: Union[int, str, None] = None,
    separators: Optional[tuple[str, str]] = None,
    default: Optional[Callable[[Any], Any]] = None,
    sort_keys: bool = False,
    native_types: bool = False,
    **kw: Any,
) -> str:
    """Serialize obj to a JSON formatted str, exactly as json.dumps does.

    Every argument is json's: skipkeys drops keys that are not str, int, float,
    bool or None (else TypeError); ensure_ascii escapes non-ASCII characters;
    check_circular detects cycles (ValueError; else RecursionError);
    allow_nan writes NaN and Infinity (else ValueError); indent (an int or a
    str) pretty-prints; separators is (item_separator, key_separator);
    default(o) returns a serializable version of o or raises TypeError;
    sort_keys sorts dicts by key. cls is a JSONEncoder subclass (ours or
    json's), given the other keywords: unless it overrides encode() or
    iterencode(), it runs on the compiled writer with its own options and
    default().

    Extension (keyword-only): native_types=True writes dataclasses, datetime,
    date, time, UUID, Enum, Decimal, set and frozenset natively (see the
    README's table); default() still gets everything else. A Fragment is
    always written as the JSON text it holds.
    """
    if cls is None and not kw:
        return _encode_api.encode_with_options(
            obj,
            skipkeys,
            ensure_ascii,
            check_circular,
            allow_nan,
            indent,
            separators,
            default,
            sort_keys,
            native_types,
        )
    encoder = _make_encoder(
        cls,
        native_types,
        skipkeys=skipkeys,
        ensure_ascii=ensure_ascii,
        check_circular=check_circular,
        allow_nan=allow_nan,
        indent=indent,
        separators=separators,
        default=default,
        sort_keys=sort_keys,
        **kw,
    )
    if _runs_on_writer(encoder):
        return _encode_api.writer_for_encoder(encoder, True).encode(obj)
    return encoder.encode(obj)


@overload
def dumpb(
    obj: Any,
    *,
    skipkeys: bool = False,
    ensure_ascii: bool = False,
    check_circular: bool = True,
    allow_nan: bool = True,
    cls: None = None,
    indent: Union[int, str, None] = None,
    separators: Optional[tuple[str, str]] = None,
    default: Optional[Callable[[Any], Any]] = None,
    sort_keys: bool = False,
    native_types: bool = False,
) -> bytes: ...
@overload
def dumpb(
    obj: Any,
    *,
    skipkeys: bool = False,
    ensure_ascii: bool = False,
    check_circular: bool = True,
    allow_nan: bool = True,
    cls: type[_json.JSONEncoder],
    indent: Union[int, str, None] = None,
    separators: Optional[tuple[str, str]] = None,
    default: Optional[Callable[[Any], Any]] = None,
    sort_keys: bool = False,
    native_types: bool = False,
    **kwds: Any,
) -> bytes: ...
def dumpb(
    obj: Any,
    *,
    skipkeys: bool = False,
    ensure_ascii: bool = False,
    check_circular: bool = True,
    allow_nan: bool = True,
    cls: Optional[type[_json.JSONEncoder]] = None,
    indent: Union[int, str, None] = None,
    separators: Optional[tuple[str, str]] = None,
    default: Optional[Callable[[Any], Any]] = None,
    sort_keys: bool = False,
    native_types: bool = False,
    **kw: Any,
) -> bytes:
    """Serialize obj to JSON as UTF-8 bytes: dumps(obj, **kw).encode("utf-8"),
    written as bytes at once.

    The keywords are dumps's, but ensure_ascii defaults to False (UTF-8 is
    the point of bytes). A str holding a lone surrogate has no UTF-8 form:
    UnicodeEncodeError (a ValueError) unless ensure_ascii=True escapes it.
    """
    if cls is None and not kw:
        return _encode_api.writer_for_options(
            skipkeys,
            ensure_ascii,
            check_circular,
            allow_nan,
            indent,
            separators,
            default,
            sort_keys,
            True,  # as dumps, json's encode()
            native_types,
            True,
        ).encode_bytes(obj)
    encoder = _make_encoder(
        cls,
        native_types,
        skipkeys=skipkeys,
        ensure_ascii=ensure_ascii,
        check_circular=check_circular,
        allow_nan=allow_nan,
        indent=indent,
        separators=separators,
        default=default,
        sort_keys=sort_keys,
        **kw,
    )
    if _runs_on_writer(encoder):
        return _encode_api.writer_for_encoder(encoder, True, True).encode_bytes(obj)
    return encoder.encode(obj).encode("utf-8")


@overload
def dump(
    obj: Any,
    fp: Union[_SupportsWrite, _SupportsWriteBytes],
    *,
    skipkeys: bool = False,
    ensure_ascii: bool = True,
    check_circular: bool = True,
    allow_nan: bool = True,
    cls: None = None,
    indent: Union[int, str, None] = None,
    separators: Optional[tuple[str, str]] = None,
    default: Optional[Callable[[Any], Any]] = None,
    sort_keys: bool = False,
    native_types: bool = False,
) -> None: ...
@overload
def dump(
    obj: Any,
    fp: Union[_SupportsWrite, _SupportsWriteBytes],
    *,
    skipkeys: bool = False,
    ensure_ascii: bool = True,
    check_circular: bool = True,
    allow_nan: bool = True,
    cls: type[_json.JSONEncoder],
    indent: Union[int, str, None] = None,
    separators: Optional[tuple[str, str]] = None,
    default: Optional[Callable[[Any], Any]] = None,
    sort_keys: bool = False,
    native_types: bool = False,
    **kwds: Any,
) -> None: ...
def dump(
    obj: Any,
    fp: Union[_SupportsWrite, _SupportsWriteBytes],
    *,
    skipkeys: bool = False,
    ensure_ascii: bool = True,
    check_circular: bool = True,
    allow_nan: bool = True,
    cls: Optional[type[_json.JSONEncoder]] = None,
    indent: Union[int, str, None] = None,
    separators: Optional[tuple[str, str]] = None,
    default: Optional[Callable[[Any], Any]] = None,
    sort_keys: bool = False,
    native_types: bool = False,
    **kw: Any,
) -> None:
    """Serialize obj as JSON into fp, exactly as json.dump does, in chunks of
    bounded size. The keywords are dumps's.

    fp is a text file (anything with a write(str) method), as with json, or a
    binary one (io.RawIOBase, io.BufferedIOBase, or a file whose mode has a
    "b"): that gets the same text as UTF-8 bytes.
    """
    binary = writes_bytes(fp)
    if cls is None and not kw:
        writer = _encode_api.writer_for_options(
            skipkeys,
            ensure_ascii,
            check_circular,
            allow_nan,
            indent,
            separators,
            default,
            sort_keys,
            False,  # json.dump runs iterencode
            native_types,
            binary,
        )
        writer.stream(obj, sink(fp, binary, writer.utf8))
        return
    encoder = _make_encoder(
        cls,
        native_types,
        skipkeys=skipkeys,
        ensure_ascii=ensure_ascii,
        check_circular=check_circular,
        allow_nan=allow_nan,
        indent=indent,
        separators=separators,
        default=default,
        sort_keys=sort_keys,
        **kw,
    )
    if type(encoder).iterencode in _ENGINE_ITERENCODES:
        writer = _encode_api.writer_for_encoder(encoder, False, binary)
        writer.stream(obj, sink(fp, binary, writer.utf8))
        return
    write = sink(fp, binary, False)
    for chunk in encoder.iterencode(obj):
        write(chunk)


def _make_encoder(
    cls: Optional[type[_json.JSONEncoder]], native_types: bool, **kw: Any
) -> _json.JSONEncoder:
    """cls(**kw) (ours by default), with native_types on if asked."""
    encoder = (JSONEncoder if cls is None else cls)(**kw)
    if native_types:
        if type(encoder).iterencode not in _ENGINE_ITERENCODES:
            raise ValueError(
                f"native_types=True needs the writer, but {type(encoder).__name__} "
                "overrides iterencode(); write those types in its default() instead"
            )
        encoder.native_types = True  # type: ignore[attr-defined]
    return encoder


# --- reading ---------------------------------------------------------------------------------


@overload
def loads(
    s: _Document,
    *,
    cls: None = None,
    object_hook: Optional[Callable[[dict[Any, Any]], Any]] = None,
    parse_float: Optional[Callable[[str], Any]] = None,
    parse_int: Optional[Callable[[str], Any]] = None,
    parse_constant: Optional[Callable[[str], Any]] = None,
    object_pairs_hook: Optional[Callable[[list[tuple[Any, Any]]], Any]] = None,
    strict: bool = True,
    allow_nan: bool = True,
    reject_duplicate_keys: bool = False,
    max_depth: Optional[int] = None,
) -> Any: ...
@overload
def loads(
    s: _Document,
    *,
    cls: type[_json.JSONDecoder],
    object_hook: Optional[Callable[[dict[Any, Any]], Any]] = None,
    parse_float: Optional[Callable[[str], Any]] = None,
    parse_int: Optional[Callable[[str], Any]] = None,
    parse_constant: Optional[Callable[[str], Any]] = None,
    object_pairs_hook: Optional[Callable[[list[tuple[Any, Any]]], Any]] = None,
    **kwds: Any,
) -> Any: ...
def loads(
    s: _Document,
    *,
    cls: Optional[type[_json.JSONDecoder]] = None,
    object_hook: Optional[Callable[[dict[Any, Any]], Any]] = None,
    parse_float: Optional[Callable[[str], Any]] = None,
    parse_int: Optional[Callable[[str], Any]] = None,
    parse_constant: Optional[Callable[[str], Any]] = None,
    object_pairs_hook: Optional[Callable[[list[tuple[Any, Any]]], Any]] = None,
    **kw: Any,
) -> Any:
    """Deserialize s (a str, bytes, bytearray or memoryview holding a JSON
    document) to a Python object, exactly as json.loads does.

    The hooks are json's: object_hook(dict) and object_pairs_hook(list of
    pairs) replace each decoded object; parse_float, parse_int and
    parse_constant get the text of each float, int and NaN/Infinity. cls is a
    JSONDecoder subclass (ours or json's), given the other keywords: unless it
    overrides decode(), raw_decode() or scan_once, it runs on the compiled
    parser with the hooks it was constructed with.

    strict=False (passed on to JSONDecoder, as json does) allows control
    characters inside strings.

    Extensions (keyword-only): allow_nan=False rejects NaN and Infinity,
    reject_duplicate_keys=True rejects an object repeating a key, max_depth
    (0 to 2000, default 1000) limits nesting; past it comes an error that is
    both a JSONDecodeError and a RecursionError.
    """
    return _loads(
        s, cls, object_hook, parse_float, parse_int, parse_constant, object_pairs_hook, kw
    )


@overload
def load(
    fp: _SupportsRead,
    *,
    cls: None = None,
    object_hook: Optional[Callable[[dict[Any, Any]], Any]] = None,
    parse_float: Optional[Callable[[str], Any]] = None,
    parse_int: Optional[Callable[[str], Any]] = None,
    parse_constant: Optional[Callable[[str], Any]] = None,
    object_pairs_hook: Optional[Callable[[list[tuple[Any, Any]]], Any]] = None,
    strict: bool = True,
    allow_nan: bool = True,
    reject_duplicate_keys: bool = False,
    max_depth: Optional[int] = None,
) -> Any: ...
@overload
def load(
    fp: _SupportsRead,
    *,
    cls: type[_json.JSONDecoder],
    object_hook: Optional[Callable[[dict[Any, Any]], Any]] = None,
    parse_float: Optional[Callable[[str], Any]] = None,
    parse_int: Optional[Callable[[str], Any]] = None,
    parse_constant: Optional[Callable[[str], Any]] = None,
    object_pairs_hook: Optional[Callable[[list[tuple[Any, Any]]], Any]] = None,
    **kwds: Any,
) -> Any: ...
def load(
    fp: _SupportsRead,
    *,
    cls: Optional[type[_json.JSONDecoder]] = None,
    object_hook: Optional[Callable[[dict[Any, Any]], Any]] = None,
    parse_float: Optional[Callable[[str], Any]] = None,
    parse_int: Optional[Callable[[str], Any]] = None,
    parse_constant: Optional[Callable[[str], Any]] = None,
    object_pairs_hook: Optional[Callable[[list[tuple[Any, Any]]], Any]] = None,
    **kw: Any,
) -> Any:
    """Deserialize fp.read() (a text or binary file holding a JSON document)
    exactly as json.load does. The keywords are loads's."""
    return _loads(
        fp.read(), cls, object_hook, parse_float, parse_int, parse_constant, object_pairs_hook, kw
    )


def _loads(
    s: _Document,
    cls: Optional[type[_json.JSONDecoder]],
    object_hook: Optional[Callable[[dict[Any, Any]], Any]],
    parse_float: Optional[Callable[[str], Any]],
    parse_int: Optional[Callable[[str], Any]],
    parse_constant: Optional[Callable[[str], Any]],
    object_pairs_hook: Optional[Callable[[list[tuple[Any, Any]]], Any]],
    kw: dict[str, Any],
) -> Any:
    """loads and load: json's steps, with the parser wherever it acts as the decoder would."""
    if (
        cls is None
        and object_hook is None
        and parse_float is None
        and parse_int is None
        and parse_constant is None
        and object_pairs_hook is None
        and not kw
    ):
        return _decode_api.loads_default(s)
    document = _decode_api.as_document(s)
    if object_hook is not None:
        kw["object_hook"] = object_hook
    if object_pairs_hook is not None:
        kw["object_pairs_hook"] = object_pairs_hook
    if parse_float is not None:
        kw["parse_float"] = parse_float
    if parse_int is not None:
        kw["parse_int"] = parse_int
    if parse_constant is not None:
        kw["parse_constant"] = parse_constant
    try:
        decoder = (JSONDecoder if cls is None else cls)(**kw)
    except Exception:
        # json decodes bytes before it makes the decoder: invalid UTF-8 is its first error.
        if not isinstance(document, str):
            document.decode(detect_encoding(document), "surrogatepass")
        raise
    options = _engine_options(decoder)
    if options is not None:
        return _decode_api.decode_document(document, options)
    if not isinstance(document, str):
        document = document.decode(detect_encoding(document), "surrogatepass")
    return decoder.decode(document)
