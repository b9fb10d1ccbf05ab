"""The stream workloads of compare.py: JSON Lines read and written, and a document fed in chunks.

    python benchmarks/compare.py --ops streams [--lines-mb 100] [--doc-mb 50]

Three tables, times best of --repeat rounds (cyclic GC enabled, result kept: see times())
with the median beside:

- JSON Lines read: a file of mixed records (twitter statuses, citm_catalog events and
  performances, github items, repeated to --lines-mb MB): `[json.loads(line) for line in f]`
  against `list(pyjsonfast.load_lines(f))`, binary and text files, and iterload.
- JSON Lines written: the same records, `f.write(json.dumps(v) + "\\n")` per value against
  `pyjsonfast.dump_lines(values, f)`.
- A document fed in chunks: twitter, citm_catalog and github repeated to --doc-mb MB as one
  document, fed to StreamDecoder in 4 KiB chunks (str and bytes) against loads of the whole.

Then the memory each workload takes, in a fresh interpreter: its peak resident memory minus the
resident memory before it started (Linux, /proc/self; "n/a" elsewhere), result included.
"""

from __future__ import annotations

import functools
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Optional

import pyjsonfast

FEED_CHUNK = 4096


def records(corpus_dir: Path) -> list[Any]:
    """Mixed records, as a log or an export holds them."""
    twitter = json.loads((corpus_dir / "twitter.json").read_bytes())
    citm = json.loads((corpus_dir / "citm_catalog.json").read_bytes())
    github = json.loads((corpus_dir / "github.json").read_bytes())
    return [
        *twitter["statuses"],
        *citm["events"].values(),
        *citm["performances"],
        *github,
    ]


def write_files(corpus_dir: Path, folder: Path, lines_mb: int, doc_mb: int) -> tuple[Path, Path]:
    """The JSON Lines file and the big document, written once into folder."""
    lines_path = folder / "records.jsonl"
    block = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records(corpus_dir))
    with open(lines_path, "w", encoding="utf-8") as f:
        while f.tell() < lines_mb * 1_000_000:
            f.write(block)
    doc_path = folder / "document.json"
    parts = [
        json.loads((corpus_dir / f"{n}.json").read_bytes())
        for n in ("twitter", "citm_catalog", "github")
    ]
    one = json.dumps(parts, ensure_ascii=False)
    copies = max(1, doc_mb * 1_000_000 // len(one.encode()))
    doc_path.write_text("[" + ",".join([one] * copies) + "]", encoding="utf-8")
    return lines_path, doc_path


def times(body: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Best and median seconds of body over repeat rounds (the GC stays enabled).

    Each round keeps body's result while making a thousand small lists, as a caller that uses
    the result goes on allocating: a cyclic GC pass over the objects the body made (deferred
    by pyjsonfast, which pauses the collector while it parses a large piece, as loads does)
    is charged to the body, whichever library made them.
    """
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = body()
        after: list[list[int]] = [[] for _ in range(1000)]
        samples.append(time.perf_counter() - start)
        del result, after
    return min(samples), statistics.median(samples)


# --- the workloads: each one a function of the two paths -----------------------------------


def json_lines_loop(path: Path) -> object:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def orjson_lines_loop(path: Path) -> object:
    import orjson

    with open(path, "rb") as f:
        return [orjson.loads(line) for line in f]


def load_lines_binary(path: Path) -> object:
    with open(path, "rb") as f:
        return list(pyjsonfast.load_lines(f))


def load_lines_text(path: Path) -> object:
    with open(path, encoding="utf-8") as f:
        return list(pyjsonfast.load_lines(f))


def iterload_binary(path: Path) -> object:
    with open(path, "rb") as f:
        return list(pyjsonfast.iterload(f))


def load_lines_dropped(path: Path) -> object:
    """Values read and dropped: what the reader itself holds."""
    count = 0
    with open(path, "rb") as f:
        for _ in pyjsonfast.load_lines(f):
            count += 1
    return count


def iterload_dropped(path: Path) -> object:
    count = 0
    with open(path, "rb") as f:
        for _ in pyjsonfast.iterload(f):
            count += 1
    return count


def feed(path: Path, binary: bool) -> object:
    decoder = pyjsonfast.StreamDecoder()
    values: list[Any] = []
    with open(path, "rb") if binary else open(path, encoding="utf-8") as f:
        while chunk := f.read(FEED_CHUNK):
            values += decoder.feed(chunk)
    values += decoder.close()
    return values


READERS: dict[str, Callable[[Path], object]] = {
    "[json.loads(line) for line in f] (text)": json_lines_loop,
    "[orjson.loads(line) for line in f] (binary)": orjson_lines_loop,
    "list(load_lines(f)) (binary)": load_lines_binary,
    "list(load_lines(f)) (text)": load_lines_text,
    "list(iterload(f)) (binary)": iterload_binary,
    "load_lines(f), values dropped": load_lines_dropped,
    "iterload(f), values dropped": iterload_dropped,
}
DOCUMENT_READERS: dict[str, Callable[[Path], object]] = {
    "json.loads(whole str)": lambda p: json.loads(p.read_text(encoding="utf-8")),
    "loads(whole str)": lambda p: pyjsonfast.loads(p.read_text(encoding="utf-8")),
    "loads(whole bytes)": lambda p: pyjsonfast.loads(p.read_bytes()),
    "StreamDecoder, 4 KiB str chunks": lambda p: feed(p, False),
    "StreamDecoder, 4 KiB bytes chunks": lambda p: feed(p, True),
}


def has_orjson() -> bool:
    try:
        import orjson  # noqa: F401
    except ImportError:
        return False
    return True


# --- memory: each workload in a fresh interpreter --------------------------------------------

MEMORY_PROBE = """
import sys
sys.path.insert(0, {folder!r})
import stream_workloads as w
from pathlib import Path
def kb(field):
    with open("/proc/self/status") as status:
        return int([l.split()[1] for l in status if l.startswith(field + ":")][0])
table = w.READERS if {table!r} == "lines" else w.DOCUMENT_READERS
body = table[{name!r}]
with open("/proc/self/clear_refs", "w") as f:
    f.write("5")  # the peak (VmHWM) starts again from here
before = kb("VmRSS")
result = body(Path({path!r}))
print(kb("VmHWM") - before)
"""


def memory_growth_mb(table: str, name: str, path: Path) -> Optional[float]:
    if not Path("/proc/self/clear_refs").exists():
        return None
    probe = MEMORY_PROBE.format(
        folder=str(Path(__file__).resolve().parent), table=table, name=name, path=str(path)
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False, timeout=1800
    )
    if result.returncode != 0:
        print(f"# memory {name}: {result.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
        return None
    return int(result.stdout.split()[-1]) / 1024


def format_mb(value: Optional[float]) -> str:
    return "n/a" if value is None else f"{value:.0f} MB"


# --- the report ------------------------------------------------------------------------------


def stream_report(
    corpus_dir: Path, out: Callable[[str], object], repeat: int, lines_mb: int, doc_mb: int
) -> None:
    with tempfile.TemporaryDirectory(prefix="pyjsonfast-streams-") as tmp:
        lines_path, doc_path = write_files(corpus_dir, Path(tmp), lines_mb, doc_mb)
        lines_size = lines_path.stat().st_size / 1e6
        doc_size = doc_path.stat().st_size / 1e6
        readers = {k: v for k, v in READERS.items() if "orjson" not in k or has_orjson()}

        out("")
        out(
            f"### JSON Lines read: {lines_size:.0f} MB of mixed records (best / median of {repeat})"
        )
        out("")
        out("| workload | time | speed-up vs json's loop | peak RSS growth |")
        out("|---|---|---|---|")
        base: Optional[float] = None
        for name, body in readers.items():
            best, median = times(functools.partial(body, lines_path), repeat)
            base = best if base is None else base
            growth = memory_growth_mb("lines", name, lines_path)
            cells = [f"{best:.3f} s / {median:.3f} s", f"{base / best:.2f}x", format_mb(growth)]
            out(f"| {name} | " + " | ".join(cells) + " |")

        values = json_lines_loop(lines_path)
        assert isinstance(values, list)
        writers_table(values, Path(tmp) / "out.jsonl", out, repeat)
        del values

        out("")
        out(f"### One {doc_size:.0f} MB document fed in chunks (best / median of {repeat})")
        out("")
        out("| workload | time | vs pyjsonfast loads of the same kind | peak RSS growth |")
        out("|---|---|---|---|")
        loads_time: dict[str, float] = {}
        for name, body in DOCUMENT_READERS.items():
            best, median = times(functools.partial(body, doc_path), repeat)
            kind = "bytes" if "bytes" in name else "str"
            if name.startswith("loads"):
                loads_time[kind] = best
            ratio = f"{best / loads_time[kind]:.2f}x" if "Stream" in name else ""
            growth = memory_growth_mb("document", name, doc_path)
            cells = [f"{best:.3f} s / {median:.3f} s", ratio, format_mb(growth)]
            out(f"| {name} | " + " | ".join(cells) + " |")


def writers_table(
    values: list[Any], target: Path, out: Callable[[str], object], repeat: int
) -> None:
    out("")
    out(f"### JSON Lines written: {len(values)} records (best / median of {repeat})")
    out("")
    out("| workload | time | speed-up vs json's loop |")
    out("|---|---|---|")

    def json_writes() -> None:
        with open(target, "w", encoding="utf-8") as f:
            for v in values:
                f.write(json.dumps(v) + "\n")

    def dump_lines_text() -> None:
        with open(target, "w", encoding="utf-8") as f:
            pyjsonfast.dump_lines(values, f, separators=(", ", ": "))

    def dump_lines_compact() -> None:
        with open(target, "w", encoding="utf-8") as f:
            pyjsonfast.dump_lines(values, f)

    def dump_lines_binary() -> None:
        with open(target, "wb") as f:
            pyjsonfast.dump_lines(values, f)

    writers = {
        'f.write(json.dumps(v) + "\\n") (text)': json_writes,
        "dump_lines(values, f), json's separators (text)": dump_lines_text,
        "dump_lines(values, f) (text)": dump_lines_compact,
        "dump_lines(values, f) (binary)": dump_lines_binary,
    }
    base: Optional[float] = None
    for name, writer in writers.items():
        best, median = times(writer, repeat)
        base = best if base is None else base
        out(f"| {name} | {best:.3f} s / {median:.3f} s | {base / best:.2f}x |")
