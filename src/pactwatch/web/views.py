"""Library objects as JSON-ready dicts for the API and the pages (one place, both use it)."""

from __future__ import annotations

from typing import Any

from pactwatch.api import plain_row
from pactwatch.model import Actor, Arrangement, CitationEvidence, Claim, Document, SpanEvidence
from pactwatch.model.plain import plain
from pactwatch.reason import Fact, Learned, describe, fact_date


def actor_view(actor: Actor) -> dict[str, Any]:
    record: dict[str, Any] = plain_row(actor)
    return record


def arrangement_view(arrangement: Arrangement) -> dict[str, Any]:
    record: dict[str, Any] = plain_row(arrangement)
    return record


def evidence_view(claim: Claim) -> list[dict[str, Any]]:
    found = []
    for item in claim.evidence:
        if isinstance(item, SpanEvidence):
            found.append(
                {
                    "claim": claim.id,
                    "document": item.document,
                    "start": item.start,
                    "end": item.end,
                    "text": item.text,
                }
            )
        elif isinstance(item, CitationEvidence):
            found.append(
                {
                    "claim": claim.id,
                    "url": item.url,
                    "note": item.note,
                    "published": plain(item.published),
                }
            )
    return found


def fact_view(fact: Fact) -> dict[str, Any]:
    return {
        "id": fact.id,
        "fact": fact.key,
        "type": str(fact.type),
        "date": plain(fact_date(fact)),
        "summary": describe(fact),
        "status": str(fact.status),
        "known_since": plain(fact.known_since),
        "sources": len(fact.sources),
        "copies": len(fact.copies),
        "claims": list(fact.claim_ids),
        "conflicts": [
            {
                "field": conflict.field,
                "sides": [
                    {
                        "value": plain(side.value),
                        "claims": list(side.claims),
                        "sources": len(side.sources),
                        "copies": len(side.copies),
                    }
                    for side in conflict.sides
                ],
            }
            for conflict in fact.conflicts
        ],
        "claim": claim_view(fact.claim),
        "evidence": [item for claim in fact.examples for item in evidence_view(claim)],
    }


def claim_view(claim: Claim) -> dict[str, Any]:
    record: dict[str, Any] = plain_row(claim)
    record["type"] = str(claim.type)
    record["evidence"] = evidence_view(claim)
    return record


def learned_view(item: Learned) -> dict[str, Any]:
    return {"change": str(item.change), **fact_view(item.fact)}


def document_view(document: Document) -> dict[str, Any]:
    record: dict[str, Any] = plain_row(document)
    return record
