"""Query speed on a generated ledger: rosters, commitments, a scenario, the HTML report.

Builds a ledger of N claims over N/10 documents and 200 actors (the default N is 1 million),
through the public write path (``Ledger.add``, one transaction per 1,000 documents), then
times, with ``as_of`` and ``known_on`` drawn at random (``_now``: the same without ``known_on``,
today's knowledge, read from the rows kept at write time):

  roster        members of an arrangement             target p50 <= 50 ms, p95 <= 100 ms
  commitments   one guarantor's commitments + states  target p50 <= 50 ms, p95 <= 100 ms
  scenario      every commitment to one beneficiary   target <= 200 ms
                under peace_agreement + armed_attack
  report        the HTML report for one beneficiary   target <= 5 s

and, as the baseline in the same run, the bare SQL that fetches the same claim rows (no
decoding, no reasoning). Prints each figure and its ratio to the baseline.

Run:  .venv/bin/python bench/ledger_queries.py [--claims 1000000] [--db URL] [--sizes 10000,100000]
      (--db postgresql+psycopg://... for PostgreSQL; the default is a SQLite file in /tmp)
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

from sqlalchemy import select

from pactwatch.api import Ledger
from pactwatch.model import (
    AgreementClaim,
    ArrangementKind,
    Category,
    Claim,
    CommitmentClaim,
    Condition,
    ConditionKind,
    Document,
    Duration,
    MeetingClaim,
    MembershipAction,
    MembershipClaim,
    Modality,
    SpanEvidence,
)
from pactwatch.reference import load_catalog
from pactwatch.report import render_report
from pactwatch.store import init_ledger
from pactwatch.store.schema import claim_actors, claims

PRODUCER = "bench/1"
FIRST, LAST = dt.date(2022, 1, 1), dt.date(2026, 12, 31)


def actors_and_arrangements() -> tuple[list[str], list[str], list[str]]:
    catalog = load_catalog()
    states = sorted(a.id for a in catalog.actors.values() if a.kind.value == "state")[:200]
    arrangements = sorted(catalog.arrangements)
    beneficiaries = states[:20]
    return states, beneficiaries, arrangements


def day(rng: random.Random) -> dt.date:
    return FIRST + dt.timedelta(days=rng.randrange((LAST - FIRST).days))


def generate(count: int, seed: int = 7) -> Iterator[list[Document | Claim]]:
    """Batches of 1,000 documents with ten claims each. As in the news, the claims report a
    smaller set of facts again and again (about twenty sources per fact), and one report in
    twenty gets a value wrong (a date a day off), which makes conflicts. One agreement report
    in ten is about a catalogued text (with its own parties and signing day); the others are
    about bilateral agreements between a beneficiary and another state."""
    rng = random.Random(seed)
    facts = _facts(rng, max(count // 20, 50))
    documents = max(count // 10, 1)
    batch: list[Document | Claim] = []
    made = 0
    for index in range(documents):
        published = day(rng)
        text = f"Generated report {index}. " + "Allies pledged support in words of our own. " * 4
        document = Document(text=text, source=f"https://bench.example/{index}", published=published)
        batch.append(document)
        for position in range(10):
            if made >= count:
                break
            evidence = (
                SpanEvidence(document=document.id, start=0, end=20 + position, text=text[:20]),
            )
            batch.append(_report(rng, rng.choice(facts), evidence))
            made += 1
        if (index + 1) % 1000 == 0:
            yield batch
            batch = []
    if batch:
        yield batch


def _facts(rng: random.Random, count: int) -> list[Claim]:
    states, beneficiaries, arrangements = actors_and_arrangements()
    categories = list(Category)
    placeholder = (SpanEvidence(document="0" * 64, start=0, end=1, text="x"),)
    return [
        _claim(rng, states, beneficiaries, arrangements, categories, placeholder)
        for _ in range(count)
    ]


@functools.cache
def _signings(placeholder: tuple[SpanEvidence, ...]) -> list[AgreementClaim]:
    """The catalogued texts with named parties, each signed once on its own day: the news
    reports a real agreement with the parties it has, not with any two states."""
    rng = random.Random(3)
    catalog = load_catalog()
    return [
        AgreementClaim(
            parties=item.parties,
            kind=ArrangementKind.BILATERAL_SECURITY_AGREEMENT,
            arrangement=item.id,
            date=day(rng),
            duration=Duration(years=10),
            evidence=placeholder,
            producer=PRODUCER,
        )
        for item in sorted(catalog.arrangements.values(), key=lambda a: a.id)
        if item.parties
    ]


def _claim(
    rng: random.Random,
    states: list[str],
    beneficiaries: list[str],
    arrangements: list[str],
    categories: list[Category],
    evidence: tuple[SpanEvidence, ...],
) -> Claim:
    kind = rng.random()
    when = day(rng)
    common = {"evidence": evidence, "producer": PRODUCER, "confidence": rng.random()}
    if kind < 0.3:
        return MembershipClaim(
            actor=rng.choice(states),
            arrangement=rng.choice(arrangements),
            action=MembershipAction.LEAVE if rng.random() < 0.03 else MembershipAction.JOIN,
            date=when,
            **common,  # type: ignore[arg-type]
        )
    if kind < 0.7:
        condition = rng.choice(list(ConditionKind))
        return CommitmentClaim(
            guarantor=rng.choice(states),
            beneficiary=rng.choice(beneficiaries),
            category=rng.choice(categories),
            arrangement=rng.choice(arrangements),
            condition=Condition(
                kind=condition,
                deadline_hours=24 if condition is ConditionKind.ARMED_ATTACK else None,
            ),
            modality=rng.choice([Modality.COMMITTED] * 8 + [Modality.INTENDED, Modality.RULED_OUT]),
            start=when,
            duration=Duration(years=10) if rng.random() < 0.3 else None,
            **common,  # type: ignore[arg-type]
        )
    if kind < 0.9:
        if rng.random() < 0.1:
            return replace(rng.choice(_signings(evidence)), confidence=rng.random(), id="")
        return AgreementClaim(
            parties=(rng.choice(beneficiaries), rng.choice(states)),
            kind=ArrangementKind.BILATERAL_SECURITY_AGREEMENT,
            date=when,
            duration=Duration(years=10),
            **common,  # type: ignore[arg-type]
        )
    participants = tuple(rng.sample(states, 2))
    return MeetingClaim(participants=participants, date=when, **common)  # type: ignore[arg-type]


def _report(rng: random.Random, fact: Claim, evidence: tuple[SpanEvidence, ...]) -> Claim:
    """One source reporting a fact: its own evidence, its own confidence, now and then a
    date a day off."""
    changes: dict[str, object] = {"evidence": evidence, "confidence": rng.random(), "id": ""}
    if rng.random() < 0.05:
        if isinstance(fact, CommitmentClaim) and fact.start:
            changes["start"] = fact.start + dt.timedelta(days=1)
        elif not isinstance(fact, CommitmentClaim) and fact.date:
            changes["date"] = fact.date + dt.timedelta(days=1)
    return replace(fact, **changes)  # type: ignore[arg-type]


def build(url: str, count: int) -> float:
    init_ledger(url)
    started = time.perf_counter()
    with Ledger.open(url) as ledger:
        for batch in generate(count):
            ledger.add(batch)
    return time.perf_counter() - started


def timed(function: Callable[[], object], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return times


def p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(url: str, repeat: int, with_report: bool) -> dict[str, tuple[float, float, float]]:
    rng = random.Random(11)
    states, beneficiaries, arrangements = actors_and_arrangements()
    scenario = "peace_agreement=2026-06-01,armed_attack=2027-03-01"
    results: dict[str, tuple[float, float, float]] = {}
    with Ledger.open(url) as ledger:
        engine = ledger.engine

        def bare(**where: str) -> Callable[[], object]:
            statement = select(claims.c.id, claims.c.payload)
            if "arrangement" in where:
                statement = statement.where(
                    claims.c.type == "membership", claims.c.arrangement == where["arrangement"]
                )
            if "actor" in where:
                statement = statement.where(
                    claims.c.type == "commitment",
                    claims.c.id.in_(
                        select(claim_actors.c.claim_id).where(
                            claim_actors.c.actor == where["actor"],
                            claim_actors.c.role == where["role"],
                        )
                    ),
                )

            def run() -> object:
                with engine.connect() as connection:
                    return connection.execute(statement).all()

            return run

        cases: dict[str, list[tuple[Callable[[], object], Callable[[], object]]]] = {
            "roster": [],
            "commitments": [],
            "roster_now": [],
            "commitments_now": [],
        }
        for _ in range(repeat):
            arrangement, when, drawn = rng.choice(arrangements), day(rng), day(rng)
            guarantor = rng.choice(states)
            # as known on a random day (claims read), and as known now (rows kept at write time)
            for suffix, known in (("", drawn), ("_now", None)):
                cases[f"roster{suffix}"].append(
                    (
                        lambda a=arrangement, w=when, k=known: ledger.roster(
                            a, as_of=w, known_on=k
                        ),
                        bare(arrangement=arrangement),
                    )
                )
                cases[f"commitments{suffix}"].append(
                    (
                        lambda g=guarantor, w=when, k=known: ledger.commitments(
                            guarantor=g, as_of=w, known_on=k
                        ),
                        bare(actor=guarantor, role="guarantor"),
                    )
                )
        for name, pairs in cases.items():
            ours = [timed(f, 1)[0] for f, _ in pairs]
            base = [timed(b, 1)[0] for _, b in pairs]
            results[name] = (p(ours, 0.5), p(ours, 0.95), p(base, 0.5))
        target = beneficiaries[0]
        ours = timed(
            lambda: ledger.commitments(
                beneficiary=target, as_of=dt.date(2027, 3, 2), scenario=scenario
            ),
            3,
        )
        base = timed(bare(actor=target, role="beneficiary"), 3)
        results["scenario"] = (min(ours), max(ours), min(base))
        if with_report:
            ours = timed(
                lambda: render_report(ledger, as_of=dt.date(2027, 3, 2), beneficiary=target),
                1,
            )
            results["report"] = (ours[0], ours[0], min(base))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--sizes", default="", help="Also measure these smaller sizes first.")
    parser.add_argument("--db", default="", help="A database URL (default: SQLite in /tmp).")
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument(
        "--measure-only",
        action="store_true",
        help="Measure the ledger at --db as it is (built by an earlier run) instead of building.",
    )
    arguments = parser.parse_args()
    sizes = [int(s) for s in arguments.sizes.split(",") if s] + [arguments.claims]
    print("claims    build_s  query        p50_ms  p95_ms  bare_sql_ms  ratio", flush=True)
    for size in sizes:
        with tempfile.TemporaryDirectory() as folder:
            url = arguments.db or f"sqlite:///{Path(folder) / 'bench.db'}"
            if arguments.measure_only:
                seconds = 0.0
            else:
                if arguments.db:
                    _reset(url)
                seconds = build(url, size)
            for name, (p50, p95, base) in measure(url, arguments.repeat, True).items():
                print(
                    f"{size:>9,} {seconds:7.1f}  {name:<12} {p50:7.1f} {p95:7.1f} "
                    f"{base:11.1f}  {p50 / base if base else float('nan'):5.1f}x",
                    flush=True,
                )


def _reset(url: str) -> None:
    """Start from an empty ledger: a new SQLite file, or an empty PostgreSQL schema."""
    from sqlalchemy import create_engine, make_url, text

    if url.startswith("sqlite"):
        Path(make_url(url).database or "").unlink(missing_ok=True)
        return
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public;"))
    engine.dispose()


if __name__ == "__main__":
    sys.exit(main())
