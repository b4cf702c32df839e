"""What one request may hold (web/limits.py, the text limit of POST /api/documents, the cache's
key bound, the pace of a body) and what the API never tells (the ledger's location, the
database server's address), in process."""

from __future__ import annotations

import json
import os
import re
import socket
from collections.abc import Iterator
from contextlib import ExitStack
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

import anyio
import httpx
import pytest
from fastapi.testclient import TestClient
from starlette.types import Message, Receive, Scope, Send

from pactwatch.api import Ledger
from pactwatch.store.changes import Changes
from pactwatch.store.migrate import make_engine
from pactwatch.store.tokens import Tokens
from pactwatch.web.app import create_app
from pactwatch.web.cache import MAX_KEY, CacheReads, Entry, ResponseCache
from pactwatch.web.limits import RequestLimits
from tests.postgres import fresh_database, running_server, why_no_server
from tests.web.conftest import InProcess, serving


def assert_error(response: httpx.Response, status: int, fragment: str) -> None:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert set(error) == {"status", "code", "message", "field", "suggestions"}
    assert error["status"] == status
    assert "\n" not in error["message"]
    assert fragment in error["message"], error["message"]


def test_a_text_over_the_request_limit_is_refused_with_the_way_to_ingest_it(
    in_process: InProcess,
) -> None:
    article = {
        "text": "Canada pledged air defence for Ukraine. " * 25_001,
        "published": "2026-01-06",
    }
    response = in_process.client.post(
        "/api/documents", json=article, headers={"Authorization": f"Bearer {in_process.editor}"}
    )
    assert_error(response, 413, "at most 200,000")
    assert "pactwatch ingest" in response.json()["error"]["message"]


@pytest.fixture(scope="module")
def small_body(in_process: InProcess) -> Iterator[TestClient]:
    """The app with a 1,000-byte body limit over the same ledger."""
    with TestClient(create_app(in_process.db, max_body=1000)) as client:
        yield client


def test_a_chunked_body_over_the_limit_gets_413(
    small_body: TestClient, in_process: InProcess
) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(30):
            yield b"x" * 100
        yield b'"}'

    response = small_body.post(
        "/api/documents",
        content=chunks(),
        headers={
            "Content-Type": "application/json",
            "Authorization": f"Bearer {in_process.editor}",  # without one: 401, nothing read
        },
    )
    assert_error(response, 413, "over 1,000 bytes")
    assert "default-src 'self'" in response.headers["content-security-policy"]


def test_a_declared_body_over_the_limit_gets_413(small_body: TestClient) -> None:
    response = small_body.post("/api/documents", json={"text": "x" * 2000})
    assert_error(response, 413, "over 1,000 bytes")


def test_too_many_headers_get_431(in_process: InProcess) -> None:
    headers = {f"x-pad-{n}": "1" for n in range(150)}
    assert_error(in_process.client.get("/api/actors", headers=headers), 431, "at most 100")


def test_a_query_string_over_the_limit_gets_414(in_process: InProcess) -> None:
    response = in_process.client.get("/api/actors", params={"pad": "x" * 9000})
    assert_error(response, 414, "at most 8,192")


def entry(version: int, size: int) -> Entry:
    return Entry(
        version=version, status=200, headers=[(b"content-type", b"json")], body=b"x" * size
    )


def test_the_cache_budget_counts_keys_and_headers() -> None:
    cache = ResponseCache(budget=100_000)
    cache.advance(Changes(1, None))
    key = "/api/actors?" + "q" * 900
    cache.put(key, entry(1, 10))
    assert cache.used >= len(key) + len(b"content-type") + len(b"json") + 10
    assert cache.used == entry(1, 10).size(key)


def test_a_long_key_is_never_kept() -> None:
    cache = ResponseCache(budget=10_000_000)
    cache.advance(Changes(1, None))
    cache.put("/api/actors?" + "q" * MAX_KEY, entry(1, 10))
    assert cache.entries == {}
    assert cache.used == 0


def _cache_of(app: object) -> ResponseCache:
    layer = getattr(app, "middleware_stack", None)
    while layer is not None and not isinstance(layer, CacheReads):
        layer = getattr(layer, "app", None)
    assert isinstance(layer, CacheReads)
    return layer.cache


def test_unique_long_query_strings_do_not_fill_the_cache(in_process: InProcess) -> None:
    with TestClient(create_app(in_process.db, cache_bytes=1_000_000)) as client:
        for n in range(200):
            response = client.get("/api/arrangements", params={"limit": 1, "pad": f"{n}" * 1500})
            assert response.status_code == 200
        client.get("/api/arrangements", params={"limit": 1})
        cache = _cache_of(client.app)
    assert len(cache.entries) == 1
    assert cache.used <= cache.budget


def _private_bits(db: str) -> list[str]:
    path = Path(db)
    return [db, str(path.resolve()), str(path.parent), path.name]


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/api/claims/no-such-claim", None),
        ("GET", "/api/documents/no-such-document", None),
        ("POST", "/api/claims/no-such-claim/review", {"decision": "accept"}),
        ("GET", "/api/actors/CNA", None),
        ("GET", "/api/claims/" + "x" * 100, None),
        ("GET", "/api/commitments?as_of=tomorrow", None),
        ("GET", "/api/commitments?scenario=peace=soon", None),
        ("POST", "/api/documents", {"text": 3}),
        ("GET", "/claims/no-such-claim", None),
        ("GET", "/evidence/no-such-claim", None),
    ],
)
def test_no_error_names_the_ledger_file(
    in_process: InProcess, method: str, path: str, body: object
) -> None:
    headers = {"Authorization": f"Bearer {in_process.editor}"}
    response = in_process.client.request(method, path, json=body, headers=headers)
    assert 400 <= response.status_code < 500
    for bit in _private_bits(in_process.db):
        assert bit not in response.text, (path, bit)


def test_the_missing_claim_says_the_ledger_without_its_path(in_process: InProcess) -> None:
    response = in_process.client.get("/api/claims/no-such-claim")
    assert_error(response, 404, "No claim 'no-such-claim' in the ledger")


def test_the_api_docs_page_loads_nothing_from_elsewhere(in_process: InProcess) -> None:
    page = in_process.client.get("/api/docs")
    assert page.status_code == 200
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert "/static/swagger-ui-bundle.js" in assets
    assert "/static/swagger-ui.css" in assets
    for asset in assets:
        assert asset.startswith("/static/"), asset
        assert in_process.client.get(asset).status_code == 200, asset
    assert "http://" not in page.text and "https://" not in page.text
    script = in_process.client.get("/static/api-docs.js").text
    assert "http" not in script and "validatorUrl: null" in script
    license_text = in_process.client.get("/static/swagger-ui-LICENSE.txt").text
    assert "Apache License" in license_text


async def _slow_client(
    chunks: list[tuple[float, bytes, bool]], *, app_pause: float = 0.0, then_wait: float = 0.0
) -> list[Message]:
    """What RequestLimits (body deadline 1 s, pause 0.3 s) sends for a client that sends
    ``chunks`` (delay, bytes, more) and then nothing, to an app that reads the body (pausing
    ``app_pause`` s between reads), then waits ``then_wait`` s on ``receive`` for a disconnect,
    and answers 200."""
    given = list(chunks)
    sent: list[Message] = []

    async def receive() -> Message:
        if not given:
            await anyio.sleep(then_wait or 3600)  # the client sends nothing more
            return {"type": "http.disconnect"}
        delay, data, more = given.pop(0)
        await anyio.sleep(delay)
        return {"type": "http.request", "body": data, "more_body": more}

    async def send(message: Message) -> None:
        sent.append(message)

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] != "http.request" or not message.get("more_body"):
                break
            await anyio.sleep(app_pause)
        if message["type"] == "http.request" and then_wait:
            await receive()  # a disconnect, after the body: not timed
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    scope = {"type": "http", "method": "POST", "path": "/api/x", "headers": [], "query_string": b""}
    limits = RequestLimits(app, 10_000, body_seconds=1.0, idle_seconds=0.3)
    await limits(scope, receive, send)
    return sent


def _status(sent: list[Message]) -> tuple[int, str]:
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    if start["status"] == 408:
        assert (b"connection", b"close") in start["headers"]
        return 408, json.loads(body)["error"]["message"]
    return start["status"], body.decode()


def test_a_body_that_pauses_too_long_gets_408() -> None:
    sent = anyio.run(_slow_client, [(0.0, b"{", True), (0.6, b"}", False)])
    status, message = _status(sent)
    assert status == 408
    assert "No byte of the request body arrived for 0.3 s" in message


def test_a_body_that_trickles_past_the_deadline_gets_408() -> None:
    sent = anyio.run(_slow_client, [(0.15, b"x", True)] * 12 + [(0.0, b"", False)])
    status, message = _status(sent)
    assert status == 408
    assert "took over 1 s to arrive" in message


def test_a_body_that_comes_in_time_is_read() -> None:
    assert _status(anyio.run(_slow_client, [(0.1, b"x", True)] * 5 + [(0.1, b"", False)])) == (
        200,
        "ok",
    )


def test_only_the_time_spent_waiting_for_the_client_counts() -> None:
    """An app that takes its time between reads (0.5 s each, 2 s in all) is not the client's
    delay; nor is waiting on ``receive`` for a disconnect once the body is in."""
    chunks = [(0.0, b"x", True)] * 4 + [(0.0, b"", False)]
    assert _status(anyio.run(partial(_slow_client, chunks, app_pause=0.5))) == (200, "ok")
    done = [(0.0, b"{}", False)]
    assert _status(anyio.run(partial(_slow_client, done, then_wait=1.5))) == (200, "ok")


def _dead_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port  # closed: nothing listens there now


def test_an_unreachable_database_server_is_not_named(in_process: InProcess) -> None:
    """A PostgreSQL ledger whose server cannot be reached: the 503s (API, pages, a write's
    token check) say so without the host, port, user, password, database or driver."""
    port = _dead_port()
    url = f"postgresql+psycopg://pwuser_zq:pwsecret_zq@127.0.0.1:{port}/pwdb_zq"
    private = ["127.0.0.1", str(port), "pwuser_zq", "pwsecret_zq", "pwdb_zq", "psycopg", "postgres"]
    editor = {"Authorization": f"Bearer {in_process.editor}"}
    with TestClient(create_app(in_process.db, cache_bytes=0)) as client:
        state = client.app.state  # type: ignore[attr-defined]
        kept = state.ledger
        state.ledger = Ledger(make_engine(url, must_exist=False))
        try:
            answers = {
                path: client.get(path)
                for path in ("/api/claims/x", "/api/documents/x", "/api/commitments", "/evidence/x")
            }
            answers["POST"] = client.post("/api/documents", json={"text": "x"}, headers=editor)
            answers["/"] = client.get("/")
        finally:
            state.ledger.close()
            state.ledger = kept
    for path, answer in answers.items():
        assert answer.status_code == 503, (path, answer.text[:300])
        for bit in private:
            assert bit not in answer.text, (path, bit, answer.text[:300])
        if path.startswith(("/api", "POST")):
            assert_error(answer, 503, "The ledger's database server cannot be reached")
        else:
            assert "database server cannot be reached" in answer.text, path


@pytest.mark.postgres
def test_a_stopped_postgresql_server_is_not_named() -> None:
    """The audit's case on a real ``pactwatch serve`` and a real PostgreSQL server of its own,
    stopped while the server runs."""
    if why_no_server() or os.environ.get("PACTWATCH_TEST_POSTGRES_URL"):
        pytest.skip("needs a throwaway PostgreSQL server of its own to stop")
    with ExitStack() as stack:
        postgres = running_server()
        admin = postgres.__enter__()
        stack.callback(postgres.__exit__, None, None, None)
        db = fresh_database(admin)
        served = stack.enter_context(serving(db))
        with served.client() as client:
            assert client.get("/api/claims?limit=1").status_code == 200
        postgres.__exit__(None, None, None)  # stops it (a second stop does nothing)
        with served.client() as client:
            answers = [client.get("/api/claims/x"), client.get("/evidence/x")]
    parsed = urlsplit(db)
    private = [str(parsed.hostname), str(parsed.port), parsed.path.strip("/"), "postgres"]
    for answer in answers:
        assert answer.status_code == 503, answer.text[:300]
        assert "database server cannot be reached" in answer.text
        for bit in private:
            assert bit not in answer.text, (bit, answer.text[:300])


def test_the_api_description_shows_the_authorization_header_whole(in_process: InProcess) -> None:
    """Swagger UI took '<token>' for an HTML tag and showed "Bearer ' (": no markup in it."""
    description = in_process.client.get("/openapi.json").json()["info"]["description"]
    assert "'Authorization: Bearer TOKEN'" in description
    assert "<" not in description and ">" not in description


def test_a_write_looks_its_token_up_once(
    in_process: InProcess, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The edge checks the token before the body; the route takes the role it found."""
    looked_up: list[str] = []
    check = Tokens.check

    def counted(self: Tokens, token: str, **keywords: object) -> object:
        looked_up.append(token)
        return check(self, token, **keywords)  # type: ignore[arg-type]

    monkeypatch.setattr(Tokens, "check", counted)
    response = in_process.client.post(
        "/api/claims/no-such-claim/review",
        json={"decision": "accept"},
        headers={"Authorization": f"Bearer {in_process.editor}"},
    )
    assert_error(response, 404, "no-such-claim")
    assert looked_up == [in_process.editor]
