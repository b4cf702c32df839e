"""The seed article, as the issue's acceptance: what a careful analyst would code."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pactwatch.extract import extract
from pactwatch.extract.evaluate import claim_key
from pactwatch.model import (
    Claim,
    CommitmentClaim,
    Document,
    MeetingClaim,
    MembershipClaim,
    SpanEvidence,
)

# The seed is a third-party article: it stays in shared/ beside the repository (as in CI),
# never copied into it.
SEED = Path(__file__).parents[3] / "shared" / "seed" / "seed-article.txt"
if not SEED.exists():
    pytest.skip(
        f"the seed article is not at {SEED} (shared/ beside the clone)", allow_module_level=True
    )


@pytest.fixture(scope="module")
def seed_claims() -> list[Claim]:
    text = SEED.read_text(encoding="utf-8")
    return extract(Document(text=text, source=str(SEED), published=dt.date(2026, 1, 6)))


def test_membership_of_canada_in_the_coalition(seed_claims: list[Claim]) -> None:
    [membership] = [c for c in seed_claims if isinstance(c, MembershipClaim)]
    assert (membership.actor, membership.arrangement, str(membership.action), membership.date) == (
        "CAN",
        "coalition-of-the-willing",
        "join",
        dt.date(2026, 1, 6),
    )


@pytest.mark.parametrize(
    "category",
    ["military_training", "intelligence_sharing", "economic_support", "security_guarantee"],
)
def test_commitments_conditional_on_peace(seed_claims: list[Claim], category: str) -> None:
    keys = {claim_key(c) for c in seed_claims}
    assert ("commitment", "CAN", "UKR", category, "committed", "peace_agreement") in keys
    [claim] = [c for c in seed_claims if isinstance(c, CommitmentClaim) and c.category == category]
    assert claim.arrangement == "coalition-of-the-willing"


def test_meeting_of_carney_and_rutte_in_paris(seed_claims: list[Claim]) -> None:
    [meeting] = [c for c in seed_claims if isinstance(c, MeetingClaim)]
    assert set(meeting.participants) == {"person:mark-carney", "person:mark-rutte"}
    assert (meeting.place, meeting.date) == ("Paris", dt.date(2026, 1, 6))


def test_nothing_from_freeland_venezuela_or_oil(seed_claims: list[Claim]) -> None:
    text = SEED.read_text(encoding="utf-8")
    start = text.index("The announcement in Paris coincided")
    for claim in seed_claims:
        if isinstance(claim, CommitmentClaim | MembershipClaim):
            for evidence in claim.evidence:
                assert isinstance(evidence, SpanEvidence)
                assert evidence.end <= start or "Freeland" not in evidence.text


def test_every_claim_quotes_its_sentence(seed_claims: list[Claim]) -> None:
    text = SEED.read_text(encoding="utf-8")
    for claim in seed_claims:
        for evidence in claim.evidence:
            assert isinstance(evidence, SpanEvidence)
            assert text[evidence.start : evidence.end] == evidence.text
