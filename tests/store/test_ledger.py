"""The ledger on each backend: round trips, idempotence, time, reviews, transactions."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from pactwatch.errors import ClaimNotFoundError, InputError
from pactwatch.model import (
    ClaimType,
    Decision,
    Document,
    MeetingClaim,
    MembershipAction,
    ReviewStatus,
    SpanEvidence,
)
from pactwatch.store import ClaimQuery, Store
from tests.conftest import citation, seed_commitment, seed_membership

SEED_TEXT = "Canada has formally joined the coalition. The pact involves military training."


def seed_document(published: dt.date | None = dt.date(2026, 1, 6)) -> Document:
    return Document(text=SEED_TEXT, source="seed.txt", title="Canada joins", published=published)


def span_claim(document: Document) -> object:
    return seed_membership(
        evidence=(SpanEvidence(document=document.id, start=0, end=41, text=SEED_TEXT[:41]),),
        producer="pactwatch-extract/0.1.0",
    )


def test_claims_come_back_unchanged(ledger: Store) -> None:
    stored = [seed_membership(), seed_commitment(), seed_commitment("intelligence_sharing")]
    assert ledger.add_claims(stored).claims == 3
    back = {claim.id: claim for claim in ledger.claims()}
    for claim in stored:
        got = back[claim.id]
        assert got.recorded_at is not None
        assert got.status is ReviewStatus.PROPOSED
        assert _without_recording(got) == claim


def _without_recording(claim: object) -> object:
    import dataclasses

    return dataclasses.replace(claim, recorded_at=None)  # type: ignore[type-var]


def test_same_document_twice_adds_nothing(ledger: Store) -> None:
    document = seed_document()
    first = ledger.add_document(document, [span_claim(document)])  # type: ignore[list-item]
    second = ledger.add_document(seed_document(), [span_claim(document)])  # type: ignore[list-item]
    assert (first.documents, first.claims) == (1, 1)
    assert (second.documents, second.claims) == (0, 0)
    assert ledger.counts()["documents"] == 1
    assert ledger.counts()["membership"] == 1


def test_same_claim_from_same_source_and_producer_is_stored_once(ledger: Store) -> None:
    ledger.add_claims([seed_membership()])
    ledger.add_claims([seed_membership(confidence=0.4)])
    assert ledger.add_claims([seed_membership(producer="analyst:other")]).claims == 1
    assert ledger.counts()["membership"] == 2


def test_span_evidence_round_trips_with_offsets(ledger: Store) -> None:
    document = seed_document()
    claim = span_claim(document)
    ledger.add_document(document, [claim])  # type: ignore[list-item]
    got = ledger.claim(claim.id)  # type: ignore[attr-defined]
    evidence = got.evidence[0]
    assert isinstance(evidence, SpanEvidence)
    assert SEED_TEXT[evidence.start : evidence.end] == evidence.text
    stored = ledger.document(document.id)
    assert stored.recorded_at is not None
    assert dataclasses.replace(stored, recorded_at=None) == document


def test_a_failing_document_leaves_nothing_behind(ledger: Store) -> None:
    document = seed_document()
    dangling = seed_membership(
        evidence=(SpanEvidence(document="f" * 64, start=0, end=3, text="Can"),)
    )
    with pytest.raises(InputError, match="not in the ledger"):
        ledger.add_document(document, [seed_commitment(), dangling])
    assert ledger.counts() == {"documents": 0, "reviews": 0}


def test_known_on_hides_what_was_published_later(ledger: Store) -> None:
    ledger.add_claims([seed_membership()])  # cited source published 2026-01-06
    earlier = ClaimQuery(
        type=ClaimType.MEMBERSHIP, as_of=dt.date(2026, 1, 6), known_on=dt.date(2026, 1, 5)
    )
    on_the_day = ClaimQuery(
        type=ClaimType.MEMBERSHIP, as_of=dt.date(2026, 1, 6), known_on=dt.date(2026, 1, 6)
    )
    assert ledger.claims(earlier) == []
    assert [c.id for c in ledger.claims(on_the_day)] == [seed_membership().id]


def test_known_since_comes_from_the_document_published_date(ledger: Store) -> None:
    document = seed_document(published=dt.date(2026, 1, 7))
    ledger.add_document(document, [span_claim(document)])  # type: ignore[list-item]
    assert ledger.claims(ClaimQuery(known_on=dt.date(2026, 1, 6))) == []
    assert len(ledger.claims(ClaimQuery(known_on=dt.date(2026, 1, 7)))) == 1


def test_undated_sources_are_known_from_when_recorded(ledger: Store) -> None:
    ledger.add_claims([seed_membership(evidence=(citation(published=None),))])
    today = dt.datetime.now(dt.UTC).date()
    assert ledger.claims(ClaimQuery(known_on=today - dt.timedelta(days=1))) == []
    assert len(ledger.claims(ClaimQuery(known_on=today))) == 1


def test_as_of_selects_events_by_date_and_commitments_in_force(ledger: Store) -> None:
    ledger.add_claims(
        [
            seed_membership(),
            seed_commitment(start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31)),
        ]
    )
    assert ledger.claims(ClaimQuery(as_of=dt.date(2026, 1, 5), type=ClaimType.MEMBERSHIP)) == []
    assert len(ledger.claims(ClaimQuery(as_of=dt.date(2026, 1, 6), type=ClaimType.MEMBERSHIP))) == 1
    assert len(ledger.claims(ClaimQuery(as_of=dt.date(2024, 6, 1), type=ClaimType.COMMITMENT))) == 1
    assert ledger.claims(ClaimQuery(as_of=dt.date(2025, 1, 1), type=ClaimType.COMMITMENT)) == []


def test_query_by_actor_type_category_arrangement(ledger: Store) -> None:
    meeting = MeetingClaim(
        participants=("person:mark-carney", "person:mark-rutte"),
        place="Paris",
        date=dt.date(2026, 1, 6),
        evidence=(citation(),),
    )
    ledger.add_claims(
        [seed_membership(), seed_commitment(), seed_commitment("economic_support"), meeting]
    )
    assert len(ledger.claims(ClaimQuery(actor="CAN"))) == 3
    assert len(ledger.claims(ClaimQuery(actor="UKR", type=ClaimType.COMMITMENT))) == 2
    assert len(ledger.claims(ClaimQuery(category="economic_support"))) == 1
    assert len(ledger.claims(ClaimQuery(arrangement="coalition-of-the-willing"))) == 3
    assert [c.id for c in ledger.claims(ClaimQuery(actor="person:mark-rutte"))] == [meeting.id]


def test_review_history_is_kept_and_status_follows_the_latest(ledger: Store) -> None:
    claim = seed_commitment()
    ledger.add_claims([claim])
    day1 = dt.datetime(2026, 1, 7, 9, tzinfo=dt.UTC)
    day2 = dt.datetime(2026, 1, 9, 9, tzinfo=dt.UTC)
    ledger.review(claim.id, Decision.ACCEPT, reviewer="ana", note="matches readout", at=day1)
    ledger.review(claim.id, Decision.REJECT, reviewer="ben", note="condition misread", at=day2)
    history = ledger.history(claim.id)
    assert [(r.status, r.reviewer, r.note) for r in history] == [
        (ReviewStatus.ACCEPTED, "ana", "matches readout"),
        (ReviewStatus.REJECTED, "ben", "condition misread"),
    ]
    assert history[0].at == day1
    assert ledger.claim(claim.id).status is ReviewStatus.REJECTED
    assert ledger.claim(claim.id, known_on=dt.date(2026, 1, 8)).status is ReviewStatus.ACCEPTED
    assert ledger.claims(ClaimQuery(status=ReviewStatus.REJECTED))[0].id == claim.id
    assert ledger.claims(ClaimQuery(status=ReviewStatus.ACCEPTED)) == []


def test_review_of_unknown_claim_says_how_to_find_ids(ledger: Store) -> None:
    with pytest.raises(ClaimNotFoundError, match="pactwatch claims"):
        ledger.review("clm_nope", Decision.ACCEPT, reviewer="ana")


def test_leave_is_stored_as_an_action(ledger: Store) -> None:
    leave = seed_membership(action=MembershipAction.LEAVE, date=dt.date(2027, 1, 1))
    ledger.add_claims([leave])
    assert ledger.claim(leave.id).action is MembershipAction.LEAVE  # type: ignore[union-attr]
