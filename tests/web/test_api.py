"""The HTTP API against a real server process, on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import pytest

from pactwatch.api import Ledger
from pactwatch.web.cache import POLL_SECONDS
from tests.conftest import seed_membership
from tests.web.conftest import Served

ERROR_KEYS = {"status", "code", "message", "field", "suggestions"}


def error_of(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert set(body) == {"error"} and set(body["error"]) == ERROR_KEYS
    assert body["error"]["status"] == status
    return body["error"]  # type: ignore[no-any-return]


def test_roster_names_canada_from_the_day_it_joined(served: Served) -> None:
    with served.client() as client:
        before = client.get(
            "/api/arrangements/coalition-of-the-willing/roster", params={"as_of": "2026-01-05"}
        ).json()
        after = client.get(
            "/api/arrangements/coalition-of-the-willing/roster", params={"as_of": "2026-01-07"}
        ).json()
    assert "CAN" not in [m["actor"] for m in before["items"]]
    [canada] = [m for m in after["items"] if m["actor"] == "CAN"]
    assert canada["since"] == "2026-01-06"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"as_of": "2026-01-07"}, "dormant"),
        ({"as_of": "2026-06-02", "scenario": "peace_agreement=2026-06-01"}, "active"),
    ],
)
def test_commitments_carry_their_state_under_a_scenario(
    served: Served, params: dict[str, str], expected: str
) -> None:
    with served.client() as client:
        body = client.get(
            "/api/commitments",
            params={"guarantor": "CAN", "category": "military_training", **params},
        ).json()
    assert [row["status"] for row in body["items"]] == [expected]
    assert body["items"][0]["beneficiary"] == "UKR"


def test_lists_are_paged(served: Served) -> None:
    with served.client() as client:
        first = client.get("/api/actors", params={"limit": 2}).json()
        second = client.get("/api/actors", params={"limit": 2, "offset": 2}).json()
    assert len(first["items"]) == 2 and first["next_offset"] == 2
    assert first["total"] == second["total"] > 100
    assert not {a["id"] for a in first["items"]} & {a["id"] for a in second["items"]}


def test_facts_come_with_the_sentence_and_its_document(served: Served) -> None:
    with served.client() as client:
        facts = client.get("/api/facts", params={"actor": "CAN", "type": "membership"}).json()
        [fact] = facts["items"]
        [evidence] = fact["evidence"]
        document = client.get(f"/api/documents/{evidence['document']}").json()
    assert document["text"][evidence["start"] : evidence["end"]] == evidence["text"]
    assert "Canada formally joined" in evidence["text"]


def test_coverage_timeline_diff_and_schema(served: Served) -> None:
    with served.client() as client:
        coverage = client.get("/api/coverage/UKR", params={"as_of": "2026-01-07"}).json()
        timeline = client.get("/api/timeline/CAN").json()
        learned = client.get("/api/diff", params={"since": "2026-01-05"}).json()
        schema = client.get("/openapi.json").json()
    assert {"guarantor": "CAN", "category": "military_training", "status": "dormant"} in (
        coverage["cells"]
    )
    assert any(e["kind"] == "joined" for e in timeline["items"])
    assert learned["total"] >= 4
    assert {"/api/commitments", "/api/claims/{claim_id}/review"} <= set(schema["paths"])


@pytest.mark.parametrize(
    ("path", "params", "status", "field"),
    [
        ("/api/actors/CNA", {}, 404, "actor_id"),
        ("/api/arrangements/coalition-of-the-wiling", {}, 404, "arrangement_id"),
        ("/api/commitments", {"guarantor": "CNA"}, 422, "guarantor"),
        ("/api/commitments", {"as_of": "2026-13-01"}, 422, "as_of"),
        ("/api/commitments", {"as_of": "06/01/2026"}, 422, "as_of"),
        ("/api/commitments", {"scenario": "peace=2026-06-01"}, 422, "scenario"),
        ("/api/commitments", {"limit": "0"}, 422, "limit"),
        ("/api/claims/clm_nope", {}, 404, None),
        ("/api/nowhere", {}, 404, None),
    ],
)
def test_bad_requests_get_the_one_error_shape(
    served: Served, path: str, params: dict[str, str], status: int, field: str | None
) -> None:
    with served.client() as client:
        error = error_of(client.get(path, params=params), status)
    assert error["field"] == field
    if status == 404 and field:
        assert error["suggestions"], error


def test_unknown_actor_suggests_the_nearest(served: Served) -> None:
    with served.client() as client:
        error = error_of(client.get("/api/actors/CNA"), 404)
    assert "CAN" in error["suggestions"]


def test_writes_need_an_editor_token(served: Served) -> None:
    with served.client() as client:
        claims = client.get("/api/claims", params={"status": "proposed", "actor": "CAN"}).json()
        target = claims["items"][0]["id"]
        path = f"/api/claims/{target}/review"
        verdict = {"decision": "accept", "note": "checked"}
        error_of(client.post(path, json=verdict), 401)
        error_of(client.post(path, json=verdict, headers=_bearer("pw_made_up")), 401)
        error_of(client.post(path, json=verdict, headers=_bearer(served.reader)), 403)
        done = client.post(path, json=verdict, headers=_bearer(served.editor))
        assert done.status_code == 200, done.text
        after = client.get(f"/api/claims/{target}").json()
    assert after["status"] == "accepted"
    assert after["history"][-1]["note"] == "checked"


def test_an_editor_posts_an_article_and_gets_its_claims(served: Served) -> None:
    article = {
        "text": "OTTAWA, March 3 - Canada pledged air defence for Ukraine on Monday.",
        "url": "https://example.org/our-words/air-defence",
        "published": "2026-03-03",
    }
    with served.client() as client:
        error_of(client.post("/api/documents", json=article), 401)
        done = client.post("/api/documents", json=article, headers=_bearer(served.editor))
        assert done.status_code == 201, done.text
        body = done.json()
        stored = client.get(f"/api/documents/{body['document']}").json()
        empty = client.post("/api/documents", json={"text": "  "}, headers=_bearer(served.editor))
    assert stored["text"] == article["text"]
    assert {c["category"] for c in body["claims"] if c["type"] == "commitment"} == {"air_defence"}
    assert error_of(empty, 422)["field"] == "text"


def test_a_body_over_the_limit_gets_413_and_stores_nothing(served: Served) -> None:
    article = {"text": "Canada pledged air defence. " * 100_000}
    with served.client() as client:
        before = client.get("/api/claims", params={"limit": 1}).json()["total"]
        error_of(client.post("/api/documents", json=article, headers=_bearer(served.editor)), 413)
        after = client.get("/api/claims", params={"limit": 1}).json()["total"]
    assert before == after


@pytest.mark.parametrize(
    "value",
    ["CAN' OR '1'='1", "CAN; DROP TABLE claims; --", "%", "_", '" OR 1=1 --', "CAN\x00"],
)
def test_sql_metacharacters_in_filters_do_nothing_harmful(served: Served, value: str) -> None:
    before = stored(served)
    with served.client() as client:
        filtered = client.get("/api/commitments", params={"guarantor": value})
        searched = client.get("/api/actors", params={"q": value})
    after = stored(served)
    assert filtered.status_code == 422
    assert searched.status_code in (200, 422)
    if searched.status_code == 200:
        assert all(
            value.casefold() in (a["id"] + a["name"]).casefold() for a in searched.json()["items"]
        )
    assert before == after and after["documents"] > 0


def stored(served: Served) -> dict[str, int]:
    with Ledger.open(served.db) as ledger:
        return ledger.counts()


def test_claims_are_paged_newest_known_first(served: Served) -> None:
    with served.client() as client:
        first = client.get("/api/claims", params={"limit": 2}).json()
        rest = client.get("/api/claims", params={"limit": 1000, "offset": 2}).json()
    assert first["next_offset"] == 2 and rest["next_offset"] is None
    ids = [c["id"] for c in first["items"] + rest["items"]]
    assert (
        len(ids)
        == len(set(ids))
        == sum(n for kind, n in stored(served).items() if kind not in ("documents", "reviews"))
    )


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_a_write_by_another_process_shows_in_the_next_read(served: Served) -> None:
    path = "/api/arrangements/coalition-of-the-willing/roster"
    params = {"as_of": "2026-02-20"}
    with served.client() as client:
        before = {m["actor"] for m in client.get(path, params=params).json()["items"]}
        again = {m["actor"] for m in client.get(path, params=params).json()["items"]}
        with Ledger.open(served.db) as ledger:
            ledger.add_claims([seed_membership(actor="NOR", date=dt.date(2026, 2, 19))])
        time.sleep(POLL_SECONDS * 2)
        after = {m["actor"] for m in client.get(path, params=params).json()["items"]}
    assert before == again and "NOR" not in before
    assert after == before | {"NOR"}
