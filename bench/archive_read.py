"""Reading archives: records/s for each format and peak memory, against plain JSONL.

Writes N generated records (our own short articles, each made distinct) as plain JSONL,
JSONL.gz, Parquet (row groups of 2,000), WARC.gz of plain-text resource records and WARC.gz of
HTML responses (read through trafilatura, as a crawl is), then reads each with
``read_inputs`` (documents only, no extraction) and prints records/s, the ratio to plain JSONL
in the same run (best of ``--rounds``), and the peak of Python memory (tracemalloc, one more
pass) with pyarrow's own allocations, against the records' decoded size.

Run: .venv/bin/python bench/archive_read.py [--records 20000] [--rounds 2]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa

sys.path.insert(0, str(Path(__file__).parents[1]))

from tests.documents.archive_files import (
    ARTICLES,
    Capture,
    page,
    write_jsonl_gz,
    write_parquet,
    write_warc,
)

from pactwatch.documents import ReadOptions, Rejected, read_inputs


def records(count: int) -> list[dict[str, str]]:
    return [
        {
            **ARTICLES[i % 4],
            "url": f"https://example.org/{i}",
            "text": f"{ARTICLES[i % 4]['text']} Item {i}.",
        }
        for i in range(count)
    ]


def writers(rows: list[dict[str, str]]) -> dict[str, Callable[[Path], Path]]:
    def jsonl(folder: Path) -> Path:
        path = folder / "news.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        return path

    def parquet(folder: Path) -> Path:
        columns = {key: [r[key] for r in rows] for key in ("url", "title", "published", "text")}
        return write_parquet(folder / "news.parquet", columns, row_group=2000)

    def warc_text(folder: Path) -> Path:
        items = (
            Capture(
                url=r["url"], body=r["text"].encode(), content_type="text/plain", kind="resource"
            )
            for r in rows
        )
        return write_warc(folder / "text.warc.gz", items, gz=True)

    def warc_html(folder: Path) -> Path:
        items = (Capture(url=r["url"], body=page(r)) for r in rows)
        return write_warc(folder / "pages.warc.gz", items, gz=True)

    return {
        "JSONL": jsonl,
        "JSONL.gz": lambda folder: write_jsonl_gz(folder / "news.jsonl.gz", rows),
        "Parquet": parquet,
        "WARC.gz (text)": warc_text,
        "WARC.gz (HTML)": warc_html,
    }


def read_all(path: Path) -> tuple[int, int]:
    """(documents, arrow peak bytes) reading one archive."""
    count, arrow = 0, 0
    for item in read_inputs([path], ReadOptions()):
        if isinstance(item, Rejected):
            raise SystemExit(f"unexpected rejection: {item}")
        count += 1
        arrow = max(arrow, pa.total_allocated_bytes())
    return count, arrow


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    rows = records(args.records)
    decoded = sum(len(json.dumps(r)) for r in rows)
    print(f"{args.records:,} records, {decoded / 1e6:.1f} MB decoded")
    with tempfile.TemporaryDirectory() as folder:
        paths = {name: make(Path(folder)) for name, make in writers(rows).items()}
        best = {name: float("inf") for name in paths}
        for _ in range(args.rounds):
            for name, path in paths.items():
                started = time.perf_counter()
                count, _ = read_all(path)
                best[name] = min(best[name], time.perf_counter() - started)
                assert count == args.records, (name, count)
        baseline = args.records / best["JSONL"]
        for name, path in paths.items():
            tracemalloc.start()
            _, arrow = read_all(path)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            rate = args.records / best[name]
            print(
                f"{name:<16} {path.stat().st_size / 1e6:6.1f} MB on disk  {rate:9,.0f} records/s  "
                f"{rate / baseline:5.2f}x JSONL  peak {peak / 1e6:5.2f} MB Python + "
                f"{arrow / 1e6:5.2f} MB arrow ({(peak + arrow) / decoded:.1%} of decoded)"
            )


if __name__ == "__main__":
    main()
