"""The JSON record shape: parsing with clear errors, and the way back."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from pactwatch.errors import InputError, UnknownIdError
from pactwatch.model import (
    ClaimWithReviews,
    CommitmentClaim,
    ConditionKind,
    Document,
    MembershipClaim,
    Modality,
    ReviewStatus,
    claim_to_record,
    document_to_record,
    parse_record,
)
from tests.conftest import CITE, MEMBERSHIP_RECORD


def commitment(**changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "type": "commitment",
        "guarantor": "CAN",
        "beneficiary": "UKR",
        "category": "intelligence_sharing",
        "condition": {"kind": "peace_agreement", "text": "contingent upon a formal peace deal"},
        "evidence": CITE,
    }
    record.update(changes)
    return record


def test_parse_commitment_with_defaults() -> None:
    parsed = parse_record(commitment())
    assert isinstance(parsed, ClaimWithReviews)
    claim = parsed.claim
    assert isinstance(claim, CommitmentClaim)
    assert claim.condition.kind is ConditionKind.PEACE_AGREEMENT
    assert claim.modality is Modality.COMMITTED
    assert claim.producer == "analyst:curated"
    assert claim.evidence[0].published == dt.date(2026, 1, 6)  # type: ignore[union-attr]


def test_parse_reviews_in_order() -> None:
    parsed = parse_record(
        commitment(
            reviews=[
                {"decision": "accept", "reviewer": "ana", "at": "2026-01-07T10:00:00+00:00"},
                {
                    "decision": "reject",
                    "reviewer": "ben",
                    "at": "2026-01-08T10:00:00+00:00",
                    "note": "dup",
                },
            ]
        )
    )
    assert isinstance(parsed, ClaimWithReviews)
    assert [r.status for r in parsed.reviews] == [ReviewStatus.ACCEPTED, ReviewStatus.REJECTED]


@pytest.mark.parametrize(
    ("record", "error", "message"),
    [
        (
            commitment(category="military_trainig"),
            UnknownIdError,
            "Did you mean 'military_training'",
        ),
        (commitment(modality="maybe"), UnknownIdError, "Allowed: committed, intended, ruled_out"),
        (commitment(condition={"kind": "peace"}), UnknownIdError, "condition.kind"),
        (commitment(evidence=[]), InputError, "field 'evidence'"),
        (commitment(guarantr="CAN"), InputError, "guarantr"),
        (commitment(start="6 January 2026"), InputError, "field 'start'"),
        ({"type": "pledge"}, UnknownIdError, "unknown value 'pledge'"),
        (["not", "an", "object"], InputError, "expected a JSON object"),
        (
            {
                "type": "membership",
                "actor": "CAN",
                "arrangement": "x",
                "action": "joined",
                "evidence": CITE,
            },
            UnknownIdError,
            "Did you mean 'join'",
        ),
    ],
)
def test_bad_records_name_the_field_and_the_fix(
    record: Any, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        parse_record(record)


def test_claim_record_round_trip() -> None:
    parsed = parse_record(
        commitment(
            amount={"value": 3.02e9, "currency": "CAD", "text": "C$3.02bn"},
            duration={"years": 10},
            start="2024-02-24",
        )
    )
    assert isinstance(parsed, ClaimWithReviews)
    again = parse_record(claim_to_record(parsed.claim))
    assert isinstance(again, ClaimWithReviews)
    assert again.claim == parsed.claim


def test_document_record_round_trip() -> None:
    document = Document(
        text="Canada joined.",
        source="seed.txt",
        title="Seed",
        published=dt.date(2026, 1, 6),
        retrieved=dt.datetime(2026, 1, 6, 12, tzinfo=dt.UTC),
    )
    assert parse_record(document_to_record(document)) == document


def test_membership_record_keeps_place() -> None:
    parsed = parse_record(MEMBERSHIP_RECORD)
    assert isinstance(parsed, ClaimWithReviews)
    assert isinstance(parsed.claim, MembershipClaim)
    assert parsed.claim.place == "Paris"
