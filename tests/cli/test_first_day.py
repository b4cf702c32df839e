"""What a new user meets on the first day, through the CLI: the advice in an error works,
errors name the option typed, suggestions put people first, organisations name their
treaties, every bad value is one line, piped tables keep whole words, `serve` logs its
requests, and the README tour leaves nothing to commit."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CITE, run

CATEGORIES = (
    "security_guarantee",
    "military_training",
    "intelligence_sharing",
    "economic_support",
    "air_defence",
    "cyber_defence",
    "defence_industry",
    "reconstruction",
    "energy_security",
    "humanitarian",
)
LINES: list[dict[str, Any]] = [
    {
        "type": "commitment",
        "guarantor": guarantor,
        "beneficiary": "UKR",
        "category": category,
        "evidence": CITE,
    }
    for guarantor in ("CAN", "FRA", "GBR")
    for category in CATEGORIES
] + [
    {
        "type": "membership",
        "actor": "SWE",
        "arrangement": "north-atlantic-treaty",
        "action": "join",
        "date": "2024-03-07",
        "place": "Washington",
        "evidence": CITE,
    }
]
ROOT = Path(__file__).parents[2]


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = tmp_path / "first-day.db"
    jsonl = tmp_path / "claims.jsonl"
    jsonl.write_text("\n".join(json.dumps(line) for line in LINES) + "\n", encoding="utf-8")
    assert run(capsys, "init", "--db", str(path))[0] == 0
    code, _, err = run(capsys, "--db", str(path), "import", str(jsonl))
    assert code == 0, err
    return str(path)


def test_the_init_command_the_missing_ledger_error_suggests_works(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "not" / "yet" / "ledger.db"
    code, _, err = run(capsys, "--db", str(path), "claims")
    assert code == 1
    advice = re.search(r"`pactwatch (init --db \S+)`", err)
    assert advice is not None, err
    code, out, err = run(capsys, *advice.group(1).split())
    assert code == 0, err
    assert f"Created folder {path.parent}" in out and "Created ledger" in out
    assert run(capsys, "--db", str(path), "claims")[0] == 0


@pytest.mark.parametrize(
    "args",
    [
        ("commitments", "--guarantor", "Narnia"),
        ("commitments", "--beneficiary", "Narnia"),
        ("coverage", "--beneficiary", "Narnia"),
        ("conflicts", "--actor", "Narnia"),
    ],
)
def test_an_unknown_actor_names_the_option_typed(
    db: str, capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    code, _, err = run(capsys, "--db", db, *args)
    option = args[1]
    assert code == 1
    assert err.startswith(f"Error: {option}: no actor or arrangement with id 'Narnia'.")
    assert "--actor" not in err or option == "--actor"


def test_people_named_like_the_query_are_suggested_first(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "--db", db, "claims", "--actor", "Mark")
    assert code == 1
    suggested = err.split("Did you mean")[1]
    assert suggested.index("Mark Carney") < suggested.index("Denmark")
    assert suggested.index("Mark Rutte") < suggested.index("Denmark")


def test_actors_suggests_people_named_like_the_query(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "actors", "Mark")
    assert code == 1 and "Mark Carney" in err.split("Did you mean")[1]


def test_an_organisation_names_the_treaty_it_is_the_body_of(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "--db", db, "roster", "NATO", "--format", "json")
    assert code == 0, err
    assert [member["actor"] for member in json.loads(out)] == ["SWE"]
    code, out, _ = run(capsys, "--db", db, "roster", "NATO")
    assert "The North Atlantic Treaty: 1 member(s)" in out
    code, out, _ = run(capsys, "--db", db, "claims", "--arrangement", "NATO", "--format", "json")
    assert code == 0 and [claim["actor"] for claim in json.loads(out)] == ["SWE"]


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ("claims", "--as-of", "6 Jan"),
            "Error: --as-of: '6 Jan' is not a date: write YYYY-MM-DD, e.g. 2026-01-06.",
        ),
        (
            ("claims", "--type", "pledge"),
            "Error: --type: 'pledge' is not one of 'membership', 'commitment', 'agreement', "
            "'meeting': pick one of them.",
        ),
        (("serve", "--port", "0"), "Error: --port: 0 is not in the range 1<=x<=65535."),
        (("roster", "nowhere-pact"), "Error: ARRANGEMENT: no actor or arrangement with id"),
        (("claims", "--actor", "Narnia"), "Error: --actor: no actor or arrangement with id"),
    ],
)
def test_every_bad_value_is_one_line_and_exit_status_1(
    db: str, capsys: pytest.CaptureFixture[str], args: tuple[str, ...], line: str
) -> None:
    code, _, err = run(capsys, "--db", db, *args)
    assert code == 1
    assert err.startswith(line)
    assert len(err.splitlines()) == 1 and "Usage:" not in err


def test_a_malformed_command_line_is_the_usage_text_and_exit_status_2(
    db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "--db", db, "coverage")
    assert code == 2
    assert "Usage:" in err and "Missing option '--beneficiary'" in err


def test_piped_tables_keep_every_word_whole(
    db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COLUMNS", raising=False)
    code, out, _ = run(capsys, "--db", db, "coverage", "--beneficiary", "UKR")
    assert code == 0
    header = next(line for line in out.splitlines() if "guarantor" in line)
    for category in CATEGORIES:
        assert category.replace("_", " ") in header
    code, out, _ = run(capsys, "--db", db, "commitments", "--guarantor", "CAN")
    for category in CATEGORIES:
        assert category in out


def test_piped_tables_honour_columns(
    db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = run(capsys, "--db", db, "coverage", "--beneficiary", "UKR")
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= 80
    for category in CATEGORIES:  # too wide for a matrix: one whole row per cell
        assert category in out
    code, out, _ = run(capsys, "--db", db, "commitments", "--guarantor", "CAN")
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= 80
    for category in CATEGORIES:  # too wide for a table: one block of fields per row
        assert category in out
    assert "guarantor" in out and "beneficiary" in out  # headers whole, not letter by letter


def test_serve_refuses_an_access_log_it_cannot_write(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no-such-folder" / "access.log"
    code, _, err = run(capsys, "--db", db, "serve", "--access-log", str(target))
    assert code == 1
    assert err.startswith(f"Error: --access-log: cannot write to {target}")


@pytest.mark.parametrize(("given", "passed"), [((), "-"), (("--access-log", "off"), "off")])
def test_serve_passes_the_access_log_to_its_server_processes(
    db: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    given: tuple[str, ...],
    passed: str,
) -> None:
    import uvicorn

    from pactwatch.web.app import ACCESS_LOG_VARIABLE, CACHE_VARIABLE, DB_VARIABLE

    for variable in (ACCESS_LOG_VARIABLE, CACHE_VARIABLE, DB_VARIABLE):
        monkeypatch.setenv(variable, "")  # restored after the test
    started: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda *_, **options: started.append(options))
    code, _, err = run(capsys, "--db", db, "serve", *given)
    assert code == 0, err
    assert len(started) == 1
    assert os.environ[ACCESS_LOG_VARIABLE] == passed


def test_the_readme_tour_writes_nothing_git_would_commit() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", readme, flags=re.S)
    written = {
        match
        for block in blocks
        for match in re.findall(r"(?:--db|--out|>)\s+([\w./-]+\.\w+)", block)
        if "://" not in match and not match.startswith("/")
    }
    assert len(written) >= 3, written
    ignored = subprocess.run(
        ["git", "check-ignore", "--no-index", *sorted(written)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    assert sorted(set(written) - set(ignored)) == []


@pytest.mark.parametrize(
    ("day", "members"), [("1950-01-01", 12), ("2000-01-01", 19), ("2025-01-01", 32)]
)
def test_the_nato_roster_holds_its_members_of_each_day(
    db: str, capsys: pytest.CaptureFixture[str], day: str, members: int
) -> None:
    run(capsys, "--db", db, "import", "--reference")
    code, out, _ = run(capsys, "--db", db, "roster", "NATO", "--as-of", day, "--format", "json")
    assert code == 0
    assert len(json.loads(out)) == members


def test_a_bad_scenario_names_the_option(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", db, "commitments", "--scenario", "peace=2026-06-01")
    assert code == 1
    assert err.startswith("Error: --scenario: Scenario part 1 'peace=2026-06-01'")
    assert "did you mean peace_agreement?" in err and len(err.strip().splitlines()) == 1


def test_a_disagreement_on_an_amount_reads_as_an_amount(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(tmp_path / "amounts.db")
    pledge = {
        "type": "commitment",
        "guarantor": "GBR",
        "beneficiary": "UKR",
        "category": "security_assistance",
        "start": "2025-10-09",
    }
    lines = [
        {**pledge, "amount": {"value": value, "currency": "GBP"}, "evidence": [cited]}
        for value, cited in (
            (
                2.5e9,
                {"url": "https://example.org/one", "note": "Our words.", "published": "2025-10-09"},
            ),
            (
                2.6e9,
                {"url": "https://example.org/two", "note": "Our words.", "published": "2025-10-09"},
            ),
        )
    ]
    jsonl = tmp_path / "amounts.jsonl"
    jsonl.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    assert run(capsys, "init", "--db", path)[0] == 0
    assert run(capsys, "--db", path, "import", str(jsonl))[0] == 0
    code, out, _ = run(capsys, "--db", path, "conflicts", "--format", "csv")
    assert code == 0
    assert "2,500,000,000 GBP" in out and "2,600,000,000 GBP" in out
    assert "GBP')" not in out  # not a Python tuple


@pytest.mark.parametrize("command", [("init",), ("roster", "coalition-of-the-willing")])
def test_a_file_where_the_ledger_folder_should_be_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: tuple[str, ...]
) -> None:
    (tmp_path / "afile").write_text("not a folder")
    target = tmp_path / "afile" / "x.db"
    code, _, err = run(capsys, "--db", str(target), *command)
    assert code == 1
    assert err.strip() == (
        f"Error: Cannot keep a ledger at {target}: {tmp_path / 'afile'} is a file, not a "
        "folder. Choose another --db path."
    )


@pytest.mark.parametrize(("given", "threads"), [((), 4), (("--threads", "2"), 2)])
def test_serve_limits_the_routes_each_process_runs_at_once(
    db: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    given: tuple[str, ...],
    threads: int,
) -> None:
    import anyio.to_thread
    import uvicorn
    from fastapi.testclient import TestClient

    from pactwatch.web.app import DB_VARIABLE, THREADS_VARIABLE, app_from_environment

    for variable in (DB_VARIABLE, THREADS_VARIABLE):
        monkeypatch.setenv(variable, "")  # restored after the test
    monkeypatch.setattr(uvicorn, "run", lambda *_, **__: None)
    code, _, err = run(capsys, "--db", db, "serve", *given)
    assert code == 0, err
    with TestClient(app_from_environment()) as client:  # what a server process builds

        async def limit() -> float:
            return anyio.to_thread.current_default_thread_limiter().total_tokens

        assert client.portal.call(limit) == threads
        assert client.get("/api/arrangements/coalition-of-the-willing/roster").status_code == 200
