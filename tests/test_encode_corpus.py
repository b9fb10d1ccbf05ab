"""The writer on the shared corpus documents: byte-identical to json for the usual options."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from shared_data import CORPUS_NAMES, corpus_bytes

import pyjsonfast

OPTION_SETS: list[dict[str, Any]] = [
    {},
    {"indent": 2},
    {"indent": "\t", "sort_keys": True},
    {"ensure_ascii": False},
    {"separators": (",", ":"), "sort_keys": True, "ensure_ascii": False},
    {"indent": 0, "check_circular": False},
]


@pytest.mark.parametrize("name", CORPUS_NAMES)
@pytest.mark.parametrize("options", OPTION_SETS, ids=lambda o: ",".join(o) or "default")
def test_corpus_dumps_identical(name: str, options: dict[str, Any]) -> None:
    document = json.loads(corpus_bytes(name))
    assert pyjsonfast.dumps(document, **options) == json.dumps(document, **options)


@pytest.mark.parametrize("name", CORPUS_NAMES)
def test_corpus_dump_identical(name: str) -> None:
    document = json.loads(corpus_bytes(name))
    fp = io.StringIO()
    pyjsonfast.dump(document, fp, indent=2)
    assert fp.getvalue() == json.dumps(document, indent=2)
