"""The domain model: validation, ids, valid time."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from hypothesis import given, settings

from pactwatch.errors import InputError
from pactwatch.model import (
    AgreementClaim,
    Amount,
    ArrangementKind,
    Category,
    CitationEvidence,
    Claim,
    CommitmentClaim,
    Document,
    Duration,
    MeetingClaim,
    SpanEvidence,
    document_id,
)
from pactwatch.model.claims import _canonical_json
from pactwatch.model.plain import plain
from tests import strategies
from tests.conftest import citation, seed_commitment, seed_membership


def test_claim_id_is_stable_and_content_addressed() -> None:
    assert seed_membership().id == seed_membership().id
    assert seed_membership().id.startswith("clm_")
    assert seed_membership(place="Brussels").id != seed_membership().id


def test_claim_id_ignores_confidence_and_notes_but_not_producer_or_source() -> None:
    base = seed_membership()
    assert seed_membership(confidence=0.5).id == base.id
    other_note = CitationEvidence(url=citation().url, note="Different words.")
    assert seed_membership(evidence=(other_note,)).id == base.id
    assert seed_membership(producer="analyst:someone").id != base.id
    assert seed_membership(evidence=(citation(url="https://example.org/other"),)).id != base.id


def test_claims_are_frozen() -> None:
    claim = seed_membership()
    with pytest.raises(dataclasses.FrozenInstanceError):
        claim.place = "Rome"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: seed_membership(evidence=()), "at least one piece of evidence"),
        (lambda: seed_membership(confidence=1.5), "outside 0..1"),
        (
            lambda: seed_commitment(start=dt.date(2026, 2, 1), end=dt.date(2026, 1, 1)),
            "before it starts",
        ),
        (
            lambda: AgreementClaim(parties=(), kind=ArrangementKind.TREATY, evidence=(citation(),)),
            "at least one party",
        ),
        (lambda: MeetingClaim(participants=(), evidence=(citation(),)), "needs participants"),
        (lambda: Amount(value=3e9, currency="C$"), "not an ISO 4217 code"),
        (lambda: Amount(value=-1, currency="EUR"), "negative"),
        (lambda: SpanEvidence(document="d", start=10, end=5, text="x"), "not a valid range"),
    ],
)
def test_invalid_claims_are_refused_with_the_fix(build: object, message: str) -> None:
    with pytest.raises(InputError, match=message):
        build()  # type: ignore[operator]


def test_document_id_is_the_sha256_of_the_text() -> None:
    document = Document(text="Canada joins.", source="a.txt")
    assert document.id == document_id("Canada joins.")
    assert len(document.id) == 64
    with pytest.raises(InputError, match="does not match"):
        Document(text="Canada joins.", source="a.txt", id="0" * 64)


@pytest.mark.parametrize(
    ("start", "duration", "end"),
    [
        (dt.date(2024, 1, 12), Duration(years=10), dt.date(2034, 1, 11)),
        (dt.date(2024, 2, 29), Duration(years=1), dt.date(2025, 2, 27)),
        (dt.date(2024, 1, 31), Duration(months=1), dt.date(2024, 2, 28)),
        (dt.date(2024, 6, 13), Duration(until="Ukraine joins NATO"), None),
    ],
)
def test_duration_end(start: dt.date, duration: Duration, end: dt.date | None) -> None:
    assert duration.end_from(start) == end


def test_commitment_valid_span_uses_duration_when_no_end() -> None:
    claim = seed_commitment(
        category="consultation", start=dt.date(2024, 1, 12), duration=Duration(years=10)
    )
    assert claim.valid_span() == (dt.date(2024, 1, 12), dt.date(2034, 1, 11))
    assert claim.category is Category.CONSULTATION


def test_actor_roles_name_every_actor() -> None:
    commitment = seed_commitment()
    assert commitment.actor_roles() == (("CAN", "guarantor"), ("UKR", "beneficiary"))
    meeting = MeetingClaim(
        participants=("person:mark-carney", "person:mark-rutte"), evidence=(citation(),)
    )
    assert [actor for actor, _ in meeting.actor_roles()] == [
        "person:mark-carney",
        "person:mark-rutte",
    ]
    assert isinstance(commitment, CommitmentClaim)


@settings(max_examples=60, deadline=None)
@given(strategies.claims(strategies.citations))
def test_claim_ids_hash_the_plain_json_of_the_content(claim: Claim) -> None:
    payload = {"type": claim.type, "content": claim.content(), "producer": claim.producer}
    slow = json.dumps(plain(payload), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert _canonical_json(payload) == slow
