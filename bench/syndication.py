"""Syndication: precision and recall of 'same story' on the generated set, and documents/s of
placing documents in stories (signature and LSH lookup, ``StoryIndex``) on N generated
documents, against exact-text dedupe (SHA-256 of the text into a dict) in the same run.

The N documents are 1 in 10 distinct stories (our wire stories with 40% of their words
replaced at random, so they share little) and 9 in 10 light re-edits of those (as in
``tests/model/syndication.py``). The ledger keeps the same index in tables; this measures the
in-memory placing only.

Run: .venv/bin/python bench/syndication.py [--documents 10000]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from tests.model.syndication import STORIES, pairs_quality, reprint, syndicated

from pactwatch.model.stories import THRESHOLD, StoryIndex


def _distinct(rng: random.Random, paragraphs: list[str], n: int) -> list[str]:
    out = []
    for paragraph in paragraphs:
        words = paragraph.split()
        out.append(
            " ".join(w if rng.random() > 0.4 else f"w{n}x{rng.randrange(10**6)}" for w in words)
        )
    return out


def generated(count: int, seed: int = 7) -> tuple[list[str], int]:
    rng = random.Random(seed)
    bases = list(STORIES.values())
    texts: list[str] = []
    stories: list[list[str]] = []
    while len(texts) < count:
        if not stories or rng.random() < 0.1:
            stories.append(_distinct(rng, rng.choice(bases), len(stories)))
            texts.append("\n\n".join(stories[-1]))
        else:
            texts.append(reprint(rng.choice(stories), rng, "Wire"))
    return texts, len(stories)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=10_000)
    options = parser.parse_args()
    items = syndicated()
    index = StoryIndex()
    for item in items:
        index.add(item.id, item.text)
    precision, recall = pairs_quality(items, index.stories)
    print(
        f"threshold {THRESHOLD}: {len(items)} documents, precision {precision:.3f}, "
        f"recall {recall:.3f} of 'same story' pairs"
    )
    texts, made = generated(options.documents)
    ids = [hashlib.sha256(text.encode()).hexdigest() for text in texts]
    began = time.perf_counter()
    exact: dict[str, str] = {}
    for text in texts:
        exact.setdefault(hashlib.sha256(text.encode()).hexdigest(), text)
    hashed = time.perf_counter() - began
    began = time.perf_counter()
    index = StoryIndex()
    for document, text in zip(ids, texts, strict=True):
        index.add(document, text)
    placed = time.perf_counter() - began
    words = sum(len(text.split()) for text in texts) / len(texts)
    print(
        f"{len(texts)} documents of {words:.0f} words on average: "
        f"{made} stories made, {len(set(index.stories.values()))} found, "
        f"{len(exact)} distinct texts"
    )
    print(f"MinHash + LSH: {len(texts) / placed:,.0f} documents/s")
    print(
        f"exact hash:    {len(texts) / hashed:,.0f} documents/s "
        f"(MinHash is {hashed / placed:.4f} of its rate, {placed / hashed:,.0f}x slower)"
    )


if __name__ == "__main__":
    main()
