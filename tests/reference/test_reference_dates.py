"""Reference facts are known from their sources, not from the day they were imported
(issue 11.2), on SQLite and PostgreSQL, through the CLI and after a migration."""

from __future__ import annotations

import datetime as dt
import json

from alembic import command
from click.testing import CliRunner
from sqlalchemy import text

from pactwatch.api import Ledger
from pactwatch.cli import cli
from pactwatch.reference import load_catalog, party_claims
from pactwatch.store.migrate import _config, make_engine, migrate

ROSTER = ["roster", "coalition-of-the-willing", "--as-of", "2026-01-06", "--format", "json"]


def members(url: str, *extra: str) -> list[str]:
    result = CliRunner().invoke(cli, ["--db", url, *ROSTER, *extra])
    assert result.exit_code == 0, result.output
    return sorted(row["actor"] for row in json.loads(result.output))


def test_every_reference_row_says_when_its_source_appeared() -> None:
    catalog = load_catalog()
    assert catalog.parties
    for party in catalog.parties:
        assert party.published is not None
        assert party.published <= dt.date.today()
    for arrangement in catalog.arrangements.values():
        assert arrangement.published is not None, arrangement.id
        assert arrangement.published <= dt.date.today()


def test_a_historical_question_keeps_the_reference_members(ledger_url: str) -> None:
    assert CliRunner().invoke(cli, ["--db", ledger_url, "import", "--reference"]).exit_code == 0
    today = members(ledger_url)
    assert len(today) >= 19
    assert members(ledger_url, "--known-on", "2026-03-31") == today
    # Before their sources appeared they were not known yet.
    assert members(ledger_url, "--known-on", "2025-03-01") == []


def test_the_migration_dates_reference_facts_imported_before(ledger_url: str) -> None:
    with Ledger.open(ledger_url) as ledger:
        ledger.add_claims(party_claims())
    engine = make_engine(ledger_url, must_exist=True)
    imported = {"day": dt.date(2026, 12, 2)}
    with engine.begin() as connection:
        for table in ("claims", "sketches", "memberships"):
            connection.execute(text(f"UPDATE {table} SET known_since = :day"), imported)
        connection.execute(text("DELETE FROM summaries"))
        command.downgrade(_config(connection), "0009")
    migrate(engine)
    engine.dispose()
    assert len(members(ledger_url, "--known-on", "2026-03-31")) >= 19
