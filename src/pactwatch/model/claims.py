"""Claims: the facts of the ledger, each with the evidence that supports it."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field, replace
from typing import Any

from pactwatch.errors import InputError
from pactwatch.model.vocabulary import (
    ArrangementKind,
    Category,
    ClaimType,
    ConditionKind,
    MembershipAction,
    Modality,
    ReviewStatus,
)

ANALYST_PRODUCER = "analyst:curated"


@dataclass(frozen=True, slots=True, kw_only=True)
class SpanEvidence:
    """A span of a stored document: the sentence that says it."""

    document: str
    """Id of the document."""
    start: int
    """Offset of the first character in the document's text."""
    end: int
    """Offset one past the last character."""
    text: str
    """The sentence (or span) itself, as it stands in the document."""

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise InputError(
                f"Evidence span {self.start}..{self.end} is not a valid range: "
                "start must be >= 0 and <= end."
            )

    @property
    def anchor(self) -> str:
        """What identifies where the evidence comes from (for claim ids)."""
        return f"doc:{self.document}"

    @property
    def quote(self) -> str:
        """The words the evidence gives: the sentence itself."""
        return self.text


@dataclass(frozen=True, slots=True, kw_only=True)
class CitationEvidence:
    """A citation for a curated claim: a URL and the analyst's own words."""

    url: str
    """Where the fact is published."""
    note: str = ""
    """What the source says, in the analyst's own words."""
    published: dt.date | None = None
    """When the cited source appeared: the claim's knowledge time."""

    @property
    def anchor(self) -> str:
        """What identifies where the evidence comes from (for claim ids)."""
        return f"url:{self.url}"

    @property
    def quote(self) -> str:
        """The words the evidence gives: the analyst's note."""
        return self.note


Evidence = SpanEvidence | CitationEvidence


@dataclass(frozen=True, slots=True, kw_only=True)
class Condition:
    """When a commitment applies: on activation (peace, ceasefire) or on a trigger (attack)."""

    kind: ConditionKind = ConditionKind.NONE
    """none | peace_agreement | ceasefire | armed_attack | other."""
    text: str = ""
    """The condition in the source's words."""
    deadline_hours: int | None = None
    """For a trigger: hours within which the duty falls due (24 for consultations)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Amount:
    """A sum of money pledged."""

    value: float
    """In currency units (2.5e9 for 2.5 billion)."""
    currency: str
    """ISO 4217 code: GBP, EUR, USD, CAD."""
    text: str = ""
    """The amount as written ("C$3 billion in 2024")."""

    def __post_init__(self) -> None:
        if len(self.currency) != 3 or not self.currency.isalpha() or not self.currency.isupper():
            raise InputError(
                f"Currency {self.currency!r} is not an ISO 4217 code: write three capitals "
                "such as 'EUR', 'USD', 'GBP' or 'CAD'."
            )
        if self.value < 0:
            raise InputError(f"Amount {self.value} is negative: amounts are pledged sums >= 0.")


@dataclass(frozen=True, slots=True, kw_only=True)
class Duration:
    """How long a commitment or agreement runs."""

    years: int | None = None
    months: int | None = None
    days: int | None = None
    until: str | None = None
    """An open end in words ("until Ukraine joins NATO")."""

    def end_from(self, start: dt.date) -> dt.date | None:
        """The last day covered when starting on ``start``; None if it has no fixed length."""
        if self.years is None and self.months is None and self.days is None:
            return None
        months = (self.years or 0) * 12 + (self.months or 0)
        year, month0 = divmod(start.month - 1 + months, 12)
        shifted = _clamped_date(start.year + year, month0 + 1, start.day)
        return shifted + dt.timedelta(days=self.days or 0) - dt.timedelta(days=1)


def _clamped_date(year: int, month: int, day: int) -> dt.date:
    while True:
        try:
            return dt.date(year, month, day)
        except ValueError:
            day -= 1


@dataclass(frozen=True, slots=True, kw_only=True)
class Review:
    """One review decision; reviews are appended, never overwritten."""

    status: ReviewStatus
    """accepted or rejected."""
    reviewer: str
    """Who decided."""
    at: dt.datetime
    """When (timezone-aware, UTC)."""
    note: str = ""
    """Why."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimBase:
    """What every claim has: evidence, confidence, producer, review status, recorded time."""

    evidence: tuple[Evidence, ...]
    """Where it is said; at least one."""
    confidence: float = 1.0
    """0..1: how sure the producer is."""
    producer: str = ANALYST_PRODUCER
    """``analyst:<name>`` or ``<extractor>/<version>``."""
    status: ReviewStatus = ReviewStatus.PROPOSED
    """Current review status (derived from the review history in the ledger)."""
    recorded_at: dt.datetime | None = None
    """When the ledger recorded it (set by the store)."""
    id: str = ""
    """Stable id computed from content, producer and evidence sources."""

    def __post_init__(self) -> None:
        if not self.evidence:
            raise InputError(
                "A claim needs at least one piece of evidence: add an 'evidence' item."
            )
        if not 0.0 <= self.confidence <= 1.0:
            raise InputError(f"Confidence {self.confidence} is outside 0..1.")
        if not self.id:
            object.__setattr__(self, "id", claim_id(self))

    @property
    def type(self) -> ClaimType:
        raise NotImplementedError

    def actor_roles(self) -> tuple[tuple[str, str], ...]:
        """(actor id, role in the claim) pairs, for lookups by actor."""
        raise NotImplementedError

    def valid_span(self) -> tuple[dt.date | None, dt.date | None]:
        """Valid time: (from, to) in the world; to is None when open or an event."""
        raise NotImplementedError

    def content(self) -> dict[str, Any]:
        """The fields that say what is claimed (not who said it or how sure)."""
        raise NotImplementedError


@dataclass(frozen=True, slots=True, kw_only=True)
class MembershipClaim(ClaimBase):
    """An actor joins, signs or leaves an arrangement."""

    actor: str
    arrangement: str
    action: MembershipAction
    date: dt.date | None = None
    place: str | None = None

    @property
    def type(self) -> ClaimType:
        return ClaimType.MEMBERSHIP

    def actor_roles(self) -> tuple[tuple[str, str], ...]:
        return ((self.actor, "actor"),)

    def valid_span(self) -> tuple[dt.date | None, dt.date | None]:
        return (self.date, None)

    def content(self) -> dict[str, Any]:
        return {
            "actor": self.actor,
            "arrangement": self.arrangement,
            "action": self.action,
            "date": self.date,
            "place": self.place,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class CommitmentClaim(ClaimBase):
    """A guarantor promises something of a category to a beneficiary."""

    guarantor: str
    beneficiary: str
    category: Category
    arrangement: str | None = None
    condition: Condition = field(default_factory=Condition)
    modality: Modality = Modality.COMMITTED
    amount: Amount | None = None
    duration: Duration | None = None
    start: dt.date | None = None
    end: dt.date | None = None

    def __post_init__(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise InputError(
                f"Commitment ends on {self.end} before it starts on {self.start}: "
                "swap or fix the dates."
            )
        ClaimBase.__post_init__(self)

    @property
    def type(self) -> ClaimType:
        return ClaimType.COMMITMENT

    def actor_roles(self) -> tuple[tuple[str, str], ...]:
        return ((self.guarantor, "guarantor"), (self.beneficiary, "beneficiary"))

    def valid_span(self) -> tuple[dt.date | None, dt.date | None]:
        end = self.end
        if end is None and self.duration is not None and self.start is not None:
            end = self.duration.end_from(self.start)
        return (self.start, end)

    def content(self) -> dict[str, Any]:
        return {
            "guarantor": self.guarantor,
            "beneficiary": self.beneficiary,
            "category": self.category,
            "arrangement": self.arrangement,
            "condition": self.condition,
            "modality": self.modality,
            "amount": self.amount,
            "duration": self.duration,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class AgreementClaim(ClaimBase):
    """Parties sign or conclude an agreement, declaration or treaty."""

    parties: tuple[str, ...]
    kind: ArrangementKind
    name: str | None = None
    arrangement: str | None = None
    date: dt.date | None = None
    place: str | None = None
    duration: Duration | None = None

    def __post_init__(self) -> None:
        if not self.parties:
            raise InputError("An agreement needs at least one party: fill 'parties'.")
        ClaimBase.__post_init__(self)

    @property
    def type(self) -> ClaimType:
        return ClaimType.AGREEMENT

    def actor_roles(self) -> tuple[tuple[str, str], ...]:
        return tuple((party, "party") for party in dict.fromkeys(self.parties))

    def valid_span(self) -> tuple[dt.date | None, dt.date | None]:
        return (self.date, None)

    def content(self) -> dict[str, Any]:
        return {
            "parties": self.parties,
            "kind": self.kind,
            "name": self.name,
            "arrangement": self.arrangement,
            "date": self.date,
            "place": self.place,
            "duration": self.duration,
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class MeetingClaim(ClaimBase):
    """Participants meet at a place on a date."""

    participants: tuple[str, ...]
    place: str | None = None
    date: dt.date | None = None

    def __post_init__(self) -> None:
        if not self.participants:
            raise InputError("A meeting needs participants: fill 'participants'.")
        ClaimBase.__post_init__(self)

    @property
    def type(self) -> ClaimType:
        return ClaimType.MEETING

    def actor_roles(self) -> tuple[tuple[str, str], ...]:
        return tuple((who, "participant") for who in dict.fromkeys(self.participants))

    def valid_span(self) -> tuple[dt.date | None, dt.date | None]:
        return (self.date, None)

    def content(self) -> dict[str, Any]:
        return {"participants": self.participants, "place": self.place, "date": self.date}


Claim = MembershipClaim | CommitmentClaim | AgreementClaim | MeetingClaim


def claim_id(claim: ClaimBase) -> str:
    """A stable id: the same content from the same producer and sources gives the same id."""
    anchors = sorted({evidence.anchor for evidence in claim.evidence})
    payload = {
        "type": claim.type,
        "content": claim.content(),
        "producer": claim.producer,
        "sources": anchors,
    }
    digest = hashlib.sha256(_canonical_json(payload).encode("utf-8")).hexdigest()
    return f"clm_{digest[:20]}"


def _canonical_json(value: Any) -> str:
    """The same text as ``json.dumps(plain(value), ...)``, without building the copy first."""
    return _CANONICAL.encode(value)


def _plain_leaf(value: Any) -> Any:
    """What json cannot encode by itself: records as dicts, dates as ISO strings."""
    if isinstance(value, (Condition, Amount, Duration)):
        return {name: getattr(value, name) for name in value.__slots__}
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON data")


_CANONICAL = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_plain_leaf
)
"""One encoder for every claim id (building one per call costs as much as the encoding)."""


def with_status(claim: Claim, status: ReviewStatus) -> Claim:
    """The same claim with another review status (the id does not change)."""
    return replace(claim, status=status)


@dataclass(frozen=True, slots=True)
class ClaimWithReviews:
    """A claim as exchanged in JSONL: the claim and its review history, oldest first."""

    claim: Claim
    reviews: tuple[Review, ...] = ()
