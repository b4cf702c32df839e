"""The extraction quality gate: floors pinned beside a hash of the development set.

Run ``python -m tests.extract.gate`` to print the scores; ``--update`` raises the pinned
floors to the measured scores (it never lowers one unless ``--allow-lower`` is given, and
then it says which).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from pactwatch.extract.evaluate import Report, evaluate, load_articles

DEVSET = Path(__file__).parent / "devset" / "articles"
FLOORS = Path(__file__).parent / "devset" / "floors.json"


def corpus_hash(folder: Path = DEVSET) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.json")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def measure() -> Report:
    return evaluate(load_articles(DEVSET))


def pinned() -> dict[str, Any]:
    return json.loads(FLOORS.read_text(encoding="utf-8"))


def update(report: Report, allow_lower: bool) -> list[str]:
    old = pinned() if FLOORS.exists() else {"floors": {}}
    floors: dict[str, dict[str, float]] = {}
    lowered = []
    for kind, scores in report.as_dict().items():
        floors[kind] = {}
        for metric in ("precision", "recall"):
            new = scores[metric]
            before = old["floors"].get(kind, {}).get(metric, 0.0)
            if new < before and not allow_lower and old.get("corpus_sha256") == corpus_hash():
                new = before
            if new < before:
                lowered.append(f"{kind} {metric}: {before} -> {new}")
            floors[kind][metric] = new
    FLOORS.write_text(
        json.dumps(
            {
                "corpus_sha256": corpus_hash(),
                "articles": len(load_articles(DEVSET)),
                "floors": floors,
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    return lowered


if __name__ == "__main__":
    result = measure()
    print(json.dumps(result.as_dict(), indent=2))
    if "--update" in sys.argv:
        for line in update(result, "--allow-lower" in sys.argv):
            print("LOWERED", line)
