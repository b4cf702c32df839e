"""What one request may hold (web/limits.py, the text limit of POST /api/documents, the cache's
key bound) and what the API never tells (the ledger's location), in process."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from pactwatch.store.changes import Changes
from pactwatch.web.app import create_app
from pactwatch.web.cache import MAX_KEY, CacheReads, Entry, ResponseCache
from tests.web.conftest import InProcess


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


def test_a_chunked_body_over_the_limit_gets_413(small_body: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"text": "'
        for _ in range(30):
            yield b"x" * 100
        yield b'"}'

    response = small_body.post(
        "/api/documents",
        content=chunks(),
        headers={"Content-Type": "application/json", "Authorization": "Bearer x"},
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
