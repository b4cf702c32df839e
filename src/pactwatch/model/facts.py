"""What makes claims the same fact, and the light sketch of a claim that facts are built from.

Many documents report the same thing; each report is a claim. Claims with the same
:func:`fact_key` are one fact. The values on which reports of one fact can disagree (a date,
an amount, a length, the parties) are the claim's *facets*. A :class:`Sketch` carries a
claim's fact, facets, sources and standing without the rest of the claim, so the ledger can
group a million claims into facts without decoding them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from pactwatch.model.claims import (
    AgreementClaim,
    Claim,
    CommitmentClaim,
    MeetingClaim,
    MembershipClaim,
)
from pactwatch.model.vocabulary import ClaimType, MembershipAction, ReviewStatus

FactKey = tuple[Any, ...]


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
        return ("agreement", claim.arrangement or tuple(sorted(set(claim.parties))))
    assert isinstance(claim, MeetingClaim)
    return ("meeting", tuple(sorted(set(claim.participants))), claim.date)


def fact_id(claim: Claim) -> str:
    """The fact's id: a digest of its key (the ledger stores it beside each claim)."""
    text = json.dumps(fact_key(claim), default=_iso, separators=(",", ":"))
    return "fct_" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def _iso(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not part of a fact key")


@dataclass(frozen=True, slots=True)
class Facet:
    """A value on which the sources of one fact can disagree."""

    read: Callable[[Any], Any]
    """The value of a claim, JSON-ready (None when the claim does not say)."""
    shown: Callable[[Any], Any] = lambda value: value
    """The stored value as shown to users (a date as a date, a pair as a tuple)."""


def _day(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


def _iso_or_none(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


FACETS: dict[ClaimType, dict[str, Facet]] = {
    ClaimType.MEMBERSHIP: {
        "date": Facet(lambda c: _iso_or_none(c.date), _day),
        "place": Facet(lambda c: c.place),
    },
    ClaimType.COMMITMENT: {
        "amount": Facet(lambda c: [c.amount.value, c.amount.currency] if c.amount else None, tuple),
        "duration": Facet(lambda c: c.duration.years if c.duration else None),
        "deadline_hours": Facet(lambda c: c.condition.deadline_hours),
    },
    ClaimType.AGREEMENT: {
        "date": Facet(lambda c: _iso_or_none(c.date), _day),
        "place": Facet(lambda c: c.place),
        "duration": Facet(lambda c: c.duration.years if c.duration else None),
        "parties": Facet(lambda c: sorted(set(c.parties)), tuple),
    },
    ClaimType.MEETING: {"place": Facet(lambda c: c.place)},
}
"""The fields on which a fact's sources can disagree, per claim type."""


def facets(claim: Claim) -> str:
    """A claim's facets as compact JSON text (the same values give the same text)."""
    values = {name: facet.read(claim) for name, facet in FACETS[claim.type].items()}
    return json.dumps(values, separators=(",", ":"), ensure_ascii=False)


def sources(claim: Claim) -> tuple[str, ...]:
    """Where a claim comes from: its documents (``doc:``) and cited URLs (``url:``)."""
    return tuple(dict.fromkeys(item.anchor for item in claim.evidence))


class Sketch(NamedTuple):
    """A claim reduced to what grouping it into a fact needs.

    A named tuple rather than a frozen dataclass: the ledger builds tens of thousands per
    query, and a tuple is built several times faster."""

    id: str
    type: ClaimType
    fact: str
    known_since: dt.date | None
    confidence: float
    status: ReviewStatus
    sources: str
    """Its documents (``doc:``) and cited URLs (``url:``), one per line."""
    facets: str
    """The JSON text of :func:`facets`."""
    attached: bool = False
    """A commitment that names no arrangement, placed in the fact of one that does (see
    ``pactwatch.model.pledges``): the fact shows a claim that names it."""

    @property
    def accepted(self) -> bool:
        return self.status is ReviewStatus.ACCEPTED

    def anchors(self) -> list[str]:
        """Its sources, one item each."""
        return self.sources.split(SOURCE_SEPARATOR)

    def values(self) -> dict[str, Any]:
        """The facets as JSON values (None where the claim does not say)."""
        found: dict[str, Any] = json.loads(self.facets)
        return found


SOURCE_SEPARATOR = "\n"
"""Between the sources of a sketch (a URL holds no line break)."""
DOCUMENT = "doc:"
"""The prefix of a source that is a stored document (``SpanEvidence.anchor``)."""


def documents_of(anchors: Iterable[str]) -> set[str]:
    """The ids of the documents among sources."""
    return {a[len(DOCUMENT) :] for a in anchors if a.startswith(DOCUMENT)}


def story_key(anchor: str, story_of: Mapping[str, str]) -> str:
    """What a source counts as among independent sources: a document its story (its own id
    when ``story_of`` does not know it), a cited URL itself."""
    if anchor.startswith(DOCUMENT):
        document = anchor[len(DOCUMENT) :]
        return story_of.get(document, document)
    return anchor


def sketch(claim: Claim, known_since: dt.date | None = None) -> Sketch:
    """The sketch of a decoded claim."""
    return Sketch(
        id=claim.id,
        type=claim.type,
        fact=fact_id(claim),
        known_since=known_since,
        confidence=claim.confidence,
        status=claim.status,
        sources=SOURCE_SEPARATOR.join(sources(claim)),
        facets=facets(claim),
    )


def shown_first(best: str, claims: Iterable[str]) -> tuple[str, ...]:
    """A fact's claim ids in the order every view gives them: the one it shows, then by id."""
    return (best, *sorted(claim for claim in claims if claim != best))


@dataclass(frozen=True, slots=True)
class Digest:
    """A fact whose claims all give the same values and were never reviewed, as the ledger
    keeps it up to date: enough to show it without reading its claims one by one (see
    ``docs/storage.md``)."""

    fact: str
    type: ClaimType
    best: str
    """The claim it shows: the most confident (then the smallest id)."""
    claims: tuple[str, ...]
    """Every claim behind it, ``best`` first, then by id."""
    sources: tuple[str, ...]
    known_since: dt.date
    independent: tuple[str, ...] | None = None
    """Its independent sources, one per story (the first of each, in source order), when the
    ledger keeps them (a summary written before schema 0016 and never touched since: None)."""
