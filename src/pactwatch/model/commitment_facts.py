"""A commitment fact as every commitment view shows it, before its state on a day.

It holds what the lifecycle needs (condition, modality, dates, length, the arrangement it was
made under) and what a row says about the fact's sources and review, so that the store can
keep one such row per fact as claims are written and a page of commitments, a coverage matrix
or a scenario reads rows instead of decoding claims.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from pactwatch.model.claims import CommitmentClaim, Duration
from pactwatch.model.grouping import Fact
from pactwatch.model.vocabulary import Category, ConditionKind, Modality, ReviewStatus


@dataclass(frozen=True, slots=True, kw_only=True)
class CommitmentFact:
    """One commitment fact: the claim it shows, reduced to its fields, and its sources."""

    id: str
    """The claim the fact shows (the id every view gives the fact)."""
    fact: str
    """The fact id (``fct_...``)."""
    guarantor: str
    beneficiary: str
    category: Category
    arrangement: str | None
    condition: ConditionKind
    deadline_hours: int | None
    modality: Modality
    amount: float | None
    currency: str | None
    duration: Duration | None
    """None when the claim gives none, or one that says nothing."""
    start: dt.date | None
    end: dt.date | None
    known_since: dt.date | None
    """When the ledger first knew a claim of it."""
    review: ReviewStatus
    """accepted when a reviewer accepted a claim behind it, else proposed."""
    sources: int
    """Independent sources (one per story)."""
    copies: int
    """Every document and citation behind it."""
    conflicts: tuple[str, ...]
    """Fields on which its sources disagree."""
    claims: tuple[str, ...]
    """Every claim behind it: the shown one first, then by id."""
    departed: dt.date | None = None
    """Kept rows only: the earliest day the ledger says its guarantor left its arrangement."""
    signed: dt.date | None = None
    """Kept rows only: the earliest day its guarantor signed its arrangement."""
    signed_years: int | None = None
    """Kept rows only: the longest length in years the signings of its arrangement by its
    guarantor give (with ``signed``, the term a commitment that states neither runs on)."""


def commitment_fact(
    fact: str,
    claim: CommitmentClaim,
    *,
    review: ReviewStatus,
    sources: int,
    copies: int,
    conflicts: Sequence[str],
    claims: Sequence[str],
    known_since: dt.date | None,
) -> CommitmentFact:
    """The commitment fact that shows ``claim``."""
    return CommitmentFact(
        id=claim.id,
        fact=fact,
        guarantor=claim.guarantor,
        beneficiary=claim.beneficiary,
        category=claim.category,
        arrangement=claim.arrangement,
        condition=claim.condition.kind,
        deadline_hours=claim.condition.deadline_hours,
        modality=claim.modality,
        amount=claim.amount.value if claim.amount else None,
        currency=claim.amount.currency if claim.amount else None,
        duration=claim.duration if claim.duration != Duration() else None,
        start=claim.start,
        end=claim.end,
        known_since=known_since,
        review=review,
        sources=sources,
        copies=copies,
        conflicts=tuple(conflicts),
        claims=tuple(claims),
    )


def as_commitment_fact(fact: Fact) -> CommitmentFact:
    """The commitment fact ``fact`` (a fact of commitment claims) reduced to its row."""
    claim = fact.claim
    assert isinstance(claim, CommitmentClaim)
    return commitment_fact(
        fact.key,
        claim,
        review=fact.status,
        sources=len(fact.sources),
        copies=len(fact.copies),
        conflicts=[conflict.field for conflict in fact.conflicts],
        claims=fact.claim_ids,
        known_since=fact.known_since,
    )
