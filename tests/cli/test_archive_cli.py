"""`pactwatch ingest` and `extract` on archives: the good records of an archive are stored with
their claims, each bad record is one `Failed:` line, the exit status is 1, and a damaged
archive loses nothing already stored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pactwatch.api import Ledger
from tests.conftest import run
from tests.documents.archive_files import (
    ARTICLES,
    Capture,
    capture,
    write_jsonl_gz,
    write_parquet,
    write_warc,
)

URLS = [article["url"] for article in ARTICLES]


def stored(db: str) -> tuple[list[str], int]:
    """The sources of the stored documents, and the number of claims."""
    with Ledger.open(db) as ledger:
        sources = sorted(document.source for document in ledger.documents())
        return sources, len(list(ledger.claims()))


def failed(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("Failed:")]


def skipped(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("Skipped:")]


def test_ingest_warc_gz_stores_the_pages_and_skips_what_holds_no_article(
    tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A crawl holds images and dead links beside its pages: they are skipped with their
    reasons, not failures, and the run succeeds."""
    crawl = [
        capture(ARTICLES[0]),
        Capture(url="https://example.org/a.pdf", body=b"%PDF-1.7", content_type="application/pdf"),
        capture(ARTICLES[1]),
        capture(ARTICLES[2], url="https://example.org/gone", status="404 Not Found"),
        capture(ARTICLES[2]),
        capture(ARTICLES[3]),
    ]
    archive = write_warc(tmp_path / "news.warc.gz", crawl, gz=True)

    code, _, err = run(capsys, "ingest", "--db", db, str(archive))

    assert code == 0, err
    assert failed(err) == []
    assert skipped(err) == [
        f"Skipped: {archive}, record 4 (https://example.org/a.pdf): content type "
        "'application/pdf', not HTML or plain text: not an article",
        f"Skipped: {archive}, record 8 (https://example.org/gone): HTTP status 404, not 200: "
        "only pages served whole are read",
    ]
    assert "4 document(s) read" in err and "0 failure(s), 2 skipped" in err
    sources, claims = stored(db)
    assert sources == sorted(URLS)
    assert claims >= 4


def test_a_truncated_archive_keeps_what_is_stored_and_the_batch_goes_on(
    tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    first = write_jsonl_gz(tmp_path / "a.jsonl.gz", ARTICLES[:2])
    whole = write_warc(tmp_path / "whole.warc.gz", [capture(a) for a in ARTICLES[2:]], gz=True)
    data = whole.read_bytes()
    cut = tmp_path / "b.warc.gz"
    cut.write_bytes(data[: len(data) * 3 // 4])  # the last response (record 4) is cut short
    rows = tmp_path / "c.parquet"
    rows.write_bytes(b"PAR1 not really")
    assert run(capsys, "ingest", "--db", db, str(first))[0] == 0

    code, _, err = run(capsys, "ingest", "--db", db, str(first), str(cut), str(rows))

    assert code == 1
    assert failed(err) == [
        f"Failed: {cut}: the archive is truncated after record 3: the records before it were "
        "read; copy or download the file again for the rest",
        f"Failed: {rows}: not a readable Parquet file (Parquet magic bytes not found in footer. "
        "Either the file is corrupted or this is not a parquet file.): check or rewrite the file",
    ]
    assert stored(db)[0] == sorted(URLS[:3])


def test_extract_reads_parquet_rows_and_names_the_bad_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = [*ARTICLES[:2], {"text": None}]
    table = {key: [r.get(key) for r in records] for key in ("url", "title", "published", "text")}
    archive = write_parquet(tmp_path / "news.parquet", table)

    code, out, err = run(capsys, "extract", "--format", "jsonl", str(archive))

    assert code == 1
    assert [json.loads(line)["source"] for line in out.splitlines()] == URLS[:2]
    assert failed(err) == [
        f'Failed: {archive}, row 3: no text (null in column "text"): nothing to read'
    ]
