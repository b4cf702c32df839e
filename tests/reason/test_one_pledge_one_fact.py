"""One pledge, one fact (issue 11.1): a claim that names no arrangement joins the one fact of
its family that names one and fits it in time; pledges of other amounts on other days stay
apart; the ledger (SQLite and PostgreSQL) and claims grouped in hand agree."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from alembic import command
from click.testing import CliRunner

from pactwatch.api import Ledger
from pactwatch.cli import cli
from pactwatch.model import Amount, Condition, Decision, Duration
from pactwatch.model.pledges import Pledge, place
from pactwatch.reason import facts
from pactwatch.store import ClaimQuery
from pactwatch.store.migrate import _config, make_engine, migrate
from tests.conftest import citation, seed_commitment

D = dt.date
PEACE = "peace_agreement=2026-06-01"


def named(category: str = "intelligence_sharing", **changes: object):  # type: ignore[no-untyped-def]
    return seed_commitment(category, **changes)


def unnamed(category: str = "intelligence_sharing", **changes: object):  # type: ignore[no-untyped-def]
    later = citation("2026-01-20", url="https://example.org/later-report")
    fields: dict[str, object] = {
        "arrangement": None,
        "start": D(2026, 1, 20),
        "evidence": (later,),
    }
    fields.update(changes)
    return seed_commitment(category, **fields)


def rows_of(ledger: Ledger, category: str = "intelligence_sharing") -> list:
    found = ledger.commitments(
        guarantor="CAN", as_of=D(2026, 6, 2), scenario=PEACE, category=category
    )
    return list(found)


@pytest.mark.parametrize("order", ["named first", "unnamed first"])
def test_a_later_report_naming_no_arrangement_joins_the_named_pledge(
    ledger: Ledger, order: str
) -> None:
    first, second = named(), unnamed()
    if order == "unnamed first":
        first, second = second, first
    ledger.add_claims([first])
    ledger.add_claims([second])
    [row] = rows_of(ledger)
    assert row.arrangement == "coalition-of-the-willing"
    assert row.sources == 2
    assert set(row.claims) == {first.id, second.id}
    assert row.id == named().id  # the fact shows the claim that names the arrangement
    assert ledger.undecided([second.id, first.id]) == {}


def test_a_report_dated_before_the_arrangement_stays_apart(ledger: Ledger) -> None:
    early = unnamed(start=D(2025, 12, 1))
    ledger.add_claims([named(), early])
    found = {row.arrangement for row in rows_of(ledger)}
    assert found == {"coalition-of-the-willing", None}
    assert ledger.undecided([early.id]) == {}


def test_where_two_arrangements_fit_it_stays_apart_and_says_which(ledger: Ledger) -> None:
    treaty = named(
        arrangement="bsa-2024-ukr-can", start=D(2024, 2, 24), duration=Duration(years=10)
    )
    vague = unnamed()
    ledger.add_claims([named(), treaty, vague])
    assert len(rows_of(ledger)) == 3
    assert ledger.undecided([vague.id]) == {
        vague.id: ("bsa-2024-ukr-can", "coalition-of-the-willing")
    }


def test_rejecting_the_named_claim_lets_the_other_stand_alone(ledger: Ledger) -> None:
    claim, vague = named(), unnamed()
    ledger.add_claims([claim, vague])
    ledger.review(claim.id, Decision.REJECT, reviewer="test")
    [row] = rows_of(ledger)
    assert row.arrangement is None
    assert row.claims == (vague.id,)


def pledge(amount: float, currency: str, day: dt.date, url: str):  # type: ignore[no-untyped-def]
    return seed_commitment(
        "security_assistance",
        guarantor="GBR",
        arrangement=None,
        condition=Condition(),
        amount=Amount(value=amount, currency=currency),
        start=day,
        evidence=(citation(day.isoformat(), url=url),),
    )


def test_pledges_of_other_amounts_on_other_days_are_two_facts(ledger: Ledger) -> None:
    spring = pledge(1.9e9, "EUR", D(2025, 3, 2), "https://example.org/spring")
    autumn = pledge(2.5e9, "GBP", D(2025, 10, 9), "https://example.org/autumn")
    ledger.add_claims([spring, autumn])
    found = ledger.facts(ClaimQuery(actor="GBR"))
    assert len(found) == 2
    assert all(not fact.conflicts for fact in found)


def test_two_sources_giving_other_amounts_for_one_day_disagree(ledger: Ledger) -> None:
    one = pledge(2.5e9, "GBP", D(2025, 10, 9), "https://example.org/one")
    other = pledge(2.6e9, "GBP", D(2025, 10, 9), "https://example.org/other")
    ledger.add_claims([one, other])
    [fact] = ledger.facts(ClaimQuery(actor="GBR"))
    assert [conflict.field for conflict in fact.conflicts] == ["amount"]


def test_claims_in_hand_are_grouped_the_same_way() -> None:
    vague = unnamed()
    [fact] = facts([named(), vague])
    assert fact.claim.arrangement == "coalition-of-the-willing"
    assert set(fact.claim_ids) == {named().id, vague.id}
    spring = pledge(1.9e9, "EUR", D(2025, 3, 2), "https://example.org/spring")
    autumn = pledge(2.5e9, "GBP", D(2025, 10, 9), "https://example.org/autumn")
    assert len(facts([spring, autumn])) == 2


def test_the_migration_regroups_a_ledger_stored_before_it(ledger_url: str) -> None:
    with Ledger.open(ledger_url) as ledger:
        ledger.add_claims([named(), unnamed()])
    engine = make_engine(ledger_url, must_exist=True)
    with engine.begin() as connection:
        command.downgrade(_config(connection), "0004")
    migrate(engine)
    engine.dispose()
    with Ledger.open(ledger_url) as ledger:
        [row] = rows_of(ledger)
    assert row.sources == 2


def test_the_cli_lists_the_pledge_once(tmp_path: Path) -> None:
    path = tmp_path / "l.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["init", "--db", str(path)]).exit_code == 0
    with Ledger.open(path) as ledger:
        ledger.add_claims([named(), unnamed(), named("economic_support")])
    result = runner.invoke(
        cli,
        [
            "--db",
            str(path),
            "commitments",
            "--guarantor",
            "CAN",
            "--as-of",
            "2026-06-02",
            "--scenario",
            PEACE,
            "--format",
            "csv",
        ],
    )
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 3  # a header and two pledges
    assert sum("intelligence_sharing" in line for line in lines) == 1


TABLE = [
    # (pledges as (claim, arrangement, start, end, amount, sources), expected groups)
    (
        [("a", "x", D(2026, 1, 6), None, None, "1"), ("b", None, D(2026, 2, 1), None, None, "2")],
        [{"a", "b"}],
    ),
    (
        [("a", "x", D(2026, 1, 6), None, None, "1"), ("b", None, D(2025, 2, 1), None, None, "2")],
        [{"a"}, {"b"}],
    ),
    (
        [
            ("a", "x", D(2024, 1, 1), D(2034, 1, 1), None, "1"),
            ("b", "y", D(2026, 1, 6), None, None, "2"),
            ("c", None, D(2026, 2, 1), None, None, "3"),
        ],
        [{"a"}, {"b"}, {"c"}],
    ),
    (
        [
            ("a", "x", D(2024, 2, 24), D(2034, 2, 23), None, "1"),
            ("b", None, D(2025, 12, 27), None, (2.5e9, "CAD"), "2"),
        ],
        [{"a"}, {"b"}],
    ),
    (
        [
            ("a", None, D(2025, 3, 2), None, (1.9e9, "EUR"), "1"),
            ("b", None, D(2025, 10, 9), None, (2.5e9, "GBP"), "2"),
            ("c", None, D(2025, 10, 9), None, None, "3"),
        ],
        [{"a"}, {"b", "c"}],
    ),
    (
        [
            ("a", None, D(2025, 3, 2), None, (1e9, "EUR"), "1"),
            ("b", None, D(2025, 3, 2), None, (2e9, "EUR"), "1"),
        ],
        [{"a"}, {"b"}],
    ),
    (
        [
            ("a", None, D(2025, 3, 2), None, (1e9, "EUR"), "1"),
            ("b", None, D(2025, 3, 2), None, (2e9, "EUR"), "2"),
            ("c", None, D(2025, 9, 2), None, (1e9, "EUR"), "3"),
        ],
        [{"a", "b", "c"}],
    ),
]


@pytest.mark.parametrize(("given", "expected"), TABLE)
def test_placement_table(given: list[tuple], expected: list[set[str]]) -> None:
    own = {None: "fct_none", "x": "fct_x", "y": "fct_y"}
    found = place(
        Pledge(c, "fam", own[a], a, s, e, m, frozenset({src})) for c, a, s, e, m, src in given
    )
    groups: dict[str, set[str]] = {}
    for claim, placement in found.items():
        groups.setdefault(placement.fact, set()).add(claim)
    assert sorted(groups.values(), key=min) == expected
