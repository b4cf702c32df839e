"""Rosters: who is in an arrangement on a date, as known on a date."""

from __future__ import annotations

import datetime as dt

from pactwatch.model import Decision, MembershipAction
from pactwatch.reason import fold_memberships, roster
from pactwatch.store import Ledger
from tests.conftest import citation, seed_membership


def test_fold_join_then_leave_then_rejoin() -> None:
    events = [
        seed_membership(actor="GBR", date=dt.date(2025, 3, 2)),
        seed_membership(actor="GBR", action=MembershipAction.LEAVE, date=dt.date(2025, 6, 1)),
        seed_membership(actor="GBR", date=dt.date(2025, 9, 1), place="London"),
        seed_membership(date=dt.date(2026, 1, 6)),
    ]
    members = fold_memberships(events)
    assert [(m.actor, m.since) for m in members] == [
        ("GBR", dt.date(2025, 9, 1)),
        ("CAN", dt.date(2026, 1, 6)),
    ]


def test_roster_respects_as_of_known_on_and_rejections(ledger: Ledger) -> None:
    france = seed_membership(
        actor="FRA",
        date=dt.date(2025, 3, 2),
        place="London",
        evidence=(citation(published="2025-03-02"),),
    )
    canada = seed_membership()
    ledger.add_claims([france, canada])
    assert [m.actor for m in roster(ledger, "coalition-of-the-willing")] == ["FRA", "CAN"]
    assert [
        m.actor for m in roster(ledger, "coalition-of-the-willing", as_of=dt.date(2026, 1, 5))
    ] == ["FRA"]
    assert [
        m.actor
        for m in roster(
            ledger,
            "coalition-of-the-willing",
            as_of=dt.date(2026, 1, 6),
            known_on=dt.date(2026, 1, 5),
        )
    ] == ["FRA"]
    ledger.review(canada.id, Decision.REJECT, reviewer="ana", note="wrong date")
    assert [m.actor for m in roster(ledger, "coalition-of-the-willing")] == ["FRA"]
