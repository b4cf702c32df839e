"""Rosters: who is in an arrangement on a date, as known on a date."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pactwatch.model import Decision, MembershipAction
from pactwatch.reason import fold_memberships, roster
from pactwatch.store import Store, init_ledger
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


@given(
    dates=st.lists(
        st.none() | st.sampled_from([dt.date(2025, 3, 2), dt.date(2025, 9, 1)]),
        min_size=1,
        max_size=8,
    ),
    actions=st.lists(
        st.sampled_from([MembershipAction.JOIN, MembershipAction.SIGN]), min_size=8, max_size=8
    ),
    places=st.lists(st.sampled_from(["Paris", "London", "Kyiv"]), min_size=8, max_size=8),
)
def test_a_members_claims_are_listed_by_date_then_id(
    dates: list[dt.date | None],
    actions: list[MembershipAction],
    places: list[str],
) -> None:
    events = [
        seed_membership(actor="GBR", date=day, action=action, place=place)
        for day, action, place in zip(dates, actions, places, strict=False)
    ]
    events = list({event.id: event for event in events}.values())  # as the ledger keeps them
    (member,) = fold_memberships(events)
    by_date_then_id = sorted(events, key=lambda e: (e.date or dt.date.min, e.id))
    assert member.claims == tuple(e.id for e in by_date_then_id)


def test_roster_respects_as_of_known_on_and_rejections(ledger: Store) -> None:
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


def test_a_claim_rejected_then_accepted_again_counts_from_the_second_decision(
    ledger: Store,
) -> None:
    canada = seed_membership()
    leaving = seed_membership(action=MembershipAction.LEAVE, date=dt.date(2026, 3, 1))
    ledger.add_claims([canada, leaving])
    monday = dt.datetime(2026, 2, 2, 9, tzinfo=dt.UTC)
    for claim in (canada, leaving):
        ledger.review(claim.id, Decision.REJECT, reviewer="ana", at=monday)
        ledger.review(claim.id, Decision.ACCEPT, reviewer="ben", at=monday + dt.timedelta(days=7))

    def members(known_on: dt.date, as_of: dt.date = dt.date(2026, 2, 20)) -> list[str]:
        found = roster(ledger, "coalition-of-the-willing", as_of=as_of, known_on=known_on)
        return [m.actor for m in found]

    assert members(dt.date(2026, 2, 1)) == ["CAN"]
    assert members(dt.date(2026, 2, 3)) == []
    assert members(dt.date(2026, 2, 10)) == ["CAN"]
    assert ledger.reading.departures(["CAN"], known_on=dt.date(2026, 2, 3)) == {}
    assert ledger.reading.departures(["CAN"], known_on=dt.date(2026, 2, 10)) == {
        ("CAN", "coalition-of-the-willing"): dt.date(2026, 3, 1)
    }


EVENTS = st.lists(
    st.tuples(
        st.sampled_from(["CAN", "GBR", "FRA"]),
        st.sampled_from(list(MembershipAction)),
        st.none() | st.dates(dt.date(2025, 1, 1), dt.date(2025, 1, 10)),
    ),
    max_size=8,
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(events=EVENTS, as_of=st.none() | st.dates(dt.date(2025, 1, 1), dt.date(2025, 1, 10)))
def test_the_database_folds_a_roster_as_the_replay_does(
    tmp_path_factory: pytest.TempPathFactory,
    events: list[tuple[str, MembershipAction, dt.date | None]],
    as_of: dt.date | None,
) -> None:
    path = tmp_path_factory.mktemp("fold") / "ledger.db"
    init_ledger(path)
    claims = [
        seed_membership(
            actor=actor,
            action=action,
            date=date,
            evidence=(citation(url=f"https://example.org/{index}"),),
        )
        for index, (actor, action, date) in enumerate(events)
    ]
    with Store.open(path) as ledger:
        ledger.add_claims(claims)
        folded = roster(ledger, "coalition-of-the-willing", as_of=as_of)
    dated = [c for c in claims if as_of is None or c.date is None or c.date <= as_of]
    expected = fold_memberships(dated)
    assert [(m.actor, m.since, set(m.claims)) for m in folded] == [
        (m.actor, m.since, set(m.claims)) for m in expected
    ]
