"""A corpus of bad HTTP requests: each gets its status and a one-line message in the API's one
error shape, never a server error. Bodies, headers and query strings; the server-level cases
(oversized and slow headers on a real socket) are in test_server_guards.py."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from pactwatch.api import Ledger
from pactwatch.store import Role, init_ledger
from pactwatch.web.app import create_app
from tests.web.conftest import InProcess

EDITOR = "<editor token>"
"""Stands for the editor token in a case's headers."""
JSON = {"content-type": "application/json", "authorization": f"Bearer {EDITOR}"}
DEEP = "[" * 100_000 + "]" * 100_000

CASES: list[tuple[str, str, str, dict[str, Any], int, str]] = [
    # id, method, path, request keywords, status, message fragment
    # bodies
    ("json-cut-short", "POST", "/api/documents", {"content": b'{"text": ', "headers": JSON},
     422, "not valid JSON"),
    ("json-not-an-object", "POST", "/api/documents", {"content": b"[1, 2]", "headers": JSON},
     422, "valid dictionary"),
    ("json-deep-nesting", "POST", "/api/documents",
     {"content": b'{"text": "x", "title": ' + DEEP.encode() + b"}", "headers": JSON},
     400, "nested too deeply"),
    ("text-wrong-type", "POST", "/api/documents", {"json": {"text": 3}, "headers": JSON},
     422, "text: Input should be a valid string"),
    ("text-missing", "POST", "/api/documents", {"json": {"title": "x"}, "headers": JSON},
     422, "text: Field required"),
    ("text-empty", "POST", "/api/documents", {"json": {"text": ""}, "headers": JSON},
     422, "at least 1 character"),
    ("text-huge", "POST", "/api/documents", {"json": {"text": "x" * 200_001}, "headers": JSON},
     413, "at most 200,000"),
    ("url-huge", "POST", "/api/documents",
     {"json": {"text": "x", "url": "u" * 3000}, "headers": JSON}, 422, "at most 2000 characters"),
    ("body-over-2mb", "POST", "/api/documents",
     {"json": {"text": "x" * 2_100_000}, "headers": JSON}, 413, "over 2,097,152 bytes"),
    ("decision-unknown", "POST", "/api/claims/x/review",
     {"json": {"decision": "maybe"}, "headers": JSON}, 422, "'accept' or 'reject'"),
    # headers
    ("auth-basic", "POST", "/api/documents",
     {"json": {"text": "x"}, "headers": {"authorization": "Basic YTpi"}}, 401, "needs a token"),
    ("auth-bearer-empty", "POST", "/api/documents",
     {"json": {"text": "x"}, "headers": {"authorization": "Bearer "}}, 401, "needs a token"),
    ("auth-unknown-token", "POST", "/api/documents",
     {"json": {"text": "x"}, "headers": {"authorization": "Bearer nope"}}, 401, "token"),
    ("header-oversized", "GET", "/api/actors", {"headers": {"x-pad": "p" * 20_000}},
     431, "over 16,384 bytes"),
    ("headers-too-many", "GET", "/api/actors",
     {"headers": {f"x-pad-{n}": "1" for n in range(101)}}, 431, "at most 100"),
    # query strings
    ("query-over-8kb", "GET", "/api/actors", {"params": {"pad": "x" * 8200}}, 414, "at most 8,192"),
    ("filter-too-long", "GET", "/api/actors", {"params": {"q": "q" * 300}},
     422, "at most 200 characters"),
    ("date-bad-month", "GET", "/api/commitments", {"params": {"as_of": "2026-13-01"}},
     422, "Write dates as YYYY-MM-DD"),
    ("date-a-word", "GET", "/api/commitments", {"params": {"as_of": "tomorrow"}},
     422, "Write dates as YYYY-MM-DD"),
    ("scenario-no-date", "GET", "/api/commitments", {"params": {"scenario": "peace=soon"}},
     422, "unknown event 'peace'"),
    ("scenario-unknown-event", "GET", "/api/coverage/UKR",
     {"params": {"scenario": "invasion=2026-01-01"}}, 422, "events are peace_agreement"),
    ("offset-negative", "GET", "/api/commitments", {"params": {"offset": "-1"}},
     422, "greater than or equal to 0"),
    ("offset-huge", "GET", "/api/commitments", {"params": {"offset": "99999999999"}},
     422, "less than or equal to 10000000"),
    ("limit-zero", "GET", "/api/facts", {"params": {"limit": "0"}},
     422, "greater than or equal to 1"),
    ("limit-a-word", "GET", "/api/claims", {"params": {"limit": "all"}}, 422, "valid integer"),
    ("type-unknown", "GET", "/api/claims", {"params": {"type": "rumour"}},
     422, "'membership', 'commitment'"),
    ("since-missing", "GET", "/api/diff", {}, 422, "since: Field required"),
    ("id-too-long", "GET", "/api/claims/" + "x" * 100, {}, 422, "at most 64 characters"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("method", "path", "keywords", "status", "fragment"),
    [case[1:] for case in CASES],
    ids=[c[0] for c in CASES],
)
def test_a_bad_request_gets_its_status_and_one_line(
    in_process: InProcess,
    method: str,
    path: str,
    keywords: dict[str, Any],
    status: int,
    fragment: str,
) -> None:
    keywords = dict(keywords)
    if "headers" in keywords:
        keywords["headers"] = {
            name: value.replace(EDITOR, in_process.editor)
            for name, value in keywords["headers"].items()
        }
    response = in_process.client.request(method, path, **keywords)
    assert response.status_code == status, response.text[:300]
    error = response.json()["error"]
    assert set(error) == {"status", "code", "message", "field", "suggestions"}
    assert error["status"] == status
    assert error["code"] != "error"  # every status the API answers has its own code
    assert "\n" not in error["message"] and len(error["message"]) < 300
    assert fragment in error["message"], error["message"]


def test_the_corpus_has_every_kind_of_bad_input() -> None:
    kinds = {case[0].split("-")[0] for case in CASES}
    assert len(CASES) >= 15
    assert {"json", "text", "auth", "header", "headers", "query", "date", "offset"} <= kinds


def test_a_bad_published_date_names_the_field() -> None:
    """The posted article's date is checked where it is posted: the error names 'published'
    (it named 'text', the reader's whole record, before)."""
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "l.db")
        init_ledger(path)
        with Ledger.open(path) as ledger:
            token = ledger.create_token(Role.EDITOR)
        with TestClient(create_app(path)) as client:
            answer = client.post(
                "/api/documents",
                json={"text": "Canada joined the coalition in Paris.", "published": "2026-13-40"},
                headers={"Authorization": f"Bearer {token}"},
            )
    assert answer.status_code == 422
    error = answer.json()["error"]
    assert error["field"] == "published"
    assert error["message"] == "published: '2026-13-40' is not a date: write YYYY-MM-DD."
