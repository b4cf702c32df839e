"""A corpus of bad HTTP requests: each gets its status and a one-line message in the API's one
error shape, never a server error. Bodies, headers and query strings; the server-level cases
(oversized and slow headers on a real socket) are in test_server_guards.py."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from pactwatch.api import Ledger
from pactwatch.store import Role, init_ledger
from pactwatch.web.app import create_app
from tests.web.conftest import InProcess, _fill, backend_ledger

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
    # control characters (NUL breaks PostgreSQL): refused at the edge, the field named
    ("nul-claim-id", "GET", "/api/claims/%00", {}, 422, "claim_id: holds a control character"),
    ("nul-document-id", "GET", "/api/documents/%00abc", {}, 422, "document_id: holds a control"),
    ("nul-actor-id", "GET", "/api/actors/C%00N", {}, 422, "actor_id: holds a control character"),
    ("nul-review-id", "POST", "/api/claims/%00/review",
     {"json": {"decision": "accept"}, "headers": JSON}, 422, "claim_id: holds a control"),
    ("nul-category", "GET", "/api/commitments", {"params": {"category": "\x00"}},
     422, "category: holds a control character (U+0000)"),
    ("nul-actor-filter", "GET", "/api/claims", {"params": {"actor": "CAN\x00"}},
     422, "actor: holds a control character"),
    ("nul-scenario", "GET", "/api/coverage/UKR", {"params": {"scenario": "x\x00=2026-01-01"}},
     422, "scenario: holds a control character"),
    ("escape-in-filter", "GET", "/api/facts", {"params": {"arrangement": "\x1b[31m"}},
     422, "arrangement: holds a control character (U+001B)"),
    ("nul-title", "POST", "/api/documents", {"json": {"text": "x", "title": "a\x00b"},
     "headers": JSON}, 422, "title: holds a control character (U+0000) at character 1"),
    ("nul-text", "POST", "/api/documents", {"json": {"text": "Canada\x00"}, "headers": JSON},
     422, "text: holds a control character (U+0000) at character 6"),
    ("nul-url", "POST", "/api/documents",
     {"json": {"text": "x", "url": "https://example.org/\x00"}, "headers": JSON},
     422, "url: holds a control character"),
    ("nul-publisher", "POST", "/api/documents",
     {"json": {"text": "x", "publisher": "\x00"}, "headers": JSON},
     422, "publisher: holds a control character"),
    ("nul-published", "POST", "/api/documents",
     {"json": {"text": "x", "published": "2026-01-06\x00"}, "headers": JSON},
     422, "published: holds a control character"),
    ("newline-in-url", "POST", "/api/documents",
     {"json": {"text": "x", "url": "https://example.org/\nSet-Cookie: a=b"}, "headers": JSON},
     422, "url: holds a control character (U+000A)"),
    ("nul-note", "POST", "/api/claims/x/review",
     {"json": {"decision": "accept", "note": "a\x00"}, "headers": JSON},
     422, "note: holds a control character"),
    ("nul-reviewer", "POST", "/api/claims/x/review",
     {"json": {"decision": "accept", "reviewer": "\x00"}, "headers": JSON},
     422, "reviewer: holds a control character"),
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
    response = in_process.client.request(method, path, **_with_token(keywords, in_process))
    assert_one_line(response, status, fragment)


def _with_token(keywords: dict[str, Any], served: InProcess) -> dict[str, Any]:
    """The request's keywords with the editor token in place of EDITOR."""
    keywords = dict(keywords)
    if "headers" in keywords:
        keywords["headers"] = {
            name: value.replace(EDITOR, served.editor)
            for name, value in keywords["headers"].items()
        }
    return keywords


def assert_one_line(response: httpx.Response, status: int, fragment: str) -> dict[str, Any]:
    assert response.status_code == status, response.text[:300]
    error: dict[str, Any] = response.json()["error"]
    assert set(error) == {"status", "code", "message", "field", "suggestions"}
    assert error["status"] == status
    assert error["code"] != "error"  # every status the API answers has its own code
    assert "\n" not in error["message"] and len(error["message"]) < 300
    assert fragment in error["message"], error["message"]
    return error


def test_the_corpus_has_every_kind_of_bad_input() -> None:
    kinds = {case[0].split("-")[0] for case in CASES}
    assert len(CASES) >= 15
    assert {"json", "text", "auth", "header", "headers", "query", "date", "offset"} <= kinds
    assert "nul" in kinds


CONTROL_CASES = [case for case in CASES if case[0].startswith(("nul-", "escape-", "newline-"))]


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def on_each_backend(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[InProcess]:
    """The app in process over a filled ledger on each backend."""
    db = backend_ledger(request, tmp_path_factory)
    editor, _, seed, _ = _fill(db)
    with TestClient(create_app(db)) as client:
        yield InProcess(client, db, editor, seed)


@pytest.mark.parametrize(
    ("method", "path", "keywords", "status", "fragment"),
    [case[1:] for case in CONTROL_CASES],
    ids=[c[0] for c in CONTROL_CASES],
)
def test_control_characters_get_422_naming_the_field_on_each_backend(
    on_each_backend: InProcess,
    method: str,
    path: str,
    keywords: dict[str, Any],
    status: int,
    fragment: str,
) -> None:
    """NUL in an id, a filter or a posted field gave PostgreSQL's 500 and a traceback."""
    client = on_each_backend.client
    response = client.request(method, path, **_with_token(keywords, on_each_backend))
    error = assert_one_line(response, status, fragment)
    assert error["field"] == fragment.split(":")[0]


@pytest.mark.parametrize(
    "path",
    ["/evidence/%00", "/actors/C%00N", "/coverage/UKR%00", "/arrangements/%00", "/?as_of=%00"],
)
def test_a_control_character_in_a_page_url_gets_the_422_page_on_each_backend(
    on_each_backend: InProcess, path: str
) -> None:
    response = on_each_backend.client.get(path)
    assert response.status_code == 422, response.text[:300]
    assert response.headers["content-type"].startswith("text/html")
    assert "holds a control character (U+0000)" in response.text


def test_every_parameter_refuses_a_nul_on_each_backend(on_each_backend: InProcess) -> None:
    """Each id in a path and each text query parameter the API documents, NUL in it: 422
    naming it, never a server error (the corpus above holds examples; this is all of them)."""
    client = on_each_backend.client
    schema = client.get("/openapi.json").json()
    tried = 0
    for template, operations in schema["paths"].items():
        for method, operation in operations.items():
            params = operation.get("parameters", [])
            path = re.sub(r"\{[^}]+\}", "CAN", template)
            for param in params:
                kind = param["schema"].get("type") or [
                    option.get("type") for option in param["schema"].get("anyOf", [])
                ]
                if "string" not in kind and kind != "string":
                    continue
                name = param["name"]
                if param["in"] == "path":
                    target = template.replace("{" + name + "}", "C%00N")
                    target = re.sub(r"\{[^}]+\}", "CAN", target)
                    response = client.request(method.upper(), target, json={"decision": "accept"})
                else:
                    response = client.request(method.upper(), path, params={name: "a\x00"})
                tried += 1
                assert response.status_code == 422, (method, template, name, response.text[:200])
                assert response.json()["error"]["field"] == name, (template, name)
    assert tried >= 20


def test_a_bad_published_date_names_the_field() -> None:
    """The posted article's date is checked where it is posted: the error names 'published'
    (it named 'text', the reader's whole record, before)."""
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "l.db")
        init_ledger(path)
        with Ledger.open(path) as ledger:
            token = ledger.tokens.create(Role.EDITOR)
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
