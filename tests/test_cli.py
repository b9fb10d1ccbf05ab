"""python -m pyjsonfast: json.tool's output for every flag; errors a person can act on."""

from __future__ import annotations

import atexit
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from shared_data import CORPUS_NAMES, shared_path

import pyjsonfast
from pyjsonfast._decoder import MAX_DEPTH_LIMIT

DATA = Path(__file__).resolve().parent / "data"
SAMPLE = DATA / "sample.json"
ENV = {**os.environ, "PYTHONIOENCODING": "utf-8"}
# `python -m` and `-c` put the working directory first on sys.path: run outside the
# project, or the child would import the source tree instead of the build under test;
# and in an empty folder of our own, where no stray .py file can shadow a module.
CWD = tempfile.mkdtemp(prefix="pyjsonfast-cli-")
atexit.register(shutil.rmtree, CWD, True)

# json.tool's flags: each set must give byte-identical output with pyjsonfast.
TOOL_FLAG_SETS = [
    [],
    ["--sort-keys"],
    ["--no-ensure-ascii"],
    ["--indent", "2"],
    ["--indent", "0"],
    ["--tab"],
    ["--no-indent"],
    ["--compact"],
    ["--compact", "--sort-keys", "--no-ensure-ascii"],
    ["--tab", "--sort-keys"],
]


def run_module(
    module: str, *args: str, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        input=stdin,
        capture_output=True,
        env=ENV,
        cwd=CWD,
        timeout=600,
    )


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return run_module("pyjsonfast", *args, stdin=stdin)


def run_json_tool(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return run_module("json.tool", *args, stdin=stdin)


def assert_same_as_json_tool(*args: str, stdin: bytes | None = None) -> bytes:
    ours = run_cli(*args, stdin=stdin)
    theirs = run_json_tool(*args, stdin=stdin)
    assert theirs.returncode == 0, theirs.stderr
    assert ours.returncode == 0, ours.stderr.decode()
    assert ours.stderr == b""
    assert ours.stdout == theirs.stdout
    return ours.stdout


@pytest.mark.parametrize("flags", TOOL_FLAG_SETS, ids=" ".join)
def test_file_output_matches_json_tool(flags: list[str]) -> None:
    out = assert_same_as_json_tool(*flags, str(SAMPLE))
    assert json.loads(out) == json.loads(SAMPLE.read_bytes())


@pytest.mark.parametrize(
    "flags", [[], ["--compact"], ["--sort-keys", "--indent", "1"]], ids=" ".join
)
def test_stdin_to_stdout_matches_json_tool(flags: list[str]) -> None:
    assert_same_as_json_tool(*flags, stdin=SAMPLE.read_bytes())


def test_dash_means_stdin() -> None:
    assert run_cli("-", stdin=b"[1,2]").stdout == b"[\n    1,\n    2\n]\n"


@pytest.mark.parametrize("flags", [[], ["--compact"], ["--no-indent", "--sort-keys"]], ids=" ".join)
def test_json_lines_matches_json_tool(flags: list[str], tmp_path: Path) -> None:
    lines = tmp_path / "in.jsonl"
    lines.write_text(
        '{"b": 1, "a": [1, 2]}\n[true, null]\n"caf\u00e9"\n  3.5  \n', encoding="utf-8"
    )
    # json.tool 3.13.0 closes a named file before reading its lines lazily, so pipe it in.
    out = assert_same_as_json_tool("--json-lines", *flags, stdin=lines.read_bytes())
    assert run_cli("--json-lines", *flags, str(lines)).stdout == out


@pytest.mark.parametrize(
    "doc",
    [
        b"{}",
        b"[]",
        b'"\\u00e9\\ud83d\\ude80"',
        b"NaN",
        b"[Infinity, -Infinity]",
        b"-0",
        b'{"a": 1, "a": 2}',
        b' {"nested": [[[{"x": [1e400, 1E-400]}]]]} ',
    ],
    ids=repr,
)
def test_hand_written_cases_match_json_tool(doc: bytes) -> None:
    for flags in ([], ["--compact"], ["--sort-keys", "--no-ensure-ascii"]):
        assert_same_as_json_tool(*flags, stdin=doc)


@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_corpus_matches_json_tool(name: str) -> None:
    path = shared_path("corpus", f"{name}.json")
    assert_same_as_json_tool(str(path))
    assert_same_as_json_tool("--compact", "--sort-keys", str(path))


def test_writes_outfile(tmp_path: Path) -> None:
    out = tmp_path / "out.json"
    result = run_cli("--sort-keys", str(SAMPLE), str(out))
    assert result.returncode == 0 and result.stdout == b""
    assert out.read_bytes() == run_json_tool("--sort-keys", str(SAMPLE)).stdout


def test_outfile_may_be_the_infile(tmp_path: Path) -> None:
    path = tmp_path / "doc.json"
    path.write_bytes(b'{"b":1,"a":2}')
    assert run_cli("--sort-keys", "--compact", str(path), str(path)).returncode == 0
    assert path.read_bytes() == b'{"a":2,"b":1}\n'


# --- extensions ---------------------------------------------------------------------------


def test_validate_prints_nothing_on_success() -> None:
    result = run_cli("--validate", str(SAMPLE))
    assert (result.returncode, result.stdout, result.stderr) == (0, b"", b"")


def test_validate_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(b"[1]\n{}\n")
    assert run_cli("--validate", "--json-lines", str(path)).returncode == 0
    path.write_bytes(b"[1]\n{]\n")
    assert run_cli("--validate", "--json-lines", str(path)).returncode == 1


def test_allow_nan_flags() -> None:
    assert run_cli("--compact", "--allow-nan", stdin=b"[NaN]").stdout == b"[NaN]\n"
    rejected = run_cli("--no-allow-nan", stdin=b"[1, NaN]")
    assert rejected.returncode == 1
    assert rejected.stderr.decode().startswith("<stdin>:1:5: ")


def test_reject_duplicate_keys() -> None:
    assert run_cli("--compact", stdin=b'{"a":1,"a":2}').stdout == b'{"a":2}\n'
    result = run_cli("--reject-duplicate-keys", stdin=b'{"a": 1, "a": 2}')
    assert result.returncode == 1
    assert result.stderr.decode().startswith("<stdin>:1:")
    assert "a" in result.stderr.decode()


def test_max_depth() -> None:
    assert run_cli("--max-depth", "3", "--compact", stdin=b"[[[1]]]").stdout == b"[[[1]]]\n"
    result = run_cli("--max-depth", "3", stdin=b"[[[[1]]]]")
    assert result.returncode == 1
    assert result.stderr.decode().startswith("<stdin>:1:")


def test_max_depth_takes_the_apis_whole_range() -> None:
    # 0 allows scalars only, as loads(max_depth=0) does.
    assert run_cli("--max-depth", "0", "--compact", stdin=b"1").stdout == b"1\n"
    assert run_cli("--max-depth", "0", stdin=b"[]").returncode == 1
    ceiling = str(MAX_DEPTH_LIMIT)
    assert run_cli("--max-depth", ceiling, "--compact", stdin=b"[[]]").stdout == b"[[]]\n"


@pytest.mark.parametrize("value", ["-1", str(MAX_DEPTH_LIMIT + 1), "3000", "x", ""])
def test_max_depth_out_of_range_is_a_usage_error(value: str, tmp_path: Path) -> None:
    # A usage error from argparse, before any input is read: even a missing input
    # file is not reached.
    for infile in (str(SAMPLE), str(tmp_path / "missing.json")):
        result = run_cli("--max-depth", value, infile)
        assert (result.returncode, result.stdout) == (2, b"")
        last = result.stderr.decode().splitlines()[-1]
        assert last.startswith("python -m pyjsonfast: error: argument --max-depth: "), last
        assert "missing.json" not in last


def test_version_names_the_build() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    out = result.stdout.decode()
    assert out.startswith(f"pyjsonfast {pyjsonfast.__version__}, ")
    assert ("compiled (mypyc) build" if pyjsonfast.__compiled__ else "pure Python build") in out


def test_help_describes_every_option() -> None:
    out = run_cli("--help").stdout.decode()
    for option in [
        "--sort-keys",
        "--no-ensure-ascii",
        "--json-lines",
        "--stream",
        "--indent",
        "--tab",
        "--no-indent",
        "--compact",
        "--validate",
        "--allow-nan",
        "--no-allow-nan",
        "--reject-duplicate-keys",
        "--max-depth",
        "--version",
        "infile",
        "outfile",
    ]:
        assert option in out, option


def test_console_script() -> None:
    script = Path(sys.executable).parent / "pyjsonfast"
    if not script.exists():
        pytest.skip("pyjsonfast console script not installed next to this interpreter")
    result = subprocess.run(
        [str(script), "--compact"], input=b"[1, 2]", capture_output=True, cwd=CWD, timeout=60
    )
    assert (result.returncode, result.stdout) == (0, b"[1,2]\n")


# --- errors -------------------------------------------------------------------------------


def test_error_names_file_line_column_and_shows_caret(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(b'{\n  "a": 1,\n  "b": tru\n}\n')
    result = run_cli(str(path))
    assert result.returncode == 1
    assert result.stdout == b""
    assert result.stderr.decode() == (
        f'{path}:3:8: Expecting value\n      "b": tru\n           ^\n'
    )


# json (C)'s messages and positions, which the decoder reproduces on every interpreter
# (PyPy's own json words some of them differently).
JSON_ERRORS = [
    (b"", "1:1: Expecting value"),
    (b'{"a" 1}', "1:6: Expecting ':' delimiter"),
    (b"[1 2]", "1:4: Expecting ',' delimiter"),
    (b'"abc', "1:1: Unterminated string starting at"),
    (b"[1] x", "1:5: Extra data"),
    (b"{'a': 1}", "1:2: Expecting property name enclosed in double quotes"),
    (b'[\n  "a",\n  tru]', "3:3: Expecting value"),
]


@pytest.mark.parametrize(("doc", "expected"), JSON_ERRORS, ids=[repr(d) for d, _ in JSON_ERRORS])
def test_error_message_is_jsons(doc: bytes, expected: str) -> None:
    result = run_cli(stdin=doc)
    assert result.returncode == 1
    assert result.stdout == b""
    assert result.stderr.decode().splitlines()[0] == f"<stdin>:{expected}"


def test_caret_lines_up_under_tabs() -> None:
    result = run_cli(stdin=b"[\n\t1,\tx]")
    # Tabs are shown as spaces, so the caret lines up whatever the terminal's tab stops.
    assert result.stderr.decode().splitlines()[1:] == ["     1, x]", "        ^"]


def test_long_line_is_trimmed_around_the_column() -> None:
    doc = b"[" + b"1, " * 500 + b"oops" + b", 2" * 500 + b"]"
    result = run_cli(stdin=doc)
    first, shown, caret = result.stderr.decode().splitlines()
    assert first == "<stdin>:1:1502: Expecting value"
    assert len(shown) < 100 and shown.strip().startswith("...") and shown.endswith("...")
    assert shown[caret.index("^") :].startswith("oops")


def test_json_lines_error_reports_the_file_line(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'{"ok": 1}\n[2]\n{"bad": }\n[4]\n')
    result = run_cli("--json-lines", "--compact", str(path))
    assert result.returncode == 1
    assert result.stderr.decode().splitlines() == [
        f"{path}:3:9: Expecting value",
        '    {"bad": }',
        "            ^",
    ]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # A blank line is invalid, as in json.tool: it is the line named.
        (b'{"a":1}\n{"a":2}\n\n{"a":4}\n', ["<stdin>:3:1: Expecting value", "    ", "    ^"]),
        (b'{"a":1}\r\n\r\n{"a":3}\r\n', ["<stdin>:2:1: Expecting value", "    ", "    ^"]),
        (b"[1]\n  \n", ["<stdin>:2:3: Expecting value", "      ", "      ^"]),
        # An error at the very end of a line is on that line, after its last character.
        (b'{"a":1}\n{"a":\n{"a":3}\n', ["<stdin>:2:6: Expecting value", '    {"a":', "         ^"]),
        (b"[1,\n", ["<stdin>:1:4: Expecting value", "    [1,", "       ^"]),
        (b"[1,", ["<stdin>:1:4: Expecting value", "    [1,", "       ^"]),
        # The newline is parsed with the line, as json.tool does: its message stays json's.
        (b'"abc\n', ["<stdin>:1:5: Invalid control character at", '    "abc', "        ^"]),
    ],
    ids=[
        "blank",
        "blank-crlf",
        "spaces",
        "line-end",
        "last-line-end",
        "no-final-newline",
        "newline-in-string",
    ],
)
def test_json_lines_error_at_line_end_names_that_line(lines: bytes, expected: list[str]) -> None:
    result = run_cli("--json-lines", "--compact", stdin=lines)
    assert result.returncode == 1
    assert result.stderr.decode().splitlines() == expected
    assert run_json_tool("--json-lines", "--compact", stdin=lines).returncode == 1


def test_lone_surrogate_escape_kept_as_json_tool_does() -> None:
    assert_same_as_json_tool(stdin=b'"\\ud800"')
    # Unwritable as UTF-8 without escaping: json.tool exits 1 with the codec's message.
    result = run_cli("--no-ensure-ascii", stdin=b'"\\ud800"')
    assert result.returncode == 1
    assert "surrogates not allowed" in result.stderr.decode()
    assert result.stderr.decode().count("\n") == 1


def test_invalid_utf8_is_an_input_error() -> None:
    result = run_cli(stdin=b'["\xff"]')
    assert result.returncode == 1
    assert result.stderr.decode().startswith("<stdin>:1:3: invalid UTF-8")
    assert b"Traceback" not in result.stderr


@pytest.mark.parametrize("kind", ["missing", "directory"])
def test_unreadable_input_is_a_one_line_usage_error(kind: str, tmp_path: Path) -> None:
    path = tmp_path / "nope.json" if kind == "missing" else tmp_path
    for flags in ([], ["--json-lines"]):
        result = run_cli(*flags, str(path))
        assert result.returncode == 2
        assert result.stderr.decode().count("\n") == 1
        assert str(path) in result.stderr.decode() and b"Traceback" not in result.stderr


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any file")
def test_permission_denied_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "secret.json"
    path.write_bytes(b"[]")
    path.chmod(0)
    result = run_cli(str(path))
    assert result.returncode == 2 and b"Traceback" not in result.stderr


def test_unwritable_outfile_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli(str(SAMPLE), str(tmp_path / "no-such-dir" / "out.json"))
    assert result.returncode == 2
    assert result.stderr.decode().count("\n") == 1


def exit_status_when_reader_leaves(module: str, args: list[str], infile: Path) -> tuple[int, bytes]:
    """Run `python -m module`, read a little of its output and close the pipe, like
    `| head -c 100`; return its exit status and standard error."""
    with open(infile, "rb") as stdin:
        proc = subprocess.Popen(
            [sys.executable, "-m", module, *args],
            stdin=stdin,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=ENV,
            cwd=CWD,
        )
        assert proc.stdout is not None and proc.stderr is not None
        assert proc.stdout.read(100)
        proc.stdout.close()
        stderr = proc.stderr.read()
        proc.stderr.close()
        return proc.wait(timeout=120), stderr


@pytest.mark.parametrize(
    ("args", "document"),
    [
        ([], json.dumps(list(range(200_000))) + "\n"),
        (["--json-lines"], (json.dumps({"a": list(range(50))}) + "\n") * 20_000),
    ],
    ids=["document", "json-lines"],
)
def test_closed_stdout_pipe_exits_as_json_tool_does(
    args: list[str], document: str, tmp_path: Path
) -> None:
    # Output far larger than a pipe's buffer, so the write after the close fails.
    infile = tmp_path / "in.json"
    infile.write_text(document, encoding="utf-8")
    ours, our_stderr = exit_status_when_reader_leaves("pyjsonfast", args, infile)
    theirs, _ = exit_status_when_reader_leaves("json.tool", args, infile)
    assert theirs != 0  # the pipe really broke: json.tool exits with EPIPE's number
    assert ours == theirs
    assert our_stderr == b""  # no traceback, no "Exception ignored" at exit


# --- large inputs -------------------------------------------------------------------------


# Runs the CLI, then prints the process's own peak memory (VmHWM is per address space,
# so unlike ru_maxrss it does not count the forked test process before exec).
PEAK_PROBE = """
import sys
from pyjsonfast.__main__ import main
code = main(sys.argv[1:])
with open("/proc/self/status") as status:
    peak = [line.split()[1] for line in status if line.startswith("VmHWM:")][0]
sys.stderr.write("PEAK_KB=" + peak + "\\n")
sys.exit(code)
"""


def peak_rss_bytes(args: list[str]) -> int:
    """Run the CLI and return its own peak resident memory."""
    result = subprocess.run(
        [sys.executable, "-c", PEAK_PROBE, *args],
        capture_output=True,
        env=ENV,
        cwd=CWD,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr
    return int(result.stderr.decode().rsplit("PEAK_KB=", 1)[1]) * 1024


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc for VmHWM")
@pytest.mark.skipif(
    bool(os.environ.get("PYJSONFAST_SANITIZERS")),
    reason="under ASan, freed memory waits in quarantine: the peak RSS is not the program's",
)
def test_json_lines_streams_in_constant_memory(tmp_path: Path) -> None:
    record = (
        json.dumps(
            {
                "id": 12345,
                "name": "x" * 200,
                "tags": ["a", "b", "c"] * 20,
                "values": [1.5, -2, None, True] * 20,
            }
        )
        + "\n"
    )
    small = tmp_path / "small.jsonl"
    small.write_text(record * 10, encoding="utf-8")
    baseline = peak_rss_bytes(["--json-lines", "--compact", str(small), os.devnull])
    # At least 100 MB, and big enough that "well under the file size" means something
    # for an interpreter with a large resident baseline (PyPy's is ~60 MB).
    target = max(100 * 1024 * 1024, 3 * baseline)
    big = tmp_path / "big.jsonl"
    with open(big, "w", encoding="utf-8") as f:
        block = record * 1000
        while f.tell() < target:
            f.write(block)
    size = big.stat().st_size
    half = tmp_path / "half.jsonl"
    with open(big, encoding="utf-8") as source, open(half, "w", encoding="utf-8") as f:
        while f.tell() < size // 2:
            f.write(source.readline())

    peak = peak_rss_bytes(["--json-lines", "--compact", str(big), os.devnull])
    # Constant memory: twice the input needs no more memory than half of it...
    peak_half = peak_rss_bytes(["--json-lines", "--compact", str(half), os.devnull])
    assert peak < peak_half + 32 * 1024 * 1024, (peak, peak_half)
    if platform.python_implementation() == "PyPy":
        return  # ...where PyPy's GC settles at ~300 MB whatever the input (30 MB to 200 MB)
    # ...and on CPython little more than the 10-line run.
    assert peak < baseline + 32 * 1024 * 1024, (peak, baseline)
    assert peak < size // 2, (peak, size)


# --- --stream -----------------------------------------------------------------------------


STREAM_FLAG_SETS = [[], ["--compact"], ["--sort-keys", "--no-ensure-ascii"]]


@pytest.mark.parametrize("flags", STREAM_FLAG_SETS, ids=" ".join)
def test_stream_prints_each_value_as_json_tool_prints_a_document(flags: list[str]) -> None:
    docs = [b'{"b": 1, "a": ["\xc3\xa9", 2.5]}', b"[1, 2]", b"3", b'"x"', b"null", b"{}"]
    stream = b'{"b": 1, "a": ["\xc3\xa9", 2.5]}[1, 2] 3\n"x"\t\r\nnull{}'
    ours = run_cli("--stream", *flags, stdin=stream)
    assert ours.returncode == 0, ours.stderr
    expected = b"".join(run_json_tool(*flags, stdin=doc).stdout for doc in docs)
    assert ours.stdout == expected


def test_stream_of_nothing_prints_nothing(tmp_path: Path) -> None:
    path = tmp_path / "empty.json"
    path.write_bytes(b" \n ")
    result = run_cli("--stream", str(path))
    assert (result.returncode, result.stdout) == (0, b"")


def test_stream_error_names_the_streams_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "values.json"
    path.write_bytes(b'{"a": 1}\n[1,\n 2 3]\n')
    result = run_cli("--stream", "--compact", str(path))
    assert result.returncode == 1
    assert result.stdout == b'{"a":1}\n'
    err = result.stderr.decode()
    assert err.startswith(f"{path}:3:4: Expecting ',' delimiter\n")
    assert err.splitlines()[1:] == ["     2 3]", "       ^"]
    assert run_cli("--stream", "--validate", str(path)).returncode == 1
    assert run_cli("--stream", "--validate", stdin=b"1 2 [3]").returncode == 0


def test_stream_invalid_utf8_and_unreadable_input(tmp_path: Path) -> None:
    result = run_cli("--stream", stdin=b'1 "\xff"')
    assert result.returncode == 1
    assert b"invalid UTF-8" in result.stderr
    result = run_cli("--stream", str(tmp_path / "missing.json"))
    assert result.returncode == 2 and b"cannot read" in result.stderr


def test_stream_and_json_lines_exclude_each_other() -> None:
    assert run_cli("--stream", "--json-lines", stdin=b"1").returncode == 2


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs Linux /proc for VmHWM")
@pytest.mark.skipif(
    platform.python_implementation() == "PyPy",
    reason="PyPy's GC lets RSS grow with the volume allocated (a plain chunked read of the file "
    "reaches ~380 MB); the decoder's own buffer is checked on every build in test_stream.py",
)
@pytest.mark.skipif(
    bool(os.environ.get("PYJSONFAST_SANITIZERS")),
    reason="under ASan, freed memory waits in quarantine: the peak RSS is not the program's",
)
def test_stream_runs_in_bounded_memory(tmp_path: Path) -> None:
    record = json.dumps({"id": 1, "name": "x" * 200, "values": [1.5, None, True] * 30})
    small = tmp_path / "small.json"
    small.write_text(record * 10, encoding="utf-8")
    baseline = peak_rss_bytes(["--stream", "--compact", str(small), os.devnull])
    big = tmp_path / "big.json"
    target = max(100 * 1024 * 1024, 3 * baseline)
    with open(big, "w", encoding="utf-8") as f:
        block = (record + " ") * 1000  # concatenated, no newlines
        while f.tell() < target:
            f.write(block)
    size = big.stat().st_size
    half = tmp_path / "half.json"
    with open(big, "rb") as source, open(half, "wb") as f:
        f.write(source.read(size // 2 // len(block) * len(block)))
    peak = peak_rss_bytes(["--stream", "--compact", str(big), os.devnull])
    # Bounded: twice the input needs no more memory than half of it...
    peak_half = peak_rss_bytes(["--stream", "--compact", str(half), os.devnull])
    assert peak < peak_half + 32 * 1024 * 1024, (peak, peak_half)
    # ...and little more than the 10-value run.
    assert peak < baseline + 32 * 1024 * 1024, (peak, baseline)
