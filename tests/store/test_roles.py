"""Each actor's roles on a day (what the overview map colours), as known on a day."""

from __future__ import annotations

import datetime as dt

from pactwatch.model import Decision, MembershipAction
from pactwatch.store import Store
from tests.conftest import citation, seed_commitment, seed_membership

D = dt.date


def test_roles_follow_dates_departures_knowledge_and_rejections(ledger: Store) -> None:
    gbr_leaves = seed_membership(actor="GBR", action=MembershipAction.LEAVE, date=D(2026, 3, 1))
    rejected = seed_commitment(guarantor="FRA", start=D(2026, 1, 2))
    ledger.add_claims(
        [
            seed_membership(),  # CAN joins 2026-01-06
            seed_membership(actor="GBR", date=D(2025, 3, 2)),
            gbr_leaves,
            seed_commitment(start=D(2026, 1, 6)),  # CAN -> UKR
            seed_commitment(
                guarantor="ITA",
                start=D(2026, 2, 1),
                evidence=(citation(published="2026-02-01", url="https://example.org/it"),),
            ),
            rejected,
        ]
    )
    ledger.review(rejected.id, Decision.REJECT, reviewer="ana")

    assert ledger.roles_on(D(2026, 1, 5)) == {"GBR": {"member"}}
    assert ledger.roles_on(D(2026, 2, 2)) == {
        "CAN": {"member", "guarantor"},
        "GBR": {"member"},
        "ITA": {"guarantor"},
        "UKR": {"beneficiary"},
    }
    assert "GBR" not in ledger.roles_on(D(2026, 3, 2))
    assert "ITA" not in ledger.roles_on(D(2026, 2, 2), known_on=D(2026, 1, 31))


def test_a_pledge_counts_once_made_as_the_actor_pages_list_it(ledger: Store) -> None:
    """Made by a day: starting by then, or first known by then (a pledge of January to train
    troops from June makes its guarantor a guarantor in February), on both paths."""
    ledger.add_claims(
        [
            seed_commitment(
                guarantor="NOR",
                start=D(2026, 6, 1),
                evidence=(citation(published="2026-01-20", url="https://example.org/no"),),
            )
        ]
    )
    for known_on in (None, D(2026, 12, 31)):
        assert ledger.roles_on(D(2026, 1, 19), known_on=known_on) == {}
        assert ledger.roles_on(D(2026, 2, 1), known_on=known_on) == {
            "NOR": {"guarantor"},
            "UKR": {"beneficiary"},
        }
    for day in (D(2026, 1, 19), D(2026, 2, 1)):
        listed = ledger.commitments(guarantor="NOR", as_of=day)
        assert bool(listed) == ("guarantor" in ledger.roles_on(day).get("NOR", set()))
