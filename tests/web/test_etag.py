"""ETags and 304 Not Modified on reads, Cache-Control on pages, answers and static assets, on the
real app over a real SQLite ledger, with the response cache on and off."""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient

from pactwatch.api import Ledger
from pactwatch.web.app import CACHE_BYTES, create_app
from pactwatch.web.cache import POLL_SECONDS
from pactwatch.web.etag import STATIC_CACHE, IfNoneMatch, etag, if_none_match
from tests.conftest import seed_membership
from tests.web.conftest import InProcess

ROSTER = "/api/arrangements/coalition-of-the-willing/roster"
READS = [
    "/api/actors",
    "/api/actors?q=can",
    "/api/commitments?beneficiary=UKR",
    f"{ROSTER}?as_of=2026-02-20",
    "/api/claims?status=proposed",
    "/openapi.json",
    "/",
    "/coverage/UKR",
    "/arrangements/coalition-of-the-willing",
    "/review",
]


@dataclass(frozen=True)
class Site:
    client: TestClient
    db: str
    editor: str


@pytest.fixture(scope="module", params=[CACHE_BYTES, 0], ids=["cache-on", "cache-off"])
def site(request: pytest.FixtureRequest, in_process: InProcess) -> Iterator[Site]:
    """The app over the module's ledger, with the response cache on and with it off (a
    budget of 0): tags and 304s must not depend on it."""
    with TestClient(create_app(in_process.db, cache_bytes=request.param)) as client:
        yield Site(client, in_process.db, in_process.editor)


def tag_of(client: TestClient, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, response.text
    found: str = response.headers["etag"]
    return found


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize("path", READS)
def test_every_read_carries_a_weak_etag_and_no_cache(site: Site, path: str) -> None:
    first = site.client.get(path)
    again = site.client.get(path)
    assert first.status_code == again.status_code == 200
    assert first.headers["etag"].startswith('W/"')
    assert first.headers["etag"] == again.headers["etag"]
    assert first.headers["cache-control"] == again.headers["cache-control"] == "no-cache"


@pytest.mark.parametrize("path", READS)
def test_a_matching_if_none_match_gets_304_with_the_tag_and_no_body(site: Site, path: str) -> None:
    tag = tag_of(site.client, path)
    response = site.client.get(path, headers={"If-None-Match": tag})
    assert response.status_code == 304
    assert response.content == b""
    assert response.headers["etag"] == tag
    assert response.headers["cache-control"] == "no-cache"
    assert "content-security-policy" in response.headers  # the outer middleware still ran


def test_the_tag_names_the_request(site: Site) -> None:
    tags = {tag_of(site.client, path) for path in ("/api/actors?q=can", "/api/actors?q=fra")}
    assert len(tags) == 2
    other = tag_of(site.client, "/api/actors?q=fra")
    response = site.client.get("/api/actors?q=can", headers={"If-None-Match": other})
    assert response.status_code == 200 and response.json()["items"]


def _proposed_claim(client: TestClient) -> dict[str, Any]:
    items: list[dict[str, Any]] = client.get("/api/claims?status=proposed").json()["items"]
    assert items, "the seeded ledger has claims waiting for review"
    return items[0]


def test_a_write_through_the_api_moves_the_tag_on(site: Site) -> None:
    claim = _proposed_claim(site.client)
    path = f"/api/claims/{claim['id']}"
    old = tag_of(site.client, path)
    review = {"decision": "accept", "reviewer": "test_etag"}
    written = site.client.post(f"{path}/review", json=review, headers=bearer(site.editor))
    assert written.status_code == 200, written.text
    response = site.client.get(path, headers={"If-None-Match": old})
    assert response.status_code == 200
    assert response.json()["status"] == "accepted"
    assert response.headers["etag"] != old
    new = site.client.get(path, headers={"If-None-Match": response.headers["etag"]})
    assert new.status_code == 304


def test_a_write_from_another_connection_moves_the_tag_on_after_the_poll(site: Site) -> None:
    params = "?as_of=2026-02-20"
    before = site.client.get(ROSTER + params)
    members = {member["actor"] for member in before.json()["items"]}
    newcomer = next(code for code in ("NOR", "SWE", "FIN", "DNK") if code not in members)
    with Ledger.open(site.db) as ledger:
        ledger.add_claims([seed_membership(actor=newcomer, date=dt.date(2026, 2, 19))])
    time.sleep(POLL_SECONDS * 2)  # the server trusts a version read this long
    after = site.client.get(ROSTER + params, headers={"If-None-Match": before.headers["etag"]})
    assert after.status_code == 200
    assert {member["actor"] for member in after.json()["items"]} == members | {newcomer}
    assert after.headers["etag"] != before.headers["etag"]


@pytest.mark.parametrize(
    "field",
    [
        "*",
        '"other", {tag}',
        '{tag}, "other"',
        '"other",{tag}',
        "{opaque}",  # the strong form of the same tag matches too: weak comparison
        'W/"other", W/"more",\t {tag}',
    ],
)
def test_star_and_lists_of_tags_match(site: Site, field: str) -> None:
    path = "/api/commitments?beneficiary=UKR"
    tag = tag_of(site.client, path)
    sent = field.format(tag=tag, opaque=tag.removeprefix("W/"))
    response = site.client.get(path, headers={"If-None-Match": sent})
    assert response.status_code == 304
    assert response.content == b""
    assert response.headers["etag"] == tag


def test_star_on_a_request_never_answered_before_is_304_too(site: Site) -> None:
    path = f"/api/actors?q={uuid.uuid4().hex}"  # not in the cache: the route runs
    response = site.client.get(path, headers={"If-None-Match": "*"})
    assert response.status_code == 304 and response.content == b""
    assert response.headers["etag"] == tag_of(site.client, path)


@pytest.mark.parametrize("field", ['"other"', 'W/"other", "more"', "not a list of tags"])
def test_tags_that_do_not_match_get_the_full_answer(site: Site, field: str) -> None:
    response = site.client.get("/api/actors", headers={"If-None-Match": field})
    assert response.status_code == 200
    assert response.json()["items"]


def test_a_write_never_gets_304_nor_a_tag(site: Site) -> None:
    claim = _proposed_claim(site.client)
    path = f"/api/claims/{claim['id']}"
    tag = tag_of(site.client, path)
    review = {"decision": "reject", "reviewer": "test_etag"}
    for field in (tag, "*"):
        headers = {**bearer(site.editor), "If-None-Match": field}
        response = site.client.post(f"{path}/review", json=review, headers=headers)
        assert response.status_code == 200, response.text
        assert response.json()["claim"] == claim["id"]
        assert "etag" not in response.headers


@pytest.mark.parametrize(
    "path", ["/api/claims/no-such-claim", "/actors/NOWHERE", "/api/no-such-route"]
)
@pytest.mark.parametrize("field", [None, "*"])
def test_errors_carry_no_tag_and_are_never_304(site: Site, path: str, field: str | None) -> None:
    headers = {} if field is None else {"If-None-Match": field}
    response = site.client.get(path, headers=headers)
    assert response.status_code == 404
    assert "etag" not in response.headers
    assert response.headers["cache-control"] == "no-cache"


@pytest.mark.parametrize("path", ["/static/style.css", "/static/app.js", "/static/favicon.svg"])
def test_static_assets_are_kept_for_a_day(site: Site, path: str) -> None:
    response = site.client.get(path)
    assert response.status_code == 200
    assert response.headers["cache-control"] == STATIC_CACHE == "public, max-age=86400"
    again = site.client.get(path, headers={"If-None-Match": response.headers["etag"]})
    assert again.status_code == 304  # Starlette's own validators for files
    assert again.headers["cache-control"] == STATIC_CACHE


def test_the_page_links_its_assets_without_a_version_so_they_are_not_immutable(
    site: Site,
) -> None:
    page = site.client.get("/").text
    assert 'href="/static/style.css"' in page
    assert "immutable" not in STATIC_CACHE


def test_304_does_not_run_the_route(in_process: InProcess, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = Ledger.commitments_page

    def counted(self: Ledger, *args: Any, **kwargs: Any) -> Any:
        calls.append("commitments")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Ledger, "commitments_page", counted)
    path = "/api/commitments?beneficiary=UKR&limit=7"
    with TestClient(create_app(in_process.db, cache_bytes=0)) as client:
        tag = tag_of(client, path)
        assert len(calls) == 1
        for field in (tag, f'"other", {tag}'):
            assert client.get(path, headers={"If-None-Match": field}).status_code == 304
        assert len(calls) == 1  # revalidated twice, computed never
        assert client.get(path).status_code == 200
        assert len(calls) == 2  # without the cache a plain read does compute


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("*", IfNoneMatch(any=True, tags=frozenset())),
        ('"a"', IfNoneMatch(any=False, tags=frozenset({"a"}))),
        ('W/"a", "b"', IfNoneMatch(any=False, tags=frozenset({"a", "b"}))),
        ('"a,b" ,W/"c"', IfNoneMatch(any=False, tags=frozenset({"a,b", "c"}))),
        ('"a", , "b"', IfNoneMatch(any=False, tags=frozenset({"a", "b"}))),
        ('"a", junk, "b"', IfNoneMatch(any=False, tags=frozenset({"a"}))),
        ("junk", IfNoneMatch(any=False, tags=frozenset())),
    ],
)
def test_if_none_match_is_read_as_a_list_of_tags(field: str, expected: IfNoneMatch) -> None:
    scope = {"headers": [(b"if-none-match", field.encode())]}
    assert if_none_match(scope) == expected


def test_two_if_none_match_lines_are_one_list() -> None:
    scope = {"headers": [(b"if-none-match", b'"a"'), (b"if-none-match", b'W/"b"')]}
    assert if_none_match(scope) == IfNoneMatch(any=False, tags=frozenset({"a", "b"}))
    assert if_none_match({"headers": []}) is None


def test_the_tag_changes_with_the_version_and_the_key() -> None:
    key = "/api/actors?#2026-01-06"
    assert etag(3, key) == etag(3, key)
    assert len({etag(3, key), etag(4, key), etag(3, "/api/actors?#2026-01-07")}) == 3
