"""Timeline events: the dated lines a fact gives a timeline (one, or one per date when its
sources give several), with a one-line summary of what it says. Pure functions of a fact,
shared by the reasoning layer (timelines on any knowledge date) and the store (the events of
each arrangement kept at write time)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pactwatch.model.claims import (
    AgreementClaim,
    Claim,
    CommitmentClaim,
    MeetingClaim,
    MembershipClaim,
)
from pactwatch.model.grouping import Fact, Side, fact_date
from pactwatch.model.vocabulary import MembershipAction


@dataclass(frozen=True, slots=True, kw_only=True)
class TimelineEvent:
    """One dated line of a timeline, with the fact behind it."""

    date: dt.date | None
    kind: str
    """joined, signed, left, agreement, commitment, meeting, or a scenario event."""
    actors: tuple[str, ...]
    arrangement: str | None
    summary: str
    fact: str | None
    """Id of the fact (None for a scenario event, which is hypothetical)."""
    sources: int = 0
    hypothetical: bool = False
    conflicts: tuple[str, ...] = ()
    """Fields the fact's sources disagree on (see ``pactwatch conflicts``)."""


def events_of(fact: Fact) -> list[TimelineEvent]:
    """A fact's events: one, or for a membership whose sources give several dates (taking
    part since 2025, signing in Paris in 2026), one per date with its own place and sources."""
    kind, actors, arrangement, summary = what(fact.claim)
    disputed = tuple(conflict.field for conflict in fact.conflicts)
    dates = next((c for c in fact.conflicts if c.field == "date"), None)
    if not isinstance(fact.claim, MembershipClaim) or dates is None:
        event = TimelineEvent(
            date=fact_date(fact),
            kind=kind,
            actors=actors,
            arrangement=arrangement,
            summary=summary,
            fact=fact.id,
            sources=len(fact.sources),
            conflicts=disputed,
        )
        return [event]
    return [
        TimelineEvent(
            date=side.value,
            kind=kind,
            actors=actors,
            arrangement=arrangement,
            summary=summary + place_of(fact, side),
            fact=fact.id,
            sources=len(side.sources),
            conflicts=disputed,
        )
        for side in dates.sides
    ]


def place_of(fact: Fact, side: Side) -> str:
    """' in Paris' when the claims of one dated side of a fact give a place."""
    places = next((c for c in fact.conflicts if c.field == "place"), None)
    if places is not None:
        found = [p.value for p in places.sides if set(p.claims) & set(side.claims)]
        return f" in {found[0]}" if found else ""
    for claim in (fact.claim, *fact.examples):
        if isinstance(claim, MembershipClaim) and claim.place and claim.id in side.claims:
            return f" in {claim.place}"
    return ""


def what(claim: Claim) -> tuple[str, tuple[str, ...], str | None, str]:
    """(kind, actors, arrangement, one-line summary) of a claim."""
    if isinstance(claim, MembershipClaim):
        verb = VERBS.get(claim.action, "left")
        return verb, (claim.actor,), claim.arrangement, f"{claim.actor} {verb} {claim.arrangement}"
    if isinstance(claim, AgreementClaim):
        years = claim.duration.years if claim.duration else None
        length = f", {years} years" if years else ""
        text = f"{' / '.join(claim.parties)} signed {claim.name or claim.kind}{length}"
        return "agreement", claim.parties, claim.arrangement, text
    if isinstance(claim, CommitmentClaim):
        kind = str(claim.condition.kind)
        condition = f" once {kind}" if kind != "none" else ""
        text = (
            f"{claim.guarantor} -> {claim.beneficiary}: {claim.category} "
            f"({claim.modality}){condition}"
        )
        return "commitment", (claim.guarantor, claim.beneficiary), claim.arrangement, text
    assert isinstance(claim, MeetingClaim)
    where = f" in {claim.place}" if claim.place else ""
    return "meeting", claim.participants, None, f"meeting of {', '.join(claim.participants)}{where}"


VERBS = {MembershipAction.JOIN: "joined", MembershipAction.SIGN: "signed"}
