"""The workload a profile-guided build (setup.py, PGO) trains the compiled
extension on: what JSON programs commonly do, on documents made here.

The shared corpus is not part of the project (nor of the sdist a wheel is built
from), so the documents are generated, deterministically, to cover what it
covers: API records with repeated keys (ASCII, Latin-1, CJK and emoji text,
escapes, big ints, booleans, null), numbers in nested arrays (coordinates),
many small objects deeply indented, and text with one space after commas and
colons. Each is written by json in five ways (compact, indented, ensure_ascii
on and off, sorted keys), and pyjsonfast loads every text (str and bytes) and
writes it again, each result checked against json's; plus JSON Lines through
the stream decoder.

setup.py runs this module in a subprocess against the instrumented build
(`python pgo_training.py <directory holding the built package>`); it prints
nothing on success and takes about a second.
"""

from __future__ import annotations

import json
import random
import sys
from types import ModuleType
from typing import Any

WORDS = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "theta", "kappa", "lambda"]
TEXTS = [
    "plain ascii text, with punctuation!",
    "caf\u00e9 cr\u00e8me br\u00fbl\u00e9e",
    "\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8\u3067\u3059",
    "emoji \U0001f600 and \U0001f64c in text",
    'quotes " and \\ backslashes, a tab\tand a line\nbreak',
    "https://example.com/users/12345/profile_images/photo_normal.jpeg",
]


def record(rng: random.Random, k: int) -> dict[str, object]:
    user: dict[str, object] = {
        f"user_{word}_{j}": rng.choice(WORDS) for j, word in enumerate(WORDS * 3)
    }
    user.update(id=rng.getrandbits(60), verified=rng.random() < 0.5, url=None)
    return {
        "id": rng.getrandbits(62),
        "id_str": str(rng.getrandbits(62)),
        "created_at": f"Sun Aug {k % 28 + 1:02d} 00:29:15 +0000 2014",
        "text": rng.choice(TEXTS),
        "lang": rng.choice(["en", "ja", "fr"]),
        "favorited": False,
        "retweeted": rng.random() < 0.2,
        "coordinates": None,
        "retweet_count": rng.randrange(1000),
        "entities": {
            "hashtags": [{"text": rng.choice(WORDS), "indices": [k, k + 7]}],
            "urls": [],
        },
        "user": user,
        "score": rng.random() * 100,
    }


def documents(rng: random.Random) -> list[object]:
    records = [record(rng, k) for k in range(300)]
    geometry = [
        [
            [round(rng.uniform(-180, 180), rng.choice([6, 15])), rng.uniform(-90, 90)]
            for _ in range(1000)
        ]
        for _ in range(8)
    ]
    catalog = {
        "areaNames": {str(205705993 + k): f"{rng.choice(WORDS)} {k}" for k in range(300)},
        "events": [
            {"id": 138586341 + k, "logo": None, "name": rng.choice(TEXTS), "subTopicIds": [1, 2, k]}
            for k in range(100)
        ],
        "performances": [
            {
                "eventId": k,
                "prices": [{"amount": 90250, "seatCategoryId": 338937295}] * 3,
                "seatCategories": [
                    {
                        "areas": [{"areaId": 205705999 + j, "blockIds": []} for j in range(6)],
                        "seatCategoryId": k,
                    }
                ],
            }
            for k in range(100)
        ],
    }
    return [records, {"type": "FeatureCollection", "features": geometry}, catalog]


# How each document is written: by json, then by pyjsonfast, which must agree.
WRITES: list[dict[str, Any]] = [
    {},
    {"indent": 2},
    {"indent": 4, "ensure_ascii": False},
    {"separators": (",", ":"), "ensure_ascii": False},
    {"sort_keys": True},
]


def train(pyjsonfast: ModuleType) -> None:
    rng = random.Random(20261206)
    for value in documents(rng):
        texts = [(options, json.dumps(value, **options)) for options in WRITES]
        for _ in range(4):
            for options, text in texts:
                assert pyjsonfast.loads(text) == value
                assert pyjsonfast.loads(text.encode()) == value
                assert pyjsonfast.dumps(value, **options) == text
    lines = "".join(json.dumps(record(rng, k)) + "\n" for k in range(40))
    stream = pyjsonfast.StreamDecoder()
    count = 0
    for start in range(0, len(lines), 4096):
        count += len(stream.feed(lines[start : start + 4096]))
    assert count == 40, count


if __name__ == "__main__":
    sys.path.insert(0, sys.argv[1])
    import pyjsonfast

    if not pyjsonfast.__compiled__:
        sys.exit(f"pgo_training: the pyjsonfast in {sys.argv[1]} is not the compiled build")
    train(pyjsonfast)
