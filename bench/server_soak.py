"""A server soak: minutes of mixed traffic against a real ``pactwatch serve`` process.

Builds a temporary ledger with the demo data (``pactwatch init``, ``import demo/ledger/*.jsonl
--reference``, ``ingest demo/articles/``), makes an editor token, starts ``pactwatch serve``
(one worker, --cache-mb of response cache, 64 by default) and drives it from this process
with --clients concurrent clients (asyncio + httpx) for --minutes:

  reads   API reads and dashboard pages (rosters, commitments, coverage, facts, claims,
          actors, scenarios; dates drawn at random)                              ~80%
  writes  a new short article (POST /api/documents) or a review decision, editor token
          (--writes, 4% by default)
  bad     requests that must be refused with their documented 4xx: unknown ids, bad dates
          and scenarios, a query string over 8 KB, too many headers, no or a wrong token,
          a body over 2 MB                                                       ~16%
  rogue   one connection a second sending a 1 MB header (must be cut off) and one sending
          its headers a byte a second (must be closed within the header deadline)

It prints the server's RSS at launch, after --warmup-seconds of load (the cache filling) and
at the end (and every minute), requests per second, and every answer other than the expected
one (target 0).
Two figures are set against a baseline from the same run: RSS growth after warm-up against
the 10% target, and the throughput of --clients clients against one client's (measured first,
for --baseline-seconds).

Run:  .venv/bin/python bench/server_soak.py [--minutes 10] [--clients 50] [--cache-mb 64]
      [--writes 0.04]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
PACTWATCH = [sys.executable, "-m", "pactwatch"]
STATES = ["UKR", "CAN", "FRA", "DEU", "GBR", "USA", "ITA", "POL", "NLD", "JPN", "EST", "FIN"]
ARRANGEMENTS = ["coalition-of-the-willing", "north-atlantic-treaty", "g7-joint-declaration-2023"]
SCENARIOS = ["peace_agreement=2026-06-01", "armed_attack=2027-03-01", "ceasefire=2026-04-01"]


@dataclass(frozen=True)
class Call:
    """One request and the statuses it may get."""

    kind: str
    method: str
    path: str
    expected: frozenset[int]
    headers: dict[str, str] = field(default_factory=dict)
    body: dict[str, object] | None = None


def day(rng: random.Random) -> str:
    return f"{rng.randrange(2022, 2028)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"


def read(rng: random.Random) -> Call:
    state, arrangement, on = rng.choice(STATES), rng.choice(ARRANGEMENTS), day(rng)
    path = rng.choice(
        [
            f"/api/arrangements/{arrangement}/roster?as_of={on}",
            f"/api/commitments?guarantor={state}&as_of={on}",
            f"/api/commitments?beneficiary=UKR&scenario={rng.choice(SCENARIOS)}",
            f"/api/coverage/UKR?as_of={on}",
            f"/api/facts?actor={state}",
            "/api/claims?limit=20",
            f"/api/actors/{state}",
            f"/api/timeline/{state}",
            f"/coverage/UKR?as_of={on}",
            f"/actors/{state}",
            "/",
        ]
    )
    return Call("read", "GET", path, frozenset({200}))


def write(rng: random.Random, token: str, claims: list[str]) -> Call:
    auth = {"Authorization": f"Bearer {token}"}
    if claims and rng.random() < 0.5:
        decision = rng.choice(["accept", "reject"])
        path = f"/api/claims/{rng.choice(claims)}/review"
        return Call("write", "POST", path, frozenset({200}), auth, {"decision": decision})
    text = (
        f"PARIS, Jan 6 - {rng.choice(STATES[1:])} pledged military training for Ukraine on "
        f"Tuesday, soak article {rng.getrandbits(64):x}, contingent upon a peace deal."
    )
    body = {"text": text, "published": "2026-01-06"}
    return Call("write", "POST", "/api/documents", frozenset({201}), auth, body)


def bad(rng: random.Random) -> Call:
    choice = rng.randrange(9)
    if choice == 0:
        return Call("bad", "GET", "/api/actors/NOPE", frozenset({404}))
    if choice == 1:
        return Call("bad", "GET", "/api/claims/no-such-claim", frozenset({404}))
    if choice == 2:
        return Call("bad", "GET", "/api/commitments?as_of=2026-13-45", frozenset({422}))
    if choice == 3:
        return Call("bad", "GET", "/api/coverage/UKR?scenario=peace=soon", frozenset({422}))
    if choice == 4:
        path = f"/api/actors?pad={rng.getrandbits(64):x}{'x' * 9000}"
        return Call("bad", "GET", path, frozenset({414}))
    if choice == 5:
        headers = {f"x-pad-{n}": "1" for n in range(120)}
        return Call("bad", "GET", "/api/actors", frozenset({431}), headers)
    if choice == 6:
        return Call("bad", "POST", "/api/documents", frozenset({401}), {}, {"text": "x"})
    if choice == 7:
        auth = {"Authorization": "Bearer not-a-token"}
        return Call("bad", "POST", "/api/documents", frozenset({401}), auth, {"text": "x"})
    body = {"text": "x" * (2 * 1024 * 1024 + 10)}
    return Call("bad", "POST", "/api/documents", frozenset({413}), {}, body)


def mix(token: str, claims: list[str], writes: float) -> Callable[[random.Random], Call]:
    """Reads, ``writes`` (a share) of writes, and 16% bad requests."""

    def pick(rng: random.Random) -> Call:
        roll = rng.random()
        if roll < 0.84 - writes:
            return read(rng)
        if roll < 0.84:
            return write(rng, token, claims)
        return bad(rng)

    return pick


@dataclass
class Tally:
    """Answers counted by kind, and every unexpected one."""

    done: Counter[str] = field(default_factory=Counter)
    unexpected: Counter[str] = field(default_factory=Counter)

    def total(self) -> int:
        return sum(self.done.values())


async def client(
    base: str, pick: Callable[[random.Random], Call], seed: int, until: float, tally: Tally
) -> None:
    rng = random.Random(seed)
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        while time.monotonic() < until:
            call = pick(rng)
            try:
                response = await http.request(
                    call.method, call.path, headers=call.headers, json=call.body
                )
                status = response.status_code
            except httpx.HTTPError as error:
                tally.unexpected[f"{call.kind} {call.method} {call.path[:60]}: {error!r}"] += 1
                continue
            tally.done[call.kind] += 1
            if status not in call.expected:
                tally.unexpected[f"{call.kind} {call.method} {call.path[:60]} -> {status}"] += 1


async def rogue(host: str, port: int, until: float, tally: Tally, deadline: float) -> None:
    """Once a second: a 1 MB header that must be cut off, and a slow header that must be
    closed within ``deadline`` seconds."""

    async def huge() -> None:
        reader, writer = await asyncio.open_connection(host, port)
        writer.write(b"GET /api/actors HTTP/1.1\r\nHost: x\r\nX-Pad: " + b"p" * 1024 * 1024)
        with contextlib.suppress(ConnectionError):
            await writer.drain()
        try:
            answer = await asyncio.wait_for(reader.read(100), 5)
        except (ConnectionError, TimeoutError):
            answer = b""
        writer.close()
        tally.done["rogue"] += 1
        if answer and not answer.startswith(b"HTTP/1.1 431"):
            tally.unexpected[f"rogue 1 MB header -> {answer[:40]!r}"] += 1

    async def slow() -> None:
        reader, writer = await asyncio.open_connection(host, port)
        writer.write(b"GET /api/actors HTTP/1.1\r\nHost: x\r\n")
        started = time.monotonic()
        try:
            while time.monotonic() - started < deadline + 3:
                writer.write(b"X")
                await writer.drain()
                if reader.at_eof() or await _closed(reader):
                    break
        except ConnectionError:
            pass
        writer.close()
        tally.done["rogue"] += 1
        if time.monotonic() - started >= deadline + 3:
            tally.unexpected["rogue slow header still open"] += 1

    tasks: set[asyncio.Task[None]] = set()
    while time.monotonic() < until:
        for job in (huge(), slow()):
            task = asyncio.create_task(job)
            tasks.add(task)
            task.add_done_callback(tasks.discard)
        await asyncio.sleep(1)
    await asyncio.gather(*tasks, return_exceptions=True)


async def _closed(reader: asyncio.StreamReader) -> bool:
    try:
        return await asyncio.wait_for(reader.read(1), 1) == b""
    except TimeoutError:
        return False


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


async def drive(
    base: str, pick: Callable[[random.Random], Call], clients: int, seconds: float, seed: int
) -> tuple[Tally, float]:
    tally = Tally()
    started = time.monotonic()
    until = started + seconds
    await asyncio.gather(*(client(base, pick, seed + n, until, tally) for n in range(clients)))
    return tally, time.monotonic() - started


def run(command: list[str], db: str) -> str:
    done = subprocess.run(
        [*PACTWATCH, "--db", db, *command], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def build_ledger(folder: Path) -> tuple[str, str]:
    db = str(folder / "ledger.db")
    run(["init"], db)
    run(["import", *map(str, sorted((ROOT / "demo/ledger").glob("*.jsonl"))), "--reference"], db)
    run(["ingest", str(ROOT / "demo/articles/demo-articles.jsonl")], db)
    return db, run(["token", "create", "--role", "editor", "--note", "soak"], db)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def serve(db: str, port: int, cache_mb: int) -> subprocess.Popen[bytes]:
    command = [*PACTWATCH, "--db", db, "serve", "--port", str(port), "--access-log", "off"]
    command += ["--cache-mb", str(cache_mb)]
    process = subprocess.Popen(command, cwd=ROOT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/arrangements", timeout=2).is_success:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError("the server did not start within 60 s")


def report(name: str, tally: Tally, seconds: float) -> float:
    rate = tally.total() / seconds
    kinds = ", ".join(f"{kind} {count:,}" for kind, count in sorted(tally.done.items()))
    print(f"{name}: {tally.total():,} requests in {seconds:.0f} s = {rate:,.0f}/s ({kinds})")
    unexpected = sum(tally.unexpected.values())
    print(f"{name}: unexpected answers {unexpected} (target 0)")
    for what, count in tally.unexpected.most_common(10):
        print(f"  {count:>6}  {what}")
    return rate


async def soak(arguments: argparse.Namespace, base: str, pid: int, token: str) -> None:
    async with httpx.AsyncClient(base_url=base) as http:
        listed = (await http.get("/api/claims?limit=50")).json()["items"]
    pick = mix(token, [claim["id"] for claim in listed], arguments.writes)
    launch = rss_mb(pid)
    print(f"RSS at launch: {launch:.0f} MB (response cache {arguments.cache_mb} MB)")
    single, seconds = await drive(base, pick, 1, arguments.baseline_seconds, seed=1)
    one_client = report("baseline, 1 client", single, seconds)
    warm, seconds = await drive(base, pick, arguments.clients, arguments.warmup_seconds, seed=100)
    report(f"warm-up, {arguments.clients} clients", warm, seconds)
    start = rss_mb(pid)
    print(f"RSS after warm-up: {start:.0f} MB")
    until = time.monotonic() + arguments.minutes * 60
    sampler = asyncio.create_task(_sample(pid, until))
    rogues = Tally()
    rogue_task = asyncio.create_task(
        rogue("127.0.0.1", int(base.rsplit(":", 1)[1]), until, rogues, 5)
    )
    main, seconds = await drive(base, pick, arguments.clients, arguments.minutes * 60, seed=1000)
    await rogue_task
    peak = await sampler
    end = rss_mb(pid)
    rate = report(f"soak, {arguments.clients} clients", main, seconds)
    report("rogue connections", rogues, seconds)
    growth = (end - start) / start * 100
    print(
        f"RSS: launch {launch:.0f} MB, after warm-up {start:.0f} MB, peak {peak:.0f} MB, "
        f"end {end:.0f} MB"
    )
    print(f"RSS growth after warm-up: {growth:+.1f}% (target < 10%: {growth / 10:.2f} of it)")
    print(
        f"throughput: {rate:,.0f}/s with {arguments.clients} clients = "
        f"{rate / one_client:.2f} x one client's {one_client:,.0f}/s"
    )


async def _sample(pid: int, until: float) -> float:
    """The peak RSS, sampled every 5 s; the RSS printed every minute."""
    peak, started, printed = 0.0, time.monotonic(), 0
    while time.monotonic() < until:
        now = rss_mb(pid)
        peak = max(peak, now)
        minute = int((time.monotonic() - started) // 60)
        if minute > printed:
            printed = minute
            print(f"  minute {minute}: RSS {now:.0f} MB", flush=True)
        await asyncio.sleep(5)
    return peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="Length of the soak.")
    parser.add_argument("--clients", type=int, default=50, help="Concurrent clients.")
    parser.add_argument("--baseline-seconds", type=float, default=20.0)
    parser.add_argument("--warmup-seconds", type=float, default=30.0)
    parser.add_argument(
        "--writes", type=float, default=0.04, help="Share of requests that write (0-0.84)."
    )
    parser.add_argument(
        "--cache-mb", type=int, default=64, help="The server's response cache (0: off)."
    )
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pactwatch-soak-") as folder:
        db, token = build_ledger(Path(folder))
        port = free_port()
        process = serve(db, port, arguments.cache_mb)
        try:
            asyncio.run(soak(arguments, f"http://127.0.0.1:{port}", process.pid, token))
        finally:
            process.terminate()
            process.wait(timeout=30)


if __name__ == "__main__":
    main()
