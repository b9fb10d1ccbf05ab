"""Wrong json code: both type checkers must reject every line whose comment says expect-error.

check_typing.py asserts, for mypy and basedpyright separately, that the lines with
an error are exactly the marked ones. Each wrong call is on one line of its own.
Lines whose comment also says pyjsonfast-only are wrong only for pyjsonfast's
typing (our extensions, no stray keywords without cls=, our classes are not json's);
`check_typing.py --stdlib` ignores them and checks that the rest is wrong for the
stdlib json too.

Never run or imported: the wrong calls sit in functions nobody calls.
Not a pytest module.
"""

from __future__ import annotations

import io
import json as stdjson
from typing import Any

import pyjsonfast as json


class NotAnEncoder:
    pass


class DefaultWithoutArgument(json.JSONEncoder):
    def default(self) -> Any:  # expect-error
        return None


def wrong_loads(s: str, b: bytes, anything: object) -> None:
    json.loads(5)  # expect-error
    json.loads(None)  # expect-error
    json.loads(anything)  # expect-error
    json.loads(["[1]"])  # expect-error
    json.loads(b, True)  # expect-error
    json.loads(s, cls=json.JSONEncoder)  # expect-error
    json.loads(s, cls=NotAnEncoder)  # expect-error
    json.loads(s, cls=json.JSONDecoder())  # expect-error
    json.loads(s, object_hook=1)  # expect-error
    json.loads(s, object_hook=lambda: {})  # expect-error
    json.loads(s, parse_float="float")  # expect-error
    json.loads(s, object_pairs_hook=lambda a, b: a)  # expect-error
    json.loads(s, max_dept=3)  # expect-error  # pyjsonfast-only
    json.loads(s, foo=1)  # expect-error  # pyjsonfast-only
    json.loads(s, cls=None, foo=1)  # expect-error  # pyjsonfast-only
    json.loads(s, allow_nan="no")  # expect-error  # pyjsonfast-only
    json.loads(s, reject_duplicate_keys=None)  # expect-error  # pyjsonfast-only
    json.loads(s, max_depth="3")  # expect-error  # pyjsonfast-only
    json.loads(s, max_depth=2.5)  # expect-error  # pyjsonfast-only


def wrong_load(s: str) -> None:
    json.load("data.json")  # expect-error
    json.load(5)  # expect-error
    json.load(io.StringIO(s), cls=int)  # expect-error
    json.load(io.StringIO(s), max_dept=3)  # expect-error  # pyjsonfast-only
    json.load(io.StringIO(s), max_depth="3")  # expect-error  # pyjsonfast-only


def wrong_dumps(x: object) -> None:
    json.dumps(x, sort_keys="yes")  # expect-error
    json.dumps(x, skipkeys=None)  # expect-error
    json.dumps(x, indent=2.0)  # expect-error
    json.dumps(x, indent=[2])  # expect-error
    json.dumps(x, separators=(",",))  # expect-error
    json.dumps(x, separators=", ")  # expect-error
    json.dumps(x, separators=(",", ":", " "))  # expect-error
    json.dumps(x, cls=int)  # expect-error
    json.dumps(x, cls=json.JSONDecoder)  # expect-error
    json.dumps(x, cls=json.JSONEncoder())  # expect-error
    json.dumps(x, default=5)  # expect-error
    json.dumps(x, default=lambda a, b: a)  # expect-error
    json.dumps(x, True)  # expect-error
    json.dumps()  # expect-error
    json.dumps(x, foo=1)  # expect-error  # pyjsonfast-only
    json.dumps(x, cls=None, foo=1)  # expect-error  # pyjsonfast-only
    json.dumps(x, sort_key=True)  # expect-error  # pyjsonfast-only


def wrong_dump(x: object) -> None:
    json.dump(x, 5)  # expect-error
    json.dump(x)  # expect-error
    json.dump(x, "out.json")  # expect-error
    json.dump(x, io.StringIO(), indent=2.0)  # expect-error
    json.dump(x, io.StringIO(), foo=1)  # expect-error  # pyjsonfast-only


def wrong_classes(s: str, b: bytes) -> None:
    json.JSONDecoder(max_dept=3)  # expect-error
    json.JSONDecoder(strict="yes")  # expect-error
    json.JSONDecoder(object_hook=1)  # expect-error
    json.JSONDecoder(max_depth="3")  # expect-error  # pyjsonfast-only
    json.JSONDecoder(allow_nan=None)  # expect-error  # pyjsonfast-only
    json.JSONDecoder().decode(b)  # expect-error
    json.JSONDecoder().raw_decode(s, "0")  # expect-error
    json.JSONEncoder().encode()  # expect-error
    json.JSONEncoder(indent=2.0)  # expect-error
    json.JSONEncoder(2)  # expect-error
    json.JSONEncoder(foo=1)  # expect-error
    json.JSONDecodeError("Expecting value")  # expect-error
    json.detect_encoding(s)  # expect-error


def wrong_writing_extensions(s: str) -> None:
    json.dumpb(1).encode()  # expect-error  # pyjsonfast-only
    json.dumpb(1, native_types="yes")  # expect-error  # pyjsonfast-only
    json.dumps(1, native_type=True)  # expect-error  # pyjsonfast-only
    json.Fragment(1)  # expect-error  # pyjsonfast-only
    json.Fragment(s, True)  # expect-error  # pyjsonfast-only
    json.dump(1, 2)  # expect-error


def wrong_types(s: str) -> None:
    x: int = json.dumps(1)  # expect-error
    enc: json.JSONEncoder = stdjson.JSONEncoder()  # expect-error  # pyjsonfast-only
    dec: json.JSONDecoder = stdjson.JSONDecoder()  # expect-error  # pyjsonfast-only
    separator: int = json.JSONEncoder().item_separator  # expect-error
    try:
        json.loads(s)
    except json.JSONDecodeError as e:
        column: str = e.colno  # expect-error
        print(column)
    print(x, enc, dec, separator)


def wrong_streams(s: str, b: bytes) -> None:
    json.StreamDecoder(cls=json.JSONDecoder)  # expect-error  # pyjsonfast-only
    json.StreamDecoder(max_dept=3)  # expect-error  # pyjsonfast-only
    json.StreamDecoder().feed(1)  # expect-error  # pyjsonfast-only
    json.StreamDecoder().feed([s])  # expect-error  # pyjsonfast-only
    print(json.StreamDecoder().close() + 1)  # expect-error  # pyjsonfast-only
    json.iterload(s)  # expect-error  # pyjsonfast-only
    json.load_lines(io.StringIO(s), allow_nan="no")  # expect-error  # pyjsonfast-only
    json.dump_lines([1], io.StringIO(), indent=2)  # expect-error  # pyjsonfast-only
    json.dump_lines(1, io.StringIO())  # expect-error  # pyjsonfast-only
    json.aiterload(io.BytesIO(b))  # expect-error  # pyjsonfast-only
