"""compare.py's "escapes" report: dumps of strings with characters to escape.

The corpus documents hold few escapes (a newline in a tweet, a quote in a
commit message), but other data is full of them: Windows paths, HTML, JSON
texts stored as string values, multi-line text; and text in another script
with few or none, or a line break in every string. Each workload is a list of
generated strings (the same every run), dumped by every library with its
defaults (json: ensure_ascii=True), then by the libraries that take json's
options with ensure_ascii=False (str out, non-ASCII text written as it is),
timed as compare.py times the corpus.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any, Optional

# (library name, its dumps) in the report's column order; json first.
Dumps = tuple[str, Optional[Callable[[object], object]]]
# compare.py's best_times, with its repeat and min_time: best seconds per call.
Timer = Callable[[list[Callable[[], object]]], list[float]]


def json_texts(count: int, ensure_ascii: bool) -> list[str]:
    records: list[Any] = [
        {
            "id": i,
            "name": f"user \u00e9\u4e2d {i}" if not ensure_ascii else f"user {i}",
            "tags": ["alpha", "beta"],
            "note": 'said "hi"\nthen left',
            "score": i / 7,
        }
        for i in range(count)
    ]
    return [json.dumps(record, ensure_ascii=ensure_ascii) for record in records]


WORKLOADS: dict[str, Callable[[], list[str]]] = {
    "Windows paths": lambda: [
        f"C:\\Users\\someone\\AppData\\Local\\Temp\\file{i}.txt" for i in range(5000)
    ],
    "HTML snippets": lambda: [
        f'<a href="https://example.com/{i}" class="link">item {i}</a> "quoted"' for i in range(5000)
    ],
    "JSON texts as values": lambda: json_texts(3000, True),
    "JSON texts with CJK as values": lambda: json_texts(3000, False),
    "multi-line text": lambda: [
        "".join(f"line {k} of entry {i}\twith a tab\n" for k in range(20)) for i in range(500)
    ],
    # Japanese sentences of 60-110 characters, one in five with a line break.
    "text in Japanese": lambda: [
        "\u4eca\u65e5\u306e\u6771\u4eac\u306f\u6674\u308c\u3067\u3059 " * (6 + i % 5)
        + ("\n" if i % 5 == 0 else "")
        + f"#{i}"
        for i in range(5000)
    ],
    # Japanese text of 2-4 lines, each line a sentence of the kind above.
    "lines in Japanese": lambda: [
        "\n".join(
            "\u4eca\u65e5\u306e\u6771\u4eac\u306f\u6674\u308c\u3067\u3059 " * (3 + (i + k) % 5)
            for k in range(2 + i % 3)
        )
        for i in range(2000)
    ],
}


def escapes_report(
    dumps_by_library: list[Dumps],
    unicode_dumps_by_library: list[Dumps],
    timer: Timer,
    out: Callable[[str], object],
) -> None:
    """A table of every workload dumped by every library with its defaults, then
    one with ensure_ascii=False by those that take it (json first in each)."""
    escapes_table(dumps_by_library, timer, out)
    out("\n#### ensure_ascii=False (str out)")
    escapes_table(unicode_dumps_by_library, timer, out)


def escapes_table(
    dumps_by_library: list[Dumps], timer: Timer, out: Callable[[str], object]
) -> None:
    names = [name for name, dumps in dumps_by_library if dumps is not None]
    out("")
    out("| workload | " + " | ".join(names) + " |")
    out("|---|" + "---|" * len(names))
    for workload, make in WORKLOADS.items():
        value = make()
        bodies: list[Callable[[], object]] = [
            functools.partial(dumps, value) for _, dumps in dumps_by_library if dumps
        ]
        best = timer(bodies)
        cells = [f"{best[0] * 1e3:.3f} ms"]
        cells += [f"{t * 1e3:.3f} ms ({best[0] / t:.2f}x)" for t in best[1:]]
        out(f"| {workload} | " + " | ".join(cells) + " |")
