"""Shared fixtures: ledgers on a real SQLite file and on a real PostgreSQL server."""

from __future__ import annotations

import atexit
import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from pactwatch.api import Ledger
from pactwatch.cli import main
from pactwatch.model import (
    Category,
    CitationEvidence,
    CommitmentClaim,
    Condition,
    ConditionKind,
    MembershipAction,
    MembershipClaim,
)
from pactwatch.reference import Catalog, load_catalog
from pactwatch.store import init_ledger
from tests.postgres import fresh_database, running_server, why_no_server

if "PACTWATCH_CACHE_DIR" not in os.environ:  # the catalogue's cache: not the user's own
    os.environ["PACTWATCH_CACHE_DIR"] = tempfile.mkdtemp(prefix="pactwatch-test-cache-")
    atexit.register(shutil.rmtree, os.environ["PACTWATCH_CACHE_DIR"], ignore_errors=True)

SEED_URL = "https://example.org/seed-canada-joins-coalition"
CITE = [{"url": "https://example.org/a", "note": "Our words.", "published": "2026-01-06"}]
MEMBERSHIP_RECORD = {
    "type": "membership",
    "actor": "CAN",
    "arrangement": "coalition-of-the-willing",
    "action": "join",
    "date": "2026-01-06",
    "place": "Paris",
    "evidence": CITE,
}
"""The seed membership as one line of the import format (docs/import-format.md)."""


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture(scope="session")
def postgres_admin_url() -> Iterator[str]:
    reason = why_no_server()
    if reason:
        pytest.skip(reason)
    with running_server() as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def ledger_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, initialised ledger URL on each backend."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'ledger.db'}"
    else:
        url = fresh_database(request.getfixturevalue("postgres_admin_url"))
    init_ledger(url)
    return url


@pytest.fixture
def ledger(ledger_url: str) -> Iterator[Ledger]:
    with Ledger.open(ledger_url) as opened:
        yield opened


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the CLI in-process: (exit status, stdout, stderr)."""
    try:
        main(list(args))
        code = 0
    except SystemExit as done:
        code = int(done.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """An empty ledger made with ``pactwatch init`` (modules with data define their own)."""
    path = str(tmp_path / "ledger.db")
    assert run(capsys, "init", "--db", path)[0] == 0
    return path


@pytest.fixture
def sqlite_path(tmp_path: Path) -> Path:
    """A fresh, initialised SQLite ledger file."""
    path = tmp_path / "pactwatch.db"
    init_ledger(path)
    return path


def citation(published: str | None = "2026-01-06", url: str = SEED_URL) -> CitationEvidence:
    return CitationEvidence(
        url=url,
        note="Our own summary of the story.",
        published=dt.date.fromisoformat(published) if published else None,
    )


def seed_membership(**changes: object) -> MembershipClaim:
    fields: dict[str, object] = {
        "actor": "CAN",
        "arrangement": "coalition-of-the-willing",
        "action": MembershipAction.JOIN,
        "date": dt.date(2026, 1, 6),
        "place": "Paris",
        "evidence": (citation(),),
    }
    fields.update(changes)
    return MembershipClaim(**fields)  # type: ignore[arg-type]


def seed_commitment(category: str = "military_training", **changes: object) -> CommitmentClaim:
    fields: dict[str, object] = {
        "guarantor": "CAN",
        "beneficiary": "UKR",
        "category": Category(category),
        "arrangement": "coalition-of-the-willing",
        "condition": Condition(
            kind=ConditionKind.PEACE_AGREEMENT, text="after a peace agreement is reached"
        ),
        "start": dt.date(2026, 1, 6),
        "evidence": (citation(),),
    }
    fields.update(changes)
    return CommitmentClaim(**fields)  # type: ignore[arg-type]
