"""`pactwatch token create | list | revoke` on a real SQLite file, through the CLI."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from pactwatch.store import Store
from pactwatch.store.tokens import digest
from tests.conftest import run

COLUMNS = ["id", "role", "note", "created_at", "expires_at", "last_used", "revoked_at"]


def made(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> str:
    code, out, err = run(capsys, "token", "create", "--db", str(db), *args)
    assert code == 0, err
    [token] = out.splitlines()
    return token


def listed(capsys: pytest.CaptureFixture[str], db: Path) -> list[dict[str, object]]:
    code, out, err = run(capsys, "token", "list", "--db", str(db), "--format", "json")
    assert code == 0, err
    rows: list[dict[str, object]] = json.loads(out)
    return rows


def test_create_with_expiry_then_list_in_every_format_never_shows_a_token(
    capsys: pytest.CaptureFixture[str], sqlite_path: Path
) -> None:
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    tokens = [
        made(capsys, sqlite_path, "--role", "editor", "--note", "Ana", "--expires-in", "30d"),
        made(capsys, sqlite_path, "--role", "admin", "--expires-on", "2099-01-01"),
        made(capsys, sqlite_path, "--role", "reader"),
    ]
    first, second, third = listed(capsys, sqlite_path)
    assert list(first) == COLUMNS
    assert (first["id"], first["role"], first["note"]) == (1, "editor", "Ana")
    expires = dt.datetime.fromisoformat(str(first["expires_at"]))
    assert dt.timedelta(days=30) <= expires - before <= dt.timedelta(days=30, minutes=1)
    assert second["expires_at"] == "2099-01-01T00:00:00+00:00"
    assert third["expires_at"] is third["last_used"] is third["revoked_at"] is None
    shown = []
    for fmt in ("table", "json", "csv"):
        code, out, _ = run(capsys, "token", "list", "--db", str(sqlite_path), "--format", fmt)
        assert code == 0
        shown.append(out)
    assert "Ana" in shown[0] and "reader" in shown[0]
    assert next(csv.DictReader(io.StringIO(shown[2])))["note"] == "Ana"
    assert shown[2].splitlines()[0] == ",".join(COLUMNS)
    for token in tokens:
        assert not [out for out in shown if token in out or digest(token) in out]


def test_revoke_says_what_it_revoked_and_the_token_stops_working(
    capsys: pytest.CaptureFixture[str], sqlite_path: Path
) -> None:
    token = made(capsys, sqlite_path, "--role", "editor", "--note", "CI job")
    made(capsys, sqlite_path, "--role", "reader")
    code, out, err = run(capsys, "token", "revoke", "1", "--db", str(sqlite_path))
    assert code == 0, err
    assert out.splitlines() == [
        "Revoked token 1 (editor, 'CI job'): requests with it get 401 from now on."
    ]
    with Store.open(sqlite_path) as ledger:
        assert ledger.tokens.role(token) is None
    first, second = listed(capsys, sqlite_path)
    assert first["revoked_at"] is not None and second["revoked_at"] is None
    code, out, _ = run(capsys, "token", "revoke", "1", "--db", str(sqlite_path))
    assert code == 0 and out.startswith(f"Already revoked at {first['revoked_at']}: token 1")


def test_last_used_shows_in_the_list(capsys: pytest.CaptureFixture[str], sqlite_path: Path) -> None:
    token = made(capsys, sqlite_path, "--role", "editor")
    with Store.open(sqlite_path) as ledger:
        ledger.tokens.role(token)
    [row] = listed(capsys, sqlite_path)
    assert row["last_used"] is not None


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["revoke", "99"], "Error: No token with id 99: `pactwatch token list` shows"),
        (["revoke", "three"], "Error: ID: 'three' is not a valid integer"),
        (
            ["create", "--role", "editor", "--expires-in", "30"],
            "Error: --expires-in: '30' is not a duration",
        ),
        (
            ["create", "--role", "editor", "--expires-in", "0h"],
            "Error: --expires-in: '0h' is out of range",
        ),
        (
            ["create", "--role", "editor", "--expires-on", "2020-01-01"],
            "Error: --expires-on: 2020-01-01 is not after today",
        ),
        (
            ["create", "--role", "editor", "--expires-on", "1 May"],
            "Error: --expires-on: '1 May' is not a date",
        ),
        (
            ["create", "--role", "editor", "--expires-in", "3d", "--expires-on", "2099-01-01"],
            "Error: --expires-in, --expires-on: give one of them, not both.",
        ),
    ],
)
def test_bad_values_are_one_line_and_exit_1(
    capsys: pytest.CaptureFixture[str], sqlite_path: Path, args: list[str], says: str
) -> None:
    made(capsys, sqlite_path, "--role", "reader")
    code, out, err = run(capsys, "token", *args, "--db", str(sqlite_path))
    assert (code, out) == (1, "")
    assert len(err.strip().splitlines()) == 1 and err.startswith(says), err
    assert len(listed(capsys, sqlite_path)) == 1
