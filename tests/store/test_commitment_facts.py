"""The commitment facts and the membership events the ledger keeps at write time
(``commitment_facts``, ``roster_events``) are what the claims say: after any mix of writes
and reviews, and after the migrations that build them for an existing ledger, each kept
commitment fact equals the fact grouped again from the stored claims' sketches (the path
answers about an earlier knowledge date take) and, but for the day it became known, the fact
grouped from the claims in hand; a roster folded from the kept events is the roster folded
from every membership claim."""

from __future__ import annotations

import dataclasses
import datetime as dt
import tempfile
from pathlib import Path

import pytest
from alembic import command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pactwatch.api import Ledger
from pactwatch.model import ClaimType, ClaimWithReviews, CommitmentClaim, Decision, Document
from pactwatch.model.commitment_facts import CommitmentFact
from pactwatch.reason import commitment_facts, roster
from pactwatch.reason.facts import by_story, facts
from pactwatch.reason.lifecycle import as_commitment_fact
from pactwatch.store import ClaimQuery, init_ledger
from pactwatch.store.migrate import _config, make_engine, migrate
from tests.postgres import fresh_database
from tests.reason.test_commitment_pages import pledges

LATER = dt.date(9000, 1, 1)
"""A knowledge date after every write: the sketches path, reading all the ledger knows."""

Review = tuple[int, Decision]


def kept(ledger: Ledger) -> list[CommitmentFact]:
    found, total = ledger.commitment_facts()
    assert total == len(found)
    return sorted(found, key=lambda fact: fact.fact)


def regrouped(ledger: Ledger) -> list[CommitmentFact]:
    """The commitment facts grouped again from the sketches, as known after every write."""
    found = commitment_facts(ledger, known_on=LATER)
    return sorted((as_commitment_fact(fact) for fact in found), key=lambda fact: fact.fact)


def in_hand(ledger: Ledger) -> list[CommitmentFact]:
    """The commitment facts of the stored claims grouped in Python (their review statuses as
    stored, sources counted by the ledger's stories), with no knowledge date."""
    stored = ledger.claims(ClaimQuery(type=ClaimType.COMMITMENT, include_rejected=True))
    grouped = facts(stored)
    anchors = {a[4:] for fact in grouped for a in fact.copies if a.startswith("doc:")}
    stories = ledger.stories(sorted(anchors)) if anchors else {}
    found = [as_commitment_fact(by_story(fact, stories)) for fact in grouped]
    return sorted(
        (dataclasses.replace(fact, known_since=None) for fact in found), key=lambda f: f.fact
    )


def check(ledger: Ledger) -> None:
    rows = kept(ledger)
    assert rows == regrouped(ledger)
    assert [dataclasses.replace(fact, known_since=None) for fact in rows] == in_hand(ledger)
    stored = ledger.claims(ClaimQuery(type=ClaimType.MEMBERSHIP, include_rejected=True))
    for arrangement in sorted({claim.arrangement for claim in stored}):  # type: ignore[attr-defined]
        for day in (None, dt.date(2025, 1, 1)):
            kept_roster = roster(ledger, arrangement, as_of=day)
            assert kept_roster == roster(ledger, arrangement, as_of=day, known_on=LATER)
    for day in (dt.date(2020, 1, 1), dt.date(2025, 1, 1), dt.date(2027, 1, 1)):
        assert ledger.roles_on(day) == ledger.roles_on(day, known_on=LATER), day


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)
@given(
    contents=pledges(),
    cuts=st.lists(st.integers(0, 60), max_size=3),
    reviews=st.lists(st.tuples(st.integers(0, 100), st.sampled_from(list(Decision))), max_size=4),
)
def test_kept_rows_are_what_the_claims_say_after_writes_reviews_and_migration(
    backend: str,
    request: pytest.FixtureRequest,
    contents: list[Document | ClaimWithReviews],
    cuts: list[int],
    reviews: list[Review],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        if backend == "sqlite":
            url = f"sqlite:///{Path(folder) / 'kept.db'}"
        else:
            url = fresh_database(request.getfixturevalue("postgres_admin_url"))
        init_ledger(url)
        pledged = [
            item.claim
            for item in contents
            if isinstance(item, ClaimWithReviews) and isinstance(item.claim, CommitmentClaim)
        ]
        with Ledger.open(url) as ledger:
            start = 0
            for cut in [*sorted({min(cut, len(contents)) for cut in cuts}), len(contents)]:
                ledger.add(contents[start:cut])  # documents come before the claims citing them
                start = cut
                check(ledger)
            for index, decision in reviews:
                if pledged:
                    ledger.review(pledged[index % len(pledged)].id, decision, reviewer="test")
                    check(ledger)
            before = kept(ledger)
        engine = make_engine(url, must_exist=True)
        with engine.begin() as connection:
            command.downgrade(_config(connection), "0016")  # before both tables
        migrate(engine)
        engine.dispose()
        with Ledger.open(url) as ledger:
            assert kept(ledger) == before
            check(ledger)
