"""Moving claims in and out of a ledger: JSONL import, JSONL / CSV / Parquet export."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

from pactwatch.errors import InputError, MalformedInputError, PactwatchError
from pactwatch.model import (
    AgreementClaim,
    Claim,
    ClaimWithReviews,
    CommitmentClaim,
    Document,
    MeetingClaim,
    MembershipClaim,
    SpanEvidence,
)
from pactwatch.reference import Catalog, load_catalog
from pactwatch.store.ledger import Added, Store

MAX_LINE_BYTES = 50_000_000
"""The longest line `pactwatch import` reads: ten times the reader's default limit, so that
a document read at that limit fits even with every character escaped in JSON."""


class ExportFormat(StrEnum):
    """Formats `pactwatch export` writes."""

    JSONL = "jsonl"
    CSV = "csv"
    PARQUET = "parquet"


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import read and added."""

    lines: int
    documents: int
    claims: int
    added: Added


def parse_lines(
    lines: Iterable[str], *, source: str = "<input>", catalog: Catalog | None = None
) -> list[Document | ClaimWithReviews]:
    """Parse and check every line; the first problem raises InputError naming file and line."""
    from pactwatch.model.records import parse_record  # deferred: docs/startup.md

    catalog = catalog or load_catalog()
    items: list[Document | ClaimWithReviews] = []
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if not text or text.startswith("//"):
            continue
        try:
            record = _decode(text)
            _check_no_nul(record)
            item = parse_record(record)
            if isinstance(item, ClaimWithReviews):
                check_ids(item.claim, catalog)
        except PactwatchError as error:
            raise type(error)(f"{source}, line {number}: {error}") from None
        items.append(item)
    _check_span_documents(items, source)
    return items


def jsonl_lines(text: str) -> list[str]:
    """The lines of a JSONL text: split on newlines only, since JSON strings may hold U+2028."""
    return [line.removesuffix("\r") for line in text.split("\n")]


def _decode(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise MalformedInputError(
            f"not valid JSON ({error.msg} at column {error.colno}): "
            "each line must be one JSON object"
        ) from None


def _check_no_nul(value: Any, where: str = "") -> None:
    """Refuse a NUL character (U+0000) in any string of a record, naming its field: PostgreSQL
    cannot store one in text, and every backend must take the same lines."""
    if isinstance(value, str):
        if "\x00" in value:
            raise MalformedInputError(f"NUL character in {where or 'the line'!r}: remove it")
    elif isinstance(value, dict):
        for key, item in value.items():
            name = f"{where}.{key}" if where else str(key)
            if "\x00" in str(key):
                raise MalformedInputError(f"NUL character in the field name {name!r}: remove it")
            _check_no_nul(item, name)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_no_nul(item, f"{where}[{index}]")


def check_ids(claim: Claim, catalog: Catalog) -> None:
    """Every actor and arrangement a claim names must be in the reference data."""
    for actor, role in claim.actor_roles():
        catalog.actor(actor, field_name=role)
    arrangement = getattr(claim, "arrangement", None)
    if arrangement is not None:
        catalog.arrangement(arrangement)


def _check_span_documents(items: list[Document | ClaimWithReviews], source: str) -> None:
    seen = {item.id for item in items if isinstance(item, Document)}
    for item in items:
        if isinstance(item, ClaimWithReviews):
            for evidence in item.claim.evidence:
                if isinstance(evidence, SpanEvidence) and evidence.document not in seen:
                    raise InputError(
                        f"{source}: claim {item.claim.id} cites document "
                        f"{evidence.document[:12]}..., which is not in the file: export it "
                        "with its documents (`pactwatch export`) or use citation evidence."
                    )


def import_lines(ledger: Store, lines: Iterable[str], *, source: str = "<input>") -> ImportReport:
    """Import a JSONL stream into the ledger: all lines are checked before anything is written."""
    collected = list(lines)
    items = parse_lines(collected, source=source)
    added = ledger.add(items)
    documents = sum(1 for item in items if isinstance(item, Document))
    return ImportReport(
        lines=len(collected), documents=documents, claims=len(items) - documents, added=added
    )


def import_file(ledger: Store, path: Path, *, max_line_bytes: int = MAX_LINE_BYTES) -> ImportReport:
    """Import a JSONL file; the error names the file (and the line). The file is read as the
    reader reads inputs (:mod:`pactwatch.documents.reader`): only a regular file, judged by
    ``stat`` before it is opened (a FIFO, a device, a folder are refused unopened), line by
    line with each line bounded by ``max_line_bytes``."""
    return import_lines(ledger, read_jsonl_lines(path, max_line_bytes), source=str(path))


def read_jsonl_lines(path: Path, max_line_bytes: int = MAX_LINE_BYTES) -> list[str]:
    """The lines of a UTF-8 JSONL file, or an :class:`InputError` naming it with the fix."""
    from pactwatch.documents.reader import (
        bounded_lines,
        not_a_regular_file,
        open_regular,
        os_reason,
    )

    refusal = not_a_regular_file(
        path, folder="a folder, not a file: give the .jsonl files in it (FOLDER/*.jsonl)"
    )
    stream = open_regular(path) if refusal is None else refusal
    if isinstance(stream, str):
        raise InputError(f"{path}: {stream}")
    found: list[str] = []
    offset = 0
    try:
        with stream:
            for number, line in bounded_lines(stream, max_line_bytes):
                if line is None:
                    raise InputError(
                        f"{path}, line {number}: over the {max_line_bytes:,}-byte limit of one "
                        "line: import the document's claims with citation evidence, or ingest "
                        "its text instead"
                    )
                try:
                    found.append(line.decode("utf-8").removesuffix("\n").removesuffix("\r"))
                except UnicodeDecodeError as error:
                    raise MalformedInputError(
                        f"{path} is not UTF-8 text (line {number}, byte {offset + error.start}): "
                        "save it as UTF-8 JSONL."
                    ) from None
                offset += len(line)
    except OSError as error:
        raise InputError(f"{path}: {os_reason(path, error)}") from None
    return found


# ---------------------------------------------------------------- export


def export_records(ledger: Store) -> Iterator[dict[str, Any]]:
    """Every document, then every claim with its review history, as JSON records."""
    from pactwatch.model.records import claim_to_record, document_to_record  # deferred

    for document in ledger.documents():
        yield document_to_record(document)
    found = ledger.claims()
    histories = ledger.histories([claim.id for claim in found])
    for claim in found:
        yield claim_to_record(claim, histories[claim.id])


FLAT_COLUMNS = (
    "id",
    "type",
    "status",
    "date",
    "end",
    "actor",
    "guarantor",
    "beneficiary",
    "parties",
    "participants",
    "arrangement",
    "action",
    "category",
    "condition_kind",
    "condition_text",
    "deadline_hours",
    "modality",
    "amount_value",
    "amount_currency",
    "duration_years",
    "name",
    "kind",
    "place",
    "confidence",
    "producer",
    "recorded_at",
    "evidence_source",
    "evidence_text",
)


def flat_row(claim: Claim) -> dict[str, Any]:
    """One claim as a flat row for spreadsheets (CSV, Parquet)."""
    row: dict[str, Any] = dict.fromkeys(FLAT_COLUMNS)
    row.update(
        id=claim.id,
        type=str(claim.type),
        status=str(claim.status),
        confidence=claim.confidence,
        producer=claim.producer,
        recorded_at=claim.recorded_at.isoformat() if claim.recorded_at else None,
    )
    first = claim.evidence[0]
    source = (
        f"{first.document}:{first.start}-{first.end}"
        if isinstance(first, SpanEvidence)
        else first.url
    )
    row.update(evidence_source=source, evidence_text=first.quote)
    row.update(_specific(claim))
    return row


def _specific(claim: Claim) -> dict[str, Any]:
    day = claim.valid_span()[0]
    common: dict[str, Any] = {"date": day.isoformat() if day else None}
    if isinstance(claim, MembershipClaim):
        return common | {
            "actor": claim.actor,
            "arrangement": claim.arrangement,
            "action": str(claim.action),
            "place": claim.place,
        }
    if isinstance(claim, CommitmentClaim):
        end = claim.valid_span()[1]
        return common | {
            "guarantor": claim.guarantor,
            "beneficiary": claim.beneficiary,
            "arrangement": claim.arrangement,
            "category": str(claim.category),
            "condition_kind": str(claim.condition.kind),
            "condition_text": claim.condition.text,
            "deadline_hours": claim.condition.deadline_hours,
            "modality": str(claim.modality),
            "amount_value": claim.amount.value if claim.amount else None,
            "amount_currency": claim.amount.currency if claim.amount else None,
            "duration_years": claim.duration.years if claim.duration else None,
            "end": end.isoformat() if end else None,
        }
    if isinstance(claim, AgreementClaim):
        return common | {
            "parties": ";".join(claim.parties),
            "kind": str(claim.kind),
            "name": claim.name,
            "arrangement": claim.arrangement,
            "place": claim.place,
            "duration_years": claim.duration.years if claim.duration else None,
        }
    assert isinstance(claim, MeetingClaim)
    return common | {"participants": ";".join(claim.participants), "place": claim.place}


def export_ledger(ledger: Store, fmt: ExportFormat, out: IO[bytes]) -> int:
    """Write the whole ledger to ``out`` in ``fmt``; returns the number of records written."""
    if fmt is ExportFormat.JSONL:
        count = 0
        for record in export_records(ledger):
            out.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
            count += 1
        return count
    rows = [flat_row(claim) for claim in ledger.claims()]
    if fmt is ExportFormat.CSV:
        text = io.StringIO(newline="")
        writer = csv.DictWriter(text, fieldnames=FLAT_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        out.write(text.getvalue().encode("utf-8"))
        return len(rows)
    _write_parquet(rows, out)
    return len(rows)


def _write_parquet(rows: list[dict[str, Any]], out: IO[bytes]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    numeric = {
        "confidence": pa.float64(),
        "amount_value": pa.float64(),
        "deadline_hours": pa.int64(),
        "duration_years": pa.int64(),
    }
    schema = pa.schema([(name, numeric.get(name, pa.string())) for name in FLAT_COLUMNS])
    table = pa.Table.from_pylist(rows, schema=schema)
    pq.write_table(table, out)
