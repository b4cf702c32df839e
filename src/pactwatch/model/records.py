"""The JSON shape of documents and claims (docs/import-format.md), both ways.

Pydantic checks the structure of each incoming record; the conversion to domain types
checks the closed vocabularies and says which values are allowed.
"""

from __future__ import annotations

import datetime as dt
import difflib
from enum import StrEnum
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter
from pydantic import ValidationError as PydanticValidationError

from pactwatch.errors import InputError, UnknownIdError
from pactwatch.model.claims import (
    ANALYST_PRODUCER,
    AgreementClaim,
    Amount,
    CitationEvidence,
    Claim,
    ClaimWithReviews,
    CommitmentClaim,
    Condition,
    Duration,
    Evidence,
    MeetingClaim,
    MembershipClaim,
    Review,
    SpanEvidence,
)
from pactwatch.model.documents import Document
from pactwatch.model.plain import plain
from pactwatch.model.vocabulary import (
    ArrangementKind,
    Category,
    ConditionKind,
    Decision,
    MembershipAction,
    Modality,
    ReviewStatus,
)

E = TypeVar("E", bound=StrEnum)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SpanRecord(_Strict):
    document: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class CitationRecord(_Strict):
    url: str = Field(min_length=1)
    note: str = ""
    published: dt.date | None = None


class ConditionRecord(_Strict):
    kind: str = "none"
    text: str = ""
    deadline_hours: int | None = Field(default=None, ge=0)


class AmountRecord(_Strict):
    value: float = Field(ge=0)
    currency: str
    text: str = ""


class DurationRecord(_Strict):
    years: int | None = Field(default=None, ge=0)
    months: int | None = Field(default=None, ge=0)
    days: int | None = Field(default=None, ge=0)
    until: str | None = None


class ReviewRecord(_Strict):
    decision: Literal["accept", "reject"]
    reviewer: str = Field(min_length=1)
    at: dt.datetime
    note: str = ""


class _ClaimRecord(_Strict):
    id: str | None = None
    evidence: list[SpanRecord | CitationRecord] = Field(min_length=1)
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    producer: str = ANALYST_PRODUCER
    recorded_at: dt.datetime | None = None
    reviews: list[ReviewRecord] = []
    status: str | None = None
    """Written by export for readers; ignored on import (the reviews carry the status)."""


class MembershipRecord(_ClaimRecord):
    type: Literal["membership"]
    actor: str
    arrangement: str
    action: str
    date: dt.date | None = None
    place: str | None = None


class CommitmentRecord(_ClaimRecord):
    type: Literal["commitment"]
    guarantor: str
    beneficiary: str
    category: str
    arrangement: str | None = None
    condition: ConditionRecord = ConditionRecord()
    modality: str = "committed"
    amount: AmountRecord | None = None
    duration: DurationRecord | None = None
    start: dt.date | None = None
    end: dt.date | None = None


class AgreementRecord(_ClaimRecord):
    type: Literal["agreement"]
    parties: list[str] = Field(min_length=1)
    kind: str
    name: str | None = None
    arrangement: str | None = None
    date: dt.date | None = None
    place: str | None = None
    duration: DurationRecord | None = None


class MeetingRecord(_ClaimRecord):
    type: Literal["meeting"]
    participants: list[str] = Field(min_length=1)
    place: str | None = None
    date: dt.date | None = None


class DocumentRecord(_Strict):
    type: Literal["document"]
    id: str | None = None
    source: str
    title: str | None = None
    publisher: str | None = None
    published: dt.date | None = None
    retrieved: dt.datetime | None = None
    recorded_at: dt.datetime | None = None
    text: str = Field(min_length=1)


AnyRecord = Annotated[
    MembershipRecord | CommitmentRecord | AgreementRecord | MeetingRecord | DocumentRecord,
    Field(discriminator="type"),
]
_ADAPTER: TypeAdapter[Any] = TypeAdapter(AnyRecord)
RECORD_TYPES = ("document", "membership", "commitment", "agreement", "meeting")


def parse_record(data: Any) -> Document | ClaimWithReviews:
    """Turn one decoded JSON object into a document or a claim; InputError says what is wrong."""
    if not isinstance(data, dict):
        raise InputError(f"expected a JSON object, got {type(data).__name__}")
    kind = data.get("type")
    if kind not in RECORD_TYPES:
        raise UnknownIdError(_unknown("type", kind, RECORD_TYPES))
    try:
        record = _ADAPTER.validate_python(data)
    except PydanticValidationError as error:
        raise InputError(_first_problem(error)) from error
    if isinstance(record, DocumentRecord):
        return _document(record)
    return ClaimWithReviews(_claim(record), tuple(_review(item) for item in record.reviews))


def _first_problem(error: PydanticValidationError) -> str:
    problem = error.errors()[0]
    location = (
        problem["loc"][1:] if problem["loc"][:1] in [(t,) for t in RECORD_TYPES] else problem["loc"]
    )
    where = ".".join(str(part) for part in location)
    value = problem.get("input")
    shown = "" if isinstance(value, (dict, list)) else f" (got {value!r})"
    more = f"; {error.error_count() - 1} more problem(s)" if error.error_count() > 1 else ""
    return f"field '{where}': {problem['msg']}{shown}{more}"


def _unknown(field_name: str, value: object, allowed: tuple[str, ...] | list[str]) -> str:
    near = difflib.get_close_matches(str(value), list(allowed), n=2, cutoff=0.5)
    hint = f" Did you mean {' or '.join(repr(n) for n in near)}?" if near else ""
    return f"field '{field_name}': unknown value {value!r}.{hint} Allowed: {', '.join(allowed)}."


def _choice(enum: type[E], value: str, field_name: str) -> E:
    try:
        return enum(value)
    except ValueError:
        raise UnknownIdError(_unknown(field_name, value, [m.value for m in enum])) from None


def _document(record: DocumentRecord) -> Document:
    return Document(
        text=record.text,
        source=record.source,
        title=record.title,
        publisher=record.publisher,
        published=record.published,
        retrieved=record.retrieved,
        recorded_at=record.recorded_at,
        id=record.id or "",
    )


def _evidence(record: SpanRecord | CitationRecord) -> Evidence:
    if isinstance(record, SpanRecord):
        return SpanEvidence(
            document=record.document, start=record.start, end=record.end, text=record.text
        )
    return CitationEvidence(url=record.url, note=record.note, published=record.published)


def _duration(record: DurationRecord | None) -> Duration | None:
    return None if record is None else Duration(**record.model_dump())


def _common(record: _ClaimRecord) -> dict[str, Any]:
    return {
        "evidence": tuple(_evidence(item) for item in record.evidence),
        "confidence": record.confidence,
        "producer": record.producer,
        "recorded_at": record.recorded_at,
        "id": record.id or "",
    }


def _claim(record: Any) -> Claim:
    common = _common(record)
    if isinstance(record, MembershipRecord):
        return MembershipClaim(
            actor=record.actor,
            arrangement=record.arrangement,
            action=_choice(MembershipAction, record.action, "action"),
            date=record.date,
            place=record.place,
            **common,
        )
    if isinstance(record, CommitmentRecord):
        return _commitment(record, common)
    if isinstance(record, AgreementRecord):
        return AgreementClaim(
            parties=tuple(record.parties),
            kind=_choice(ArrangementKind, record.kind, "kind"),
            name=record.name,
            arrangement=record.arrangement,
            date=record.date,
            place=record.place,
            duration=_duration(record.duration),
            **common,
        )
    assert isinstance(record, MeetingRecord)
    return MeetingClaim(
        participants=tuple(record.participants), place=record.place, date=record.date, **common
    )


def _commitment(record: CommitmentRecord, common: dict[str, Any]) -> CommitmentClaim:
    condition = Condition(
        kind=_choice(ConditionKind, record.condition.kind, "condition.kind"),
        text=record.condition.text,
        deadline_hours=record.condition.deadline_hours,
    )
    amount = None
    if record.amount is not None:
        amount = Amount(
            value=record.amount.value, currency=record.amount.currency, text=record.amount.text
        )
    return CommitmentClaim(
        guarantor=record.guarantor,
        beneficiary=record.beneficiary,
        category=_choice(Category, record.category, "category"),
        arrangement=record.arrangement,
        condition=condition,
        modality=_choice(Modality, record.modality, "modality"),
        amount=amount,
        duration=_duration(record.duration),
        start=record.start,
        end=record.end,
        **common,
    )


def _review(record: ReviewRecord) -> Review:
    return Review(
        status=Decision(record.decision).status,
        reviewer=record.reviewer,
        at=record.at,
        note=record.note,
    )


# ---------------------------------------------------------------- domain -> JSON


def document_to_record(document: Document) -> dict[str, Any]:
    """The JSON object for a document line."""
    return {
        "type": "document",
        "id": document.id,
        "source": document.source,
        "title": document.title,
        "publisher": document.publisher,
        "published": _iso(document.published),
        "retrieved": _iso(document.retrieved),
        "recorded_at": _iso(document.recorded_at),
        "text": document.text,
    }


def evidence_to_record(evidence: Evidence) -> dict[str, Any]:
    """The JSON object for one piece of evidence."""
    if isinstance(evidence, SpanEvidence):
        return {
            "document": evidence.document,
            "start": evidence.start,
            "end": evidence.end,
            "text": evidence.text,
        }
    return {"url": evidence.url, "note": evidence.note, "published": _iso(evidence.published)}


def claim_to_record(claim: Claim, reviews: tuple[Review, ...] = ()) -> dict[str, Any]:
    """The JSON object for a claim line, with its review history."""
    record: dict[str, Any] = {"id": claim.id, "type": str(claim.type)}
    record.update(plain(claim.content()))
    record.update(
        {
            "evidence": [evidence_to_record(item) for item in claim.evidence],
            "confidence": claim.confidence,
            "producer": claim.producer,
            "status": str(claim.status),
            "recorded_at": _iso(claim.recorded_at),
            "reviews": [review_to_record(review) for review in reviews],
        }
    )
    return record


def review_to_record(review: Review) -> dict[str, Any]:
    """The JSON object for one review decision."""
    decision = Decision.ACCEPT if review.status is ReviewStatus.ACCEPTED else Decision.REJECT
    return {
        "decision": str(decision),
        "reviewer": review.reviewer,
        "at": _iso(review.at),
        "note": review.note,
    }


def _iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()
