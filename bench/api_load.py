"""API read latency under load, and dashboard page render times, on a given ledger.

Starts ``pactwatch serve`` on the ledger (a second process), then drives it from a third
process with wrk (Debian package ``wrk``) at --connections concurrent clients for --seconds:

  reads      a mix of API reads (rosters, one guarantor's commitments, coverage of a
             beneficiary, actors), with as_of dates drawn at random    target p95 <= 50 ms
  baseline   GET /api/actors/CAN in the same run (no ledger query): the server's own floor

and prints requests per second, p50 / p95 / p99 latency, errors, and the server's CPU time
per request (its processes' user + system time over the run: steadier than requests/s on a
shared machine) for each. Then it times
each dashboard page from one client (server time to a full response)   target <= 300 ms.

With --writes-per-second R (for example 1), a writer process adds R reports a second to the
ledger while the read mix runs ("mixed" load; issue 14: p95 <= 300 ms, 0 errors). Each report
is a document and a commitment of a guarantor drawn at random; 0.1 s after each commit the
writer reads that guarantor's commitments through the API and checks that the new claim is
there (a worker learns of another process's write within the cache's poll, 0.05 s). It
prints writes made, their mean time, and how many were not visible to that next read.

Run:  .venv/bin/python bench/api_load.py --db /tmp/bench-1m.db [--connections 50] [--seconds 20]
      [--cache-mb 0] [--writes-per-second 1]
      (build a ledger first: .venv/bin/python bench/ledger_queries.py --claims 1000000
       --db sqlite:////tmp/bench-1m.db)
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from pactwatch.reference import load_catalog

LUA = """
local paths = {}
for line in io.lines("%s") do paths[#paths + 1] = line end
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %%d %%d %%d %%.0f %%.0f %%.0f %%.0f\\n",
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def read_paths(count: int, seed: int = 5) -> list[str]:
    rng = random.Random(seed)
    catalog = load_catalog()
    states = sorted(a.id for a in catalog.actors.values() if a.kind.value == "state")[:200]
    arrangements = sorted(catalog.arrangements)
    paths = []
    for index in range(count):
        day = f"{rng.randrange(2022, 2027)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        kind = index % 4
        if kind == 0:
            paths.append(f"/api/arrangements/{rng.choice(arrangements)}/roster?as_of={day}")
        elif kind == 1:
            paths.append(f"/api/commitments?guarantor={rng.choice(states)}&as_of={day}")
        elif kind == 2:
            paths.append(
                f"/api/commitments?beneficiary={rng.choice(states[:20])}&as_of={day}&limit=20"
            )
        else:
            paths.append(f"/api/actors/{rng.choice(states)}")
    return paths


def wrk(url: str, paths: list[str], connections: int, seconds: int) -> dict[str, float]:
    folder = Path(tempfile.mkdtemp(prefix="pactwatch-wrk-"))
    (folder / "paths.txt").write_text("\n".join(paths) + "\n")
    (folder / "mix.lua").write_text(LUA % (folder / "paths.txt"))
    done = subprocess.run(
        [
            "wrk",
            "-t",
            "2",
            "-c",
            str(connections),
            "-d",
            f"{seconds}s",
            "--timeout",
            "30s",
            "-s",
            str(folder / "mix.lua"),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    shutil.rmtree(folder)
    found = re.search(r"RESULT (\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)", done.stdout)
    assert found, done.stdout + done.stderr
    requests, errors, micros, p50, p95, p99, worst = map(int, found.groups())
    return {
        "rps": requests / (micros / 1e6),
        "errors": errors,
        "requests": requests,
        "p50": p50 / 1000,
        "p95": p95 / 1000,
        "p99": p99 / 1000,
        "max": worst / 1000,
    }


def server_cpu_seconds(pid: int) -> float:
    """CPU time (user + system) the server and its worker processes have used so far: per
    request, it varies less than requests/s on a machine shared with other work."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    total = 0
    for process in [pid, *map(int, children)]:
        fields = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime in clock ticks
    return total / os.sysconf("SC_CLK_TCK")


VISIBLE_AFTER = 0.1
"""Seconds after a commit at which the writer checks that the next read shows it."""


def write_loop(db: str, url: str, per_second: float, seconds: float, result: Path) -> None:
    """Add ``per_second`` reports a second for ``seconds``; check each is visible to the next
    read of its guarantor's commitments; write the counts to ``result`` (JSON)."""
    import datetime as dt

    from pactwatch.api import Ledger
    from pactwatch.model import (
        Category,
        CommitmentClaim,
        Condition,
        ConditionKind,
        Document,
        SpanEvidence,
    )

    rng = random.Random(17)
    states = sorted(a.id for a in load_catalog().actors.values() if a.kind.value == "state")[:200]
    made, missed, spent = 0, 0, 0.0
    started = time.monotonic()
    with Ledger.open(db) as ledger, httpx.Client(base_url=url, timeout=30) as client:
        while time.monotonic() - started < seconds:
            due = started + made / per_second
            time.sleep(max(0.0, due - time.monotonic()))
            guarantor = rng.choice(states)
            text = f"Mixed-load report {made} {rng.random()}: {guarantor} pledged support. " * 3
            document = Document(text=text, source=f"https://bench.example/mixed/{made}")
            claim = CommitmentClaim(
                guarantor=guarantor,
                beneficiary=rng.choice(states[:20]),
                category=rng.choice(list(Category)),
                condition=Condition(kind=ConditionKind.NONE),
                start=dt.date(2026, 11, 1) + dt.timedelta(days=rng.randrange(30)),
                evidence=(SpanEvidence(document=document.id, start=0, end=20, text=text[:20]),),
                producer="bench/mixed",
                confidence=0.01,
            )
            before = time.perf_counter()
            ledger.add_document(document, [claim])
            spent += time.perf_counter() - before
            made += 1
            time.sleep(VISIBLE_AFTER)
            answer = client.get(
                "/api/commitments",  # every row of the guarantor: the new one may sort last
                params={"guarantor": guarantor, "as_of": "2026-12-31", "limit": 1000},
            ).json()
            shown = {claim_id for row in answer["items"] for claim_id in row["claims"]}
            missed += claim.id not in shown
    result.write_text(json.dumps({"writes": made, "missed": missed, "seconds": spent}))


def page_times(url: str, repeat: int) -> dict[str, float]:
    pages = {
        "overview": "/?as_of=2026-06-01",
        "arrangement": "/arrangements/coalition-of-the-willing?as_of=2026-06-01",
        "coverage": "/coverage/ABW?as_of=2026-06-01",
        "actor": "/actors/AFG?as_of=2026-06-01",
        "scenario": "/scenario?beneficiary=ABW&guarantor=AFG&peace_agreement=2026-06-01"
        "&as_of=2026-06-02",
        "review": "/review",
    }
    found = {}
    with httpx.Client(base_url=url, timeout=120) as client:
        for name, path in pages.items():
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                response = client.get(path)
                times.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, (path, response.status_code)
            found[name] = statistics.median(times)
    return found


def mixed(url: str, reads: list[str], arguments: argparse.Namespace) -> None:
    """The read mix while a writer process adds reports; the writer's counts after it."""
    with tempfile.NamedTemporaryFile(suffix=".json") as result:
        writer = subprocess.Popen(
            [
                sys.executable,
                __file__,
                "--db",
                arguments.db,
                "--write-into",
                arguments.db,
                "--write-url",
                url,
                "--writes-per-second",
                str(arguments.writes_per_second),
                "--seconds",
                str(arguments.seconds),
                "--write-result",
                result.name,
            ]
        )
        found = wrk(url, reads, arguments.connections, arguments.seconds)
        writer.wait(timeout=arguments.seconds + 120)
        print(
            f"{'mixed':<9} {found['rps']:7.0f} {found['p50']:8.1f} {found['p95']:7.1f} "
            f"{found['p99']:7.1f} {found['max']:7.1f} {found['errors']:7.0f} "
            f"{found['requests']:9.0f}",
            flush=True,
        )
        written = json.loads(Path(result.name).read_text() or "{}")
        if written:
            each = written["seconds"] / max(written["writes"], 1) * 1000
            print(
                f"writer: {written['writes']} reports, {each:.0f} ms each, {written['missed']} "
                f"not visible to the read {VISIBLE_AFTER} s after their commit",
                flush=True,
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="The ledger to serve (path or URL).")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--paths", type=int, default=400, help="Distinct read URLs in the mix.")
    parser.add_argument(
        "--cache-mb", type=int, default=64, help="The server's response cache (0: off)."
    )
    parser.add_argument(
        "--writes-per-second",
        type=float,
        default=0.0,
        help="Also run the read mix while another process adds this many reports a second.",
    )
    parser.add_argument("--write-into", help=argparse.SUPPRESS)
    parser.add_argument("--write-url", help=argparse.SUPPRESS)
    parser.add_argument("--write-result", type=Path, help=argparse.SUPPRESS)
    parser.add_argument(
        "--warm-seconds",
        type=int,
        default=0,
        help="Run the read load this long first, unmeasured (fills every worker's cache).",
    )
    arguments = parser.parse_args()
    if arguments.write_into:  # the writer process of the mixed load
        write_loop(
            arguments.write_into,
            arguments.write_url,
            arguments.writes_per_second,
            arguments.seconds,
            arguments.write_result,
        )
        return
    if shutil.which("wrk") is None:
        sys.exit("bench/api_load.py needs wrk: apt-get install wrk")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pactwatch",
            "--db",
            arguments.db,
            "serve",
            "--port",
            str(port),
            "--workers",
            str(arguments.workers),
            "--cache-mb",
            str(arguments.cache_mb),
            "--access-log",
            "off",  # a line per request would flood the terminal and slow the server
        ],
        env=os.environ.copy(),
    )
    try:
        for _ in range(600):
            try:
                if httpx.get(f"{url}/api/actors/CAN", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        reads = read_paths(arguments.paths)
        if arguments.warm_seconds:
            wrk(url, reads, arguments.connections, arguments.warm_seconds)
        print(
            f"server: {arguments.workers} worker(s), cache {arguments.cache_mb} MB"
            f"{f', warmed {arguments.warm_seconds} s' if arguments.warm_seconds else ''}; "
            "load: wrk, 2 threads, "
            f"{arguments.connections} connections, {arguments.seconds} s each",
            flush=True,
        )
        print(
            "load       req/s   p50_ms  p95_ms  p99_ms  max_ms  errors  requests  cpu_ms/req",
            flush=True,
        )
        for name, paths in (
            ("baseline", ["/api/actors/CAN"]),
            ("reads", reads),
        ):
            used = server_cpu_seconds(server.pid)
            result = wrk(url, paths, arguments.connections, arguments.seconds)
            used = server_cpu_seconds(server.pid) - used
            print(
                f"{name:<9} {result['rps']:7.0f} {result['p50']:8.1f} {result['p95']:7.1f} "
                f"{result['p99']:7.1f} {result['max']:7.1f} {result['errors']:7.0f} "
                f"{result['requests']:9.0f} {1000 * used / max(result['requests'], 1):11.2f}",
                flush=True,
            )
        if arguments.writes_per_second:
            mixed(url, reads, arguments)
        print("page         median_ms (one client)", flush=True)
        for name, millis in page_times(url, 5).items():
            print(f"{name:<12} {millis:9.1f}", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
