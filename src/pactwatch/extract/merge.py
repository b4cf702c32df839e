"""One claim per fact per document: the same fact said twice keeps both sentences as evidence."""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any

from pactwatch.model import (
    AgreementClaim,
    Claim,
    CommitmentClaim,
    MeetingClaim,
    MembershipClaim,
)

PENDING = "pending"
"""Provisional id of claims under construction: the real id is computed once, after merging."""

FILLABLE = ("place", "date", "amount", "duration", "name", "arrangement", "start")


def fact_key(claim: Claim) -> tuple[Any, ...]:
    """What makes two claims the same fact, whatever sentence says it."""
    if isinstance(claim, MembershipClaim):
        return ("membership", claim.actor, claim.arrangement, claim.action)
    if isinstance(claim, CommitmentClaim):
        return (
            "commitment",
            claim.guarantor,
            claim.beneficiary,
            claim.category,
            claim.modality,
            claim.condition.kind,
        )
    if isinstance(claim, AgreementClaim):
        return ("agreement", frozenset(claim.parties))
    assert isinstance(claim, MeetingClaim)
    return ("meeting", frozenset(claim.participants))


def merge_claims(claims: list[Claim]) -> list[Claim]:
    """Merge claims of the same fact: evidence joined in text order, gaps filled, more confident."""
    merged: dict[tuple[Any, ...], Claim] = {}
    for claim in claims:
        key = fact_key(claim)
        if key not in merged:
            merged[key] = claim
            continue
        merged[key] = _combine(merged[key], claim)
    return [replace(claim, id="") for claim in merged.values()]


def _combine(first: Claim, second: Claim) -> Claim:
    evidence = tuple(dict.fromkeys((*first.evidence, *second.evidence)))
    changes: dict[str, Any] = {
        "evidence": evidence,
        "confidence": min(0.95, max(first.confidence, second.confidence) + 0.05),
    }
    names = {f.name for f in fields(first)}
    for name in FILLABLE:
        if name in names and getattr(first, name) is None and getattr(second, name) is not None:
            changes[name] = getattr(second, name)
    return replace(first, **changes)
