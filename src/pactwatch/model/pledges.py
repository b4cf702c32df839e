"""One pledge, one fact: which fact a commitment claim belongs to, seen beside its family.

A commitment's *family* is its guarantor, beneficiary, category, modality and condition.
Within a family, :func:`place` decides the fact of every claim, the same way wherever claims
are grouped (the ledger's stored fact ids and summaries, and claims grouped in hand):

1. A claim that names no arrangement joins the one arrangement of its family that fits it:
   the claim starts within the span of that arrangement's claims and, where it gives an
   amount, some claim of the arrangement gives the same (a sum announced on its own is a
   pledge of its own). When several fit it stays apart, and its placement lists them
   (``fits``) for a reviewer; when none fits it stays apart quietly.
2. Pledges with amounts: claims giving different amounts are different pledges when one text
   gives both, or when they are dated on different days. Two sources giving different
   amounts for the same day disagree about one pledge (a conflict, not two facts). A claim
   without an amount joins the pledge of its day, else the earliest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pactwatch.model.claims import CommitmentClaim

Money = tuple[float, str]


@dataclass(frozen=True, slots=True)
class Pledge:
    """What placing a commitment claim needs to know of it."""

    claim: str
    family: str
    own: str
    """Its own fact id (from its own fields, before it is seen beside others)."""
    arrangement: str | None
    start: dt.date | None
    end: dt.date | None
    amount: Money | None
    sources: frozenset[str]


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a claim was placed."""

    fact: str
    attached: bool = False
    """It names no arrangement and joined the fact of one that does."""
    fits: tuple[str, ...] = ()
    """It names no arrangement and these several fit it: a reviewer decides."""


def family_of(claim: CommitmentClaim) -> str:
    """The id of a commitment's family (every field of its fact but the arrangement)."""
    key = [
        claim.guarantor,
        claim.beneficiary,
        str(claim.category),
        str(claim.modality),
        str(claim.condition.kind),
    ]
    return "fam_" + _digest(key)


def pledge_of(claim: CommitmentClaim, own: str, sources: Iterable[str]) -> Pledge:
    """The pledge of a commitment claim whose own fact id is ``own``."""
    start, end = claim.valid_span()
    amount = (claim.amount.value, claim.amount.currency) if claim.amount else None
    return Pledge(
        claim=claim.id,
        family=family_of(claim),
        own=own,
        arrangement=claim.arrangement,
        start=start,
        end=end,
        amount=amount,
        sources=frozenset(sources),
    )


def place(pledges: Iterable[Pledge]) -> dict[str, Placement]:
    """The placement of every pledge, by claim id (pledges of many families may be mixed)."""
    families: dict[str, list[Pledge]] = defaultdict(list)
    for pledge in pledges:
        families[pledge.family].append(pledge)
    found: dict[str, Placement] = {}
    for members in families.values():
        found.update(_place_family(members))
    return found


def _place_family(members: Sequence[Pledge]) -> dict[str, Placement]:
    named: dict[str, list[Pledge]] = defaultdict(list)
    for pledge in members:
        if pledge.arrangement is not None:
            named[pledge.arrangement].append(pledge)
    spans = {name: _span(items) for name, items in named.items()}
    amounts = {name: {p.amount for p in items} for name, items in named.items()}
    buckets: dict[str | None, list[Pledge]] = defaultdict(list)
    fits: dict[str, tuple[str, ...]] = {}
    for pledge in sorted(members, key=lambda p: p.claim):
        if pledge.arrangement is not None:
            buckets[pledge.arrangement].append(pledge)
            continue
        fitting = tuple(
            sorted(
                name
                for name, span in spans.items()
                if _within(pledge.start, span)
                and (pledge.amount is None or pledge.amount in amounts[name])
            )
        )
        if len(fitting) == 1:
            buckets[fitting[0]].append(pledge)
        else:
            buckets[None].append(pledge)
            fits[pledge.claim] = fitting if len(fitting) > 1 else ()
    found: dict[str, Placement] = {}
    for name, items in buckets.items():
        base = named[name][0].own if name is not None else items[0].own
        for index, cluster in enumerate(_pledges(items)):
            fact = base if index == 0 else _split_id(base, cluster[0])
            for pledge in cluster:
                found[pledge.claim] = Placement(
                    fact=fact,
                    attached=pledge.arrangement is None and name is not None,
                    fits=fits.get(pledge.claim, ()),
                )
    return found


Span = tuple[dt.date | None, dt.date | None]


def _span(items: Sequence[Pledge]) -> Span:
    """From the earliest start to the latest end of an arrangement's claims (open where any
    claim does not say)."""
    starts = [p.start for p in items]
    ends = [p.end for p in items]
    first = None if None in starts else min(d for d in starts if d is not None)
    last = None if None in ends else max(d for d in ends if d is not None)
    return first, last


def _within(day: dt.date | None, span: Span) -> bool:
    if day is None:
        return True
    first, last = span
    return (first is None or first <= day) and (last is None or day <= last)


def _pledges(items: Sequence[Pledge]) -> list[list[Pledge]]:
    """The claims of one arrangement (or of none) grouped into pledges, earliest first."""
    clusters: list[list[Pledge]] = []
    with_amount = sorted(
        (p for p in items if p.amount is not None), key=lambda p: (p.start or dt.date.min, p.claim)
    )
    for pledge in with_amount:
        home = next((c for c in clusters if _same_pledge(pledge, c)), None)
        if home is None:
            clusters.append([pledge])
        else:
            home.append(pledge)
    for pledge in (p for p in items if p.amount is None):
        if not clusters:
            clusters.append([])
        same_day = [c for c in clusters if c and pledge.start and c[0].start == pledge.start]
        (same_day[0] if same_day else clusters[0]).append(pledge)
    return clusters


def _same_pledge(pledge: Pledge, cluster: Sequence[Pledge]) -> bool:
    if any(other.amount == pledge.amount for other in cluster):
        return True
    if any(other.sources & pledge.sources for other in cluster):
        return False  # one text giving two amounts names two pledges
    return pledge.start is not None and all(other.start == pledge.start for other in cluster)


def _split_id(base: str, first: Pledge) -> str:
    """The fact id of a pledge beside the first of its arrangement: its amount and day."""
    assert first.amount is not None
    value, currency = first.amount
    day = first.start.isoformat() if first.start else None
    return "fct_" + _digest([base, value, currency, day])


def _digest(value: object) -> str:
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]
