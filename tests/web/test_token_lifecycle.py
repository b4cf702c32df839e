"""Revoked and expired tokens are refused at once: a real `pactwatch serve` with two workers,
a token revoked by `pactwatch token revoke` from another process, and the very next request."""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from pactwatch.api import Ledger
from pactwatch.store import Role, init_ledger
from pactwatch.web.app import create_app
from tests.conftest import seed_membership
from tests.postgres import fresh_database
from tests.web.test_api import error_of

REFUSED = "Unknown, revoked or expired token"


def pactwatch(db: str, *args: str) -> str:
    """Run the CLI in its own process; its standard output."""
    done = subprocess.run(
        [sys.executable, "-m", "pactwatch", "--db", db, *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@contextmanager
def two_workers(db: str) -> Iterator[str]:
    """`pactwatch serve --workers 2` on a free port, until the block ends."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "pactwatch", "--db", db, "serve", "--port", str(port)]
    command += ["--workers", "2", "--access-log", "off"]
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=os.environ.copy()
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while not _answers(url):
            assert process.poll() is None, "the server stopped at start"
            assert time.monotonic() < deadline, "the server did not answer within 60 s"
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def _answers(url: str) -> bool:
    try:
        return httpx.get(f"{url}/api/arrangements", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def review(url: str, claim: str, token: str) -> httpx.Response:
    """One write, on a new connection each time (so the two workers share the requests)."""
    return httpx.post(
        f"{url}/api/claims/{claim}/review",
        json={"decision": "accept", "note": "checked"},
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )


def fill(db: str) -> str:
    init_ledger(db)
    claim = seed_membership()
    with Ledger.open(db) as ledger:
        ledger.add_claims([claim])
    return claim.id


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "ledger.db")
    return fresh_database(request.getfixturevalue("postgres_admin_url"))


def test_revoked_and_expired_tokens_get_401_on_the_very_next_request(db: str) -> None:
    claim = fill(db)
    token = pactwatch(db, "token", "create", "--role", "editor", "--note", "soon revoked").strip()
    with two_workers(db) as url, Ledger.open(db) as ledger:
        soon = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=2)
        expiring = ledger.tokens.create(Role.EDITOR, expires_at=soon)
        expired = ledger.tokens.create(Role.EDITOR, expires_at=dt.datetime.now(dt.UTC))
        for _ in range(4):
            assert review(url, claim, token).status_code == 200
        assert review(url, claim, expiring).status_code == 200
        [row] = [r for r in _listed(db) if r.startswith("1,")]
        assert row.split(",")[5], "last_used is kept"
        assert pactwatch(db, "token", "revoke", "1").startswith("Revoked token 1 (editor")
        refusals = [error_of(review(url, claim, token), 401) for _ in range(6)]
        time.sleep(max(0.0, (soon - dt.datetime.now(dt.UTC)).total_seconds()))
        refusals += [error_of(review(url, claim, t), 401) for t in (expiring, expired)]
        refusals.append(error_of(review(url, claim, "pw_made_up"), 401))
    messages = {refusal["message"] for refusal in refusals}
    assert len(messages) == 1 and messages.pop().startswith(REFUSED)


def _listed(db: str) -> list[str]:
    return pactwatch(db, "token", "list", "--format", "csv").splitlines()[1:]


def test_the_server_log_says_why_a_token_was_refused(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    db = str(tmp_path / "ledger.db")
    claim = fill(db)
    with Ledger.open(db) as ledger:
        revoked = ledger.tokens.create(Role.EDITOR)
        expired = ledger.tokens.create(Role.EDITOR, expires_at=dt.datetime.now(dt.UTC))
        ledger.tokens.revoke(1)
    caplog.set_level(logging.WARNING, logger="pactwatch")
    with TestClient(create_app(db)) as client:
        for token in (revoked, expired, "pw_made_up"):
            answer = client.post(
                f"/api/claims/{claim}/review",
                json={"decision": "accept"},
                headers={"Authorization": f"Bearer {token}"},
            )
            assert answer.status_code == 401
            assert answer.json()["error"]["message"].startswith(REFUSED)
    logged = [record.getMessage() for record in caplog.records]
    assert logged == [
        "Refused a request with token 1: revoked.",
        "Refused a request with token 2: expired.",
        "Refused a request with an unknown token.",
    ]
    assert not [line for line in logged if revoked in line or expired in line]
