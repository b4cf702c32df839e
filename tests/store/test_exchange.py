"""Import and export: clear errors with file and line, nothing half-written, three formats."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from pactwatch.errors import InputError, MalformedInputError, UnknownIdError
from pactwatch.store import ExportFormat, Store, export_ledger, import_lines
from pactwatch.store.exchange import FLAT_COLUMNS, import_file
from tests.conftest import CITE, MEMBERSHIP_RECORD

GOOD = MEMBERSHIP_RECORD
COMMITMENT = {
    "type": "commitment",
    "guarantor": "CAN",
    "beneficiary": "UKR",
    "category": "military_training",
    "arrangement": "coalition-of-the-willing",
    "condition": {"kind": "peace_agreement", "text": "after a peace agreement"},
    "amount": {"value": 3.02e9, "currency": "CAD"},
    "start": "2026-01-06",
    "evidence": CITE,
}


def lines(*records: Any) -> list[str]:
    return [record if isinstance(record, str) else json.dumps(record) for record in records]


def test_import_adds_claims_and_is_idempotent(ledger: Store) -> None:
    first = import_lines(ledger, lines(GOOD, COMMITMENT, "", "// a comment"), source="a.jsonl")
    again = import_lines(ledger, lines(GOOD, COMMITMENT), source="a.jsonl")
    assert (first.claims, first.added.claims) == (2, 2)
    assert again.added.claims == 0
    assert ledger.counts()["commitment"] == 1


@pytest.mark.parametrize(
    ("bad", "error", "message"),
    [
        (GOOD | {"actor": "Kanada"}, UnknownIdError, r"line 2: field 'actor'.*Canada \(CAN\)"),
        (
            GOOD | {"arrangement": "coalition-of-the-wiling"},
            UnknownIdError,
            r"line 2: .*Did you mean .*coalition-of-the-willing",
        ),
        (COMMITMENT | {"category": "training"}, UnknownIdError, r"line 2: field 'category'"),
        ('{"type": "membership", "actor": "CAN"', MalformedInputError, r"line 2: not valid JSON"),
        (GOOD | {"evidence": []}, InputError, r"line 2: field 'evidence'"),
    ],
)
def test_bad_line_names_file_line_and_fix_and_writes_nothing(
    ledger: Store, bad: Any, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message) as caught:
        import_lines(ledger, lines(GOOD, bad), source="claims.jsonl")
    assert str(caught.value).startswith("claims.jsonl, line 2:")
    assert ledger.counts() == {"documents": 0, "reviews": 0}


def test_import_keeps_what_was_stored_before_a_bad_file(ledger: Store) -> None:
    import_lines(ledger, lines(GOOD), source="good.jsonl")
    with pytest.raises(UnknownIdError):
        import_lines(ledger, lines(COMMITMENT | {"guarantor": "XXX"}), source="bad.jsonl")
    assert ledger.counts()["membership"] == 1


def test_span_evidence_needs_its_document_in_the_file(ledger: Store) -> None:
    claim = GOOD | {"evidence": [{"document": "a" * 64, "start": 0, "end": 5, "text": "Canad"}]}
    with pytest.raises(InputError, match="not in the file"):
        import_lines(ledger, lines(claim), source="x.jsonl")


def test_non_utf8_file_is_reported_with_the_fix(ledger: Store, tmp_path: Path) -> None:
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(json.dumps(GOOD | {"place": "Montréal"}, ensure_ascii=False).encode("latin-1"))
    with pytest.raises(MalformedInputError, match="not UTF-8"):
        import_file(ledger, path)


def test_missing_file_is_named(ledger: Store, tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"absent\.jsonl: no such file: check the path"):
        import_file(ledger, tmp_path / "absent.jsonl")


def test_import_reads_line_by_line_each_line_bounded(ledger: Store, tmp_path: Path) -> None:
    """One line longer than the limit is refused by number, never held whole in memory."""
    path = tmp_path / "long.jsonl"
    path.write_text(json.dumps(GOOD) + "\n" + json.dumps(GOOD | {"place": "x" * 5000}) + "\n")
    with pytest.raises(InputError, match=r"long\.jsonl, line 2: over the 1,000-byte limit"):
        import_file(ledger, path, max_line_bytes=1000)
    assert ledger.counts() == {"documents": 0, "reviews": 0}
    assert import_file(ledger, path, max_line_bytes=10_000).added.claims == 2


def test_non_utf8_line_is_named_by_line_and_byte(ledger: Store, tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    second = json.dumps(GOOD | {"place": "Montréal"}, ensure_ascii=False).encode("latin-1")
    path.write_bytes(json.dumps(GOOD).encode() + b"\r\n" + second)
    at = len(json.dumps(GOOD)) + 2 + second.index(b"\xe9")
    with pytest.raises(MalformedInputError, match=rf"not UTF-8 text \(line 2, byte {at}\)"):
        import_file(ledger, path)


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/null"])
def test_import_refuses_a_device_without_reading_it(
    ledger: Store, tmp_path: Path, target: str
) -> None:
    link = tmp_path / "endless.jsonl"
    link.symlink_to(target)
    with pytest.raises(InputError, match=r"endless\.jsonl: not a regular file but a device"):
        import_file(ledger, link)


def test_csv_export_has_one_row_per_claim(ledger: Store) -> None:
    import_lines(ledger, lines(GOOD, COMMITMENT))
    out = io.BytesIO()
    assert export_ledger(ledger, ExportFormat.CSV, out) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue().decode("utf-8"))))
    assert tuple(rows[0]) == FLAT_COLUMNS
    commitment = next(row for row in rows if row["type"] == "commitment")
    assert commitment["condition_kind"] == "peace_agreement"
    assert float(commitment["amount_value"]) == 3.02e9
    assert commitment["evidence_source"] == "https://example.org/a"


def test_parquet_export_reads_back(ledger: Store) -> None:
    import_lines(ledger, lines(GOOD, COMMITMENT))
    out = io.BytesIO()
    export_ledger(ledger, ExportFormat.PARQUET, out)
    table = pq.read_table(io.BytesIO(out.getvalue()))
    assert table.num_rows == 2
    assert table.column_names == list(FLAT_COLUMNS)
    assert sorted(table.column("type").to_pylist()) == ["commitment", "membership"]
