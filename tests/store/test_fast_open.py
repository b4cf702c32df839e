"""Opening a current ledger reads its revision without Alembic (a faster start-up)."""

from __future__ import annotations

from pactwatch.store import head_revision
from pactwatch.store.migrate import _head_in_files


def test_the_head_read_from_the_migration_files_is_alembics() -> None:
    assert _head_in_files() == head_revision()
