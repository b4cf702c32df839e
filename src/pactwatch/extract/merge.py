"""One claim per fact per document: the same fact said twice keeps both sentences as evidence."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields, replace
from typing import Any

from pactwatch.model import (
    AgreementClaim,
    Amount,
    Claim,
    CommitmentClaim,
    MeetingClaim,
    MembershipClaim,
    SpanEvidence,
)

PENDING = "pending"
"""Provisional id of claims under construction: the real id is computed once, after merging."""

FILLABLE = ("place", "date", "amount", "duration", "name", "arrangement", "start")


def statement_key(claim: Claim) -> tuple[Any, ...]:
    """What makes two claims of ONE text the same statement, whatever sentence says it.

    Not the ledger's fact (:func:`pactwatch.model.facts.fact_key`), on purpose: within one
    text a pledge restated without its arrangement's name is the same pledge (the gap is
    filled from the sentence that names it), and a meeting restated without its date is the
    same meeting; while signing and joining are two statements here, each keeping its own
    date, which the ledger files under one membership fact.
    """
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


def merge_claims(
    claims: list[Claim],
    revised: Mapping[tuple[float, str], Amount] | None = None,
    dated: frozenset[int] = frozenset(),
) -> list[Claim]:
    """Merge claims of the same fact: evidence joined in text order, gaps filled, more confident.

    Two pledges of the same kind with different amounts ("EUR 2 billion in military aid" and
    "EUR 150 million for shells") are two facts; a restatement without the amount is the same.
    A text that revises a sum ties the two: ``revised`` maps each sum it says a new one
    replaced (value, currency) to the new sum, and a pledge with the old sum is the pledge
    with the new one, if the text gives that one the same guarantor, beneficiary and kind.
    ``dated`` holds where the sentences that state their own date start: their date wins
    over one a sentence took from the report's day (a headline's).
    """
    claims = _revise(claims, revised or {})
    merged: dict[tuple[Any, ...], list[Claim]] = {}
    for claim in claims:
        kept = merged.setdefault(statement_key(claim), [])
        same = next((i for i, other in enumerate(kept) if _same_amount(other, claim)), None)
        if same is None:
            kept.append(claim)
        else:
            kept[same] = _combine(kept[same], claim, dated)
    return [replace(claim, id="") for group in merged.values() for claim in group]


def _revise(claims: list[Claim], revised: Mapping[tuple[float, str], Amount]) -> list[Claim]:
    """Pledges whose sum the text revised take the new sum (see :func:`merge_claims`)."""
    if not revised:
        return claims
    sums: dict[tuple[Any, ...], set[tuple[float, str]]] = {}
    for claim in claims:
        if isinstance(claim, CommitmentClaim) and claim.amount is not None:
            sums.setdefault(statement_key(claim), set()).add(_sum(claim.amount))
    result: list[Claim] = []
    for claim in claims:
        if isinstance(claim, CommitmentClaim) and claim.amount is not None:
            amount, seen = claim.amount, {_sum(claim.amount)}
            while (new := revised.get(_sum(amount))) is not None and _sum(new) not in seen:
                amount = new
                seen.add(_sum(new))
            if amount is not claim.amount and _sum(amount) in sums[statement_key(claim)]:
                claim = replace(claim, amount=amount)
        result.append(claim)
    return result


def _sum(amount: Amount) -> tuple[float, str]:
    return (amount.value, amount.currency)


def _same_amount(first: Claim, second: Claim) -> bool:
    one, other = getattr(first, "amount", None), getattr(second, "amount", None)
    if one is None or other is None:
        return True
    return bool((one.value, one.currency) == (other.value, other.currency))


def _states_its_date(claim: Claim, dated: frozenset[int]) -> bool:
    return any(isinstance(e, SpanEvidence) and e.start in dated for e in claim.evidence)


def _combine(first: Claim, second: Claim, dated: frozenset[int] = frozenset()) -> Claim:
    evidence = tuple(dict.fromkeys((*first.evidence, *second.evidence)))
    changes: dict[str, Any] = {
        "evidence": evidence,
        "confidence": min(0.95, max(first.confidence, second.confidence) + 0.05),
    }
    names = {f.name for f in fields(first)}
    stated = getattr(second, "date", None)
    if (
        stated is not None
        and _states_its_date(second, dated)
        and not _states_its_date(first, dated)
    ):
        changes["date"] = stated
    for name in FILLABLE:
        if name in names and getattr(first, name) is None and getattr(second, name) is not None:
            changes[name] = getattr(second, name)
    return replace(first, **changes)
