"""The CLI end to end on a real SQLite file: commands, formats, one-line errors."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import click
import pytest

from pactwatch import __version__
from pactwatch.cli import cli
from tests.conftest import CITE, MEMBERSHIP_RECORD, run

LINES = [
    MEMBERSHIP_RECORD,
    {
        "type": "membership",
        "actor": "GBR",
        "arrangement": "coalition-of-the-willing",
        "action": "join",
        "date": "2025-03-02",
        "place": "London",
        "evidence": [{"url": "https://example.org/b", "published": "2025-03-02"}],
    },
    {
        "type": "commitment",
        "guarantor": "CAN",
        "beneficiary": "UKR",
        "category": "military_training",
        "condition": {"kind": "peace_agreement", "text": "after a peace agreement"},
        "evidence": CITE,
    },
]


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = tmp_path / "cli.db"
    jsonl = tmp_path / "claims.jsonl"
    jsonl.write_text("\n".join(json.dumps(line) for line in LINES) + "\n", encoding="utf-8")
    assert run(capsys, "init", "--db", str(path))[0] == 0
    code, _, err = run(capsys, "--db", str(path), "import", str(jsonl))
    assert code == 0, err
    assert "3 new claim(s)" in err
    return str(path)


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--version") == (0, f"pactwatch, version {__version__}\n", "")


COMMANDS = cli.list_commands(click.Context(cli))


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_with_an_example(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, name, "--help")
    assert code == 0
    assert "Example" in out
    command = cli.get_command(click.Context(cli), name)
    assert command is not None and len(command.help or "") > 20


def test_init_reports_created_then_up_to_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "x.db"
    assert "Created ledger" in run(capsys, "init", "--db", str(path))[1]
    assert "up to date" in run(capsys, "--db", str(path), "init")[1]


def test_env_var_names_the_ledger(
    db: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PACTWATCH_DB", db)
    code, out, _ = run(capsys, "claims", "--format", "json")
    assert code == 0
    assert len(json.loads(out)) == 3


def test_claims_json_and_csv(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "--db",
        db,
        "claims",
        "--actor",
        "Canada",
        "--type",
        "commitment",
        "--format",
        "json",
    )
    assert code == 0
    [record] = json.loads(out)
    assert (record["guarantor"], record["category"], record["condition"]["kind"]) == (
        "CAN",
        "military_training",
        "peace_agreement",
    )
    code, out, _ = run(capsys, "--db", db, "claims", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert {row["type"] for row in rows} == {"membership", "commitment"}


def test_roster_as_of_and_known_on(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", db, "roster", "coalition-of-the-willing", "--format", "json")
    assert code == 0
    assert [row["actor"] for row in json.loads(out)] == ["GBR", "CAN"]
    code, out, _ = run(
        capsys,
        "--db",
        db,
        "roster",
        "coalition-of-the-willing",
        "--as-of",
        "2026-01-06",
        "--known-on",
        "2026-01-05",
        "--format",
        "json",
    )
    assert [row["actor"] for row in json.loads(out)] == ["GBR"]
    code, out, _ = run(capsys, "--db", db, "roster", "coalition-of-the-willing")
    assert "Canada" in out and "United Kingdom" in out


def test_review_then_history(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "--db", db, "claims", "--type", "commitment", "--format", "json")
    claim_id = json.loads(out)[0]["id"]
    code, out, _ = run(
        capsys, "--db", db, "review", claim_id, "accept", "--note", "checked", "--reviewer", "ana"
    )
    assert code == 0 and "accepted" in out
    run(capsys, "--db", db, "review", claim_id, "reject", "--reviewer", "ben")
    _, out, _ = run(capsys, "--db", db, "history", claim_id, "--format", "json")
    assert [(r["decision"], r["reviewer"]) for r in json.loads(out)] == [
        ("accept", "ana"),
        ("reject", "ben"),
    ]
    _, out, _ = run(capsys, "--db", db, "claims", "--status", "rejected", "--format", "json")
    assert [r["id"] for r in json.loads(out)] == [claim_id]


def test_export_jsonl_reimports_into_a_new_ledger(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / "out.jsonl"
    assert run(capsys, "--db", db, "export", "--out", str(out_file))[0] == 0
    other = tmp_path / "other.db"
    run(capsys, "init", "--db", str(other))
    code, _, err = run(capsys, "--db", str(other), "import", str(out_file))
    assert code == 0 and "3 new claim(s)" in err
    again = tmp_path / "again.jsonl"
    run(capsys, "--db", str(other), "export", "--out", str(again))
    assert again.read_text(encoding="utf-8") == out_file.read_text(encoding="utf-8")


def test_actors_resolves_names_and_fails_clearly(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "actors", "Ottawa", "--format", "json")
    assert code == 0 and json.loads(out)[0]["id"] == "CAN"
    code, out, _ = run(capsys, "actors", "Carney", "--on", "2026-01-06", "--format", "json")
    assert json.loads(out)[0]["represents"] == "Canada (CAN)"
    code, _, err = run(capsys, "actors", "Kanada")
    assert code == 1
    assert err.startswith("Error: No actor matches 'Kanada'.") and "Canada" in err


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("claims",), 1, "No ledger at"),
        (("claims", "--as-of", "6 Jan"), 1, "--as-of: '6 Jan' is not a date: write YYYY-MM-DD"),
        (("roster", "coalition-of-the-wiling"), 1, "Did you mean"),
        (("review", "clm_nope", "accept"), 1, "No ledger at"),
    ],
)
def test_errors_are_one_line_with_the_fix(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: tuple[str, ...],
    code: int,
    message: str,
) -> None:
    got, _, err = run(capsys, "--db", str(tmp_path / "none.db"), *args)
    assert got == code
    assert message in err
    assert "Traceback" not in err
    assert not (tmp_path / "none.db").exists()


def test_bad_import_file_exits_non_zero_and_keeps_the_ledger(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"type": "membership", "actor": "Kanada"}\n', encoding="utf-8")
    code, _, err = run(capsys, "--db", db, "import", str(bad))
    assert code == 1
    assert f"Error: {bad}, line 1:" in err and "1 failure(s)" in err
    _, out, _ = run(capsys, "--db", db, "claims", "--format", "json")
    assert len(json.loads(out)) == 3


def test_debug_shows_the_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--debug", "--db", str(tmp_path / "none.db"), "claims")
    assert code == 1 and "Traceback" in err


def test_installed_entry_point_runs() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pactwatch", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and __version__ in done.stdout


ARTICLE = (
    "OTTAWA, Jan 6 - Canada has formally joined the Coalition of the Willing, the group of "
    "countries pledging to guarantee Ukraine's security after a peace agreement is reached, "
    "Prime Minister Mark Carney said in Paris on Tuesday.\n"
    "Carney held talks with NATO Secretary General Mark Rutte at the Canadian Embassy in Paris.\n"
)


def test_extract_prints_one_json_object_per_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "story.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    code, out, err = run(
        capsys, "extract", str(article), "--published", "2026-01-06", "--format", "jsonl"
    )
    assert code == 0
    [line] = out.splitlines()
    record = json.loads(line)
    assert record["source"] == str(article)
    assert record["document"]["published"] == "2026-01-06"
    membership = next(c for c in record["claims"] if c["type"] == "membership")
    assert membership["actor"] == {"id": "CAN", "name": "Canada", "kind": "state"}
    assert membership["arrangement"]["id"] == "coalition-of-the-willing"
    evidence = membership["evidence"][0]
    assert ARTICLE[evidence["start"] : evidence["end"]] == evidence["text"]
    assert "1 document(s) read" in err and "0 failure(s)" in err


def test_extract_prints_a_json_list_or_csv_rows_for_scripts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "story.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    common = ("extract", str(article), "--published", "2026-01-06", "--format")
    code, out, _ = run(capsys, *common, "jsonl")
    assert code == 0
    as_lines = [json.loads(line) for line in out.splitlines()]
    code, out, _ = run(capsys, *common, "json")
    assert code == 0
    assert json.loads(out) == as_lines
    code, out, _ = run(capsys, *common, "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len(as_lines[0]["claims"])
    membership = next(row for row in rows if row["type"] == "membership")
    assert membership["document"] == str(article)
    assert membership["who"] == "Canada" and membership["date"] == "2026-01-06"
    assert membership["sentence"] in ARTICLE


def test_extract_goes_on_past_a_bad_file_and_exits_non_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    code, out, err = run(capsys, "extract", str(empty), str(good), "--format", "jsonl")
    assert code == 1
    assert len(out.splitlines()) == 1
    assert f"Failed: {empty}: empty file" in err
    assert "1 document(s) read" in err and "1 failure(s)" in err


def test_ingest_stores_documents_once(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "story.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    code, _, err = run(capsys, "--db", db, "ingest", str(article), "--published", "2026-01-06")
    assert code == 0 and "1 new document(s)" in err
    code, _, err = run(capsys, "--db", db, "ingest", str(article), "--published", "2026-01-06")
    assert code == 0 and "new document" not in err
    _, out, _ = run(capsys, "--db", db, "claims", "--type", "meeting", "--format", "json")
    [meeting] = json.loads(out)
    assert set(meeting["participants"]) == {"person:mark-carney", "person:mark-rutte"}
    assert meeting["evidence"][0]["document"]


def test_extract_output_matches_the_published_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from pactwatch.cli.extract_schema import ExtractedDocument, schema_text

    docs = Path(__file__).parents[2] / "docs" / "extract-output.schema.json"
    assert docs.read_text(encoding="utf-8") == schema_text(), (
        "run `python -m pactwatch.cli.extract_schema > docs/extract-output.schema.json`"
    )
    article = tmp_path / "story.txt"
    article.write_text(
        ARTICLE + "Britain and Ukraine signed a ten-year security agreement in Kyiv, and "
        "Britain will provide £2.5 billion in military aid.\n",
        encoding="utf-8",
    )
    code, out, _ = run(
        capsys, "extract", str(article), "--published", "2026-01-06", "--format", "jsonl"
    )
    assert code == 0
    parsed = ExtractedDocument.model_validate_json(out)
    assert {claim.type for claim in parsed.claims} >= {
        "membership",
        "meeting",
        "agreement",
        "commitment",
    }
