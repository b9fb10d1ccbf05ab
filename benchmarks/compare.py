"""Compare pyjsonfast with other JSON libraries on the standard corpus, in one process.

    python benchmarks/compare.py                  # every operation, every library
    python benchmarks/compare.py --ops loads,dumps --repeat 9
    python benchmarks/compare.py --plot docs      # also docs/benchmarks.png (matplotlib)
    python benchmarks/compare.py --ops loads --runs 3   # and the spread over 3 runs

For each operation it prints a markdown table: one row per corpus document plus a
geometric-mean row, one column per library. The first column is the baseline, json
as imported (json (C) on CPython, PyPy's json on PyPy), with its best time over the
repeats; every other cell has the library's best time and its speed-up against the
baseline in the same run ("2.00x" = twice as fast; below 1.00x is slower); the
libraries' rounds on a document take turns, so that a noisy stretch of a shared
machine slows them alike. Columns:
pyjsonfast, json's pure-Python code, and simplejson, ujson, orjson and msgspec only
when they are installed (--libs keeps a subset). A cell reads "n/a" where the library
lacks the operation (only json and pyjsonfast take json's own classes as cls=) or it
or the baseline raised on that document (the error goes to stderr as a "# ..." line),
and a library's geometric mean reads "n/a" unless all its documents were timed.

Reports follow the timings: "memory", the peak memory traced by tracemalloc
while loads(str), loads(bytes) and dumps run (the result included, the input not),
per document, as a ratio to json's; "import_time", `import X` in a fresh
interpreter (-X importtime, the module's cumulative time), median of 7; "streams" (see
stream_workloads.py): JSON Lines read and written and a document fed in 4 KiB chunks, with
each workload's peak resident memory growth; and "escapes" (see string_workloads.py): dumps
of strings full of characters to escape (paths, HTML, JSON texts as values). The
header says which interpreter and which pyjsonfast build (compiled or pure) ran, so
the same command serves CPython, the pure build and PyPy.

With --runs N the timings are taken N times over (each run a full set of rounds,
its tables printed), then a table per operation gives each library's lowest and
highest speed-up over the runs: the run-to-run spread a shared machine shows.

The corpus is read from $PYJSONFAST_SHARED/corpus, or ../shared/corpus beside the
project root.
"""

from __future__ import annotations

import argparse
import atexit
import dataclasses
import datetime
import decimal
import enum
import functools
import importlib
import importlib.util
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import IO, Any, Optional

from stream_workloads import stream_report
from string_workloads import escapes_report

import pyjsonfast

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = Path(os.environ.get("PYJSONFAST_SHARED") or PROJECT_ROOT.parent / "shared")
DOCUMENTS = ("twitter", "citm_catalog", "canada", "github")
BASELINE = "json"

# One benchmark body: given the document (bytes, str and parsed value) and a scratch
# file, it returns a zero-argument callable to time, or None if the library lacks it.
Body = Callable[[], object]


# The accelerators json imports when they exist: CPython's _json, PyPy's _pypyjson.
ACCELERATORS = ("_json", "_pypyjson")


def is_json_module(name: str) -> bool:
    return name == "json" or name.startswith("json.") or name in ACCELERATORS


def import_pure_json() -> ModuleType:
    """A private copy of the stdlib json package with its accelerators blocked."""
    saved = {n: sys.modules.pop(n) for n in [n for n in sys.modules if is_json_module(n)]}
    for name in ACCELERATORS:
        sys.modules[name] = None  # type: ignore[assignment]  # makes "import name" fail
    try:
        return importlib.import_module("json")
    finally:
        for n in [n for n in sys.modules if is_json_module(n)]:
            del sys.modules[n]
        sys.modules.update(saved)


def optional_import(name: str) -> Optional[Any]:
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


class Library:
    """How one library does each operation; a missing operation is None."""

    def __init__(
        self,
        name: str,
        loads_str: Optional[Callable[[str], object]],
        loads_bytes: Optional[Callable[[bytes], object]],
        dumps: Optional[Callable[[object], object]],
        dumps_indent: Optional[Callable[[object], object]],
        dump_file: Optional[Callable[[object, Scratch], object]],
        dumps_json_cls: Optional[Callable[[object], object]] = None,
        loads_json_cls: Optional[Callable[[str], object]] = None,
        dumpb: Optional[Callable[[object], object]] = None,
        native_records: Optional[Callable[[object], object]] = None,
    ) -> None:
        self.name = name
        self.ops: dict[str, Optional[Callable[..., object]]] = {
            "loads": loads_str,
            "loads_bytes": loads_bytes,
            "dumps": dumps,
            "dumps_indent": dumps_indent,
            "dump_file": dump_file,
            "dumps_json_cls": dumps_json_cls,
            "loads_json_cls": loads_json_cls,
            "dumpb": dumpb,
        }
        # The native-types workload (not per document): records to UTF-8 bytes.
        self.native_records = native_records
        # The escapes report's second table: dumps(ensure_ascii=False), for the
        # libraries that take json's options (json_like).
        self.dumps_unicode: Optional[Callable[[object], object]] = None


class FrameworkEncoder(json.JSONEncoder):
    """What frameworks pass as cls=: json's own class with default() overridden."""

    def default(self, o: Any) -> Any:
        if isinstance(o, (set, frozenset)):
            return sorted(o)
        return super().default(o)


def keep_object(d: dict[str, Any]) -> Any:
    return d


class FrameworkDecoder(json.JSONDecoder):
    """What frameworks pass as cls=: json's own class setting object_hook in __init__."""

    def __init__(self, **kw: Any) -> None:
        super().__init__(object_hook=keep_object, **kw)


class Scratch:
    """Two emptied-per-call scratch files: UTF-8 text for dump(obj, fp), binary for bytes."""

    def __init__(self, text: IO[str], binary: IO[bytes]) -> None:
        self.text = text
        self.binary = binary


def text_file_writer(
    dump: Callable[[object, IO[str]], object],
) -> Callable[[object, Scratch], object]:
    def run(obj: object, scratch: Scratch) -> object:
        scratch.text.seek(0)
        scratch.text.truncate()
        dump(obj, scratch.text)
        return scratch.text.flush()

    return run


def bytes_file_writer(dumps: Callable[[object], bytes]) -> Callable[[object, Scratch], object]:
    def run(obj: object, scratch: Scratch) -> object:
        scratch.binary.seek(0)
        scratch.binary.truncate()
        scratch.binary.write(dumps(obj))
        return scratch.binary.flush()

    return run


def json_like(name: str, mod: Any, takes_json_classes: bool = False) -> Library:
    """json, the pure json copy, simplejson and pyjsonfast share json's API; json and
    pyjsonfast also take json's own encoder and decoder classes as cls=. UTF-8 bytes:
    pyjsonfast's dumpb, the others' dumps(ensure_ascii=False).encode(); the records
    with native types: pyjsonfast's native_types, the others' default=."""
    dumpb = getattr(mod, "dumpb", None)
    library = Library(
        name,
        loads_str=mod.loads,
        loads_bytes=mod.loads,
        dumps=mod.dumps,
        dumps_indent=lambda o: mod.dumps(o, indent=2),
        dump_file=text_file_writer(mod.dump),
        dumps_json_cls=(lambda o: mod.dumps(o, cls=FrameworkEncoder))
        if takes_json_classes
        else None,
        loads_json_cls=(lambda s: mod.loads(s, cls=FrameworkDecoder))
        if takes_json_classes
        else None,
        dumpb=dumpb or (lambda o: mod.dumps(o, ensure_ascii=False).encode()),
        native_records=(lambda o: dumpb(o, native_types=True))
        if dumpb is not None
        else (lambda o: mod.dumps(o, ensure_ascii=False, default=native_default).encode()),
    )
    library.dumps_unicode = lambda o: mod.dumps(o, ensure_ascii=False)
    return library


def available_libraries() -> list[Library]:
    build = "compiled" if pyjsonfast.__compiled__ else "pure"
    json_label = "json (C)" if platform.python_implementation() == "CPython" else "json (PyPy)"
    libs = [
        json_like(BASELINE, json, takes_json_classes=True),
        json_like(f"pyjsonfast ({build})", pyjsonfast, takes_json_classes=True),
    ]
    libs[0].name = json_label
    libs.append(json_like("json (pure Python)", import_pure_json()))
    simplejson = optional_import("simplejson")
    if simplejson is not None:
        libs.append(json_like("simplejson", simplejson))
    ujson = optional_import("ujson")
    if ujson is not None:
        libs.append(
            Library(
                "ujson",
                ujson.loads,
                ujson.loads,
                ujson.dumps,
                lambda o: ujson.dumps(o, indent=2),
                text_file_writer(ujson.dump),
                dumpb=lambda o: ujson.dumps(o, ensure_ascii=False).encode(),
                native_records=lambda o: ujson.dumps(
                    o, ensure_ascii=False, default=native_default
                ).encode(),
            )
        )
    orjson = optional_import("orjson")
    if orjson is not None:
        indent2 = orjson.OPT_INDENT_2
        libs.append(
            Library(
                "orjson (bytes out)",
                orjson.loads,
                orjson.loads,
                orjson.dumps,
                lambda o: orjson.dumps(o, option=indent2),
                bytes_file_writer(orjson.dumps),
                dumpb=orjson.dumps,
                native_records=lambda o: orjson.dumps(o, default=decimal_default),
            )
        )
    msgspec_json = optional_import("msgspec.json")
    if msgspec_json is not None:
        encoder = msgspec_json.Encoder()
        decoder = msgspec_json.Decoder()
        libs.append(
            Library(
                "msgspec (bytes out)",
                decoder.decode,
                decoder.decode,
                encoder.encode,
                lambda o: msgspec_json.format(encoder.encode(o), indent=2),
                bytes_file_writer(encoder.encode),
                dumpb=encoder.encode,
                native_records=encoder.encode,  # Decimal as a string: its default
            )
        )
    return libs


OPERATIONS = {
    "loads": "loads(str)",
    "loads_bytes": "loads(bytes)",
    "dumps": "dumps(obj)",
    "dumps_indent": "dumps(obj, indent=2)",
    "dump_file": "dump(obj, file)",
    "dumps_json_cls": "dumps(obj, cls=<json.JSONEncoder subclass overriding default>)",
    "loads_json_cls": "loads(str, cls=<json.JSONDecoder subclass setting object_hook>)",
    "dumpb": "UTF-8 bytes: pyjsonfast.dumpb(obj); json: dumps(obj, ensure_ascii=False).encode()",
}


def make_body(
    op: str, fn: Callable[..., object], raw: bytes, text: str, value: object, scratch: Scratch
) -> Body:
    if op in ("loads", "loads_json_cls"):
        return lambda: fn(text)
    if op == "loads_bytes":
        return lambda: fn(raw)
    if op == "dump_file":
        return lambda: fn(value, scratch)
    return lambda: fn(value)


# PyPy's JIT traces and compiles code only after it has run a while: with one
# warm-up call, a large document's few timed calls would time the compiling.
JIT_WARMUP_SECONDS = 1.0 if platform.python_implementation() == "PyPy" else 0.0


def calls_per_round(body: Body, min_time: float) -> int:
    """Warm body up (on PyPy, for JIT_WARMUP_SECONDS: until the JIT has compiled
    the loop) and find how many calls take at least min_time."""
    body()
    warm = time.perf_counter() + JIT_WARMUP_SECONDS
    while time.perf_counter() < warm:
        body()
    number = 1
    while True:
        start = time.perf_counter()
        for _ in range(number):
            body()
        if time.perf_counter() - start >= min_time or number >= 1 << 20:
            return number
        number *= 2


def best_times(bodies: list[Body], repeat: int, min_time: float) -> list[float]:
    """Best seconds per call of each body over `repeat` rounds, each at least
    min_time long. The rounds take turns (one of each body, repeat times): on a
    shared machine, a noisy stretch then slows every library alike, where timing
    one library's rounds after another's could give one the quiet stretch."""
    numbers = [calls_per_round(body, min_time) for body in bodies]
    best = [math.inf] * len(bodies)
    for _ in range(repeat):
        for k, body in enumerate(bodies):
            number = numbers[k]
            start = time.perf_counter()
            for _ in range(number):
                body()
            best[k] = min(best[k], (time.perf_counter() - start) / number)
    return best


def geometric_mean(values: list[float]) -> float:
    return math.exp(sum(math.log(v) for v in values) / len(values))


def format_time(seconds: float) -> str:
    return f"{seconds * 1e3:.3f} ms" if seconds < 1 else f"{seconds:.2f} s"


def select_libraries(lib_filter: Optional[list[str]]) -> list[Library]:
    """The installed libraries, json first; with a filter, those whose name matches."""
    libs = available_libraries()
    if lib_filter:
        libs = [
            lib for i, lib in enumerate(libs) if i == 0 or any(f in lib.name for f in lib_filter)
        ]
    return libs


def load_corpus(docs: list[str]) -> dict[str, tuple[bytes, str, object]]:
    """Each document as bytes, as str and as its value."""
    corpus = {}
    for name in docs:
        path = SHARED_DIR / "corpus" / f"{name}.json"
        if not path.is_file():
            sys.exit(f"corpus document missing: {path} (set PYJSONFAST_SHARED)")
        raw = path.read_bytes()
        corpus[name] = (raw, raw.decode("utf-8"), json.loads(raw))
    return corpus


# Seconds per call by operation, library and document (None: not timed).
Times = dict[str, dict[str, dict[str, Optional[float]]]]


def speed_up(
    times: dict[str, dict[str, Optional[float]]], lib: str, base: str, docs: list[str]
) -> Optional[float]:
    """lib's speed-up against base over docs (a geometric mean for several), from one
    operation's times by library and document; None unless all were timed."""
    ratios = []
    for doc in docs:
        t, b = times[lib][doc], times[base][doc]
        if t is None or b is None:
            return None
        ratios.append(b / t)
    return geometric_mean(ratios)


def run(
    ops: list[str],
    docs: list[str],
    libs: list[Library],
    repeat: int,
    min_time: float,
    out: Callable[[str], object],
) -> Times:
    """Time and print each operation; returns the times by operation, library, document."""
    corpus = load_corpus(docs)
    results: Times = {}

    out(
        f"Python {platform.python_version()} ({platform.python_implementation()}), "
        f"pyjsonfast {pyjsonfast.__version__} {'compiled' if pyjsonfast.__compiled__ else 'pure'}; "
        f"best of {repeat}; speed-up = json time / library time (higher is faster)"
    )
    with (
        tempfile.TemporaryFile("w+", encoding="utf-8") as text_file,
        tempfile.TemporaryFile("w+b") as binary_file,
    ):
        scratch = Scratch(text_file, binary_file)
        for op in ops:
            times: dict[str, dict[str, Optional[float]]] = {lib.name: {} for lib in libs}
            for doc, (raw, text, value) in corpus.items():
                timed: list[tuple[str, Body]] = []
                for lib in libs:
                    times[lib.name][doc] = None
                    fn = lib.ops[op]
                    if fn is None:
                        continue
                    try:
                        body = make_body(op, fn, raw, text, value, scratch)
                        body()
                    except Exception as exc:  # a library that rejects a document: say so
                        print(
                            f"# {lib.name} {op} {doc}: {type(exc).__name__}: {exc}", file=sys.stderr
                        )
                        continue
                    timed.append((lib.name, body))
                best = best_times([body for _, body in timed], repeat, min_time)
                for (name, _), seconds in zip(timed, best):
                    times[name][doc] = seconds
            results[op] = times
            base = times[libs[0].name]
            out("")
            out(f"### {OPERATIONS[op]}")
            out("")
            out("| document | " + " | ".join(lib.name for lib in libs) + " |")
            out("|---" * (len(libs) + 1) + "|")
            for doc in corpus:
                cells = []
                for lib in libs:
                    t, b = times[lib.name][doc], base[doc]
                    if t is None or b is None:
                        cells.append("n/a")
                    elif lib is libs[0]:
                        cells.append(format_time(t))
                    else:
                        cells.append(f"{format_time(t)} ({b / t:.2f}x)")
                out(f"| {doc} | " + " | ".join(cells) + " |")
            cells = ["1.00x"]
            for lib in libs[1:]:
                mean = speed_up(times, lib.name, libs[0].name, list(corpus))
                cells.append("n/a" if mean is None else f"**{mean:.2f}x**")
            out("| geometric mean | " + " | ".join(cells) + " |")
    return results


def spread_report(
    runs: list[Times], libs: list[Library], docs: list[str], out: Callable[[str], object]
) -> None:
    """Each library's lowest and highest speed-up over the runs, per operation and
    document and for the geometric mean ("n/a" unless timed in every run)."""
    out("")
    out(f"### speed-up spread over {len(runs)} runs (lowest-highest)")
    base, others = libs[0].name, libs[1:]
    for op in runs[0]:
        out("")
        out(f"#### {OPERATIONS[op]}")
        out("")
        out("| document | " + " | ".join(lib.name for lib in others) + " |")
        out("|---" * (len(others) + 1) + "|")
        for row, row_docs in [*((doc, [doc]) for doc in docs), ("geometric mean", docs)]:
            cells = []
            for lib in others:
                ups = [speed_up(times[op], lib.name, base, row_docs) for times in runs]
                known = [u for u in ups if u is not None]
                if len(known) < len(ups):
                    cells.append("n/a")
                else:
                    cells.append(f"{min(known):.2f}-{max(known):.2f}x")
            out(f"| {row} | " + " | ".join(cells) + " |")


# --- the native-types workload ----------------------------------------------------
#
# Records as services hold them: a dataclass with a datetime, a UUID, an Enum, a
# Decimal, a nested dataclass and a list of str. pyjsonfast writes them with
# native_types=True; json (and simplejson, ujson) need a default= function doing
# the same; orjson writes all but Decimal itself; msgspec all (Decimal as a string).


class Status(enum.Enum):
    ACTIVE = "active"
    IDLE = "idle"


@dataclasses.dataclass
class Address:
    street: str
    city: str
    zip: str


@dataclasses.dataclass
class Record:
    id: int
    created: datetime.datetime
    key: uuid.UUID
    status: Status
    amount: decimal.Decimal
    address: Address
    tags: list[str]


def make_records(n: int) -> list[Record]:
    return [
        Record(
            i,
            datetime.datetime(
                2026, 11, 25, 8, i % 60, i % 60, i * 7 % 1000000, datetime.timezone.utc
            ),
            uuid.UUID(int=i * 2654435761 % (1 << 128)),
            Status.ACTIVE if i % 3 else Status.IDLE,
            decimal.Decimal(f"{i}.{i % 100:02d}"),
            Address(f"{i} Main Street", "Springfield", f"{10000 + i}"),
            ["alpha", "beta", f"tag{i % 17}"],
        )
        for i in range(n)
    ]


def native_default(o: Any) -> Any:
    """What json needs to write the records: each type by hand (Decimal as a float)."""
    if dataclasses.is_dataclass(o) and not isinstance(o, type):
        return {f.name: getattr(o, f.name) for f in dataclasses.fields(o)}
    if isinstance(o, datetime.datetime):
        return o.isoformat()
    if isinstance(o, uuid.UUID):
        return str(o)
    if isinstance(o, enum.Enum):
        return o.value
    return decimal_default(o)


def decimal_default(o: Any) -> Any:
    if isinstance(o, decimal.Decimal):
        return float(o)
    raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")


NATIVE_RECORDS = 10_000


def native_report(
    libs: list[Library], repeat: int, min_time: float, out: Callable[[str], object]
) -> None:
    records = make_records(NATIVE_RECORDS)
    out("")
    out(f"### {REPORTS['native_types']}")
    out("")
    out("| library | time | speed-up |")
    out("|---|---|---|")
    timed: list[tuple[str, Body]] = []
    for lib in libs:
        fn = lib.native_records
        if fn is None:
            continue
        body = functools.partial(fn, records)
        try:
            body()
        except Exception as exc:
            print(f"# {lib.name} native_types: {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        timed.append((lib.name, body))
    best = best_times([body for _, body in timed], repeat, min_time)
    for (name, _), t in zip(timed, best):
        out(f"| {name} | {format_time(t)} | {best[0] / t:.2f}x |")


# Reports beside the timed operations (also chosen with --ops).
REPORTS = {
    "native_types": f"{NATIVE_RECORDS:,} dataclass records with datetime, UUID, Enum, Decimal, "
    "nested dataclass and list of str, to UTF-8 bytes (pyjsonfast: dumpb(native_types=True); "
    "json, simplejson, ujson: default=; orjson: default= for Decimal; msgspec: natively)",
    "memory": "peak traced memory (tracemalloc), as a ratio to json's",
    "import_time": "import time (-X importtime, cumulative, median of 7 fresh interpreters)",
    "streams": "JSON Lines read and written, a document fed in chunks (stream_workloads.py)",
    "escapes": "dumps of strings with characters to escape (string_workloads.py): best time,"
    " speed-up vs json",
}
MEMORY_OPS = ("loads", "loads_bytes", "dumps")
IMPORT_MODULES = ("json", "pyjsonfast", "simplejson", "ujson", "orjson", "msgspec.json")


def peak_traced_bytes(body: Body) -> int:
    """Peak bytes tracemalloc sees allocated while body runs, its result included."""
    import tracemalloc  # not on PyPy: main() skips the report there

    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        result = body()
        peak = tracemalloc.get_traced_memory()[1]
        del result
    finally:
        tracemalloc.stop()
    return peak


def memory_report(libs: list[Library], docs: list[str], out: Callable[[str], object]) -> None:
    corpus = load_corpus(docs)
    out("")
    out(f"### {REPORTS['memory']}")
    out("")
    out("| operation | document | " + " | ".join(lib.name for lib in libs) + " |")
    out("|---" * (len(libs) + 2) + "|")
    with tempfile.TemporaryFile("w+") as text, tempfile.TemporaryFile("w+b") as binary:
        scratch = Scratch(text, binary)
        for op in MEMORY_OPS:
            for doc, (raw, decoded, value) in corpus.items():
                peaks: list[Optional[int]] = []
                for lib in libs:
                    fn = lib.ops[op]
                    if fn is None:
                        peaks.append(None)
                        continue
                    try:
                        body = make_body(op, fn, raw, decoded, value, scratch)
                        peaks.append(peak_traced_bytes(body))
                    except Exception:  # a library that rejects a document: n/a
                        peaks.append(None)
                base = peaks[0]
                cells = [
                    "n/a"
                    if peak is None or not base
                    else f"{peak / 2**20:.1f} MiB"
                    if i == 0
                    else f"{peak / 2**20:.1f} MiB ({peak / base:.2f}x)"
                    for i, peak in enumerate(peaks)
                ]
                out(f"| {OPERATIONS[op]} | {doc} | " + " | ".join(cells) + " |")


# An empty folder to run fresh interpreters in: neither the project root nor a
# folder where a stray .py file could shadow a module.
EMPTY_DIR = tempfile.mkdtemp(prefix="pyjsonfast-bench-")
atexit.register(shutil.rmtree, EMPTY_DIR, True)


def import_microseconds(module: str) -> Optional[int]:
    """`import module`'s cumulative time in a fresh interpreter, or None if it fails."""
    # Bytecode allowed (an installed package has its .pyc files; PYTHONDONTWRITEBYTECODE
    # would add compiling the interpreted modules to every run).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    # PYTHONPATH's relative entries (PYTHONPATH=.) made absolute: the interpreter
    # runs in EMPTY_DIR, where they would name nothing, and the modules this
    # process imported would silently drop out of the report.
    if env.get("PYTHONPATH"):
        env["PYTHONPATH"] = os.pathsep.join(
            os.path.abspath(entry) if entry else entry
            for entry in env["PYTHONPATH"].split(os.pathsep)
        )
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        capture_output=True,
        text=True,
        cwd=EMPTY_DIR,  # not the project root: import the installed package
        env=env,
        check=False,
    )
    if result.returncode != 0:
        return None
    for line in reversed(result.stderr.splitlines()):
        fields = [f.strip() for f in line.split("|")]
        if len(fields) == 3 and fields[2] == module:
            return int(fields[1])
    return None


def import_time_report(out: Callable[[str], object], runs: int = 7) -> None:
    out("")
    out(f"### {REPORTS['import_time']}")
    out("")
    out("| module | import time | vs json |")
    out("|---|---|---|")
    medians: dict[str, float] = {}
    for module in IMPORT_MODULES:
        import_microseconds(module)  # warm-up: writes the bytecode a source tree lacks
        samples = [t for _ in range(runs) if (t := import_microseconds(module)) is not None]
        if not samples:
            continue
        medians[module] = statistics.median(samples) / 1000
        base = medians.get("json")
        versus = f"{medians[module] - base:+.1f} ms" if base is not None else "n/a"
        out(f"| {module} | {medians[module]:.1f} ms | {versus} |")


def positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        description="Time loads/dumps of the standard corpus for pyjsonfast and other JSON "
        "libraries in one process; print markdown tables of best times and speed-ups vs json."
    )
    parser.add_argument(
        "--ops",
        default=",".join([*OPERATIONS, *REPORTS]),
        help="comma-separated operations and reports "
        f"(default: all of {', '.join([*OPERATIONS, *REPORTS])})",
    )
    parser.add_argument(
        "--docs",
        default=",".join(DOCUMENTS),
        help="comma-separated corpus documents (default: all four)",
    )
    parser.add_argument(
        "--libs",
        default="",
        help="comma-separated substrings of library names to include "
        "(json is always included as the baseline)",
    )
    parser.add_argument(
        "--repeat", type=int, default=7, help="rounds per measurement (best is kept)"
    )
    parser.add_argument(
        "--runs",
        type=positive_int,
        default=1,
        help="time the operations this many times over and add each library's lowest "
        "and highest speed-up (the run-to-run spread)",
    )
    parser.add_argument(
        "--min-time",
        type=float,
        default=0.05,
        help="minimum seconds per round; calls per round double until reached",
    )
    parser.add_argument(
        "--lines-mb", type=int, default=100, help="size of the streams report's JSON Lines file"
    )
    parser.add_argument(
        "--doc-mb", type=int, default=50, help="size of the streams report's chunk-fed document"
    )
    parser.add_argument("--output", help="also write the tables to this file")
    parser.add_argument(
        "--plot",
        metavar="DIR",
        help="also draw the speed-ups (the last run's) as DIR/benchmarks.png (matplotlib)",
    )
    args = parser.parse_args(argv)
    ops = [o for o in args.ops.split(",") if o]
    unknown = [o for o in ops if o not in OPERATIONS and o not in REPORTS]
    if unknown:
        parser.error(f"unknown operation(s): {', '.join(unknown)}")
    lines: list[str] = []

    def out(line: str) -> None:
        print(line, flush=True)
        lines.append(line)

    docs = [d for d in args.docs.split(",") if d]
    libs = select_libraries([f for f in args.libs.split(",") if f] or None)
    timed_ops = [o for o in ops if o in OPERATIONS]
    runs: list[Times] = []
    for number in range(1, args.runs + 1):
        if args.runs > 1:
            out(f"\n## Run {number} of {args.runs}\n")
        runs.append(run(timed_ops, docs, libs, args.repeat, args.min_time, out))
    if args.runs > 1 and timed_ops:
        spread_report(runs, libs, docs, out)
    results = runs[-1]  # the chart's
    if args.plot:
        from charts import write_chart  # matplotlib: only when asked

        build = "compiled" if pyjsonfast.__compiled__ else "pure"
        title = (
            f"pyjsonfast {pyjsonfast.__version__} ({build}),"
            f" {platform.python_implementation()} {platform.python_version()},"
            f" {platform.machine()}: speed-up vs {libs[0].name}, best of {args.repeat}"
        )
        print(f"# chart: {write_chart(results, OPERATIONS, libs[0].name, title, Path(args.plot))}")
    if "native_types" in ops:
        native_report(libs, args.repeat, args.min_time, out)
    if "memory" in ops:
        if importlib.util.find_spec("_tracemalloc") is None:
            interpreter = platform.python_implementation()
            out(f"\n### {REPORTS['memory']}: skipped ({interpreter} has no tracemalloc)")
        else:
            memory_report(libs, docs, out)
    if "import_time" in ops:
        import_time_report(out)
    if "streams" in ops:
        stream_report(SHARED_DIR / "corpus", out, min(args.repeat, 5), args.lines_mb, args.doc_mb)
    if "escapes" in ops:
        out(f"\n### {REPORTS['escapes']}")
        escapes_report(
            [(lib.name, lib.ops["dumps"]) for lib in libs],
            [(lib.name, lib.dumps_unicode) for lib in libs],
            functools.partial(best_times, repeat=args.repeat, min_time=args.min_time),
            out,
        )
    if args.output:
        Path(args.output).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
