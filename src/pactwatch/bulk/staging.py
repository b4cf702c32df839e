"""The staged results of a Ray run: one Parquet row per input record, claims as JSON.

Columns: ``file`` and ``record`` (the input's position: which file of the run, which record
of that file, so the loader can store in input order), ``source``, ``document`` (the
document as one line of the import format, or null), ``claims`` (a JSON list of claim lines
in the import format, docs/import-format.md), ``reason`` (why the record gave no document)
``skipped`` (true when the record holds no article, which is no failure) and ``signature``
(the text's story signature, b"" when too short to sign, null when not computed).
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pactwatch.documents import Rejected
from pactwatch.errors import InputError
from pactwatch.model import (
    ClaimWithReviews,
    Document,
    claim_to_record,
    document_to_record,
    parse_record,
)
from pactwatch.pipeline import Extracted

COLUMNS = ("file", "record", "source", "document", "claims", "reason", "skipped", "signature")


def _schema() -> Any:
    import pyarrow as pa

    return pa.schema(
        [
            ("file", pa.int64()),
            ("record", pa.int64()),
            ("source", pa.string()),
            ("document", pa.string()),
            ("claims", pa.string()),
            ("reason", pa.string()),
            ("skipped", pa.bool_()),
            ("signature", pa.binary()),
        ]
    )


STAGED_SCHEMA = _schema()


def to_row(file: int, record: int, item: Extracted | Rejected) -> dict[str, Any]:
    """One staged row."""
    if isinstance(item, Rejected):
        return {
            "file": file,
            "record": record,
            "source": item.source,
            "document": None,
            "claims": "[]",
            "reason": item.reason,
            "skipped": item.skipped,
            "signature": None,
        }
    return {
        "file": file,
        "record": record,
        "source": item.document.source,
        "document": json.dumps(document_to_record(item.document), ensure_ascii=False),
        "claims": json.dumps([claim_to_record(c) for c in item.claims], ensure_ascii=False),
        "reason": None,
        "skipped": False,
        "signature": item.signature,
    }


def from_row(row: dict[str, Any]) -> Extracted | Rejected:
    """What a staged row holds, read back exactly (claim ids are recomputed and checked)."""
    if row["document"] is None:
        return Rejected(row["source"], row["reason"] or "no document", bool(row["skipped"]))
    document = parse_record(json.loads(row["document"]))
    if not isinstance(document, Document):
        raise InputError(f"Staged row for {row['source']} holds no document line.")
    claims = []
    for line in json.loads(row["claims"]):
        claim = parse_record(line)
        if not isinstance(claim, ClaimWithReviews):
            raise InputError(f"Staged row for {row['source']} holds a document among its claims.")
        claims.append(claim.claim)
    return Extracted(document, claims, row.get("signature"))


def read_staged(folder: Path) -> Iterator[Extracted | Rejected]:
    """The staged rows of ``folder`` in input order. Only the two position columns of the
    whole run are held at once; each row's content is read when its turn comes, one row group
    at a time."""
    import pyarrow.parquet as pq

    files = sorted(folder.glob("*.parquet"))
    if not files:
        raise InputError(f"No staged Parquet files in {folder}: the Ray run wrote nothing.")
    positions = []
    for index, path in enumerate(files):
        table = pq.read_table(path, columns=["file", "record"])
        for row, (file, record) in enumerate(
            zip(table.column("file").to_pylist(), table.column("record").to_pylist(), strict=True)
        ):
            positions.append((file, record, index, row))
    positions.sort()
    readers = [_RowGroups(pq.ParquetFile(path)) for path in files]
    for _file, _record, index, row in positions:
        yield from_row(readers[index].row(row))


class _RowGroups:
    """Random access to the rows of one Parquet file, one decoded row group kept at a time."""

    def __init__(self, parquet: Any) -> None:
        self.parquet = parquet
        starts, total = [], 0
        for group in range(parquet.metadata.num_row_groups):
            starts.append(total)
            total += parquet.metadata.row_group(group).num_rows
        self.starts = starts
        self.group = -1
        self.rows: list[dict[str, Any]] = []

    def row(self, number: int) -> dict[str, Any]:
        group = bisect.bisect_right(self.starts, number) - 1
        if group != self.group:
            self.rows = self.parquet.read_row_group(group, columns=list(COLUMNS)).to_pylist()
            self.group = group
        return self.rows[number - self.starts[group]]
