"""Correct json code written against pyjsonfast: both type checkers must accept all of it.

This is ordinary user code for the stdlib json API with `import pyjsonfast as json`
(and `import json as stdjson` where it names the stdlib's classes). Lines whose
comment says pyjsonfast-only need what the stdlib json lacks (our keyword-only
extensions, __compiled__, __version__) or typing better than typeshed's json stubs;
`check_typing.py --stdlib` drops them and checks the rest against the stdlib json,
which shows the rest is plain, correct json code.

It is also a program: `python tests/typing/good_usage.py` runs every function
(in a temporary folder) and must finish without error. Not a pytest module.
"""

from __future__ import annotations

import asyncio
import decimal
import functools
import io
import json as stdjson
import sys
import tempfile
from collections import OrderedDict
from collections.abc import Iterator
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any
from uuid import UUID

import pyjsonfast as json
import pyjsonfast.decoder
import pyjsonfast.encoder
from pyjsonfast.decoder import JSONDecodeError

RECORD = {"id": 7, "name": "café", "tags": ["a", "b"], "score": 2.5, "ok": True, "none": None}
DOC = '{"id": 7, "price": 19.99, "when": "2024-05-01T12:00:00+00:00", "items": [1, 2, 3]}'


# -- dumps / dump --------------------------------------------------------------


def dumps_every_keyword() -> list[str]:
    return [
        json.dumps(RECORD),
        json.dumps(RECORD, skipkeys=True),
        json.dumps(RECORD, ensure_ascii=False),
        json.dumps(RECORD, check_circular=False),
        json.dumps(RECORD, allow_nan=False),
        json.dumps(RECORD, cls=json.JSONEncoder),
        json.dumps(RECORD, cls=stdjson.JSONEncoder),
        json.dumps(RECORD, indent=2),
        json.dumps(RECORD, indent="\t"),
        json.dumps(RECORD, indent=None),
        json.dumps(RECORD, separators=(",", ":")),
        json.dumps(RECORD, separators=None),
        json.dumps(RECORD, default=str),
        json.dumps(RECORD, sort_keys=True),
        json.dumps(
            RECORD,
            skipkeys=False,
            ensure_ascii=True,
            check_circular=True,
            allow_nan=True,
            cls=None,
            indent=4,
            separators=(", ", ": "),
            default=None,
            sort_keys=False,
        ),
        json.dumps([1, 2.5, "x", None, True, {"k": (1, 2)}]),
        json.dumps("plain string"),
        json.dumps(None),
    ]


def dump_every_keyword(path: Path) -> None:
    with open(path, "w", encoding="utf-8") as f:
        json.dump(RECORD, f)
    with path.open("w", encoding="utf-8") as f:
        json.dump(
            RECORD,
            f,
            skipkeys=True,
            ensure_ascii=False,
            check_circular=False,
            allow_nan=False,
            cls=json.JSONEncoder,
            indent="  ",
            separators=(",", ": "),
            default=repr,
            sort_keys=True,
        )
        f.write("\n")
    buf = io.StringIO()
    json.dump(RECORD, buf, indent=2, sort_keys=True)
    assert buf.getvalue().startswith("{")
    json.dump({"to": "stdout"}, sys.stdout)
    sys.stdout.write("\n")


# -- default= ------------------------------------------------------------------


def encode_datetime(o: datetime) -> str:
    return o.isoformat()


def encode_known(o: Any) -> Any:
    if isinstance(o, datetime):
        return o.isoformat()
    if isinstance(o, Decimal):
        return str(o)
    if isinstance(o, UUID):
        return o.hex
    raise TypeError(f"{type(o).__name__} is not JSON serializable")


def defaults() -> list[str]:
    now = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
    return [
        json.dumps({"when": now}, default=lambda o: o.isoformat()),
        json.dumps({"day": date(2024, 5, 1)}, default=lambda o: o.isoformat(), indent=2),
        json.dumps({"when": now}, default=encode_datetime),
        json.dumps({"price": Decimal("1.10"), "id": UUID(int=1)}, default=encode_known),
        json.dumps({"p": Path("/tmp")}, default=str),
        json.dumps({"obj": Point(1, 2)}, default=lambda o: o.__dict__),
        json.dumps({"s": {3, 1, 2}}, default=lambda o: sorted(o)),
    ]


class Point:
    def __init__(self, x: int, y: int) -> None:
        self.x = x
        self.y = y


# -- JSONEncoder subclasses ----------------------------------------------------


class DateTimeEncoder(json.JSONEncoder):
    """Overrides default with a narrower, typed signature (as typeshed allows)."""

    def default(self, o: datetime) -> str:
        return o.isoformat()


class AnyEncoder(json.JSONEncoder):
    def default(self, o: Any) -> Any:
        if isinstance(o, Decimal):
            return float(o)
        if isinstance(o, Point):
            return {"x": o.x, "y": o.y}
        return super().default(o)


class StdlibEncoder(stdjson.JSONEncoder):
    """An encoder written for the stdlib json, handed to pyjsonfast as cls=."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime):
            return o.isoformat()
        return super().default(o)


class CompactEncoder(json.JSONEncoder):
    item_separator = ","
    key_separator = ":"


class PrecisionEncoder(json.JSONEncoder):
    """Takes its own keyword, which dumps(..., cls=PrecisionEncoder) passes through."""

    def __init__(self, *, precision: int = 2, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.precision = precision

    def default(self, o: Any) -> Any:
        if isinstance(o, Decimal):
            return round(float(o), self.precision)
        return super().default(o)


class StdlibOptionEncoder(stdjson.JSONEncoder):
    def __init__(self, *, upper: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.upper = upper

    def encode(self, o: Any) -> str:
        text = super().encode(o)
        return text.upper() if self.upper else text


class ChunkCountingEncoder(json.JSONEncoder):
    chunks = 0

    def iterencode(self, o: Any, _one_shot: bool = False) -> Iterator[str]:
        for chunk in super().iterencode(o, _one_shot):
            self.chunks += 1
            yield chunk


def encoder_subclasses() -> list[str]:
    now = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)
    price = Decimal("3.14159")
    return [
        json.dumps({"when": now}, cls=DateTimeEncoder),
        json.dumps({"p": price, "pt": Point(1, 2)}, cls=AnyEncoder, indent=2),
        json.dumps({"when": now}, cls=StdlibEncoder),
        json.dumps({"when": now}, cls=StdlibEncoder, sort_keys=True, indent=1),
        json.dumps(RECORD, cls=CompactEncoder),
        json.dumps({"p": price}, cls=PrecisionEncoder, precision=3),
        json.dumps({"p": price}, cls=PrecisionEncoder, precision=1, sort_keys=True),
        json.dumps(RECORD, cls=StdlibOptionEncoder, upper=True),
        json.dumps(RECORD, cls=ChunkCountingEncoder),
        DateTimeEncoder(indent=2).encode({"when": now}),
        PrecisionEncoder(precision=4, sort_keys=True).encode({"p": price}),
    ]


def encoder_objects(path: Path) -> str:
    enc: stdjson.JSONEncoder = json.JSONEncoder()
    ours = json.JSONEncoder(
        skipkeys=True,
        ensure_ascii=False,
        check_circular=True,
        allow_nan=False,
        sort_keys=True,
        indent=2,
        separators=(",", ": "),
        default=encode_known,
    )
    module_enc = pyjsonfast.encoder.JSONEncoder(indent="\t")
    std_enc: stdjson.JSONEncoder = pyjsonfast.encoder.JSONEncoder()
    text = enc.encode(RECORD) + ours.encode(RECORD) + module_enc.encode([1, 2])
    text += std_enc.encode(None)
    # typeshed's JSONEncoder(default=) is a Callable[..., Any], which leaves this
    # lambda's parameter unknown to strict pyright; pyjsonfast's takes a
    # Callable[[Any], Any], as dumps(default=) does.
    text += json.JSONEncoder(default=lambda o: o.isoformat()).encode([])  # pyjsonfast-only
    separators: tuple[str, str] = (ours.item_separator, ours.key_separator)
    sort_keys: bool = ours.sort_keys
    with path.open("w", encoding="utf-8") as f:
        for chunk in ours.iterencode(RECORD):
            f.write(chunk)
    chunks: list[str] = list(json.JSONEncoder().iterencode([1, 2, 3], _one_shot=True))
    return text + "".join(chunks) + "".join(separators) + str(sort_keys)


# -- loads / load --------------------------------------------------------------


def object_hook(d: dict[str, Any]) -> Any:
    if "when" in d:
        d["when"] = datetime.fromisoformat(d["when"])
    return d


def pairs_hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    return {key.lower(): value for key, value in pairs}


def loads_every_keyword() -> list[Any]:
    return [
        json.loads(DOC),
        json.loads(DOC.encode("utf-8")),
        json.loads(DOC.encode("utf-16")),
        json.loads(bytearray(DOC, "utf-8")),
        json.loads(DOC, cls=json.JSONDecoder),
        json.loads(DOC, cls=stdjson.JSONDecoder),
        json.loads(DOC, object_hook=object_hook),
        json.loads(DOC, object_hook=lambda d: sorted(d)),
        json.loads(DOC, parse_float=decimal.Decimal),
        json.loads(DOC, parse_float=Decimal, parse_int=Decimal),
        json.loads(DOC, parse_int=float),
        json.loads(DOC, parse_int=lambda s: int(s) * 2),
        json.loads("[NaN, Infinity]", parse_constant=lambda name: None),
        json.loads(DOC, object_pairs_hook=pairs_hook),
        json.loads(DOC, object_pairs_hook=OrderedDict),
        json.loads(DOC, object_pairs_hook=dict),
        json.loads(DOC, object_pairs_hook=lambda pairs: [k for k, _ in pairs]),
        json.loads('"a\tb"', strict=False),
        json.loads(
            DOC,
            cls=None,
            object_hook=None,
            parse_float=None,
            parse_int=None,
            parse_constant=None,
            object_pairs_hook=None,
        ),
    ]


def load_files(text_path: Path) -> list[Any]:
    text_path.write_text(DOC, encoding="utf-8")
    results: list[Any] = []
    with open(text_path, encoding="utf-8") as f:
        results.append(json.load(f))
    with open(text_path, "rb") as fb:
        results.append(json.load(fb))
    with text_path.open() as f:
        results.append(json.load(f, parse_float=Decimal, object_hook=object_hook))
    results.append(json.load(io.StringIO(DOC)))
    results.append(json.load(io.BytesIO(DOC.encode("utf-8")), object_pairs_hook=OrderedDict))
    results.append(json.loads(text_path.read_text(encoding="utf-8")))
    results.append(json.loads(text_path.read_bytes()))
    config: dict[str, Any] = json.loads(DOC)
    items: list[int] = config["items"]
    results.append(sum(items))
    return results


def typed_result(s: str) -> Any:
    return json.loads(s)


# -- wrappers that pass options through ----------------------------------------


def to_json(obj: Any, **kwargs: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, **kwargs)


def from_json(s: str | bytes, **kwargs: Any) -> Any:
    return json.loads(s, **kwargs)


def render(obj: Any, encoder: type[stdjson.JSONEncoder] | None = None) -> str:
    return json.dumps(obj, cls=encoder, indent=2)


def parse(s: str, decoder: type[stdjson.JSONDecoder] | None = None) -> Any:
    return json.loads(s, cls=decoder)


def wrappers() -> list[Any]:
    pretty = functools.partial(json.dumps, indent=2, sort_keys=True)
    return [
        to_json(RECORD),
        to_json(RECORD, indent=2, sort_keys=True),
        to_json({"p": Decimal("1.5")}, cls=PrecisionEncoder, precision=0),
        from_json(DOC),
        from_json(DOC.encode(), parse_float=Decimal),
        render(RECORD),
        render({"when": datetime(2024, 5, 1)}, DateTimeEncoder),
        render({"when": datetime(2024, 5, 1)}, StdlibEncoder),
        parse(DOC),
        parse(DOC, DateDecoder),
        pretty(RECORD),
        pretty(RECORD, separators=(",", ": ")),
    ]


# -- JSONDecoder subclasses ----------------------------------------------------


class DateDecoder(json.JSONDecoder):
    """Sets object_hook in __init__, passing every other keyword through."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(object_hook=self.hook, **kwargs)

    def hook(self, d: dict[str, Any]) -> Any:
        if "when" in d:
            d["when"] = datetime.fromisoformat(d["when"])
        return d


class StdlibDecimalDecoder(stdjson.JSONDecoder):
    def __init__(self, *, places: int = 2, **kwargs: Any) -> None:
        super().__init__(parse_float=self.parse_decimal, **kwargs)
        self.places = places

    def parse_decimal(self, s: str) -> Decimal:
        return round(Decimal(s), self.places)


class PairsDecoder(json.JSONDecoder):
    def __init__(self, *, lower_keys: bool = False, **kwargs: Any) -> None:
        super().__init__(object_pairs_hook=self.pairs, **kwargs)
        self.lower_keys = lower_keys

    def pairs(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        if self.lower_keys:
            return {k.lower(): v for k, v in pairs}
        return dict(pairs)


class ShallowDecoder(json.JSONDecoder):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_depth", 8)  # pyjsonfast-only
        super().__init__(**kwargs)


def decoder_subclasses() -> list[Any]:
    return [
        json.loads(DOC, cls=DateDecoder),
        json.loads(DOC, cls=DateDecoder, parse_float=Decimal),
        json.loads(DOC, cls=StdlibDecimalDecoder, places=1),
        json.loads(DOC, cls=PairsDecoder, lower_keys=True),
        json.load(io.StringIO(DOC), cls=PairsDecoder, lower_keys=False),
        json.loads(DOC, cls=ShallowDecoder),
        DateDecoder(strict=False).decode(DOC),
    ]


def decoder_objects() -> list[Any]:
    dec: stdjson.JSONDecoder = json.JSONDecoder()
    ours = json.JSONDecoder(
        object_hook=object_hook,
        parse_float=Decimal,
        parse_int=int,
        parse_constant=lambda name: name,
        strict=False,
        object_pairs_hook=None,
    )
    module_dec = pyjsonfast.decoder.JSONDecoder(parse_float=Decimal)
    value, end = ours.raw_decode('{"a": 1} trailing')
    second, _ = dec.raw_decode("  [1, 2]", 2)
    strict: bool = ours.strict
    return [dec.decode(DOC), value, end, second, strict, module_dec.decode("1.5")]


# -- errors --------------------------------------------------------------------


def decode_errors() -> list[str]:
    report: list[str] = []
    try:
        json.loads('{"a": 1,,}')
    except json.JSONDecodeError as e:
        msg: str = e.msg
        pos: int = e.pos
        lineno: int = e.lineno
        colno: int = e.colno
        doc: str = e.doc
        report.append(f"{msg} at {pos} ({lineno}:{colno}) in {doc!r}")
    try:
        json.loads(b"[1, 2")
    except stdjson.JSONDecodeError as e:
        report.append(f"{e.msg} line {e.lineno} column {e.colno}")
    try:
        json.JSONDecoder().decode("tru")
    except JSONDecodeError as e:
        report.append(str(e))
    try:
        json.load(io.StringIO("[1, 2] 3"))
    except ValueError as e:
        report.append(str(e))
    error = json.JSONDecodeError("Expecting value", "x", 0)
    std_error: stdjson.JSONDecodeError = error
    report.append(std_error.msg)
    try:
        raise JSONDecodeError("custom", "doc", 1)
    except json.JSONDecodeError as e:
        report.append(e.doc)
    return report


# -- odds and ends -------------------------------------------------------------


def odds_and_ends() -> list[object]:
    encoding: str = json.detect_encoding(b'{"a": 1}')
    utf16 = json.detect_encoding(DOC.encode("utf-16-le"))
    return [encoding, utf16]


def package_info() -> list[object]:
    info: list[object] = []
    compiled: bool = json.__compiled__  # pyjsonfast-only
    version: str = json.__version__  # pyjsonfast-only
    info += [compiled, version]  # pyjsonfast-only
    return info


# -- pyjsonfast's own extensions -----------------------------------------------


def extensions() -> list[Any]:
    out: list[Any] = []
    json.loads(DOC, allow_nan=False, reject_duplicate_keys=True, max_depth=10)  # pyjsonfast-only
    out.append(json.loads(DOC, max_depth=None))  # pyjsonfast-only
    out.append(json.loads(DOC, object_hook=object_hook, allow_nan=True))  # pyjsonfast-only
    out.append(json.load(io.StringIO(DOC), reject_duplicate_keys=True))  # pyjsonfast-only
    out.append(json.load(io.BytesIO(b"[1]"), max_depth=3, parse_float=Decimal))  # pyjsonfast-only
    out.append(json.JSONDecoder(max_depth=5).decode("[[1]]"))  # pyjsonfast-only
    decoder = json.JSONDecoder(allow_nan=False, reject_duplicate_keys=True)  # pyjsonfast-only
    out.append(decoder.decode("{}"))  # pyjsonfast-only
    out.append(json.loads(DOC, cls=json.JSONDecoder, max_depth=5))  # pyjsonfast-only
    return out


def writing_extensions(folder: Path) -> list[bytes]:
    out: list[bytes] = []
    when = datetime(2026, 11, 25, tzinfo=timezone.utc)
    out.append(when.isoformat().encode())
    out.append(json.dumpb({"a": [1, 2.5, None]}))  # pyjsonfast-only
    out.append(json.dumpb(RECORD, indent=2, sort_keys=True, ensure_ascii=True))  # pyjsonfast-only
    out.append(json.dumpb(when, native_types=True))  # pyjsonfast-only
    ids = [UUID(int=1)]  # pyjsonfast-only
    out.append(json.dumpb(ids, cls=json.JSONEncoder, native_types=True))  # pyjsonfast-only
    text: str = json.dumps({"d": date(2026, 1, 1)}, default=str)
    text = json.dumps({"d": date(2026, 1, 1)}, native_types=True)  # pyjsonfast-only
    fragment = json.Fragment('{"cached": true}')  # pyjsonfast-only
    raw = pyjsonfast.encoder.Fragment(b"[1, 2]", validate=True)  # pyjsonfast-only
    out.append(json.dumpb([fragment, raw, Decimal("1.10")], native_types=True))  # pyjsonfast-only
    with open(folder / "out.json", "wb") as binary:
        json.dump(RECORD, binary)  # pyjsonfast-only
        json.dump(RECORD, binary, native_types=True, indent=1)  # pyjsonfast-only
        binary.write(b"\n")
    with open(folder / "out.json", "w") as textfile:
        json.dump([text], textfile, native_types=True)  # pyjsonfast-only
        textfile.write("\n")
    encoder = json.JSONEncoder(native_types=True, sort_keys=True)  # pyjsonfast-only
    text = encoder.encode({"when": when})  # pyjsonfast-only
    fragment_text: str | bytes = fragment.text  # pyjsonfast-only
    print(fragment_text)  # pyjsonfast-only
    print(text)
    return out


def streams() -> list[Any]:
    out: list[Any] = []
    decoder = json.StreamDecoder(object_hook=object_hook, max_depth=50)  # pyjsonfast-only
    out += decoder.feed('{"a": [1, 2]} 3')  # pyjsonfast-only
    out += decoder.close()  # pyjsonfast-only
    lines = io.StringIO()
    json.dump_lines([{"a": 1}, [2]], lines, sort_keys=True)  # pyjsonfast-only
    data = lines.getvalue()
    assert data == "" or data.endswith("\n")
    out += json.load_lines(io.BytesIO(data.encode()), parse_float=Decimal)  # pyjsonfast-only
    out += json.iterload(io.StringIO(data), strict=False)  # pyjsonfast-only
    json.dump_lines(iter([1, 2]), io.BytesIO(), separators=(",", ": "))  # pyjsonfast-only
    return out


async def read_stream(reader: asyncio.StreamReader) -> list[Any]:
    values: list[Any] = []
    values += [value async for value in json.aiterload(reader)]  # pyjsonfast-only
    return values


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        dumps_every_keyword()
        dump_every_keyword(folder / "out.json")
        defaults()
        encoder_subclasses()
        encoder_objects(folder / "chunks.json")
        loads_every_keyword()
        load_files(folder / "in.json")
        typed_result("[1]")
        wrappers()
        decoder_subclasses()
        decoder_objects()
        assert len(decode_errors()) == 6
        odds_and_ends()
        package_info()
        extensions()
        writing_extensions(folder)  # pyjsonfast-only
        assert streams() == [{"a": [1, 2]}, 3, {"a": 1}, [2], {"a": 1}, [2]]
    print("good_usage: ok")


if __name__ == "__main__":
    main()
