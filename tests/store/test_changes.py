"""Each write records what it touched (the actors and arrangements of the facts it changed),
on SQLite and PostgreSQL; a reader asks what changed since the version it remembers."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from pactwatch.errors import ClaimNotFoundError
from pactwatch.model import Decision, Document
from pactwatch.store import Store, changes
from pactwatch.store.changes import KEEP, Changes
from pactwatch.store.schema import ledger_changes
from tests.conftest import citation, seed_commitment, seed_membership


def test_a_claim_touches_its_actors_and_arrangement(ledger: Store) -> None:
    start = ledger.version()
    ledger.add_claims([seed_commitment()])
    assert ledger.changes_since(start) == Changes(
        start + 1, frozenset({"CAN", "UKR", "coalition-of-the-willing"})
    )
    assert ledger.changes_since(start + 1) == Changes(start + 1, frozenset())


def test_changes_since_gather_every_write_after_the_version(ledger: Store) -> None:
    start = ledger.version()
    ledger.add_claims([seed_membership(actor="FRA")])
    ledger.add_claims([seed_commitment(guarantor="ITA", beneficiary="MDA", arrangement=None)])
    found = ledger.changes_since(start)
    assert found.version == start + 2
    assert found.scopes == {"FRA", "coalition-of-the-willing", "ITA", "MDA"}
    assert ledger.changes_since(start + 1).scopes == {"ITA", "MDA"}


def test_a_write_of_no_claim_moves_the_version_and_touches_nothing(ledger: Store) -> None:
    start = ledger.version()
    ledger.add_document(Document(text="A note with no pledge in it.", source="https://x.example"))
    ledger.feeds.add(["https://feeds.example/rss"], dt.datetime(2026, 12, 3, tzinfo=dt.UTC))
    assert ledger.changes_since(start) == Changes(start + 2, frozenset())


def test_a_claim_joining_a_fact_touches_every_party_of_the_fact(ledger: Store) -> None:
    """Sources may disagree on a fact's party: a write to the fact touches all of them."""
    ledger.add_claims([seed_commitment()])
    start = ledger.version()
    other = seed_commitment(evidence=(citation(url="https://example.org/our-words/2"),))
    ledger.add_claims([other])
    assert ledger.changes_since(start).scopes == {"CAN", "UKR", "coalition-of-the-willing"}


def test_a_review_touches_the_claims_fact(ledger: Store) -> None:
    claim = seed_commitment(guarantor="DEU")
    ledger.add_claims([claim])
    start = ledger.version()
    ledger.review(claim.id, Decision.ACCEPT, reviewer="tests")
    assert ledger.changes_since(start).scopes == {"DEU", "UKR", "coalition-of-the-willing"}


def test_a_failed_write_records_nothing(ledger: Store) -> None:
    start = ledger.version()
    missing = seed_commitment(guarantor="ESP")
    with pytest.raises(ClaimNotFoundError):  # not stored: refused, rolled back
        ledger.review(missing.id, Decision.ACCEPT, reviewer="tests")
    ledger.add_claims([seed_membership(actor="POL")])
    assert ledger.changes_since(start) == Changes(
        start + 1, frozenset({"POL", "coalition-of-the-willing"})
    )


def test_a_reader_too_far_behind_is_told_to_start_afresh(ledger: Store) -> None:
    now = ledger.version()
    assert ledger.changes_since(now - KEEP).scopes is None
    assert ledger.changes_since(now + 5).scopes is None  # a ledger replaced under the reader


def test_old_changes_are_pruned(ledger: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(changes, "KEEP", 3)
    monkeypatch.setattr(changes, "PRUNE_EVERY", 1)
    for actor in ("FRA", "ITA", "DEU", "ESP", "POL", "NLD"):
        ledger.add_claims([seed_membership(actor=actor)])
    now = ledger.version()
    with ledger.engine.connect() as connection:
        kept = set(connection.scalars(select(ledger_changes.c.version).distinct()))
    assert kept == {now - 2, now - 1, now}
    assert ledger.changes_since(now - 2).scopes == {"POL", "NLD", "coalition-of-the-willing"}
    assert ledger.changes_since(now - 3).scopes is None
