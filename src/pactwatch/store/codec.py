"""Claims and documents to table rows and back, through the one JSON record shape."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from pactwatch.model import (
    AgreementClaim,
    Amount,
    ArrangementKind,
    Category,
    CitationEvidence,
    Claim,
    ClaimType,
    CommitmentClaim,
    Condition,
    ConditionKind,
    Document,
    Duration,
    MeetingClaim,
    MembershipAction,
    MembershipClaim,
    Modality,
    Review,
    ReviewStatus,
    SpanEvidence,
)
from pactwatch.model.facts import Sketch, sketch

_NOT_PAYLOAD = {
    "id",
    "type",
    "evidence",
    "confidence",
    "producer",
    "status",
    "recorded_at",
    "reviews",
}


def claim_row(claim: Claim, *, known_since: dt.date, recorded_at: dt.datetime) -> dict[str, Any]:
    """The ``claims`` row of a claim."""
    from pactwatch.model.records import claim_to_record  # deferred: docs/startup.md

    record = claim_to_record(claim)
    valid_from, valid_to = claim.valid_span()
    return {
        "id": claim.id,
        "type": str(claim.type),
        "producer": claim.producer,
        "confidence": claim.confidence,
        "arrangement": record.get("arrangement"),
        "category": record.get("category"),
        "valid_from": valid_from,
        "valid_to": valid_to,
        "known_since": known_since,
        "recorded_at": recorded_at,
        "payload": {key: value for key, value in record.items() if key not in _NOT_PAYLOAD},
    }


def evidence_rows(claim: Claim) -> list[dict[str, Any]]:
    """The ``evidence`` rows of a claim, in order."""
    rows = []
    for position, item in enumerate(claim.evidence):
        row: dict[str, Any] = {
            "claim_id": claim.id,
            "position": position,
            "document_id": None,
            "start": None,
            "end": None,
            "text": None,
            "url": None,
            "note": None,
            "published": None,
        }
        if isinstance(item, SpanEvidence):
            row.update(document_id=item.document, start=item.start, end=item.end, text=item.text)
        else:
            row.update(url=item.url, note=item.note, published=item.published)
        rows.append(row)
    return rows


def actor_rows(claim: Claim, fact: str) -> list[dict[str, Any]]:
    """The ``claim_actors`` rows of a claim (``fact``: its fact id)."""
    return [
        {"claim_id": claim.id, "actor": actor, "role": role, "fact": fact}
        for actor, role in dict.fromkeys(claim.actor_roles())
    ]


def sketch_row(claim: Claim, known_since: dt.date) -> dict[str, Any]:
    """The ``sketches`` row of a claim."""
    found = sketch(claim, known_since)
    return {
        "fact": found.fact,
        "claim_id": claim.id,
        "type": str(claim.type),
        "known_since": known_since,
        "confidence": claim.confidence,
        "sources": found.sources,
        "facets": found.facets,
    }


SKETCH_COLUMNS = (
    "claim_id",
    "type",
    "fact",
    "known_since",
    "confidence",
    "sources",
    "facets",
    "attached",
)
"""The ``sketches`` columns :func:`sketch_from_row` reads, in its order."""

_TYPES = {str(kind): kind for kind in ClaimType}


def sketch_from_row(row: Sequence[Any], status: ReviewStatus) -> Sketch:
    """A sketch from its ``sketches`` row (:data:`SKETCH_COLUMNS`) and the review status."""
    claim_id, kind, fact, known_since, confidence, sources, facets, attached = row
    return Sketch(
        claim_id,
        _TYPES[kind],
        fact,
        known_since,
        confidence,
        status,
        sources,
        facets,
        bool(attached),
    )


def membership_rows(claim: Claim, known_since: dt.date) -> list[dict[str, Any]]:
    """The ``memberships`` row of a membership claim (none for other claims)."""
    if not isinstance(claim, MembershipClaim):
        return []
    return [
        {
            "arrangement": claim.arrangement,
            "actor": claim.actor,
            "claim_id": claim.id,
            "action": str(claim.action),
            "date": claim.date,
            "place": claim.place,
            "known_since": known_since,
        }
    ]


def signing_rows(claim: Claim, known_since: dt.date) -> list[dict[str, Any]]:
    """The ``signings`` rows of an agreement claim naming a catalogued arrangement."""
    if not isinstance(claim, AgreementClaim) or claim.arrangement is None:
        return []
    return [
        {
            "arrangement": claim.arrangement,
            "party": party,
            "claim_id": claim.id,
            "signed": claim.date,
            "years": claim.duration.years if claim.duration else None,
            "known_since": known_since,
        }
        for party in dict.fromkeys(claim.parties)
    ]


def claim_from_rows(
    row: Mapping[Any, Any], evidence: list[Mapping[Any, Any]], status: ReviewStatus
) -> Claim:
    """Rebuild a claim from its row and evidence rows.

    The row was validated when it was written, so the claim is built directly from its
    payload (ten times faster than validating the record again, which reasoning over
    thousands of claims needs; the store round-trip tests check it gives back what was
    written).
    """
    payload = row["payload"]
    common: dict[str, Any] = {
        "id": row["id"],
        "producer": row["producer"],
        "confidence": row["confidence"],
        "recorded_at": row["recorded_at"],
        "status": status,
        "evidence": tuple(_evidence(item) for item in evidence),
    }
    build = _BUILDERS[row["type"]]
    return build(payload, common)


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _membership(payload: Mapping[str, Any], common: dict[str, Any]) -> Claim:
    return MembershipClaim(
        actor=payload["actor"],
        arrangement=payload["arrangement"],
        action=MembershipAction(payload["action"]),
        date=_date(payload.get("date")),
        place=payload.get("place"),
        **common,
    )


def _commitment(payload: Mapping[str, Any], common: dict[str, Any]) -> Claim:
    condition = payload.get("condition") or {}
    amount = payload.get("amount")
    return CommitmentClaim(
        guarantor=payload["guarantor"],
        beneficiary=payload["beneficiary"],
        category=Category(payload["category"]),
        arrangement=payload.get("arrangement"),
        condition=Condition(
            kind=ConditionKind(condition.get("kind", "none")),
            text=condition.get("text") or "",
            deadline_hours=condition.get("deadline_hours"),
        ),
        modality=Modality(payload.get("modality", "committed")),
        amount=Amount(**amount) if amount else None,
        duration=_duration(payload.get("duration")),
        start=_date(payload.get("start")),
        end=_date(payload.get("end")),
        **common,
    )


def _agreement(payload: Mapping[str, Any], common: dict[str, Any]) -> Claim:
    return AgreementClaim(
        parties=tuple(payload["parties"]),
        kind=ArrangementKind(payload["kind"]),
        name=payload.get("name"),
        arrangement=payload.get("arrangement"),
        date=_date(payload.get("date")),
        place=payload.get("place"),
        duration=_duration(payload.get("duration")),
        **common,
    )


def _meeting(payload: Mapping[str, Any], common: dict[str, Any]) -> Claim:
    return MeetingClaim(
        participants=tuple(payload["participants"]),
        place=payload.get("place"),
        date=_date(payload.get("date")),
        **common,
    )


def _duration(value: Mapping[str, Any] | None) -> Duration | None:
    return Duration(**value) if value else None


_BUILDERS: dict[str, Callable[[Mapping[str, Any], dict[str, Any]], Claim]] = {
    "membership": _membership,
    "commitment": _commitment,
    "agreement": _agreement,
    "meeting": _meeting,
}


def _evidence(row: Mapping[Any, Any]) -> SpanEvidence | CitationEvidence:
    if row["document_id"] is not None:
        return SpanEvidence(
            document=row["document_id"],
            start=row["start"],
            end=row["end"],
            text=row.get("text") or "",
        )
    return CitationEvidence(url=row["url"], note=row.get("note") or "", published=row["published"])


def document_row(document: Document, recorded_at: dt.datetime) -> dict[str, Any]:
    """The ``documents`` row of a document."""
    return {
        "id": document.id,
        "source": document.source,
        "title": document.title,
        "publisher": document.publisher,
        "published": document.published,
        "retrieved": document.retrieved,
        "text": document.text,
        "recorded_at": document.recorded_at or recorded_at,
    }


def document_from_row(row: Mapping[Any, Any]) -> Document:
    """Rebuild a document from its row."""
    return Document(
        id=row["id"],
        source=row["source"],
        title=row["title"],
        publisher=row["publisher"],
        published=row["published"],
        retrieved=row["retrieved"],
        text=row["text"],
        recorded_at=row["recorded_at"],
    )


def review_from_row(row: Mapping[Any, Any]) -> Review:
    """Rebuild a review from its row."""
    return Review(
        status=ReviewStatus(row["status"]), reviewer=row["reviewer"], at=row["at"], note=row["note"]
    )
