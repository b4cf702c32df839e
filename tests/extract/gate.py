"""The extraction quality gate: floors pinned beside a hash of each article set.

Three sets: ``devset`` (46 articles the rules were developed on), ``heldout`` (12 articles
kept apart, first measured in session 1 and since looked at) and ``blind`` (16 articles written
in session 2 by someone who never saw the rules; see blind/README.md for its first measurement).

Run ``python -m tests.extract.gate`` to print the scores; ``--update`` raises the pinned
floors to the measured scores. It never lowers a floor unless ``--allow-lower`` is given,
and then it prints each floor it lowered.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from pactwatch.extract.evaluate import Report, evaluate, load_articles

HERE = Path(__file__).parent
SETS = ("devset", "heldout", "blind")


def folder(name: str) -> Path:
    return HERE / name / "articles"


def floors_file(name: str) -> Path:
    return HERE / name / "floors.json"


def corpus_hash(name: str) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder(name).glob("*.json")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def measure(name: str) -> Report:
    return evaluate(load_articles(folder(name)))


def pinned(name: str) -> dict[str, Any]:
    return json.loads(floors_file(name).read_text(encoding="utf-8"))


def update(name: str, report: Report, allow_lower: bool) -> list[str]:
    path = floors_file(name)
    old = pinned(name) if path.exists() else {"floors": {}}
    same_corpus = old.get("corpus_sha256") == corpus_hash(name)
    floors: dict[str, dict[str, float]] = {}
    lowered = []
    for kind, scores in report.as_dict().items():
        floors[kind] = {}
        for metric in ("precision", "recall"):
            new, before = scores[metric], old["floors"].get(kind, {}).get(metric, 0.0)
            if new < before and same_corpus and not allow_lower:
                new = before
            if new < before:
                lowered.append(f"{name} {kind} {metric}: {before} -> {new}")
            floors[kind][metric] = new
    record = {
        "corpus_sha256": corpus_hash(name),
        "articles": len(load_articles(folder(name))),
        "floors": floors,
    }
    path.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return lowered


if __name__ == "__main__":
    for set_name in SETS:
        result = measure(set_name)
        print(set_name, json.dumps(result.as_dict()))
        if "--update" in sys.argv:
            for line in update(set_name, result, "--allow-lower" in sys.argv):
                print("LOWERED", line)
