"""load_lines and dump_lines (JSON Lines), and aiterload over a real asyncio socket."""

from __future__ import annotations

import asyncio
import io
import json
from collections.abc import Sequence
from typing import Any, Optional, Union

import pytest
from hypothesis import given
from hypothesis import strategies as st

import pyjsonfast
from pyjsonfast import JSONDecodeError, aiterload, dump_lines, load_lines


class ChunkReader:
    """A file whose read(n) hands out the given chunks, whatever n."""

    def __init__(self, chunks: Sequence[Union[str, bytes]], empty: Union[str, bytes]) -> None:
        self.chunks = [c for c in chunks if c]
        self.empty = empty

    def read(self, n: int) -> Union[str, bytes]:
        return self.chunks.pop(0) if self.chunks else self.empty


def lines_of(
    data: Union[str, bytes], cuts: Sequence[int] = (), **kw: Any
) -> tuple[list[Any], Optional[BaseException]]:
    points = sorted({c % (len(data) + 1) for c in cuts})
    bounds = [0, *points, len(data)]
    chunks = [data[a:b] for a, b in zip(bounds, bounds[1:])]
    values: list[Any] = []
    try:
        for value in load_lines(ChunkReader(chunks, data[:0]), **kw):
            values.append(value)
    except Exception as error:
        return values, error
    return values, None


def expected_lines(text: str, **kw: Any) -> tuple[list[Any], Optional[BaseException]]:
    """json.loads of each line; an error with the file's line number and pos."""
    values: list[Any] = []
    pos = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip(" \t\r"):
            try:
                values.append(pyjsonfast.loads(line, **kw))
            except JSONDecodeError as error:
                moved = JSONDecodeError(error.msg, text, pos + error.pos)
                assert moved.lineno == number
                return values, moved
        pos += len(line) + 1
    return values, None


def assert_lines_match(text: str, cuts: Sequence[int], **kw: Any) -> None:
    expected_values, expected_error = expected_lines(text, **kw)
    for data in (text, text.encode("utf-8", "surrogatepass")):
        values, error = lines_of(data, cuts, **kw)
        assert repr(values) == repr(expected_values)
        assert type(error) is type(expected_error), (error, expected_error)
        if isinstance(expected_error, JSONDecodeError):
            assert isinstance(error, JSONDecodeError)
            got = (error.msg, error.pos, error.lineno, error.colno, str(error))
            assert got == (
                expected_error.msg,
                expected_error.pos,
                expected_error.lineno,
                expected_error.colno,
                str(expected_error),
            )


LINE_PIECES = [
    '{"a": 1}',
    "[1, 2]",
    '"é😀"',
    "3",
    "  7  ",
    "",
    "\r",
    " ",
    "[1,",
    "2]",
    "1 2",
    '{"b": [true, null]}',
    "-",
    '"x',
    "nul",
    "1.5e3",
    "}",
    "\t[]\r",
]


@given(
    st.lists(st.sampled_from(LINE_PIECES), max_size=8),
    st.booleans(),
    st.lists(st.integers(min_value=0), max_size=5),
)
def test_each_line_is_loads_of_that_line(
    pieces: list[str], end_newline: bool, cuts: list[int]
) -> None:
    text = "\n".join(pieces) + ("\n" if end_newline else "")
    assert_lines_match(text, cuts)


def test_blank_lines_crlf_and_no_final_newline() -> None:
    assert lines_of('\n\n{"a": 1}\r\n  \r\n[2]\n\t\n"x"') == ([{"a": 1}, [2], "x"], None)
    assert lines_of(b"1\n2\n") == ([1, 2], None)
    assert lines_of("") == ([], None)
    assert lines_of(b"\xef\xbb\xbf1\n2") == ([1, 2], None)


def test_two_values_on_a_line_and_a_value_over_two_lines_are_errors() -> None:
    values, error = lines_of('{"a": 1}\n1 2\n3')
    assert values == [{"a": 1}]
    assert isinstance(error, JSONDecodeError)
    assert (error.msg, error.lineno, error.colno) == ("Extra data", 2, 3)
    values, error = lines_of("1\n\n[1,\n2]\n")
    assert values == [1]
    assert isinstance(error, JSONDecodeError)
    assert (error.msg, error.lineno, error.colno) == ("Expecting value", 3, 4)


def test_error_positions_in_non_ascii_bytes_count_characters() -> None:
    text = '"ééé"\n["€", 1 2]\n'
    values, error = lines_of(text.encode(), [3, 9])
    assert values == ["ééé"]
    assert isinstance(error, JSONDecodeError)
    assert (error.lineno, error.colno, error.pos) == (2, 9, 14)


def test_strict_false_does_not_let_a_string_span_lines() -> None:
    values, error = lines_of('"a\tb"\n"c\nd"\n', strict=False)
    assert values == ["a\tb"]
    assert isinstance(error, JSONDecodeError) and error.msg.startswith("Unterminated string")


def test_long_lines_and_many_lines(tmp_path: Any) -> None:
    records = [{"i": i, "s": "x" * (i * 37 % 200000)} for i in range(300)]
    path = tmp_path / "data.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    with open(path, "rb") as f:
        assert list(load_lines(f)) == records
    with open(path, encoding="utf-8") as f:
        assert list(load_lines(f)) == records


def test_text_files_read_in_pieces_give_what_binary_files_give(tmp_path: Any) -> None:
    """A text file is read in pieces gathered into blocks: lines of non-ASCII text
    cut between pieces and blocks, and an error's line past the first blocks."""
    lines = [
        json.dumps({"n": i, "s": "\u00e9\u20ac\U0001f600" * (i % 97)}, ensure_ascii=False)
        for i in range(30000)
    ]
    lines[-3] = '{"broken": }'
    text = "\n".join(lines) + "\n"
    assert len(text) > 3 * pyjsonfast.stream.CHUNK_SIZE
    path = tmp_path / "data.jsonl"
    path.write_text(text, encoding="utf-8")
    expected, expected_error = expected_lines(text)
    assert isinstance(expected_error, JSONDecodeError)
    for mode in ("r", "rb"):
        values: list[Any] = []
        with open(path, mode, encoding=None if "b" in mode else "utf-8") as f:
            with pytest.raises(JSONDecodeError) as caught:
                values.extend(load_lines(f))
        assert values == expected, mode
        error = caught.value
        assert (error.msg, error.pos, error.lineno, error.colno) == (
            expected_error.msg,
            expected_error.pos,
            expected_error.lineno,
            expected_error.colno,
        ), mode


def test_a_text_source_that_turns_to_bytes_is_refused() -> None:
    reader = ChunkReader(["[1]\n", b"[2]\n"], "")
    values: list[Any] = []
    with pytest.raises(TypeError, match="str, then bytes"):
        values.extend(load_lines(reader))
    assert values == [[1]]


def test_load_lines_options_and_hooks() -> None:
    values, error = lines_of('{"a": 1.5}\n', object_pairs_hook=list, parse_float=str)
    assert values == [[("a", "1.5")]]
    values, error = lines_of("[[1]]\n[[[1]]]\n", max_depth=2)
    assert values == [[[1]]] and isinstance(error, RecursionError)
    assert isinstance(error, JSONDecodeError) and error.lineno == 2


def test_hook_exception_is_raised_once() -> None:
    calls = []

    def hook(d: dict[str, Any]) -> Any:
        calls.append(d)
        raise ValueError("no")  # a ValueError, as JSONDecodeError is one

    with pytest.raises(ValueError, match="no"):
        list(load_lines(io.StringIO('{"a": 1}\n'), object_hook=hook))
    assert len(calls) == 1


# --- dump_lines ------------------------------------------------------------------------------

VALUES: list[Any] = [
    {"a": [1, 2.5, None], "b": "é\n"},
    [],
    "x",
    1e300,
    {"nested": {"deep": [True, False]}},
]


def test_dump_lines_writes_compact_json_one_per_line() -> None:
    out = io.StringIO()
    dump_lines(VALUES, out)
    assert out.getvalue() == "".join(json.dumps(v, separators=(",", ":")) + "\n" for v in VALUES)
    binary = io.BytesIO()
    dump_lines(iter(VALUES), binary)
    assert binary.getvalue() == out.getvalue().encode()
    assert list(load_lines(io.BytesIO(binary.getvalue()))) == VALUES


def test_dump_lines_options() -> None:
    out = io.StringIO()
    dump_lines(
        [{"b": 1, "a": {1, 2}}], out, sort_keys=True, default=sorted, separators=(", ", ": ")
    )
    assert out.getvalue() == '{"a": [1, 2], "b": 1}\n'
    out = io.StringIO()
    dump_lines(["é"], out, ensure_ascii=False)
    assert out.getvalue() == '"é"\n'
    with pytest.raises(ValueError, match="indent"):
        dump_lines([1], io.StringIO(), indent=2)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="line break"):
        dump_lines([[1, 2]], io.StringIO(), separators=(",\n", ":"))
    with pytest.raises(TypeError, match="not JSON serializable"):
        dump_lines([object()], io.StringIO())


def test_dump_lines_many_values_in_batches(tmp_path: Any) -> None:
    values = [{"id": i, "name": f"n{i}", "tags": ["a"] * (i % 5)} for i in range(50000)]
    path = tmp_path / "out.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        dump_lines(values, f)
    expected = "".join(json.dumps(v, separators=(",", ":")) + "\n" for v in values)
    assert path.read_text(encoding="utf-8") == expected
    with open(path, "wb") as f:
        dump_lines(values, f)
    assert path.read_bytes() == expected.encode()


def test_dump_lines_error_keeps_the_lines_before() -> None:
    out = io.StringIO()
    cycle: list[Any] = []
    cycle.append(cycle)
    with pytest.raises(ValueError, match="Circular reference"):
        dump_lines([1, 2, cycle, 3], out)
    assert out.getvalue() in ("", "1\n2\n")


# --- aiterload over a real socket -------------------------------------------------------------


async def serve_and_read(payload: bytes, pieces: int, **kw: Any) -> list[Any]:
    """A localhost TCP server sends payload in pieces; aiterload reads the connection."""

    async def send(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        step = max(1, len(payload) // pieces)
        for start in range(0, len(payload), step):
            writer.write(payload[start : start + step])
            await writer.drain()
            await asyncio.sleep(0)
        writer.close()
        await writer.wait_closed()

    server = await asyncio.start_server(send, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        values = [value async for value in aiterload(reader, **kw)]
        writer.close()
        await writer.wait_closed()
    finally:
        server.close()
        await server.wait_closed()
    return values


def test_aiterload_reads_a_socket_as_data_arrives() -> None:
    records = [{"id": i, "text": "é€😀" * (i % 4), "n": i / 3} for i in range(2000)]
    payload = "".join(
        json.dumps(r, ensure_ascii=False) + ("\n" if i % 3 else " ") for i, r in enumerate(records)
    )
    data = payload.encode()
    assert asyncio.run(serve_and_read(data, 997)) == records
    assert asyncio.run(serve_and_read(b"1 2 [3] 4", 9)) == [1, 2, [3], 4]
    assert asyncio.run(serve_and_read(b'{"a": 1.5}', 3, parse_float=str)) == [{"a": "1.5"}]


def test_aiterload_gives_values_then_the_error() -> None:
    got: list[Any] = []

    async def run() -> None:
        async def send(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            writer.write(b"1 2 [3,")
            await writer.drain()
            writer.close()
            await writer.wait_closed()

        server = await asyncio.start_server(send, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            try:
                async for value in aiterload(reader):
                    got.append(value)
            finally:
                writer.close()
                await writer.wait_closed()
        finally:
            server.close()
            await server.wait_closed()

    with pytest.raises(JSONDecodeError, match="Expecting value: line 1 column 8"):
        asyncio.run(run())
    assert got == [1, 2]


def test_aiterload_takes_any_async_read_returning_str() -> None:
    class TextReader:
        def __init__(self, text: str) -> None:
            self.text = text

        async def read(self, n: int) -> str:
            piece, self.text = self.text[:3], self.text[3:]
            return piece

    async def run() -> list[Any]:
        return [v async for v in aiterload(TextReader('{"a": [1, 2]} "b" 3'))]

    assert asyncio.run(run()) == [{"a": [1, 2]}, "b", 3]
