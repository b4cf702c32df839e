"""A small load test: readers keep reading from a server with two worker processes while
another process writes, and every read succeeds and every write is visible to the reads that
follow it (each worker learns of another process's write within its cache's poll)."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import Counter
from pathlib import Path

import httpx

from pactwatch.api import Ledger
from pactwatch.web.cache import POLL_SECONDS
from tests.conftest import citation, seed_commitment
from tests.web.conftest import serving

READS = [
    "/api/commitments?guarantor=CAN",
    "/api/commitments?beneficiary=UKR&limit=5",
    "/api/coverage/UKR",
    "/api/arrangements/coalition-of-the-willing/roster",
    "/api/actors/ITA",
    "/coverage/UKR",
    "/",
]
GUARANTORS = ["FRA", "ITA", "DEU", "NLD", "POL", "ESP", "SWE", "FIN"]
READERS = 8


def read_until(url: str, stop: threading.Event, seen: Counter[int], failures: list[str]) -> None:
    with httpx.Client(base_url=url, timeout=30) as client:
        position = 0
        while not stop.is_set():
            path = READS[position % len(READS)]
            position += 1
            try:
                seen[client.get(path).status_code] += 1
            except httpx.HTTPError as error:
                failures.append(f"{path}: {error!r}")


def test_reads_stay_whole_and_see_each_write(tmp_path: Path) -> None:
    with serving(str(tmp_path / "ledger.db"), "--workers", "2", "--cache-mb", "16") as served:
        stop = threading.Event()
        seen: Counter[int] = Counter()
        failures: list[str] = []
        readers = [
            threading.Thread(target=read_until, args=(served.url, stop, seen, failures))
            for _ in range(READERS)
        ]
        for reader in readers:
            reader.start()
        unseen = []
        try:
            with Ledger.open(served.db) as ledger, served.client() as client:
                for number, guarantor in enumerate(GUARANTORS):
                    claim = seed_commitment(
                        guarantor=guarantor,
                        start=dt.date(2026, 2, 1) + dt.timedelta(days=number),
                        evidence=(citation(url=f"https://example.org/our-words/load/{number}"),),
                    )
                    ledger.add_claims([claim])
                    time.sleep(POLL_SECONDS * 2)  # the poll, and then some
                    for _ in range(4):  # requests go to either worker
                        answer = client.get("/api/commitments", params={"beneficiary": "UKR"})
                        shown = {c for row in answer.json()["items"] for c in row["claims"]}
                        if claim.id not in shown:
                            unseen.append(f"{guarantor} ({claim.id})")
        finally:
            stop.set()
            for reader in readers:
                reader.join(timeout=60)
        assert failures == []
        assert set(seen) == {200}, seen
        assert sum(seen.values()) > 100  # the readers really read
        assert unseen == []
