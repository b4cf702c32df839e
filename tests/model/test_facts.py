"""What makes claims the same fact: fact ids, facets and sketches."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest

from pactwatch.model import (
    AgreementClaim,
    Amount,
    ArrangementKind,
    Claim,
    Duration,
    MeetingClaim,
    MembershipAction,
)
from pactwatch.model.facts import facets, fact_id, sketch
from tests.conftest import citation, seed_commitment, seed_membership

OTHER_SOURCE = (citation(url="https://example.org/other", published="2026-01-09"),)


def signing(**changes: object) -> AgreementClaim:
    base = AgreementClaim(
        parties=("UKR", "FRA"),
        kind=ArrangementKind.BILATERAL_SECURITY_AGREEMENT,
        arrangement="bsa-2024-ukr-fra",
        date=dt.date(2024, 2, 16),
        duration=Duration(years=10),
        evidence=(citation(),),
    )
    return dataclasses.replace(base, id="", **changes)  # type: ignore[arg-type]


SAME_FACT = [
    (seed_membership(), seed_membership(evidence=OTHER_SOURCE, date=dt.date(2026, 1, 7))),
    (seed_membership(), seed_membership(place="London", producer="analyst:other")),
    (seed_commitment(), seed_commitment(amount=Amount(value=1e9, currency="EUR"))),
    (seed_commitment(), seed_commitment(duration=Duration(years=10), start=None)),
    (signing(), signing(date=dt.date(2024, 2, 17), parties=("FRA", "UKR", "DEU"))),
    (signing(arrangement=None), signing(arrangement=None, parties=("FRA", "UKR", "FRA"))),
]

OTHER_FACT = [
    (seed_membership(), seed_membership(action=MembershipAction.LEAVE)),
    (seed_membership(), seed_membership(actor="FRA")),
    (seed_commitment(), seed_commitment(category="intelligence_sharing")),
    (seed_commitment(), seed_commitment(guarantor="FRA")),
    (seed_commitment(), seed_commitment(modality="ruled_out")),
    (signing(), signing(arrangement="bsa-2024-ukr-deu")),
    (signing(arrangement=None), signing(arrangement=None, parties=("UKR", "DEU"))),
]


@pytest.mark.parametrize(("one", "other"), SAME_FACT)
def test_reports_of_one_thing_share_a_fact_id(one: Claim, other: Claim) -> None:
    assert one.id != other.id
    assert fact_id(one) == fact_id(other)


@pytest.mark.parametrize(("one", "other"), OTHER_FACT)
def test_different_things_have_different_fact_ids(one: Claim, other: Claim) -> None:
    assert fact_id(one) != fact_id(other)


def test_meetings_on_different_days_are_different_facts() -> None:
    meeting = MeetingClaim(
        participants=("mark-carney", "mark-rutte"),
        date=dt.date(2026, 1, 6),
        evidence=(citation(),),
    )
    again = dataclasses.replace(meeting, id="", participants=("mark-rutte", "mark-carney"))
    later = dataclasses.replace(meeting, id="", date=dt.date(2026, 1, 7))
    assert fact_id(meeting) == fact_id(again) != fact_id(later)


def test_facets_hold_the_values_sources_can_disagree_on() -> None:
    pledge = seed_commitment(amount=Amount(value=2.5e9, currency="GBP"))
    assert json.loads(facets(pledge)) == {
        "amount": [2.5e9, "GBP"],
        "duration": None,
        "deadline_hours": None,
    }
    assert json.loads(facets(signing()))["parties"] == ["FRA", "UKR"]
    assert facets(signing()) == facets(signing(evidence=OTHER_SOURCE))


def test_a_sketch_keeps_the_claims_sources_once_each() -> None:
    claim = seed_membership(evidence=(citation(), citation(), *OTHER_SOURCE))
    found = sketch(claim, dt.date(2026, 1, 6))
    assert tuple(found.anchors()) == (
        "url:https://example.org/seed-canada-joins-coalition",
        "url:https://example.org/other",
    )
    assert (found.id, found.fact, found.known_since) == (
        claim.id,
        fact_id(claim),
        dt.date(2026, 1, 6),
    )
