"""Facts over sources: one fact per thing said, its independent sources, its conflicts."""

from __future__ import annotations

import dataclasses
import datetime as dt

from pactwatch.model import (
    Amount,
    ReviewStatus,
    SpanEvidence,
)
from pactwatch.reason import facts
from tests.conftest import citation, seed_commitment, seed_membership


def span(document: str, start: int = 0) -> SpanEvidence:
    return SpanEvidence(document=document, start=start, end=start + 10, text="Our words.")


def test_the_same_thing_from_two_sources_is_one_fact_with_two_sources() -> None:
    one = seed_membership(evidence=(citation(url="https://example.org/a"),))
    two = seed_membership(evidence=(citation(url="https://example.org/b"),), confidence=0.7)
    [fact] = facts([one, two])
    assert fact.claim_ids == (one.id, two.id)
    assert len(fact.sources) == 2
    assert fact.conflicts == ()


def test_copies_of_the_same_text_count_once() -> None:
    one = seed_commitment(evidence=(span("d" * 64),))
    two = seed_commitment(
        evidence=(span("d" * 64, start=40),), confidence=0.5, producer="analyst:other"
    )
    [fact] = facts([one, two])
    assert len(fact.claim_ids) == 2
    assert len(fact.sources) == 1


def test_disagreeing_dates_make_one_fact_with_a_conflict_and_both_sides() -> None:
    kyiv = seed_membership(evidence=(citation(url="https://example.org/a"),))
    later = seed_membership(
        date=dt.date(2026, 1, 7), evidence=(citation(url="https://example.org/b"),)
    )
    [fact] = facts([kyiv, later])
    [conflict] = fact.conflicts
    assert conflict.field == "date"
    assert {side.value for side in conflict.sides} == {dt.date(2026, 1, 6), dt.date(2026, 1, 7)}
    assert {side.claims for side in conflict.sides} == {(kyiv.id,), (later.id,)}


def test_rejected_claims_never_count_and_accepted_ones_lead() -> None:
    proposed = seed_commitment(evidence=(citation(url="https://example.org/a"),), confidence=0.9)
    accepted = dataclasses.replace(
        seed_commitment(evidence=(citation(url="https://example.org/b"),), confidence=0.4),
        status=ReviewStatus.ACCEPTED,
    )
    rejected = dataclasses.replace(
        seed_commitment(evidence=(citation(url="https://example.org/c"),)),
        status=ReviewStatus.REJECTED,
    )
    [fact] = facts([proposed, accepted, rejected])
    assert fact.claim.id == accepted.id
    assert fact.status is ReviewStatus.ACCEPTED
    assert len(fact.sources) == 2
    assert facts([proposed], accepted_only=True) == []
    assert facts([rejected]) == []


def test_two_amounts_in_one_text_are_two_pledges_but_across_texts_a_conflict() -> None:
    big = seed_commitment(
        "security_assistance", amount=Amount(value=2e9, currency="EUR"), evidence=(span("a" * 64),)
    )
    small = seed_commitment(
        "security_assistance",
        amount=Amount(value=150e6, currency="EUR"),
        evidence=(span("a" * 64, 50),),
    )
    assert len(facts([big, small])) == 2
    other = seed_commitment(
        "security_assistance",
        amount=Amount(value=1.9e9, currency="EUR"),
        evidence=(span("b" * 64),),
    )
    merged = [fact for fact in facts([big, other]) if fact.conflicts]
    assert [conflict.field for conflict in merged[0].conflicts] == ["amount"]
