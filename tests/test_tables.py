"""The tables written out in pyjsonfast/_tables.py are their builders' output.

    PYTHONPATH=. python tests/test_tables.py    # rewrite pyjsonfast/_tables.py from the builders
"""

from __future__ import annotations

import sys
from pathlib import Path

from pyjsonfast import _floatrepr, _numbers, _tables

TABLES_FILE = Path(__file__).resolve().parent.parent / "pyjsonfast" / "_tables.py"
HEX_PER_LINE = 88


def test_powers_of_five_are_the_builders() -> None:
    assert _tables.POWERS_OF_FIVE == _numbers._build_power_table()
    assert _numbers.POWERS_OF_FIVE is _tables.POWERS_OF_FIVE


def test_schubfach_table_is_the_builders() -> None:
    assert _tables.G_TABLE == _floatrepr._build_g_table()


def table_source(name: str, data: bytes, comment: str) -> str:
    text = data.hex()
    lines = [text[i : i + HEX_PER_LINE] for i in range(0, len(text), HEX_PER_LINE)]
    body = "\n".join(f'    "{line}"' for line in lines)
    return f"{comment}\n{name}: Final[bytes] = bytes.fromhex(\n{body}\n)\n"


def regenerate() -> None:
    source = TABLES_FILE.read_text(encoding="utf-8")
    head = source[: source.index("# _numbers._build_power_table()")]
    TABLES_FILE.write_text(
        head
        + table_source(
            "POWERS_OF_FIVE",
            _numbers._build_power_table(),
            "# _numbers._build_power_table(): 128-bit approximations of 5**q.",
        )
        + "\n"
        + table_source(
            "G_TABLE",
            _floatrepr._build_g_table(),
            "# _floatrepr._build_g_table(): Schubfach's g for each k.",
        ),
        encoding="utf-8",
    )


if __name__ == "__main__":
    regenerate()
    sys.exit(0)
