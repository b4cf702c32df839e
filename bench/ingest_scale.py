"""Bulk ingestion at scale: reports/s of extraction and of ingestion into SQLite, serial against
2 local processes and Ray with 1 and 2 workers, with each configuration's peak memory.

Generates N distinct reports in our own words (a title, 8 sentences drawn with a seeded
random.Random from all the sentences of the development set's articles, and a reference line
of its own; published dates spread over 2022-2026), so that no two are near-duplicates that
the ledger would group into one story. Writes them once as JSONL, Parquet (row groups of
2,000) and WARC.gz (HTML responses, read through trafilatura as a crawl is). Then, for each
format, runs every configuration in a fresh subprocess of this script and times:
  extract:*  the extraction stage alone, its items consumed without storing
             (serial = pipeline.extract_paths with each text signed for stories, the work
             a bulk worker does; jobs2 = bulk.processes.extract_in_processes,
             ray1/ray2 = bulk.on_ray.extract_on_ray with 1 or 2 workers);
  ingest:*   end to end into a fresh SQLite ledger with bulk.ingest_bulk (serial with one
             document per transaction, serial-b500 with 500, jobs2 local, ray1/ray2).
The time covers starting the workers (the process pool, or Ray itself and its workers), not
the interpreter and imports. Prints reports/s per configuration (best of ``--rounds``), the
scaling ratio of 2 workers against 1 for both stages (target >= 1.7), and peak memory:
  self      ru_maxrss of the configuration's process (RUSAGE_SELF);
  child     ru_maxrss of its largest reaped descendant (RUSAGE_CHILDREN): the largest pool
            worker for jobs2, but for Ray only the raylet/GCS processes, never the Ray workers;
  tree      the largest sum of RSS over the process and all its descendants, Ray workers
            included, sampled from /proc every 0.2 s (shared pages counted in each process).
Last, checks that every configuration's ledger holds the same claim ids and document ids as the
serial one of the same format, and exits non-zero if not.

Run: .venv/bin/python bench/ingest_scale.py [--reports 100000] [--formats jsonl,parquet,warc]
     [--configs extract:serial,ingest:jobs2,...] [--rounds 1]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import resource
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from tests.documents.archive_files import Capture, page, write_parquet, write_warc

from pactwatch.extract.evaluate import load_articles

DEVSET = Path(__file__).parents[1] / "tests" / "extract" / "devset" / "articles"
SENTENCES_PER_REPORT = 8
MAX_WORDS = 40
"""Longer sentences are left out: one shared would make two reports near-duplicates."""
FIRST_DAY = dt.date(2022, 1, 1)
DAYS = (dt.date(2026, 12, 31) - FIRST_DAY).days + 1
FORMATS = {"jsonl": "reports.jsonl", "parquet": "reports.parquet", "warc": "reports.warc.gz"}
CONFIGS = {
    # name: (stage, engine, workers, batch)
    "extract:serial": ("extract", "local", 1, None),
    "extract:jobs2": ("extract", "local", 2, None),
    "extract:ray1": ("extract", "ray", 1, None),
    "extract:ray2": ("extract", "ray", 2, None),
    "ingest:serial": ("ingest", "local", 1, 1),
    "ingest:serial-b500": ("ingest", "local", 1, 500),
    "ingest:jobs2": ("ingest", "local", 2, None),
    "ingest:ray1": ("ingest", "ray", 1, None),
    "ingest:ray2": ("ingest", "ray", 2, None),
}
SCALING = [  # (stage, 2 workers, against)
    ("extract", "extract:jobs2", "extract:serial"),
    ("extract", "extract:ray2", "extract:ray1"),
    ("ingest", "ingest:jobs2", "ingest:serial"),
    ("ingest", "ingest:jobs2", "ingest:serial-b500"),
    ("ingest", "ingest:ray2", "ingest:ray1"),
]
TARGET = 1.7


# ---- the reports ---------------------------------------------------------------------------


def sentence_pool() -> list[str]:
    """Every sentence of the development set's articles (split simply), in order."""
    pool = []
    for article in load_articles(DEVSET):
        for paragraph in article.document.text.split("\n"):
            for sentence in re.split(r"(?<=[.!?])\s+", paragraph.strip()):
                if 4 <= len(sentence.split()) <= MAX_WORDS:
                    pool.append(sentence)
    return pool


def reports(count: int, seed: int = 2026) -> Iterator[dict[str, str]]:
    """``count`` distinct reports: sentences drawn at random, a title from the first, a
    reference line of their own."""
    pool = sentence_pool()
    rng = random.Random(seed)
    for i in range(count):
        sentences = rng.sample(pool, SENTENCES_PER_REPORT)
        words = sentences[0].rstrip(".!?").split()
        published = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
        notes = [  # shingles of their own, so that sharing a sentence or two is not near
            f"Desk note {i}.{k}: item {rng.randrange(10**6)} was checked at "
            f"{rng.randrange(24):02d}:{rng.randrange(60):02d} against file {rng.randrange(10**5)}."
            for k in range(SENTENCES_PER_REPORT // 2)
        ]
        paragraphs = [
            " ".join([*sentences[k : k + 2], notes[k // 2]])
            for k in range(0, SENTENCES_PER_REPORT, 2)
        ]
        yield {
            "url": f"https://example.org/bench/{i}",
            "title": " ".join(words[:10]),
            "published": published.isoformat(),
            "text": "\n".join(paragraphs)
            + f"\nReference: bench report {i} of the desk, filed {published:%d %B %Y}.",
        }


def write_formats(count: int, folder: Path, formats: list[str]) -> dict[str, Path]:
    rows = list(reports(count))
    paths = {name: folder / FORMATS[name] for name in formats}
    if "jsonl" in paths:
        with paths["jsonl"].open("w", encoding="utf-8") as out:
            out.writelines(json.dumps(row) + "\n" for row in rows)
    if "parquet" in paths:
        keys = ("url", "title", "published", "text")
        write_parquet(
            paths["parquet"], {key: [row[key] for row in rows] for key in keys}, row_group=2000
        )
    if "warc" in paths:
        write_warc(paths["warc"], (Capture(url=r["url"], body=page(r)) for r in rows), gz=True)
    return paths


# ---- one configuration, in its own process ---------------------------------------------------


def tree_rss(root: int) -> int:
    """Bytes of RSS of ``root`` and all its descendants now (Linux /proc)."""
    parents, rss = {}, {}
    page_size = os.sysconf("SC_PAGE_SIZE")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            with open(f"/proc/{entry}/statm", encoding="ascii") as statm:
                resident = int(statm.read().split()[1])
        except (OSError, IndexError, ValueError):
            continue  # gone meanwhile
        parents[int(entry)] = int(fields[1])
        rss[int(entry)] = resident * page_size
    children: dict[int, list[int]] = {}
    for pid, parent in parents.items():
        children.setdefault(parent, []).append(pid)
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total


class TreeSampler:
    """The peak of :func:`tree_rss` of this process, sampled in a thread."""

    def __init__(self, every: float = 0.2) -> None:
        self.every, self.peak = every, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss(os.getpid()))
            self._stop.wait(self.every)

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, tree_rss(os.getpid()))


def run_one(config: str, path: Path, ledger_path: Path | None) -> dict[str, float]:
    """Time one configuration on one input; what the parent prints."""
    from pactwatch.bulk import ingest_bulk
    from pactwatch.bulk.on_ray import extract_on_ray
    from pactwatch.bulk.processes import extract_in_processes, signed
    from pactwatch.documents import ReadOptions, Rejected
    from pactwatch.pipeline import Summary, extract_paths
    from pactwatch.store import Store, init_ledger

    stage, engine, workers, batch = CONFIGS[config]
    if engine == "ray":
        import ray.data  # noqa: F401  (imports are not timed)
    options = ReadOptions()
    documents = claims = rejected = 0
    with TreeSampler() as sampler:
        if stage == "extract":
            started = time.perf_counter()
            if engine == "ray":
                items = extract_on_ray([path], options, workers)
            elif workers > 1:
                items = extract_in_processes([path], options, workers)
            else:
                # the same work a worker does: extract, and sign the text for stories
                items = (signed(item) for item in extract_paths([path], options, Summary()))
            for item in items:
                if isinstance(item, Rejected):
                    rejected += 1
                else:
                    documents += 1
                    claims += len(item.claims)
            seconds = time.perf_counter() - started
        else:
            assert ledger_path is not None
            init_ledger(ledger_path)
            with Store.open(ledger_path) as ledger:
                started = time.perf_counter()
                summary = ingest_bulk(
                    ledger, [path], options, engine=engine, jobs=workers, batch=batch
                )
                seconds = time.perf_counter() - started
            documents, claims = summary.stored_documents, summary.stored_claims
            rejected = len(summary.failures) + len(summary.skipped)
    return {
        "seconds": seconds,
        "documents": documents,
        "claims": claims,
        "rejected": rejected,
        "self": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "child": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024,
        "tree": sampler.peak,
    }


def in_subprocess(config: str, fmt: str, path: Path, ledger: Path | None) -> dict[str, float]:
    """Run one configuration in a fresh process of this script; its output only on failure."""
    with tempfile.NamedTemporaryFile(suffix=".json") as result:
        command = [sys.executable, __file__, "--one", config, "--format", fmt]
        command += ["--input", str(path), "--result", result.name]
        if ledger is not None:
            ledger.unlink(missing_ok=True)
            command += ["--ledger", str(ledger)]
        env = {**os.environ, "RAY_DEDUP_LOGS": "0", "PYTHONUNBUFFERED": "1"}
        done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
        if done.returncode != 0:
            sys.stdout.flush()
            sys.stderr.write(done.stdout[-4000:] + done.stderr[-4000:])
            raise SystemExit(f"{config} on {fmt} failed (exit {done.returncode}): {command}")
        return json.loads(Path(result.name).read_text())


# ---- the comparison ------------------------------------------------------------------------


def ids(ledger: Path) -> tuple[set[str], set[str]]:
    """(claim ids, document ids) of a SQLite ledger."""
    with sqlite3.connect(ledger) as db:
        claims = {row[0] for row in db.execute("SELECT id FROM claims")}
        documents = {row[0] for row in db.execute("SELECT id FROM documents")}
    return claims, documents


def check_ledgers(ledgers: dict[tuple[str, str], Path]) -> list[str]:
    """Every ingest ledger against the serial one of its format: the differences found."""
    problems = []
    for fmt in sorted({fmt for fmt, _ in ledgers}):
        mine = {config: path for (f, config), path in ledgers.items() if f == fmt}
        reference = "ingest:serial" if "ingest:serial" in mine else next(iter(mine))
        claims, documents = ids(mine[reference])
        for config, path in mine.items():
            if config == reference:
                continue
            other_claims, other_documents = ids(path)
            for what, want, got in (
                ("claim", claims, other_claims),
                ("document", documents, other_documents),
            ):
                if want != got:
                    problems.append(
                        f"{fmt} {config}: {len(got)} {what} ids against {len(want)} in "
                        f"{reference} ({len(want - got)} missing, {len(got - want)} extra)"
                    )
        print(
            f"{fmt}: {len(mine)} ledgers, {len(claims):,} claims and {len(documents):,} "
            f"documents each compared with {reference}"
        )
    return problems


def megabytes(value: object) -> str:
    return f"{int(value) / 2**20:7.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--configs", default=",".join(CONFIGS))
    parser.add_argument("--rounds", type=int, default=1, help="best of N runs of each")
    parser.add_argument("--one", choices=list(CONFIGS), help=argparse.SUPPRESS)
    parser.add_argument("--format", choices=list(FORMATS), help=argparse.SUPPRESS)
    parser.add_argument("--input", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--ledger", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--result", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        outcome = run_one(args.one, args.input, args.ledger)
        args.result.write_text(json.dumps(outcome))
        return

    formats = [name.strip() for name in args.formats.split(",") if name.strip()]
    configs = [name.strip() for name in args.configs.split(",") if name.strip()]
    unknown = [f for f in formats if f not in FORMATS] + [c for c in configs if c not in CONFIGS]
    if unknown:
        parser.error(
            f"unknown {', '.join(unknown)}: formats {list(FORMATS)}, configs {list(CONFIGS)}"
        )
    with tempfile.TemporaryDirectory(prefix="ingest-scale-") as made:
        folder = Path(made)
        started = time.perf_counter()
        paths = write_formats(args.reports, folder, formats)
        sizes = ", ".join(f"{f} {p.stat().st_size / 1e6:.1f} MB" for f, p in paths.items())
        print(
            f"{args.reports:,} reports written in {time.perf_counter() - started:.1f} s "
            f"({sizes}); {os.cpu_count()} CPUs, best of {args.rounds}"
        )
        print(
            f"{'format':<8} {'configuration':<19} {'reports/s':>9} {'seconds':>8} "
            f"{'claims':>8} {'self MB':>7} {'child MB':>8} {'tree MB':>7}"
        )
        results: dict[tuple[str, str], dict[str, float]] = {}
        ledgers: dict[tuple[str, str], Path] = {}
        for fmt, path in paths.items():
            for config in configs:
                ledger = folder / f"{fmt}-{config.replace(':', '-')}.db"
                is_ingest = CONFIGS[config][0] == "ingest"
                runs = [
                    in_subprocess(config, fmt, path, ledger if is_ingest else None)
                    for _ in range(args.rounds)
                ]
                best = min(runs, key=lambda run: float(run["seconds"]))
                for key in ("self", "child", "tree"):
                    best[key] = max(int(run[key]) for run in runs)
                if best["documents"] != args.reports or best["rejected"]:
                    raise SystemExit(
                        f"{config} on {fmt}: {best['documents']} documents, "
                        f"{best['rejected']} rejected, of {args.reports} reports"
                    )
                results[fmt, config] = best
                if is_ingest:
                    ledgers[fmt, config] = ledger
                seconds = float(best["seconds"])
                print(
                    f"{fmt:<8} {config:<19} {args.reports / seconds:9.1f} {seconds:8.1f} "
                    f"{best['claims']:>8} {megabytes(best['self'])} "
                    f"{megabytes(best['child']):>8} {megabytes(best['tree'])}",
                    flush=True,
                )
        print(f"scaling, 2 workers against 1 (reports/s ratio; target >= {TARGET}):")
        for fmt in paths:
            for stage, two, one in SCALING:
                if (fmt, two) in results and (fmt, one) in results:
                    ratio = float(results[fmt, one]["seconds"]) / float(
                        results[fmt, two]["seconds"]
                    )
                    mark = "ok" if ratio >= TARGET else "below target"
                    print(f"  {fmt:<8} {stage:<8} {two} / {one}: {ratio:5.2f}  {mark}")
        print(
            "memory: self = RUSAGE_SELF ru_maxrss of the configuration's process;\n"
            "        child = RUSAGE_CHILDREN ru_maxrss, its largest reaped descendant (a pool\n"
            "        worker; for Ray the raylet/GCS processes, never the Ray workers);\n"
            "        tree = peak sum of RSS over it and all descendants, Ray workers included\n"
            "        (sampled every 0.2 s, shared pages counted in each process)"
        )
        problems = check_ledgers(ledgers)
        if problems:
            raise SystemExit("ledgers differ from the serial one:\n  " + "\n  ".join(problems))
        if ledgers:
            print("ledgers: same claim ids and document ids in every configuration")


if __name__ == "__main__":
    main()
