"""`--encoding` end to end: files in any encoding are stored exactly, or refused by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from pactwatch.api import Ledger
from tests.conftest import run
from tests.documents.test_encoding import SHORT, TABLE, encoded

ICELANDIC = "Minister Þórdís met the Canadian prime minister in Reykjavík to discuss the pact."
"""cp1252 bytes that read as Turkish (cp1254) too: refused unless the encoding is named."""
POLISH = "Canada joined the coalition in Paris, said Łukasz in Łódź.\n"
"""Latin-2 bytes that cp1252 reads as '£ukasz in £ód¼': refused unless the encoding is named."""


def stored_texts(db: str) -> dict[str, str]:
    with Ledger.open(db) as ledger:
        return {document.source: document.text for document in ledger.documents()}


def test_ingest_with_a_named_encoding_stores_the_text_exactly(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kept = tmp_path / "kept.txt"
    kept.write_text(SHORT, encoding="utf-8")
    assert run(capsys, "ingest", "--db", db, str(kept))[0] == 0
    article = tmp_path / "iceland.txt"
    article.write_bytes(ICELANDIC.encode("cp1252"))

    code, _, err = run(capsys, "ingest", "--db", db, str(article))
    assert code == 1
    assert f"Failed: {article}: not UTF-8" in err and "--encoding cp1252" in err
    assert stored_texts(db) == {str(kept): SHORT}

    code, _, err = run(capsys, "ingest", "--encoding", "cp1252", "--db", db, str(article))
    assert code == 0, err
    assert stored_texts(db) == {str(kept): SHORT, str(article): ICELANDIC}


def test_ingest_detects_every_encoding_of_the_table(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    expected = {}
    for number, (encoding, length, text) in enumerate(TABLE):
        path = folder / f"{number:02d}-{encoding}-{length}.txt"
        path.write_bytes(encoded(encoding, text))
        expected[str(path)] = text
    code, _, err = run(capsys, "ingest", "--db", db, str(folder))
    assert code == 0, err
    stored = stored_texts(db)
    # The same text twice is stored once: compare by text, and every file must be there.
    assert set(stored.values()) == set(expected.values())
    assert all(expected[source] == text for source, text in stored.items())


def test_extract_reads_with_the_named_encoding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "iceland.txt"
    article.write_bytes(ICELANDIC.encode("cp1252"))
    code, out, err = run(
        capsys, "extract", "--encoding", "cp1252", "--format", "jsonl", str(article)
    )
    assert code == 0, err
    assert '"title": "Minister Þórdís met' in out


@pytest.mark.parametrize("command", ["ingest", "extract"])
def test_an_unknown_encoding_is_a_one_line_error_naming_the_option(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(SHORT, encoding="utf-8")
    ledger = ["--db", db] if command == "ingest" else []
    bad_date, _, _ = run(capsys, command, *ledger, "--published", "6 Jan", str(article))
    code, out, err = run(capsys, command, *ledger, "--encoding", "nonsense", str(article))
    assert code != 0 and code == bad_date
    [line] = [line for line in err.splitlines() if line.startswith("Error")]
    assert "--encoding" in line and "'nonsense'" in line and "cp1252" in line
    assert "Traceback" not in err and not out
    assert stored_texts(db) == {}


def test_ingest_refuses_central_european_text_until_its_encoding_is_named(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "l2.txt"
    article.write_bytes(POLISH.encode("iso-8859-2"))
    code, _, err = run(capsys, "ingest", "--db", db, str(article))
    assert code == 1
    [line] = [line for line in err.splitlines() if line.startswith("Failed:")]
    assert f"Failed: {article}: not UTF-8" in line and "'£ukasz'" in line
    assert "it looks Central European: name the encoding with --encoding iso8859-2" in line
    assert stored_texts(db) == {}

    code, _, err = run(capsys, "ingest", "--encoding", "iso-8859-2", "--db", db, str(article))
    assert code == 0, err
    assert stored_texts(db) == {str(article): POLISH}


def test_ingest_refuses_a_named_encoding_that_misreads_utf8(
    db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "utf8.txt"
    article.write_text(SHORT, encoding="utf-8")
    code, _, err = run(capsys, "ingest", "--encoding", "latin-1", "--db", db, str(article))
    assert code == 1
    [line] = [line for line in err.splitlines() if line.startswith("Failed:")]
    assert "'FranÃ§ois', which is UTF-8 for 'François'" in line
    assert "leave --encoding out" in line
    assert stored_texts(db) == {}

    code, _, err = run(capsys, "ingest", "--db", db, str(article))
    assert code == 0, err
    assert stored_texts(db) == {str(article): SHORT}
