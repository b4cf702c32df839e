"""Extraction speed on one core, against the bare spaCy tokenizer on the same texts.

Builds N articles of about 600 words from the development set (each article's paragraphs,
rotated and joined with another article's until ~600 words), then times:
  1. pactwatch's extractor (sentences, gazetteer, cues, claims),
  2. spaCy's blank English tokenizer alone,
and prints articles/s, words/s and the ratio of the two words/s figures. The two are timed in
alternating rounds and the best round of each is kept, so that load from elsewhere on the
machine does not skew the ratio.

Run: .venv/bin/python bench/extract_throughput.py [--articles 2000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import time
from pathlib import Path

import spacy

from pactwatch.extract import extract
from pactwatch.extract.engine import default_engine
from pactwatch.extract.evaluate import load_articles
from pactwatch.model import Document

DEVSET = Path(__file__).parents[1] / "tests" / "extract" / "devset" / "articles"
TARGET_WORDS = 600


def build_corpus(count: int) -> list[Document]:
    articles = load_articles(DEVSET)
    texts = []
    for index in range(count):
        first = articles[index % len(articles)].document
        second = articles[(index * 7 + 3) % len(articles)].document
        paragraphs = first.text.split("\n") + second.text.split("\n")
        shift = index % len(paragraphs)
        rotated = paragraphs[shift:] + paragraphs[:shift]
        chosen, words = [], 0
        for paragraph in rotated:
            chosen.append(paragraph)
            words += len(paragraph.split())
            if words >= TARGET_WORDS:
                break
        texts.append(
            Document(
                text="\n".join(chosen) + f"\n(ref {index})",
                source=f"bench-{index}",
                published=first.published or dt.date(2026, 1, 6),
            )
        )
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3, help="best of N alternating rounds")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    corpus = build_corpus(args.articles)
    words = sum(len(doc.text.split()) for doc in corpus)
    engine = default_engine()
    extract(corpus[0], engine)  # warm-up: builds nothing new, loads caches

    tokenizer = spacy.blank("en").tokenizer
    extract_times, token_times = [], []
    claims = 0
    for _ in range(args.rounds):  # alternate the two, keep the best of each (as timeit does)
        started = time.perf_counter()
        claims = sum(len(extract(doc, engine)) for doc in corpus)
        extract_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        for doc in corpus:
            tokenizer(doc.text)
        token_times.append(time.perf_counter() - started)
    extract_seconds, token_seconds = min(extract_times), min(token_times)

    extract_wps = words / extract_seconds
    token_wps = words / token_seconds
    per_article = words / len(corpus)
    print(f"corpus: {len(corpus)} articles, {words} words ({per_article:.0f}/article), one core")
    print(
        f"extract:   {len(corpus) / extract_seconds:8.1f} articles/s  "
        f"{extract_wps:10.0f} words/s  ({claims} claims)"
    )
    print(f"tokenizer: {len(corpus) / token_seconds:8.1f} articles/s  {token_wps:10.0f} words/s")
    print(
        f"ratio extract/tokenizer words/s: {extract_wps / token_wps:.3f} "
        "(issue 10's targets: >= 300 articles/s and a ratio >= 0.15)"
    )


if __name__ == "__main__":
    main()
