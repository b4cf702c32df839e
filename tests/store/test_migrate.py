"""Opening ledgers: missing, corrupt, older and newer schemas, unreachable servers."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, create_engine, inspect, text

from pactwatch.errors import (
    LedgerConnectionError,
    LedgerCorruptError,
    LedgerNotFoundError,
    SchemaMismatchError,
)
from pactwatch.store import Store, head_revision, import_lines, init_ledger
from pactwatch.store.migrate import _config, make_engine, migrate
from pactwatch.store.schema import metadata

DEMO = Path(__file__).parents[2] / "demo" / "ledger"


def test_init_creates_then_reports_up_to_date(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    first = init_ledger(path)
    again = init_ledger(path)
    assert (first.before, first.after) == (None, head_revision())
    assert again.before == again.after == head_revision()


def test_migrations_build_exactly_the_declared_schema(ledger_url: str) -> None:
    engine = create_engine(ledger_url)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    engine.dispose()
    assert differences == []


DERIVED = {
    "sketches": "SELECT * FROM sketches ORDER BY fact, claim_id",
    "memberships": "SELECT * FROM memberships ORDER BY arrangement, actor, claim_id",
    "signings": "SELECT * FROM signings ORDER BY arrangement, party, claim_id",
    "facts": "SELECT claim_id, actor, role, fact FROM claim_actors ORDER BY claim_id, actor, role",
    "summaries": "SELECT * FROM summaries ORDER BY fact",
    "commitment_facts": "SELECT * FROM commitment_facts ORDER BY fact",
    "roster_events": "SELECT * FROM roster_events ORDER BY arrangement, actor, action, date",
}


def test_revision_0005_derives_the_fact_tables_of_claims_stored_before_it(
    ledger_url: str,
) -> None:
    with Store.open(ledger_url) as ledger:
        for path in sorted(DEMO.glob("*.jsonl")):
            import_lines(ledger, path.read_text().splitlines(), source=path.name)
    engine = make_engine(ledger_url, must_exist=True)
    written = _derived(engine)
    assert all(written.values())
    with engine.begin() as connection:
        command.downgrade(_config(connection), "0004")
    assert "sketches" not in inspect(engine).get_table_names()
    done = migrate(engine)
    assert (done.before, done.after) == ("0004", head_revision())
    assert _derived(engine) == written
    engine.dispose()


def _derived(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    with engine.connect() as connection:
        return {
            name: [tuple(row) for row in connection.execute(text(query))]
            for name, query in DERIVED.items()
        }


def test_missing_ledger_says_how_to_create_it(tmp_path: Path) -> None:
    with pytest.raises(LedgerNotFoundError, match="pactwatch init --db"):
        Store.open(tmp_path / "absent.db")
    assert not (tmp_path / "absent.db").exists()


def test_corrupt_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(LedgerCorruptError, match="not a SQLite database"):
        Store.open(path)
    assert path.read_bytes().startswith(b"this is not sqlite")


def test_older_schema_names_the_migrate_command_and_init_fixes_it(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = make_engine(f"sqlite:///{path}", must_exist=False)
    migrate(engine, "0001")
    engine.dispose()
    with pytest.raises(SchemaMismatchError, match=r"revision 0001.*pactwatch init --db"):
        Store.open(path)
    done = init_ledger(path)
    assert (done.before, done.after) == ("0001", head_revision())
    Store.open(path).close()


def test_newer_schema_says_to_upgrade_pactwatch(sqlite_path: Path) -> None:
    engine = create_engine(f"sqlite:///{sqlite_path}")
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(SchemaMismatchError, match="newer than this pactwatch"):
        Store.open(sqlite_path)
    with pytest.raises(SchemaMismatchError, match="upgrade pactwatch"):
        init_ledger(sqlite_path)


def test_a_database_that_is_not_a_ledger_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE shopping (item TEXT)"))
    engine.dispose()
    with pytest.raises(LedgerNotFoundError, match="not a pactwatch ledger yet"):
        Store.open(path)
    with pytest.raises(LedgerCorruptError, match="not a pactwatch ledger"):
        init_ledger(path)


def test_unreachable_postgresql_is_one_clear_error() -> None:
    url = "postgresql+psycopg://nobody:secret@127.0.0.1:1/pactwatch?connect_timeout=2"
    with pytest.raises(LedgerConnectionError, match="Cannot connect to") as caught:
        Store.open(url)
    assert "secret" not in str(caught.value)
