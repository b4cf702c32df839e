"""A real server process (``pactwatch serve``) over a real ledger file or PostgreSQL database,
holding one article in our own words about Canada joining the coalition and one hostile
article whose text carries markup."""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx
import pytest
from fastapi.testclient import TestClient

from pactwatch.api import Ledger
from pactwatch.extract import extract
from pactwatch.model import Document
from pactwatch.store import Role, init_ledger
from pactwatch.web.app import create_app
from tests.postgres import fresh_database

SEED = (
    "PARIS, Jan 6 - Canada formally joined the Coalition of the Willing on Tuesday, becoming "
    "one of the nations pledging to guarantee Ukraine's security once a peace agreement is "
    "reached. Prime Minister Mark Carney met NATO Secretary General Mark Rutte at the "
    "Canadian Embassy in Paris. Canada pledged military training, intelligence sharing and "
    "economic support for Ukraine, contingent upon a formal peace deal."
)
ITALY = (
    "KYIV, Feb 24 - Italy and Ukraine signed a ten-year security agreement on Saturday. In the "
    "event of a future Russian armed attack, Italy will hold consultations with Ukraine within "
    "24 hours to decide on next steps."
)
HOSTILE = (
    "KYIV, Feb 2 - France pledged air defence for Ukraine. <script>alert('owned')</script> "
    'The statement closed with <img src=x onerror="alert(1)"> and nothing else.'
)


@dataclass(frozen=True)
class Served:
    url: str
    db: str
    editor: str
    reader: str
    seed_document: str
    hostile_document: str
    pid: int = 0
    """The server process (``pactwatch serve`` with one worker serves in it)."""

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _fill(url: str) -> tuple[str, str, str, str]:
    init_ledger(url)
    seed = Document(
        text=SEED,
        source="https://example.org/our-words/canada-joins",
        published=dt.date(2026, 1, 6),
    )
    hostile = Document(
        text=HOSTILE, source="https://example.org/our-words/hostile", published=dt.date(2026, 2, 2)
    )
    italy = Document(
        text=ITALY, source="https://example.org/our-words/italy", published=dt.date(2024, 2, 24)
    )
    with Ledger.open(url) as ledger:
        for document in (seed, italy, hostile):
            ledger.add_document(document, extract(document))
        editor = ledger.tokens.create(Role.EDITOR, note="tests")
        reader = ledger.tokens.create(Role.READER, note="tests")
    return editor, reader, seed.id, hostile.id


@contextmanager
def serving(db: str, *options: str) -> Iterator[Served]:
    """``pactwatch serve [options]`` in its own process on a free port, until the block ends."""
    editor, reader, seed, hostile = _fill(db)
    port = _free_port()
    command = [sys.executable, "-m", "pactwatch", "--db", db, "serve", "--port", str(port)]
    command += options
    # The pipe below is read only if the server fails to start: an access-log line per
    # request would fill it and stall the server (tests/web/test_access_log.py covers it).
    command += ["--access-log", "off"]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=os.environ.copy()
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait(url, process)
        yield Served(url, db, editor, reader, seed, hostile, process.pid)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def _wait(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read().decode() if process.stdout else ""
            raise RuntimeError(f"the server stopped at start:\n{output}")
        try:
            if httpx.get(f"{url}/api/arrangements", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError("the server did not answer within 60 s")


def backend_ledger(request: pytest.FixtureRequest, factory: pytest.TempPathFactory) -> str:
    """A new ledger location on the backend a fixture is parametrised with (``sqlite`` or
    ``postgresql``)."""
    if request.param == "sqlite":
        return str(factory.mktemp("backend") / "ledger.db")
    return fresh_database(request.getfixturevalue("postgres_admin_url"))


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def served(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Served]:
    """A server on each backend, shared by the tests of one module."""
    with serving(backend_ledger(request, tmp_path_factory)) as found:
        yield found


@dataclass(frozen=True)
class InProcess:
    """The app in this process (fastapi's TestClient) over a filled SQLite ledger."""

    client: TestClient
    db: str
    editor: str
    seed_document: str


@pytest.fixture(scope="module")
def in_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator[InProcess]:
    """The app without a server, shared by the tests of one module."""
    db = str(tmp_path_factory.mktemp("in_process") / "ledger.db")
    editor, _, seed, _ = _fill(db)
    with TestClient(create_app(db)) as client:
        yield InProcess(client, db, editor, seed)


@pytest.fixture(scope="module")
def served_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A server over a SQLite file (for the browser tests)."""
    with serving(str(tmp_path_factory.mktemp("browser") / "ledger.db")) as found:
        yield found
