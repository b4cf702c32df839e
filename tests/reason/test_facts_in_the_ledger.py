"""Facts grouped in the ledger (from stored sketches) are the facts grouped from the claims
themselves, whatever the sources, reviews and knowledge date."""

from __future__ import annotations

import dataclasses
import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pactwatch.api import Ledger
from pactwatch.model import (
    Claim,
    ClaimWithReviews,
    CommitmentClaim,
    Decision,
    Document,
    Duration,
)
from pactwatch.reason import Fact, facts, facts_of
from pactwatch.store import ClaimQuery, init_ledger
from tests import strategies

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@st.composite
def reported(draw: st.DrawFn) -> list[Document | ClaimWithReviews]:
    """A few facts, each reported several times with other sources, confidence and now and
    then another value, some reports reviewed."""
    contents = draw(strategies.ledger_contents())
    docs = [item for item in contents if isinstance(item, Document)]
    found = [item for item in contents if isinstance(item, ClaimWithReviews)]
    evidence: st.SearchStrategy[Any] = strategies.citations
    if docs:
        evidence = st.one_of(strategies.citations, *[strategies.spans(d) for d in docs])
    copies = []
    for item in found:
        for _ in range(draw(st.integers(0, 3))):
            changes: dict[str, Any] = {
                "id": "",
                "evidence": tuple(draw(st.lists(evidence, min_size=1, max_size=2))),
                "confidence": draw(st.floats(0, 1, allow_nan=False)),
            }
            if draw(st.booleans()):
                changes.update(_another_value(item.claim))
            if isinstance(item.claim, CommitmentClaim) and draw(st.booleans()):
                changes["arrangement"] = None  # a later report that names no arrangement
            copy = dataclasses.replace(item.claim, **changes)
            history = tuple(sorted(draw(st.lists(strategies.reviews, max_size=2)), key=_at))
            copies.append(ClaimWithReviews(copy, history))
    return [*contents, *copies]


def _at(review: Any) -> dt.datetime:
    return review.at  # type: ignore[no-any-return]


def _another_value(claim: Claim) -> dict[str, Any]:
    if isinstance(claim, CommitmentClaim):
        return {"duration": None if claim.duration else Duration(years=10)}
    return {"place": "Somewhere else"}


def comparable(found: list[Fact]) -> list[tuple[Any, ...]]:
    return [
        (
            fact.key,
            fact.claim,
            fact.claim_ids,
            set(fact.sources),
            fact.status,
            fact.conflicts,
        )
        for fact in found
    ]


@SETTINGS
@given(contents=reported(), known_on=st.none() | strategies.days)
def test_facts_of_the_ledger_are_the_facts_of_its_claims(
    contents: list[Document | ClaimWithReviews], known_on: dt.date | None
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "facts.db"
        init_ledger(path)
        with Ledger.open(path) as ledger:
            # Two writes, then a review: the per-fact summaries are built, updated and
            # set aside as they would be over time.
            docs = [item for item in contents if isinstance(item, Document)]
            found = [item for item in contents if isinstance(item, ClaimWithReviews)]
            half = len(found) // 2
            ledger.add([*docs, *found[:half]])
            ledger.add(found[half:])
            if found:
                ledger.review(found[-1].claim.id, Decision.ACCEPT, reviewer="test")
            query = ClaimQuery(known_on=known_on)
            known = ledger.claims(dataclasses.replace(query, include_rejected=False))
            everything = ledger.claims(ClaimQuery(include_rejected=False))
            in_hand = facts(known, placed_among=everything)
            stored = facts_of(ledger, query, examples=1_000)
            assert comparable(stored) == comparable(in_hand)
            for fact in stored:
                assert fact.known_since is not None
                assert [c.id for c in fact.examples] == list(fact.claim_ids)
