"""compare.py's timings as a PNG: speed-up against json per document and operation.

One panel per operation; in each, a group of bars per document (and the geometric
mean), one bar per library, on a log scale where json is the line at 1x (above
it is faster). The title says which interpreter and which pyjsonfast build ran.
Called by `compare.py --plot DIR`; needs matplotlib (a benchmark-only dependency).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Optional

import matplotlib

matplotlib.use("Agg")  # files only: no display needed

import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

# seconds per call, by library name, then by document; None where not timed
OperationTimes = dict[str, dict[str, Optional[float]]]

CHART_NAME = "benchmarks.png"
MEAN = "geometric mean"
PYJSONFAST_COLOR = "#d62728"
OTHER_COLORS = ("#7f7f7f", "#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf")


def speedups(times: OperationTimes, baseline: str) -> dict[str, dict[str, Optional[float]]]:
    """Each library's speed-up (baseline time / its time) per document, plus the
    geometric mean where every document was timed; the baseline left out."""
    base = times[baseline]
    docs = list(base)
    result: dict[str, dict[str, Optional[float]]] = {}
    for lib, by_doc in times.items():
        if lib == baseline:
            continue
        ratios: dict[str, Optional[float]] = {}
        for doc in docs:
            t, b = by_doc.get(doc), base[doc]
            ratios[doc] = b / t if t is not None and b is not None and t > 0 else None
        known = [r for r in ratios.values() if r is not None]
        ratios[MEAN] = (
            math.exp(sum(map(math.log, known)) / len(known))
            if known and len(known) == len(docs)
            else None
        )
        result[lib] = ratios
    return result


def color_for(lib: str, index: int) -> str:
    return PYJSONFAST_COLOR if lib.startswith("pyjsonfast") else OTHER_COLORS[index % 7]


def draw_operation(
    ax: Axes,
    label: str,
    ratios: dict[str, dict[str, Optional[float]]],
    libs: list[str],
    baseline: str,
) -> None:
    """One panel: a group of bars per document, a bar per library timed here (each
    library in the same colour and width in every panel), from json's 1x up or down."""
    groups = list(next(iter(ratios.values()))) if ratios else []
    width = 0.8 / max(1, len(libs))
    present = [lib for lib in libs if any(ratios.get(lib, {}).values())]
    for slot, lib in enumerate(present):
        by_group = ratios[lib]
        shown = [
            (g + (slot - (len(present) - 1) / 2) * width, v)
            for g, group in enumerate(groups)
            if (v := by_group.get(group)) is not None
        ]
        ours = lib.startswith("pyjsonfast")
        bars = ax.bar(
            [x for x, _ in shown],
            [v - 1.0 for _, v in shown],
            width,
            bottom=1.0,
            label=lib,
            color=color_for(lib, libs.index(lib)),
            edgecolor="black" if ours else "none",
            linewidth=0.6,
        )
        if ours:
            ax.bar_label(bars, labels=[f"{v:.2f}" for _, v in shown], fontsize=7, padding=1)
    ax.axhline(1.0, color="black", linewidth=0.8)
    ax.set_yscale("log")
    low, high = ax.get_ylim()
    ax.set_ylim(min(low, 0.8), max(high, 1.25))
    ax.yaxis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:g}x"))
    ax.yaxis.set_minor_formatter(NullFormatter())
    ax.set_xticks(range(len(groups)))
    ax.set_xticklabels(groups, fontsize=8)
    ax.set_title(label, fontsize=10)
    ax.set_ylabel(f"speed-up vs {baseline}", fontsize=8)
    ax.grid(axis="y", which="major", linewidth=0.3)
    ax.set_axisbelow(True)


def write_chart(
    results: dict[str, OperationTimes],
    labels: dict[str, str],
    baseline: str,
    title: str,
    folder: Path,
) -> Path:
    """Draw every operation in results (labels: the panel titles) and write
    folder/benchmarks.png. Returns its path."""
    operations = [op for op in results if results[op]]
    columns = 2 if len(operations) > 1 else 1
    rows = max(1, math.ceil(len(operations) / columns))
    fig, axes = plt.subplots(rows, columns, figsize=(7.5 * columns, 3.6 * rows), squeeze=False)
    flat = [ax for row in axes for ax in row]
    ratios = {op: speedups(results[op], baseline) for op in operations}
    libs: list[str] = []  # every library timed anywhere, in compare.py's order
    for by_lib in ratios.values():
        libs += [lib for lib, r in by_lib.items() if lib not in libs and any(r.values())]
    for ax, op in zip(flat, operations):
        draw_operation(ax, labels.get(op, op), ratios[op], libs, baseline)
    for ax in flat[len(operations) :]:
        ax.set_visible(False)
    handles, names = flat[0].get_legend_handles_labels()
    fig.legend(
        handles,
        names,
        loc="upper center",
        ncol=min(len(names), 4),
        fontsize=9,
        bbox_to_anchor=(0.5, 1 - 0.55 / (3.6 * rows)),
    )
    fig.suptitle(title, fontsize=11)
    fig.tight_layout(rect=(0, 0, 1, 1 - 1.1 / (3.6 * rows)))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / CHART_NAME
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
