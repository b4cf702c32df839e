"""One pledge, one fact (issue 11.1): a claim that names no arrangement joins the one fact of
its family that names one and fits it in time and, where it gives a sum, is a report of one of
its pledges; pledges of other amounts or other days stay apart (a report up to three days
after a pledge of its sum is the same pledge); the ledger (SQLite and PostgreSQL) and claims
grouped in hand agree, whatever order the claims come in."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest
from alembic import command
from click.testing import CliRunner
from sqlalchemy import text

from pactwatch.api import Ledger
from pactwatch.cli import cli
from pactwatch.model import Amount, CommitmentClaim, Condition, Decision, Duration
from pactwatch.model.pledges import Placement, Pledge, place
from pactwatch.reason import facts
from pactwatch.store import ClaimQuery
from pactwatch.store.commitment_facts import refresh
from pactwatch.store.migrate import _config, make_engine, migrate
from pactwatch.store.pledges import rebuild_summaries
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
    pytest.param(
        # the same sum six months later is a new pledge (it used to join the March one)
        [
            ("a", None, D(2025, 3, 2), None, (1e9, "EUR"), "1"),
            ("b", None, D(2025, 3, 2), None, (2e9, "EUR"), "2"),
            ("c", None, D(2025, 9, 2), None, (1e9, "EUR"), "3"),
        ],
        [{"a", "b"}, {"c"}],
        id="same-sum-six-months-later",
    ),
    pytest.param(
        # the window: a report three days after the first is the same pledge, four days not
        [
            ("a", None, D(2025, 3, 2), None, (1e9, "EUR"), "1"),
            ("b", None, D(2025, 3, 5), None, (1e9, "EUR"), "2"),
            ("c", None, D(2025, 3, 6), None, (1e9, "EUR"), "3"),
        ],
        [{"a", "b"}, {"c"}],
        id="window-three-days-yes-four-no",
    ),
    pytest.param(
        # counted from the first report: reports every other day do not chain into one pledge
        [
            ("a", None, D(2025, 3, 2), None, (1e9, "EUR"), "1"),
            ("b", None, D(2025, 3, 4), None, (1e9, "EUR"), "2"),
            ("c", None, D(2025, 3, 6), None, (1e9, "EUR"), "3"),
            ("d", None, D(2025, 3, 8), None, (1e9, "EUR"), "4"),
        ],
        [{"a", "b"}, {"c", "d"}],
        id="window-counts-from-the-first-report",
    ),
    pytest.param(
        # another sum a day later is another pledge: the window is for the same sum
        [
            ("a", None, D(2025, 10, 9), None, (2.5e9, "GBP"), "1"),
            ("b", None, D(2025, 10, 10), None, (2.6e9, "GBP"), "2"),
        ],
        [{"a"}, {"b"}],
        id="another-sum-a-day-later",
    ),
    pytest.param(
        # the 2024 agreement runs ten years, but a 2025 package of its sum is a new pledge;
        # two sources giving that package two sums on one day disagree about it
        [
            ("a", "x", D(2024, 1, 12), D(2034, 1, 11), (2.5e9, "GBP"), "1"),
            ("b", None, D(2025, 10, 9), None, (2.5e9, "GBP"), "2"),
            ("c", None, D(2025, 10, 9), None, (2.6e9, "GBP"), "3"),
        ],
        [{"a"}, {"b", "c"}],
        id="a-2025-package-beside-the-2024-agreement",
    ),
    pytest.param(
        # a report of the arrangement's pledge, two days after it was made, joins it
        [
            ("a", "x", D(2024, 1, 12), D(2034, 1, 11), (2.5e9, "GBP"), "1"),
            ("b", None, D(2024, 1, 14), None, (2.5e9, "GBP"), "2"),
        ],
        [{"a", "b"}],
        id="a-report-two-days-after-the-arrangements-pledge",
    ),
    pytest.param(
        # another source giving another sum on the day of the arrangement's pledge disagrees
        # about that pledge
        [
            ("a", "x", D(2024, 1, 12), D(2034, 1, 11), (2.5e9, "GBP"), "1"),
            ("b", None, D(2024, 1, 12), None, (2.6e9, "GBP"), "2"),
        ],
        [{"a", "b"}],
        id="another-sum-on-the-arrangements-day-disagrees",
    ),
    pytest.param(
        # ...but the text that gives the arrangement's sum giving another names another pledge
        [
            ("a", "x", D(2024, 1, 12), D(2034, 1, 11), (2.5e9, "GBP"), "1"),
            ("b", None, D(2024, 1, 12), None, (2.6e9, "GBP"), "1"),
        ],
        [{"a"}, {"b"}],
        id="one-text-two-sums-stays-apart",
    ),
    pytest.param(
        # a claim without a sum joins the pledge made up to three days before it, not the
        # earliest
        [
            ("a", None, D(2025, 3, 2), None, (1.9e9, "EUR"), "1"),
            ("b", None, D(2025, 10, 9), None, (2.5e9, "GBP"), "2"),
            ("c", None, D(2025, 10, 11), None, None, "3"),
        ],
        [{"a"}, {"b", "c"}],
        id="no-sum-joins-the-pledge-of-its-days",
    ),
    pytest.param(
        # no day and no sum: it fits the one arrangement, ten years long
        [
            ("a", "x", D(2024, 1, 12), D(2034, 1, 11), (2.5e9, "GBP"), "1"),
            ("b", None, None, None, None, "2"),
        ],
        [{"a", "b"}],
        id="no-day-no-sum-fits-the-one-arrangement",
    ),
    pytest.param(
        # b disagrees with the arrangement's sum that day, but its text also gives that sum
        # (c), which joins the arrangement's pledge: b stays among claims naming none
        [
            ("a", "x", D(2024, 1, 12), D(2034, 1, 11), (2.5e9, "GBP"), "1"),
            ("b", None, D(2024, 1, 12), None, (2.6e9, "GBP"), "2"),
            ("c", None, D(2024, 1, 12), None, (2.5e9, "GBP"), "2"),
        ],
        [{"a", "c"}, {"b"}],
        id="a-text-giving-two-sums-keeps-the-other-apart",
    ),
]


def groups_of(found: dict[str, Placement]) -> list[set[str]]:
    groups: dict[str, set[str]] = {}
    for claim, placement in found.items():
        groups.setdefault(placement.fact, set()).add(claim)
    return sorted(groups.values(), key=min)


@pytest.mark.parametrize(("given", "expected"), TABLE)
def test_placement_table(given: list[tuple], expected: list[set[str]]) -> None:
    own = {None: "fct_none", "x": "fct_x", "y": "fct_y"}
    pledges = [
        Pledge(c, "fam", own[a], a, s, e, m, frozenset({src})) for c, a, s, e, m, src in given
    ]
    found = place(pledges)
    assert groups_of(found) == expected
    for order in itertools.permutations(pledges):
        assert place(order) == found  # the same facts, ids and placements in any order


BSA = "bsa-2024-ukr-gbr"
OCT_9 = D(2025, 10, 9)


def uk(
    billions: float | None,
    day: dt.date | None,
    url: str,
    *,
    published: dt.date | None = None,
    arrangement: str | None = None,
) -> CommitmentClaim:
    """A UK pledge of military aid to Ukraine (``billions`` of GBP), dated ``day``, reported
    at ``url`` (published on ``published``, else on its day)."""
    on = published or day or D(2025, 10, 9)
    return seed_commitment(
        "security_assistance",
        guarantor="GBR",
        arrangement=arrangement,
        condition=Condition(),
        amount=Amount(value=billions * 1e9, currency="GBP") if billions is not None else None,
        start=day,
        duration=Duration(years=10) if arrangement == BSA else None,
        evidence=(citation(on.isoformat(), url=f"https://example.org/{url}"),),
    )


def bsa_2024() -> CommitmentClaim:
    """The catalogued 2024 UK-Ukraine agreement's pledge: GBP 2.5 billion, 2024-01-12, under an
    agreement running ten years (the demo ledger gives it; here it runs ten years)."""
    return uk(2.5, D(2024, 1, 12), "bsa-2024", published=D(2024, 1, 14), arrangement=BSA)


ONE_PLEDGE_CASES = [
    # (claims by label, expected facts as (labels, conflicting fields)), the first two from
    # the audit of issue 11.1
    pytest.param(
        {"A": uk(2.5, OCT_9, "oct"), "B": uk(2.5, D(2026, 3, 12), "new-annual-package")},
        [({"A"}, []), ({"B"}, [])],
        id="same-sum-months-later-is-a-new-pledge",
    ),
    pytest.param(
        {"T": bsa_2024(), "A": uk(2.5, OCT_9, "oct"), "C": uk(2.6, OCT_9, "oct-other")},
        [({"A", "C"}, ["amount"]), ({"T"}, [])],
        id="a-2025-package-is-not-a-source-of-the-2024-pledge",
    ),
    pytest.param(
        {"A": uk(2.5, OCT_9, "oct"), "B": uk(2.5, OCT_9, "oct-other")},
        [({"A", "B"}, [])],
        id="two-sources-one-day-one-sum",
    ),
    pytest.param(
        {"A": uk(2.5, OCT_9, "oct"), "B": uk(2.5, D(2025, 10, 11), "oct-weekend")},
        [({"A", "B"}, [])],
        id="reported-two-days-later-within-the-window",
    ),
    pytest.param(
        {"A": uk(2.5, OCT_9, "oct"), "L": uk(2.5, OCT_9, "march", published=D(2026, 3, 12))},
        [({"A", "L"}, [])],
        id="a-later-report-with-the-original-date",
    ),
    pytest.param(
        {"T": bsa_2024(), "R": uk(2.5, D(2024, 1, 12), "recap", published=OCT_9)},
        [({"T", "R"}, [])],
        id="a-later-report-of-the-2024-pledge-joins-it",
    ),
    pytest.param(
        {"T": bsa_2024(), "U": uk(None, None, "undated")},
        [({"T", "U"}, [])],
        id="no-arrangement-no-day-fits-the-one-arrangement",
    ),
    pytest.param(
        {"T": bsa_2024(), "U": uk(2.5, None, "undated-sum")},
        [({"T", "U"}, [])],
        id="no-arrangement-no-day-its-sum-fits",
    ),
    pytest.param(
        {"T": bsa_2024(), "U": uk(None, OCT_9, "no-sum")},
        [({"T", "U"}, [])],
        id="no-sum-fits-a-ten-year-agreement-for-its-existence",
    ),
]


def labelled(claims: dict[str, CommitmentClaim], found: list) -> list[tuple[set[str], list[str]]]:
    label = {claim.id: name for name, claim in claims.items()}
    return sorted(
        (({label[i] for i in fact.claim_ids}, [c.field for c in fact.conflicts]) for fact in found),
        key=lambda item: min(item[0]),
    )


def check_facts(claims: dict[str, CommitmentClaim], found: list, expected: list) -> None:
    assert labelled(claims, found) == expected
    for fact in found:
        assert len(fact.sources) == len(fact.claim_ids)  # every claim here is another source
        if claims.get("T") and claims["T"].id in fact.claim_ids:
            assert fact.claim.arrangement == BSA  # the fact shows the claim naming it


@pytest.mark.parametrize(("claims", "expected"), ONE_PLEDGE_CASES)
def test_one_pledge_in_hand_in_any_order(
    claims: dict[str, CommitmentClaim], expected: list[tuple[set[str], list[str]]]
) -> None:
    first = facts(list(claims.values()))
    check_facts(claims, first, expected)
    for order in itertools.permutations(claims.values()):
        assert [(f.key, f.claim_ids) for f in facts(list(order))] == [
            (f.key, f.claim_ids) for f in first
        ]


@pytest.mark.parametrize("order", ["as listed", "reversed"])
@pytest.mark.parametrize(("claims", "expected"), ONE_PLEDGE_CASES)
def test_one_pledge_in_the_ledger(
    ledger: Ledger,
    claims: dict[str, CommitmentClaim],
    expected: list[tuple[set[str], list[str]]],
    order: str,
) -> None:
    written = list(claims.values())
    for claim in reversed(written) if order == "reversed" else written:
        ledger.add_claims([claim])  # each write places the family again
    found = ledger.facts(ClaimQuery(actor="GBR"))
    check_facts(claims, found, expected)
    in_hand = {(f.key, frozenset(f.claim_ids)) for f in facts(written)}
    assert {(f.key, frozenset(f.claim_ids)) for f in found} == in_hand
    assert ledger.undecided([claim.id for claim in written]) == {}


def test_migration_0019_places_a_ledger_grouped_under_the_earlier_rule_again(
    ledger_url: str,
) -> None:
    """Two pledges of one sum six months apart, merged as an earlier rule did (one claim moved
    into the other's fact by hand), are two facts again after the migration."""
    sum_of = Amount(value=1e9, currency="EUR")
    march = unnamed(amount=sum_of, start=D(2025, 3, 3))
    september = unnamed(
        amount=sum_of,
        start=D(2025, 9, 8),
        evidence=(citation("2025-09-08", url="https://example.org/september"),),
    )
    with Ledger.open(ledger_url) as ledger:
        ledger.add_claims([march, september])
        assert len(rows_of(ledger)) == 2
    engine = make_engine(ledger_url, must_exist=True)
    with engine.begin() as connection:
        old = connection.execute(
            text("SELECT fact FROM pledges WHERE claim_id = :c"), {"c": march.id}
        ).scalar_one()
        for table in ("pledges", "sketches", "claim_actors"):
            connection.execute(
                text(f"UPDATE {table} SET fact = :f WHERE claim_id = :c"),
                {"f": old, "c": september.id},
            )
        rebuild_summaries(connection, [old])
        families = connection.scalars(text("SELECT DISTINCT family FROM pledges")).all()
        refresh(connection, families)
    with Ledger.open(ledger_url) as ledger:
        assert len(rows_of(ledger)) == 1  # the earlier grouping, as stored
    with engine.begin() as connection:
        command.downgrade(_config(connection), "0018")
    migrate(engine)
    engine.dispose()
    with Ledger.open(ledger_url) as ledger:
        assert len(rows_of(ledger)) == 2
