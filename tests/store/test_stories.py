"""Stories in the ledger: a fact's independent sources count stories, not copies."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import select

from pactwatch.api import Ledger
from pactwatch.model import ClaimWithReviews, Document, SpanEvidence
from pactwatch.reason import counted, facts_of
from pactwatch.store import ClaimQuery, init_ledger
from pactwatch.store.migrate import _config, make_engine, migrate
from pactwatch.store.schema import stories, summaries
from pactwatch.web.views import fact_view
from tests.conftest import run, seed_commitment
from tests.model.syndication import RETOLD, Item, syndicated

WIRE = "which runs for ten years"
OTHER = "a decade of help"


def _reports(items: list[Item]) -> list[Document | ClaimWithReviews]:
    found: list[Document | ClaimWithReviews] = []
    for item in items:
        document = Document(text=item.text, source=item.url, published=dt.date(2024, 1, 12))
        phrase = WIRE if WIRE in item.text else OTHER
        start = item.text.index(phrase)
        span = SpanEvidence(document=document.id, start=start, end=start + len(phrase), text=phrase)
        found += [document, ClaimWithReviews(seed_commitment(evidence=(span,)), ())]
    return found


def _thirty_and_one() -> list[Item]:
    items = syndicated(copies=30)
    wire = [item for item in items if item.story == "uk-ukraine"]
    other = [item for item in items if item.story == "uk-ukraine-retold"]
    assert len(wire) == 30 and len(other) == 1 and "uk-ukraine" in RETOLD
    return wire + other


def test_thirty_copies_of_a_wire_story_and_one_other_are_two_sources(ledger: Ledger) -> None:
    ledger.add(_reports(_thirty_and_one()))
    [fact] = facts_of(ledger, ClaimQuery())
    assert (len(fact.sources), len(fact.copies)) == (2, 31)
    [row] = ledger.commitments(as_of=dt.date(2026, 6, 1))
    assert (row.sources, row.copies) == (2, 31)
    assert counted(row.sources, row.copies) == "2 independent sources, 31 copies"
    shown = fact_view(fact)
    assert (shown["sources"], shown["copies"]) == (2, 31)


def test_a_fact_from_distinct_stories_counts_each(ledger: Ledger) -> None:
    items = _thirty_and_one()
    ledger.add(_reports([items[0], items[-1]]))
    [fact] = facts_of(ledger, ClaimQuery())
    assert (len(fact.sources), len(fact.copies)) == (2, 2)
    assert counted(2, 2) == "2"


def test_the_migration_places_stored_documents_in_stories(ledger_url: str) -> None:
    items = _thirty_and_one()
    with Ledger.open(ledger_url) as ledger:
        ledger.add(_reports(items[:5] + items[-1:]))
    engine = make_engine(ledger_url, must_exist=True)
    with engine.begin() as connection:
        before = dict(connection.execute(select(stories.c.document_id, stories.c.story)).all())
        command.downgrade(_config(connection), "0012")
    migrate(engine)
    with engine.connect() as connection:
        after = dict(connection.execute(select(stories.c.document_id, stories.c.story)).all())
    engine.dispose()
    assert len(set(after.values())) == 2
    assert len(after) == 6
    assert len(set(before.values())) == 2


def test_the_cli_shows_independent_sources_and_copies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "ledger.db"
    init_ledger(path)
    with Ledger.open(path) as ledger:
        ledger.add(_reports(_thirty_and_one()))
    code, out, _ = run(capsys, "commitments", "--db", str(path), "--as-of", "2026-06-01")
    assert code == 0 and "2 independent sources, 31 copies" in " ".join(out.split()), out
    code, out, _ = run(
        capsys, "commitments", "--db", str(path), "--as-of", "2026-06-01", "--format", "csv"
    )
    [header, row] = out.splitlines()
    assert dict(zip(header.split(","), row.split(","), strict=True))["copies"] == "31"


def _kept(ledger_url: str) -> list[str | None]:
    engine = make_engine(ledger_url, must_exist=True)
    with engine.connect() as connection:
        found = list(connection.scalars(select(summaries.c.stories).order_by(summaries.c.fact)))
    engine.dispose()
    return found


def _expected_first_of_each_story(ledger: Ledger) -> list[str]:
    [fact] = facts_of(ledger, ClaimQuery())
    documents = [anchor.removeprefix("doc:") for anchor in sorted(fact.copies)]
    story_of = ledger.reading.stories(documents)
    first: dict[str, str] = {}
    for document in documents:
        first.setdefault(story_of[document], f"doc:{document}")
    return sorted(first.values())


def test_the_summary_keeps_the_first_source_of_each_story_as_claims_come(
    ledger_url: str,
) -> None:
    items = _thirty_and_one()
    with Ledger.open(ledger_url) as ledger:
        for part in (items[:10], items[-1:], items[10:30]):  # three writes, one fact
            ledger.add(_reports(part))
        [kept] = _kept(ledger_url)
        assert kept is not None
        entries = [entry.split("\t")[1] for entry in kept.split("\n")]
        assert entries == _expected_first_of_each_story(ledger)
        [fact] = facts_of(ledger, ClaimQuery())
        assert fact.sources == tuple(entries)  # shown from the summary, no story read


def test_the_migration_counts_the_stories_of_stored_summaries(ledger_url: str) -> None:
    items = _thirty_and_one()
    with Ledger.open(ledger_url) as ledger:
        ledger.add(_reports(items[:5] + items[-1:]))
    before = _kept(ledger_url)
    engine = make_engine(ledger_url, must_exist=True)
    with engine.begin() as connection:
        command.downgrade(_config(connection), "0015")
    migrate(engine)
    engine.dispose()
    assert _kept(ledger_url) == before
    assert before[0] is not None and before[0].count("\n") == 1  # two stories
