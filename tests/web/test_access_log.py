"""The access log: one line per request with method, path, status, duration and client."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from pactwatch.errors import InputError
from pactwatch.store import init_ledger
from pactwatch.web.access_log import access_log_writer, check_access_log
from pactwatch.web.app import create_app

LINE = re.compile(
    r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ (?P<client>\S+) (?P<method>[A-Z]+) (?P<path>\S+) "
    r"(?P<status>\d{3}) (?P<ms>\d+\.\d) ms\n$"
)


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "served.db"
    init_ledger(path)
    return str(path)


def test_each_request_is_one_line_when_its_response_is_sent(db: str) -> None:
    lines: list[str] = []
    with TestClient(create_app(db, access_log=lines.append)) as client:
        client.get("/api/arrangements/coalition-of-the-willing/roster?as_of=2026-01-07")
        client.get("/api/actors/Narnia")
        client.post("/api/documents", json={})
    found = [LINE.match(line) for line in lines]
    assert all(found), lines
    assert [(m["method"], m["path"], m["status"]) for m in found if m] == [
        ("GET", "/api/arrangements/coalition-of-the-willing/roster?as_of=2026-01-07", "200"),
        ("GET", "/api/actors/Narnia", "404"),
        ("POST", "/api/documents", "401"),
    ]
    assert {m["client"] for m in found if m} == {"testclient:50000"}


def test_no_log_without_a_writer(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    with TestClient(create_app(db)) as client:
        assert client.get("/api/arrangements").status_code == 200
    assert capsys.readouterr().err == ""


def test_the_targets_standard_error_a_file_or_off(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert access_log_writer("off") is None
    to_stderr = access_log_writer("-")
    assert to_stderr is not None
    to_stderr("a line\n")
    assert capsys.readouterr().err == "a line\n"
    path = tmp_path / "access.log"
    path.write_text("kept\n", encoding="utf-8")
    to_file = access_log_writer(str(path))
    assert to_file is not None
    to_file("one\n")
    to_file("two\n")
    assert path.read_text(encoding="utf-8") == "kept\none\ntwo\n"


def test_a_file_that_cannot_be_written_is_refused_with_the_fix(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"--access-log: cannot write to .*'-' for standard"):
        check_access_log(str(tmp_path / "missing" / "access.log"))
