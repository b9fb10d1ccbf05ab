"""Command line: validate, pretty-print, compact and sort JSON, like `python -m json.tool`.

    python -m pyjsonfast data.json              # pretty-print with 4 spaces
    python -m pyjsonfast --compact < in.json    # most compact form
    python -m pyjsonfast --validate data.json   # parse only; exit 1 with FILE:LINE:COL on error
    python -m pyjsonfast --stream < values.json # any number of values, in bounded memory

Output is identical to json.tool's for the same input and flags. Left uncompiled
(as black does): it only parses arguments and calls the library.
"""

from __future__ import annotations

import argparse
import platform
import sys

from . import JSONDecodeError, __compiled__, __version__, dump, loads
from ._decode_api import check_max_depth
from ._decoder import DEFAULT_MAX_DEPTH, MAX_DEPTH_LIMIT

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only (see _buffer)
    from collections.abc import Iterator
    from typing import IO, Any, NoReturn, Optional

EXIT_INVALID = 1  # the input is not valid JSON (or not UTF-8)
EXIT_USAGE = 2  # bad arguments, missing/unreadable/unwritable file (argparse uses 2 too)


def build_parser(prog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Validate and pretty-print JSON, like python -m json.tool but faster. "
        "Reads INFILE (default: standard input) and writes OUTFILE (default: standard "
        "output). On invalid input it prints FILE:LINE:COL: message and the offending "
        "line with a caret to standard error, and exits with status 1; a missing or "
        "unreadable file exits with status 2.",
    )
    parser.add_argument(
        "infile",
        nargs="?",
        default="-",
        help="a JSON file to validate or pretty-print (- for stdin)",
    )
    parser.add_argument(
        "outfile", nargs="?", default=None, help="write the output of infile to outfile"
    )
    parser.add_argument(
        "--sort-keys",
        action="store_true",
        default=False,
        help="sort the output of dictionaries alphabetically by key",
    )
    parser.add_argument(
        "--no-ensure-ascii",
        dest="ensure_ascii",
        action="store_false",
        help="disable escaping of non-ASCII characters",
    )
    framing = parser.add_mutually_exclusive_group()
    framing.add_argument(
        "--json-lines",
        action="store_true",
        default=False,
        help="parse input using the JSON Lines format, one document per line, streamed in "
        "constant memory. Use with --no-indent or --compact to produce valid JSON Lines output.",
    )
    framing.add_argument(
        "--stream",
        action="store_true",
        default=False,
        help="parse input as a stream of JSON values, one after another with any whitespace "
        "(or none) between them, read in chunks in memory bounded by the largest value; "
        "each value is written as the other modes write one",
    )
    layout = parser.add_mutually_exclusive_group()
    layout.add_argument(
        "--indent",
        default=4,
        type=int,
        help="separate items with newlines and use this number of spaces for indentation "
        "(default: 4)",
    )
    layout.add_argument(
        "--tab",
        action="store_const",
        dest="indent",
        const="\t",
        help="separate items with newlines and use tabs for indentation",
    )
    layout.add_argument(
        "--no-indent",
        action="store_const",
        dest="indent",
        const=None,
        help="separate items with spaces rather than newlines",
    )
    layout.add_argument(
        "--compact",
        action="store_true",
        help="suppress all whitespace separation (most compact)",
    )
    parser.add_argument(
        "--validate",
        action="store_true",
        help="only check that the input is valid JSON: print nothing and exit 0 if it is",
    )
    parser.add_argument(
        "--allow-nan",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="accept NaN, Infinity and -Infinity in the input, as json does (default: accept)",
    )
    parser.add_argument(
        "--reject-duplicate-keys",
        action="store_true",
        help="treat an object with the same key twice as invalid (json keeps the last value)",
    )
    parser.add_argument(
        "--max-depth",
        type=max_depth,
        default=None,
        metavar="N",
        help="treat input nested deeper than N arrays/objects as invalid "
        f"(N from 0 to {MAX_DEPTH_LIMIT}, as for loads; default: {DEFAULT_MAX_DEPTH})",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=version_text(),
        help="print the version and whether the compiled or the pure build is loaded",
    )
    return parser


def max_depth(text: str) -> int:
    """--max-depth's value, checked against loads' range while parsing the arguments,
    so a bad setting is a usage error before any input is read."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
    try:
        check_max_depth(value)  # loads' own rule
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return value


def version_text() -> str:
    build = "compiled (mypyc)" if __compiled__ else "pure Python"
    return (
        f"pyjsonfast {__version__}, {build} build, "
        f"{platform.python_implementation()} {platform.python_version()}"
    )


def fail(code: int, message: str) -> NoReturn:
    sys.stderr.write(message + "\n")
    raise SystemExit(code)


def report_decode_error(name: str, exc: JSONDecodeError, first_line: int = 1) -> NoReturn:
    # exc.snippet is the decoder's: the line, trimmed around the column, and a caret.
    snippet = "\n".join(f"    {line}" for line in exc.snippet.splitlines())
    fail(EXIT_INVALID, f"{name}:{first_line + exc.lineno - 1}:{exc.colno}: {exc.msg}\n{snippet}")


def report_unicode_error(
    name: str, data: bytes, exc: UnicodeDecodeError, first_line: int = 1
) -> NoReturn:
    before = data[: exc.start]
    line = first_line + before.count(b"\n")
    column = exc.start - (before.rfind(b"\n") + 1) + 1  # in bytes: the line is not text
    fail(EXIT_INVALID, f"{name}:{line}:{column}: invalid UTF-8: {exc.reason}")


def read_input(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError as exc:
        fail(EXIT_USAGE, f"pyjsonfast: cannot read {path}: {exc.strerror or exc}")


def input_lines(path: str) -> Iterator[bytes]:
    """The input's lines, read lazily so --json-lines runs in constant memory."""
    if path == "-":
        yield from sys.stdin.buffer
        return
    try:
        f = open(path, "rb")  # closed by the with below, after the last line
    except OSError as exc:
        fail(EXIT_USAGE, f"pyjsonfast: cannot read {path}: {exc.strerror or exc}")
    with f:
        try:
            yield from f
        except OSError as exc:  # e.g. a directory: open() succeeds, reading fails
            fail(EXIT_USAGE, f"pyjsonfast: cannot read {path}: {exc.strerror or exc}")


def without_line_end(line: str) -> str:
    """A JSON Lines line without its newline ("\\n" or "\\r\\n")."""
    if line.endswith("\r\n"):
        return line[:-2]
    if line.endswith("\n"):
        return line[:-1]
    return line


def parse(
    name: str, data: bytes, first_line: int, load_args: dict[str, Any], json_line: bool = False
) -> object:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        report_unicode_error(name, data, exc, first_line)
    try:
        return loads(text, **load_args)
    except JSONDecodeError as exc:
        if json_line:
            # json.tool parses the line with its newline (so its messages are
            # ours), but an error past the line's end belongs to that line.
            content = without_line_end(text)
            if exc.pos > len(content):
                exc = JSONDecodeError(exc.msg, content, len(content))
        report_decode_error(name, exc, first_line)
    except ValueError as exc:  # e.g. an integer past sys.get_int_max_str_digits()
        fail(EXIT_INVALID, f"{name}:{first_line}: {exc}")


def stream_values(path: str, name: str, load_args: dict[str, Any]) -> Iterator[object]:
    """The values of a stream of JSON values (--stream), read in chunks."""
    from .stream import iterload  # here only: other runs need not import streaming

    if path == "-":
        f = sys.stdin.buffer
    else:
        try:
            f = open(path, "rb")
        except OSError as exc:
            fail(EXIT_USAGE, f"pyjsonfast: cannot read {path}: {exc.strerror or exc}")
    try:
        yield from iterload(f, **load_args)
    except JSONDecodeError as exc:  # lineno and colno count from the start of the input
        report_decode_error(name, exc)
    except UnicodeDecodeError as exc:
        fail(EXIT_INVALID, f"{name}: invalid UTF-8 in a value: {exc.reason}")
    except ValueError as exc:  # e.g. an integer past sys.get_int_max_str_digits()
        fail(EXIT_INVALID, f"{name}: {exc}")
    except OSError as exc:  # e.g. a directory: open() succeeds, reading fails
        fail(EXIT_USAGE, f"pyjsonfast: cannot read {path}: {exc.strerror or exc}")
    finally:
        if f is not sys.stdin.buffer:
            f.close()


def documents(
    options: argparse.Namespace, name: str, load_args: dict[str, Any]
) -> Iterator[object]:
    if options.stream:
        yield from stream_values(options.infile, name, load_args)
    elif options.json_lines:
        for number, line in enumerate(input_lines(options.infile), start=1):
            yield parse(name, line, number, load_args, json_line=True)
    else:
        yield parse(name, read_input(options.infile), 1, load_args)


def open_output(path: Optional[str]) -> IO[str]:
    if path is None:
        return sys.stdout
    try:
        return open(path, "w", encoding="utf-8")
    except OSError as exc:
        fail(EXIT_USAGE, f"pyjsonfast: cannot write {path}: {exc.strerror or exc}")


def run(argv: Optional[list[str]], prog: str) -> int:
    options = build_parser(prog).parse_args(argv)
    name = "<stdin>" if options.infile == "-" else options.infile
    load_args: dict[str, Any] = {}
    if not options.allow_nan:
        load_args["allow_nan"] = False
    if options.reject_duplicate_keys:
        load_args["reject_duplicate_keys"] = True
    if options.max_depth is not None:
        load_args["max_depth"] = options.max_depth
    dump_args: dict[str, Any] = {
        "sort_keys": options.sort_keys,
        "indent": options.indent,
        "ensure_ascii": options.ensure_ascii,
    }
    if options.compact:
        dump_args["indent"] = None
        dump_args["separators"] = (",", ":")

    objs = documents(options, name, load_args)
    if options.validate:
        for _ in objs:
            pass
        return 0
    if not options.json_lines and not options.stream:
        objs = iter(list(objs))  # parse before opening (and truncating) the output file
    outfile = open_output(options.outfile)
    try:
        for obj in objs:
            dump(obj, outfile, **dump_args)
            outfile.write("\n")
    except UnicodeEncodeError as exc:  # a lone surrogate with --no-ensure-ascii, as json.tool
        fail(EXIT_INVALID, f"{name}: cannot write the output: {exc}")
    finally:
        if outfile is not sys.stdout:
            outfile.close()
    return 0


def main(argv: Optional[list[str]] = None) -> int:
    prog = "python -m pyjsonfast" if sys.argv[0].endswith("__main__.py") else "pyjsonfast"
    try:
        code = run(argv, prog)
        sys.stdout.flush()
        return code
    except BrokenPipeError as exc:
        # The reader went away (e.g. `| head`): end without a traceback and with
        # json.tool's status, the error number (EPIPE, 32) on CPython 3.9-3.13 and
        # PyPy. json.tool is quiet because its `with` has closed stdout; here stdout
        # is pointed at devnull instead, so whatever is still buffered cannot raise
        # BrokenPipeError again when the interpreter flushes it at exit.
        import os

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return exc.errno or 0  # as sys.exit(exc.errno) in json.tool
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
