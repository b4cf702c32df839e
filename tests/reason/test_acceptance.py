"""Issue 4's acceptance cases, from article text through the ledger (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pactwatch.api import Ledger
from pactwatch.extract import extract
from pactwatch.model import Document
from pactwatch.reason import Change, State

D = dt.date
SEED = Path(__file__).parents[3] / "shared" / "seed" / "seed-article.txt"
ITALY = (
    "KYIV, Feb 24 - Italy and Ukraine signed a ten-year security agreement in Kyiv on "
    "Saturday. Under the agreement, Italy will train Ukrainian soldiers and keep supplying air "
    "defence systems. If Russia attacks Ukraine again, the two countries will consult within "
    "24 hours. Separately, Italy ruled out sending troops to Ukraine."
)
BRITAIN = (
    "KYIV, Jan 12 - Britain and Ukraine signed a security agreement in Kyiv on Friday. "
    "The agreement runs for ten years. In the event of a future Russian armed attack, Britain "
    "and Ukraine will consult within 24 hours to agree on measures."
)


def ingest(ledger: Ledger, text: str, published: dt.date, source: str) -> None:
    document = Document(text=text, source=source, published=published)
    ledger.add_document(document, extract(document))


@pytest.fixture
def seeded(ledger: Ledger) -> Ledger:
    if not SEED.exists():
        # As in tests/extract/test_seed.py: the third-party seed stays in shared/ beside the
        # clone (as in CI) and is never copied into the repository.
        pytest.skip(f"the seed article is not at {SEED} (shared/ beside the clone)")
    ingest(ledger, SEED.read_text(encoding="utf-8"), D(2026, 1, 6), "seed")
    return ledger


def states(rows: list, **where: object) -> dict[str, State]:
    return {
        row.category: row.status
        for row in rows
        if all(getattr(row, key) == value for key, value in where.items())
    }


def test_seed_canada_in_the_roster_and_its_guarantees_dormant(seeded: Ledger) -> None:
    members = seeded.roster("coalition-of-the-willing", as_of=D(2026, 1, 7))
    assert "CAN" in [member.actor for member in members]
    found = states(seeded.commitments(guarantor="CAN", as_of=D(2026, 1, 7)))
    for category in ("military_training", "intelligence_sharing", "economic_support"):
        assert found[category] is State.DORMANT


def test_seed_guarantees_active_after_a_peace_agreement(seeded: Ledger) -> None:
    rows = seeded.commitments(
        guarantor="CAN", as_of=D(2026, 6, 2), scenario="peace_agreement=2026-06-01"
    )
    found = states(rows)
    for category in ("military_training", "intelligence_sharing", "economic_support"):
        assert found[category] is State.ACTIVE
    assert {row.since for row in rows if row.status is State.ACTIVE} == {D(2026, 6, 1)}


def test_a_ten_year_agreement_is_active_then_expired(ledger: Ledger) -> None:
    ingest(ledger, ITALY, D(2024, 2, 24), "italy")
    in_2030 = states(ledger.commitments(guarantor="ITA", as_of=D(2030, 1, 1)))
    after = states(ledger.commitments(guarantor="ITA", as_of=D(2034, 2, 25)))
    assert in_2030["military_training"] is State.ACTIVE
    assert after["military_training"] is State.EXPIRED


def test_an_attack_makes_every_24_hour_consultation_due_the_next_day(ledger: Ledger) -> None:
    ingest(ledger, ITALY, D(2024, 2, 24), "italy")
    ingest(ledger, BRITAIN, D(2024, 1, 12), "britain")
    rows = ledger.commitments(
        beneficiary="UKR",
        category="consultation",
        as_of=D(2027, 3, 2),
        scenario="armed_attack=2027-03-01",
    )
    duties = {(duty.guarantor, str(duty.kind), duty.due) for row in rows for duty in row.duties}
    assert duties == {("ITA", "consult", D(2027, 3, 2)), ("GBR", "consult", D(2027, 3, 2))}


def test_a_refusal_is_listed_and_never_becomes_active(ledger: Ledger) -> None:
    ingest(ledger, ITALY, D(2024, 2, 24), "italy")
    rows = ledger.commitments(
        guarantor="ITA",
        as_of=D(2030, 1, 1),
        scenario="peace_agreement=2026-06-01,armed_attack=2027-03-01",
    )
    assert states(rows)["multinational_force"] is State.RULED_OUT


def test_known_on_hides_what_was_published_later_and_diff_lists_it(ledger: Ledger) -> None:
    ingest(ledger, BRITAIN, D(2024, 1, 12), "britain")
    ingest(ledger, ITALY, D(2024, 2, 24), "italy")
    before = ledger.commitments(beneficiary="UKR", as_of=D(2030, 1, 1), known_on=D(2024, 2, 1))
    assert {row.guarantor for row in before} == {"GBR"}
    learned = ledger.diff(D(2024, 2, 1), D(2024, 2, 29))
    assert learned
    assert {item.change for item in learned} == {Change.NEW}
    assert all("ITA" in {actor for actor, _ in item.fact.claim.actor_roles()} for item in learned)
    assert ledger.diff(D(2024, 3, 1), D(2024, 3, 31)) == []


def test_two_sources_with_different_signing_dates_make_one_fact_with_a_conflict(
    ledger: Ledger,
) -> None:
    ingest(ledger, ITALY, D(2024, 2, 24), "italy")
    ingest(
        ledger,
        "ROME, Feb 26 - Italy and Ukraine signed a security agreement on Sunday, officials said.",
        D(2024, 2, 26),
        "italy-late",
    )
    found = ledger.conflicts()
    assert [(fact.claim.type.value, conflict.field) for fact, conflict in found] == [
        ("agreement", "date")
    ]
    [(fact, conflict)] = found
    assert {side.value for side in conflict.sides} == {D(2024, 2, 24), D(2024, 2, 25)}
    assert len(fact.sources) == 2


def test_a_states_timeline_shows_its_joining_its_pledges_and_its_leaders_meetings(
    seeded: Ledger,
) -> None:
    events = seeded.timeline("CAN", scenario="peace_agreement=2026-06-01")
    kinds = [event.kind for event in events]
    assert {"joined", "commitment", "meeting", "peace_agreement"} <= set(kinds)
    assert [e.hypothetical for e in events if e.kind == "peace_agreement"] == [True]
    assert events == sorted(events, key=lambda e: (e.date or D.min, e.hypothetical, e.kind))
