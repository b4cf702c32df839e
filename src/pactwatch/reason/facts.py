"""Facts over sources: the claims of many documents that say the same thing become one fact.

A fact keeps every claim behind it, counts its independent sources (a document is its text, so
copies of the same text count once; a citation is its URL), and shows a conflict wherever its
claims disagree on a value (a date, an amount, a duration, a party) instead of picking one
silently. Rejected claims never count; accepted claims outrank proposed ones when a value is
shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from pactwatch.model import (
    AgreementClaim,
    Claim,
    ClaimType,
    CommitmentClaim,
    MeetingClaim,
    MembershipAction,
    MembershipClaim,
    ReviewStatus,
)

FactKey = tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class Side:
    """One value that some of a fact's claims give, and which claims give it."""

    value: Any
    claims: tuple[str, ...]
    sources: tuple[str, ...]
    """Document ids (``doc:``) or cited URLs (``url:``) behind this value."""


@dataclass(frozen=True, slots=True)
class Conflict:
    """Sources that disagree on one field of a fact."""

    field: str
    sides: tuple[Side, ...]


@dataclass(frozen=True, slots=True)
class Fact:
    """One thing the ledger holds, with every claim that says it."""

    key: FactKey
    claim: Claim
    """The claim whose values the fact shows: the most confident accepted one, else proposed."""
    claims: tuple[Claim, ...]
    conflicts: tuple[Conflict, ...]

    @property
    def type(self) -> ClaimType:
        return self.claim.type

    @property
    def id(self) -> str:
        """The id of the claim the fact shows (stable while that claim stays the best)."""
        return self.claim.id

    @property
    def status(self) -> ReviewStatus:
        """Accepted when any claim behind it is accepted, else proposed."""
        accepted = any(c.status is ReviewStatus.ACCEPTED for c in self.claims)
        return ReviewStatus.ACCEPTED if accepted else ReviewStatus.PROPOSED

    @property
    def sources(self) -> tuple[str, ...]:
        """Independent sources: distinct documents and cited URLs."""
        return tuple(dict.fromkeys(_anchor(e) for c in self.claims for e in c.evidence))

    @property
    def claim_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.claims)


def fact_key(claim: Claim) -> FactKey:
    """What makes two claims the same fact, whichever source says it and whatever values
    (dates, amounts, durations) they give."""
    if isinstance(claim, MembershipClaim):
        return (
            "membership",
            claim.actor,
            claim.arrangement,
            claim.action is MembershipAction.LEAVE,
        )
    if isinstance(claim, CommitmentClaim):
        return (
            "commitment",
            claim.guarantor,
            claim.beneficiary,
            str(claim.category),
            str(claim.modality),
            str(claim.condition.kind),
            claim.arrangement,
        )
    if isinstance(claim, AgreementClaim):
        return ("agreement", claim.arrangement or frozenset(claim.parties))
    assert isinstance(claim, MeetingClaim)
    return ("meeting", frozenset(claim.participants), claim.date)


VALUES: dict[ClaimType, dict[str, Callable[[Any], Any]]] = {
    ClaimType.MEMBERSHIP: {"date": lambda c: c.date, "place": lambda c: c.place},
    ClaimType.COMMITMENT: {
        "amount": lambda c: (c.amount.value, c.amount.currency) if c.amount else None,
        "duration": lambda c: c.duration.years if c.duration else None,
        "deadline_hours": lambda c: c.condition.deadline_hours,
    },
    ClaimType.AGREEMENT: {
        "date": lambda c: c.date,
        "place": lambda c: c.place,
        "duration": lambda c: c.duration.years if c.duration else None,
        "parties": lambda c: frozenset(c.parties),
    },
    ClaimType.MEETING: {"place": lambda c: c.place},
}
"""The fields on which a fact's sources can disagree, per claim type."""


def facts(claims: Iterable[Claim], *, accepted_only: bool = False) -> list[Fact]:
    """Group claims into facts; rejected claims are left out, and with ``accepted_only`` so
    are facts that no reviewer accepted."""
    groups: dict[FactKey, list[list[Claim]]] = {}
    for claim in claims:
        if claim.status is ReviewStatus.REJECTED:
            continue
        _place(groups.setdefault(fact_key(claim), []), claim)
    found = [_fact(key, members) for key, parts in groups.items() for members in parts]
    if accepted_only:
        found = [fact for fact in found if fact.status is ReviewStatus.ACCEPTED]
    return sorted(found, key=_order)


def _place(parts: list[list[Claim]], claim: Claim) -> None:
    """Add a claim to the first fact it can join: one document naming two amounts for the same
    kind of pledge makes two pledges, not a disagreement."""
    for members in parts:
        if not any(_two_pledges_in_one_text(claim, other) for other in members):
            members.append(claim)
            return
    parts.append([claim])


def _two_pledges_in_one_text(one: Claim, other: Claim) -> bool:
    if not isinstance(one, CommitmentClaim) or not isinstance(other, CommitmentClaim):
        return False
    if one.amount is None or other.amount is None or one.amount == other.amount:
        return False
    return bool({_anchor(e) for e in one.evidence} & {_anchor(e) for e in other.evidence})


def _fact(key: FactKey, members: list[Claim]) -> Fact:
    ranked = sorted(
        members,
        key=lambda c: (c.status is not ReviewStatus.ACCEPTED, -c.confidence, c.id),
    )
    return Fact(key=key, claim=ranked[0], claims=tuple(ranked), conflicts=_conflicts(ranked))


def _conflicts(claims: list[Claim]) -> tuple[Conflict, ...]:
    found = []
    for name, read in VALUES[claims[0].type].items():
        sides: dict[Any, list[Claim]] = {}
        for claim in claims:
            value = read(claim)
            if value is not None:
                sides.setdefault(value, []).append(claim)
        if len(sides) > 1:
            found.append(
                Conflict(
                    field=name,
                    sides=tuple(
                        Side(
                            value=_shown(value),
                            claims=tuple(c.id for c in group),
                            sources=tuple(
                                dict.fromkeys(_anchor(e) for c in group for e in c.evidence)
                            ),
                        )
                        for value, group in sides.items()
                    ),
                )
            )
    return tuple(found)


def _shown(value: Any) -> Any:
    if isinstance(value, frozenset):
        return tuple(sorted(value))
    return value


def _anchor(evidence: Any) -> str:
    anchor: str = evidence.anchor
    return anchor


def _order(fact: Fact) -> tuple[Any, ...]:
    return (str(fact.type), fact_date(fact) or dt.date.min, fact.id)


def fact_date(fact: Fact) -> dt.date | None:
    """The date a fact happened or started, from the claim it shows."""
    claim = fact.claim
    if isinstance(claim, CommitmentClaim):
        return claim.start
    value: dt.date | None = claim.date
    return value
