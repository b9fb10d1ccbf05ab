"""Coverage-guided fuzzing of pyjsonfast with atheris (libFuzzer), on the pure build.

    python fuzz/run_fuzzer.py --seconds 600                 # every target, 600 s in all
    python fuzz/run_fuzzer.py --seconds 300 loads dumps     # some targets
    python fuzz/run_fuzzer.py --replay loads FILE...        # run inputs once, no atheris
    python fuzz/run_fuzzer.py --minimize                    # shrink fuzz/corpus/

`nox -s fuzz -- SECONDS` installs atheris and the pure build and runs the first
form. The targets are fuzz_targets.CHECKS: pyjsonfast against json on each input
(see fuzz_targets.py). atheris instruments Python bytecode, so coverage comes from
the uncompiled package (and from the harness, so the value builder's paths guide
dumps too); a compiled build in the environment is refused.

Each target gets an equal share of the time. It starts from seeds made here from
the shared conformance documents ($PYJSONFAST_SHARED/conformance, prefixed with
option headers; never copied into the project) and from the kept corpus
fuzz/corpus/TARGET/. Afterwards the inputs that found new coverage are merged into
fuzz/corpus/TARGET/ (only those adding coverage that corpus lacks, cut to 8 KiB), where
tests/test_fuzz_corpus.py replays them on whatever build is installed: compiled,
pure, PyPy, sanitizers. A mismatch, crash or timeout stops that target; libFuzzer
saves the input under the work folder's findings/ (the path is printed) and this
exits 1. Turn it into a regression test in tests/.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Optional

FUZZ_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = FUZZ_DIR.parent
CORPUS_DIR = FUZZ_DIR / "corpus"
SHARED_DIR = Path(os.environ.get("PYJSONFAST_SHARED") or PROJECT_ROOT.parent / "shared")
TARGETS = ("loads", "dumps", "stream")
MAX_LEN = 65536  # a hang is > 1 s on an input of at most 64 KiB
# What the kept corpus holds: inputs (or their beginnings) of at most 8 KiB, enough
# to nest past every depth limit, small enough to keep in the repository.
KEPT_MAX_LEN = 8192
# libFuzzer's timeout, per input, on instrumented interpreted code (tens of times
# slower than the compiled build); the 1 s limit is the replay test's, compiled.
TIMEOUT_SECONDS = 10
WORKER = "--libfuzzer-worker"
HEADERS = {  # the default-options header of each target's input (see fuzz_targets)
    "loads": (b"\0\0\0\0", b"\3\0\0\0"),  # loads(str), loads(bytes)
    "dumps": (b"\0\0", b"\x12\x3a"),
    "stream": (b"\0\0\0", b"\x0f\1\2"),  # whole str; bytes in chunks of 1-8
}


def conformance_documents() -> list[Path]:
    folder = SHARED_DIR / "conformance"
    if not folder.is_dir():
        print(f"# no seeds: {folder} not found (set PYJSONFAST_SHARED)", file=sys.stderr)
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file())


def make_seeds(target: str, out: Path) -> int:
    """Write target's seeds into out: each conformance document behind the default
    headers and behind one header derived from its name; for the stream, JSON Lines
    of the small documents too. Returns how many."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    header_length = len(HEADERS[target][0])
    count = 0
    small: list[bytes] = []
    for path in conformance_documents():
        body = path.read_bytes()[:MAX_LEN]
        if len(body) < 200:
            small.append(body.strip())
        derived = hashlib.sha256(path.name.encode()).digest()[:header_length]
        for header in (*HEADERS[target], derived):
            seed = header + body
            (out / hashlib.sha1(seed).hexdigest()).write_bytes(seed)
            count += 1
    if target == "stream" and small:
        for joiner in (b"\n", b" ", b""):
            seed = HEADERS["stream"][1] + joiner.join(small[:100])
            (out / hashlib.sha1(seed).hexdigest()).write_bytes(seed[:MAX_LEN])
            count += 1
    return count


def run_worker(target: str, libfuzzer_args: list[str]) -> None:
    """In this process: libFuzzer on target, the pure package instrumented."""
    import atheris
    from atheris.import_hook import instrument_imports  # (types-atheris: not re-exported)

    with instrument_imports(include=["pyjsonfast", "fuzz_targets"]):
        import fuzz_targets

        import pyjsonfast
    if pyjsonfast.__compiled__:
        sys.exit(
            f"{pyjsonfast.__file__} is the compiled build: atheris sees no coverage in it. "
            "Install the pure one (PYJSONFAST_PURE=1 pip install .), as nox -s fuzz does."
        )
    # libFuzzer's merge runs argv[0] through the shell: make it this worker's command.
    command = shlex.join([sys.executable, str(Path(__file__).resolve()), WORKER, target])
    atheris.Setup([command, *libfuzzer_args], fuzz_targets.CHECKS[target])
    atheris.Fuzz()


def worker(target: str, args: list[str], stats: dict[str, str]) -> int:
    """Run a worker process, echo its output, and keep libFuzzer's final stats."""
    command = [sys.executable, __file__, WORKER, target, *args]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace"
    ) as process:
        assert process.stdout is not None
        for line in process.stdout:
            print(line, end="", flush=True)
            if line.startswith("stat::"):
                name, _, value = line[len("stat::") :].partition(":")
                stats[name.strip()] = value.strip()
    return process.returncode


def files_in(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()} if folder.is_dir() else set()


def fuzz_target(target: str, seconds: int, work: Path) -> tuple[bool, str]:
    """Fuzz target for seconds, then merge what it found into fuzz/corpus/TARGET.
    Returns (passed, a summary line)."""
    seeds = work / "seeds" / target
    found = work / "found" / target  # every input libFuzzer kept in this run
    findings = work / "findings" / target
    corpus = CORPUS_DIR / target
    shutil.rmtree(found, ignore_errors=True)
    for folder in (found, findings, corpus):
        folder.mkdir(parents=True, exist_ok=True)
    seed_count = make_seeds(target, seeds)
    before = files_in(corpus)
    stats: dict[str, str] = {}
    started = time.monotonic()
    status = worker(
        target,
        [
            f"-max_total_time={seconds}",
            f"-timeout={TIMEOUT_SECONDS}",
            f"-max_len={MAX_LEN}",
            "-rss_limit_mb=4096",
            "-print_final_stats=1",
            f"-artifact_prefix={findings}{os.sep}",
            str(found),
            str(corpus),
            str(seeds),
        ],
        stats,
    )
    elapsed = time.monotonic() - started
    # Keep only what adds coverage beyond the kept corpus (a crash-free merge:
    # inputs that failed are in findings/, not in found/).
    merge_status = merge(target, corpus, [found])
    added = len(files_in(corpus) - before)
    summary = (
        f"{target}: {elapsed:.0f} s, {stats.get('number_of_executed_units', '?')} runs, "
        f"{seed_count} seeds, {len(files_in(found))} inputs kept this run, "
        f"{added} added to {corpus.relative_to(PROJECT_ROOT)} (now {len(files_in(corpus))})"
    )
    failed = status != 0 or merge_status != 0
    if failed:
        summary += f"; FAILED (exit {status}): inputs in {findings}"
    return not failed, summary


def merge(target: str, into: Path, sources: list[Path]) -> int:
    """libFuzzer's merge: copy into `into` the inputs of sources that reach code it
    does not (each cut to KEPT_MAX_LEN bytes)."""
    args = [f"-timeout={TIMEOUT_SECONDS}", f"-max_len={KEPT_MAX_LEN}", "-merge=1", str(into)]
    return worker(target, [*args, *map(str, sources)], {})


def minimize(target: str, work: Path) -> tuple[bool, str]:
    """Rebuild fuzz/corpus/TARGET from itself: the fewest inputs for the same coverage."""
    corpus = CORPUS_DIR / target
    old = work / "old" / target
    shutil.rmtree(old, ignore_errors=True)
    old.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(str(corpus), str(old))
    corpus.mkdir()
    status = merge(target, corpus, [old])
    summary = f"{target}: {len(files_in(old))} inputs minimized to {len(files_in(corpus))}"
    if status != 0:
        shutil.rmtree(corpus)
        shutil.move(str(old), str(corpus))
        summary += f"; FAILED (exit {status}), corpus left as it was"
    return status == 0, summary


def replay(target: str, files: list[str]) -> int:
    import fuzz_targets

    for name in files:
        print(f"{target} {name}")
        fuzz_targets.CHECKS[target](Path(name).read_bytes())
    return 0


def main(argv: Optional[list[str]] = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == [WORKER]:  # this script, run by worker(): TARGET, then libFuzzer's arguments
        run_worker(argv[1], argv[2:])
        return 0
    parser = argparse.ArgumentParser(
        description="Coverage-guided fuzzing (atheris) of pyjsonfast's pure build against json."
    )
    parser.add_argument(
        "targets",
        nargs="*",
        help=f"targets (default: {' '.join(TARGETS)}); with --replay, TARGET FILE...",
    )
    parser.add_argument("--seconds", type=int, default=120, help="total fuzzing time (default 120)")
    parser.add_argument(
        "--work",
        type=Path,
        default=PROJECT_ROOT / ".nox" / "fuzz",
        help="folder for seeds, this run's finds and failing inputs (default .nox/fuzz)",
    )
    parser.add_argument(
        "--replay", action="store_true", help="run TARGET once on each FILE (no atheris needed)"
    )
    parser.add_argument(
        "--minimize",
        action="store_true",
        help="instead of fuzzing, shrink fuzz/corpus/TARGET to the fewest inputs for its coverage",
    )
    args = parser.parse_args(argv)
    if args.replay:
        if len(args.targets) < 2 or args.targets[0] not in TARGETS:
            parser.error("--replay takes a target and input files")
        return replay(args.targets[0], args.targets[1:])
    import fuzz_targets

    targets = args.targets or list(TARGETS)
    unknown = [t for t in targets if t not in TARGETS]
    if unknown:
        parser.error(f"unknown target(s): {' '.join(unknown)}")
    if "stream" in targets and fuzz_targets.stream_decoder_class() is None:
        print("# stream: skipped, this pyjsonfast has no StreamDecoder")
        targets.remove("stream")
    share = max(1, args.seconds // max(1, len(targets)))
    if args.minimize:
        results = [minimize(target, args.work) for target in targets]
    else:
        results = [fuzz_target(target, share, args.work) for target in targets]
    print()
    for _, summary in results:
        print(f"# fuzz {summary}")
    return 0 if all(passed for passed, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
