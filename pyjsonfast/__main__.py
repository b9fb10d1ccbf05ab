"""Command line: python -m pyjsonfast (placeholder until the CLI issue lands)."""

from __future__ import annotations

import sys

from . import dumps, loads


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    with open(args[0], "rb") if args else sys.stdin.buffer as f:
        data = f.read()
    sys.stdout.write(dumps(loads(data), indent=4) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
