"""dumpb (UTF-8 bytes out) and dump into binary files.

The invariant, on generated values and options: dumpb(o, **kw) is
dumps(o, ensure_ascii=False, **kw).encode("utf-8") wherever that succeeds, and
dumpb(o, ensure_ascii=True, **kw) is dumps(o, **kw).encode(). Where the right
side fails, dumpb fails too: with dumps's error, or UnicodeEncodeError for a
lone surrogate (which UTF-8 cannot hold).
"""

from __future__ import annotations

import gzip
import io
import json
import socket
import tempfile
import threading
from pathlib import Path
from typing import Any, Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_differential import outcome, values

import pyjsonfast

# dumps's options as test_differential draws them, plus separators and indents
# outside ASCII (and one that UTF-8 cannot hold).
options = st.fixed_dictionaries(
    {},
    optional={
        "skipkeys": st.booleans(),
        "check_circular": st.booleans(),
        "allow_nan": st.booleans(),
        "sort_keys": st.booleans(),
        "indent": st.one_of(
            st.none(), st.integers(-1, 4), st.sampled_from(["\t", "\u00e9", "\u3000"])
        ),
        "separators": st.one_of(
            st.none(),
            st.sampled_from([(",", ":"), (", ", ": "), ("\u2192", "\u00e9"), ("\ud800", ":")]),
        ),
        "default": st.sampled_from([None, repr, lambda o: [o.n] if hasattr(o, "n") else o]),
    },
)


def expect_same_or_surrogate(got: tuple[str, Any], dumped: tuple[str, Any]) -> None:
    """got (dumpb's outcome) against dumped (the outcome of dumps, then .encode())."""
    if dumped[0] == "ok":
        assert got == dumped
    else:
        assert got[0] == "error"
        assert got[1] == dumped[1] or got[1][0] is UnicodeEncodeError, (got, dumped)


def dumps_encoded(value: Any, **kw: Any) -> Callable[[], bytes]:
    return lambda: pyjsonfast.dumps(value, **kw).encode("utf-8")


@given(values, options)
def test_dumpb_is_dumps_without_ensure_ascii_encoded(value: Any, opts: dict[str, Any]) -> None:
    got = outcome(lambda: pyjsonfast.dumpb(value, **opts))
    expect_same_or_surrogate(got, outcome(dumps_encoded(value, ensure_ascii=False, **opts)))
    # and json's own text, where json makes one
    theirs = outcome(lambda: json.dumps(value, ensure_ascii=False, **opts).encode("utf-8"))
    if theirs[0] == "ok":
        assert got == theirs


@given(values, options)
def test_dumpb_with_ensure_ascii_is_dumps_encoded(value: Any, opts: dict[str, Any]) -> None:
    got = outcome(lambda: pyjsonfast.dumpb(value, ensure_ascii=True, **opts))
    expect_same_or_surrogate(got, outcome(dumps_encoded(value, **opts)))


@given(values, options)
def test_dump_into_binary_file_is_dumps_encoded(value: Any, opts: dict[str, Any]) -> None:
    ours = io.BytesIO()
    theirs = io.StringIO()
    got = outcome(lambda: pyjsonfast.dump(value, ours, **opts))
    expected = outcome(lambda: json.dump(value, theirs, **opts))
    if expected[0] == "ok":
        encoded = outcome(lambda: theirs.getvalue().encode("utf-8"))
        if encoded[0] == "ok":
            assert got == expected
            assert ours.getvalue() == encoded[1]
            return
    assert got[0] == "error"


def test_dumpb_writes_utf8() -> None:
    value = {"é": ["€", "\U0001f600", "日本語" * 20, "a\"b\\c\n\x00\x7f"], "k": 1.5}
    assert pyjsonfast.dumpb(value) == json.dumps(value, ensure_ascii=False).encode()
    assert pyjsonfast.dumpb(value, ensure_ascii=True) == json.dumps(value).encode()
    assert pyjsonfast.dumpb(value, indent="\u3000", separators=(",", "\u2192")) == json.dumps(
        value, ensure_ascii=False, indent="\u3000", separators=(",", "\u2192")
    ).encode()
    assert type(pyjsonfast.dumpb([])) is bytes


def test_dumpb_of_a_long_document_is_joined_from_chunks() -> None:
    """Output past the writer's chunk size (64K characters) is copied to bytes a
    chunk at a time; the pieces join to dumps's text, and a cycle found after
    chunks went out still raises json's error."""
    value = {"text": ["\u00e9t\u00e9 \U0001f600 plain ascii " * 40] * 600, "n": list(range(9000))}
    assert len(json.dumps(value, ensure_ascii=False)) > 4 * 65536
    assert pyjsonfast.dumpb(value) == json.dumps(value, ensure_ascii=False).encode()
    indented = json.dumps(value, ensure_ascii=False, indent=2)
    assert pyjsonfast.dumpb(value, indent=2) == indented.encode()
    deep: list[Any] = []
    inner = deep
    for _ in range(40):
        inner.append([])
        inner = inner[0]
    inner.append(deep)  # a cycle below where the writer starts marking
    with pytest.raises(ValueError, match="Circular reference detected"):
        pyjsonfast.dumpb([value, deep])


@pytest.mark.parametrize("text", ["\ud800", "ab\udfffc", "é\ud83d", "x" * 40 + "\udc00" + "é" * 40])
@pytest.mark.parametrize("as_key", [False, True])
def test_lone_surrogate_is_a_clear_error(text: str, as_key: bool) -> None:
    value = {text: 1} if as_key else [text]
    with pytest.raises(UnicodeEncodeError) as raised:
        pyjsonfast.dumpb(value)
    assert raised.value.object == text
    assert text[raised.value.start] in "\ud800\udfff\ud83d\udc00"
    assert "lone surrogate" in str(raised.value) and "ensure_ascii=True" in str(raised.value)
    assert isinstance(raised.value, ValueError)
    # ensure_ascii escapes it, as json does
    assert pyjsonfast.dumpb(value, ensure_ascii=True) == json.dumps(value).encode()


def test_surrogate_separators_fail_only_when_written() -> None:
    assert pyjsonfast.dumpb([1], separators=("\ud800", ":")) == b"[1]"
    with pytest.raises(UnicodeEncodeError):
        pyjsonfast.dumpb([1, 2], separators=("\ud800", ":"))


def test_dumpb_with_cls() -> None:
    class Decimals(json.JSONEncoder):
        def default(self, o: Any) -> Any:
            return str(o)

    class OwnIterencode(json.JSONEncoder):
        def iterencode(self, o: Any, _one_shot: bool = False) -> Any:
            yield '"é"'

    assert pyjsonfast.dumpb({"é": object()}, cls=Decimals).startswith('{"é": "<object'.encode())
    # (json's encode() joins iterencode's chunks; PyPy's writes o itself)
    expected = json.dumps(1, cls=OwnIterencode, ensure_ascii=False).encode()
    assert pyjsonfast.dumpb(1, cls=OwnIterencode) == expected
    assert pyjsonfast.dumpb("é", cls=json.JSONEncoder) == '"é"'.encode()
    assert pyjsonfast.dumpb("é", cls=json.JSONEncoder, ensure_ascii=True) == b'"\\u00e9"'


BIG = {"rows": [{"id": i, "name": "名前" * 5, "v": i / 7} for i in range(20_000)]}


class ChunkRecorder(io.RawIOBase):
    """A binary file that records the size of each write."""

    def __init__(self) -> None:
        self.sizes: list[int] = []
        self.data = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, b: Any) -> int:
        self.sizes.append(len(b))
        self.data += b
        return len(b)


def test_dump_into_binary_file_writes_bounded_chunks() -> None:
    sink = ChunkRecorder()
    pyjsonfast.dump(BIG, sink, ensure_ascii=False)
    assert bytes(sink.data) == json.dumps(BIG, ensure_ascii=False).encode()
    assert len(sink.sizes) > 1 and max(sink.sizes) <= 4 << 20


def test_dump_into_real_binary_files(tmp_path: Path) -> None:
    expected = json.dumps(BIG).encode()
    path = tmp_path / "out.json"
    with open(path, "wb") as f:
        pyjsonfast.dump(BIG, f)
    assert path.read_bytes() == expected
    with open(path, "wb", buffering=0) as raw:  # io.FileIO
        pyjsonfast.dump(BIG, raw, indent=1)
    assert path.read_bytes() == json.dumps(BIG, indent=1).encode()
    with gzip.open(tmp_path / "out.json.gz", "wb") as z:
        pyjsonfast.dump(BIG, z)
    assert gzip.decompress((tmp_path / "out.json.gz").read_bytes()) == expected
    with tempfile.NamedTemporaryFile() as named:  # a wrapper whose mode says "b"
        pyjsonfast.dump(BIG, named)
        named.flush()
        assert Path(named.name).read_bytes() == expected
    with tempfile.SpooledTemporaryFile() as spooled:
        pyjsonfast.dump(BIG, spooled)
        spooled.seek(0)
        assert spooled.read() == expected


def test_dump_into_a_socket_file() -> None:
    left, right = socket.socketpair()
    received = bytearray()

    def receive() -> None:
        while chunk := right.recv(1 << 16):
            received.extend(chunk)

    reader = threading.Thread(target=receive)
    reader.start()
    with left, left.makefile("wb") as f:
        pyjsonfast.dump(BIG, f, ensure_ascii=False)
    reader.join(timeout=60)
    right.close()
    assert bytes(received) == json.dumps(BIG, ensure_ascii=False).encode()


def test_dump_into_text_files_is_unchanged(tmp_path: Path) -> None:
    text = io.StringIO()
    pyjsonfast.dump({"é": 1}, text)
    assert text.getvalue() == json.dumps({"é": 1})
    path = tmp_path / "out.json"
    with open(path, "w", encoding="utf-8") as f:
        pyjsonfast.dump({"é": 1}, f, ensure_ascii=False)
    assert path.read_text(encoding="utf-8") == '{"é": 1}'

    class Writes:  # only a write method: json's text file
        def __init__(self) -> None:
            self.parts: list[str] = []

        def write(self, s: str) -> None:
            self.parts.append(s)

    sink = Writes()
    pyjsonfast.dump([1, "é"], sink)
    assert "".join(sink.parts) == '[1, "\\u00e9"]'


def test_dump_with_cls_into_binary_file() -> None:
    class Own(json.JSONEncoder):
        def iterencode(self, o: Any, _one_shot: bool = False) -> Any:
            yield from ("[", '"é"', "]")

    out = io.BytesIO()
    pyjsonfast.dump(None, out, cls=Own)
    assert out.getvalue() == '["é"]'.encode()
    out = io.BytesIO()
    pyjsonfast.dump({"a": "é"}, out, cls=json.JSONEncoder, ensure_ascii=False)
    assert out.getvalue() == '{"a": "é"}'.encode()
