#!/usr/bin/env python3
"""The real-news corpus: check its cache, and score the extractor on it.

The corpus (tests/extract/realnews/) commits only each report's URL, the query that finds it
again in the `search` tool's `pages` corpus, and our own gold. The texts live in a cache outside
the repository ($PACTWATCH_REALNEWS_CACHE, default ~/.cache/pactwatch/realnews/<id>.txt).

usage:
  python tools/realnews.py check        every text cached and unchanged, no URL held out?
  python tools/realnews.py score [--part tune|blind|all] [--by-topic] [--show N] [--no-published]
  python tools/realnews.py records [--part ...]   the JSONL records `pactwatch extract` reads

`score` runs `pactwatch extract --format jsonl` on the cached texts and scores the output with
../shared/eval/score.py (the scorer of the project's held-out set). The blind part is scored
only as a whole: never print or read its texts or misses while changing rules.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "extract" / "realnews"
SHARED_EVAL = ROOT.parent / "shared" / "eval"
PARTS = ("tune", "blind", "all")
REQUIRED = ("id", "url", "query", "published", "title", "topic", "text_sha256", "facts")
TOPICS = frozenset({"coalition", "bilateral", "other-pact", "negative"})
FACT_TYPES = frozenset({"membership", "commitment", "agreement", "meeting"})


def cache_dir() -> Path:
    configured = os.environ.get("PACTWATCH_REALNEWS_CACHE")
    return Path(configured) if configured else Path.home() / ".cache" / "pactwatch" / "realnews"


def part_of(path: Path) -> str:
    return "blind" if path.stem.startswith("blind-") else "tune"


GOLD = [CORPUS / "gold"]


def load_gold(part: str) -> list[dict[str, Any]]:
    """Gold lines of a part, each with the name of the file it came from."""
    rows = []
    for path in sorted(GOLD[0].glob("*.jsonl")):
        if part != "all" and part_of(path) != part:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                row = json.loads(line)
                row["_where"] = f"{path.name}:{number}"
                row["_part"] = part_of(path)
                rows.append(row)
    return rows


def text_of(row: dict[str, Any]) -> str | None:
    path = cache_dir() / f"{row['id']}.txt"
    return path.read_text(encoding="utf-8") if path.exists() else None


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def problems_of(row: dict[str, Any]) -> list[str]:
    found = [f"no '{key}'" for key in REQUIRED if key not in row]
    if row.get("topic") not in TOPICS:
        found.append(f"topic {row.get('topic')!r} is not one of {sorted(TOPICS)}")
    for fact in row.get("facts", []):
        if fact.get("type") not in FACT_TYPES:
            found.append(f"a fact of type {fact.get('type')!r}")
    text = text_of(row)
    if text is None:
        found.append(f"not cached: search the pages corpus for {row.get('query')!r}")
    elif digest(text) != row.get("text_sha256"):
        found.append("cached text differs from the one coded (re-collected? check the gold)")
    return found


def held_out(urls: list[str]) -> set[str]:
    """URLs that ../shared/eval/is_heldout.py flags (empty when shared/ is not beside us)."""
    script = SHARED_EVAL / "is_heldout.py"
    if not script.exists():
        print(f"warning: {script} not found: held-out URLs not checked", file=sys.stderr)
        return set()
    done = subprocess.run(
        [sys.executable, str(script), *urls], capture_output=True, text=True, check=False
    )
    return {line.split(" ", 1)[1] for line in done.stdout.splitlines() if line.startswith("held")}


def check() -> int:
    rows = load_gold("all")
    bad = 0
    seen_ids: dict[str, str] = {}
    seen_urls: dict[str, str] = {}
    for row in rows:
        issues = problems_of(row)
        if row.get("id") in seen_ids:
            issues.append(f"id also at {seen_ids[row['id']]}")
        if row.get("url") in seen_urls:
            issues.append(f"URL also at {seen_urls[row['url']]}")
        seen_ids.setdefault(row.get("id", ""), row["_where"])
        seen_urls.setdefault(row.get("url", ""), row["_where"])
        for issue in issues:
            print(f"{row['_where']} ({row.get('id')}): {issue}")
        bad += bool(issues)
    for url in sorted(held_out([row["url"] for row in rows])):
        print(f"held-out URL in the corpus, remove it: {url}")
        bad += 1
    parts = {part: sum(1 for r in rows if r["_part"] == part) for part in ("tune", "blind")}
    negatives = sum(1 for r in rows if r.get("topic") == "negative")
    print(
        f"{len(rows)} reports ({parts['tune']} tune, {parts['blind']} blind, "
        f"{negatives} negative); {bad} with problems; cache {cache_dir()}"
    )
    return 1 if bad else 0


def records(part: str, published: bool = True) -> list[dict[str, Any]]:
    found = []
    for row in load_gold(part):
        text = text_of(row)
        if text is None:
            continue
        found.append(
            {
                "url": row["url"],
                "title": row.get("title") or "",
                "published": row.get("published") if published else None,
                "text": text,
            }
        )
    return found


def predict(part: str, published: bool) -> Path:
    """Run `pactwatch extract --format jsonl` on the cached texts; lines tagged with gold ids."""
    ids = {row["url"]: row["id"] for row in load_gold(part)}
    work = Path(tempfile.mkdtemp(prefix="realnews-"))
    source = work / "records.jsonl"
    source.write_text(
        "".join(json.dumps(r) + "\n" for r in records(part, published)), encoding="utf-8"
    )
    done = subprocess.run(
        [sys.executable, "-m", "pactwatch", "extract", str(source), "--format", "jsonl"],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode not in (0, 1):
        sys.exit(f"pactwatch extract failed: {done.stderr.strip()}")
    predictions = work / "pred.jsonl"
    with predictions.open("w", encoding="utf-8") as out:
        for line in done.stdout.splitlines():
            if line.strip():
                result = json.loads(line)
                result["gold_id"] = ids.get(result.get("source", ""), "?")
                out.write(json.dumps(result) + "\n")
    return predictions


def score(part: str, by_topic: bool, show: int, published: bool) -> int:
    if part != "tune" and show:
        sys.exit("--show prints misses: only for the tune part (the blind part stays unread)")
    gold_rows = load_gold(part)
    gold = Path(tempfile.mkdtemp(prefix="realnews-gold-")) / "gold.jsonl"
    gold.write_text(
        "".join(
            json.dumps({k: v for k, v in r.items() if not k.startswith("_")}) + "\n"
            for r in gold_rows
            if text_of(r) is not None
        ),
        encoding="utf-8",
    )
    predictions = predict(part, published)
    args = [str(SHARED_EVAL / "score.py"), str(gold), str(predictions)]
    if by_topic:
        args.append("--by-topic")
    if show:
        args += ["--show", str(show)]
    return subprocess.run([sys.executable, *args], check=False).returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("check", "score", "records"))
    parser.add_argument("--part", choices=PARTS, default="tune")
    parser.add_argument("--by-topic", action="store_true")
    parser.add_argument("--show", type=int, default=0)
    parser.add_argument(
        "--no-published", action="store_true", help="give the extractor no published date"
    )
    parser.add_argument("--gold", type=Path, help="another folder of gold files (a snapshot)")
    args = parser.parse_args()
    if args.gold:
        GOLD[0] = args.gold
    if args.command == "check":
        return check()
    if args.command == "records":
        for record in records(args.part, not args.no_published):
            print(json.dumps(record))
        return 0
    return score(args.part, args.by_topic, args.show, not args.no_published)


if __name__ == "__main__":
    sys.exit(main())
