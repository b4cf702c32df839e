"""Ingest: read inputs, extract claims, store each document with its claims. Orchestration only."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pactwatch.documents import ReadOptions, Rejected, read_inputs, read_record
from pactwatch.errors import PactwatchError
from pactwatch.extract import extract
from pactwatch.model import Claim, Document
from pactwatch.store import Ledger


@dataclass(frozen=True, slots=True)
class Extracted:
    """A document and the claims read from it."""

    document: Document
    claims: list[Claim]


@dataclass(slots=True)
class Summary:
    """What a batch did: documents read, claims found and stored, failures, time."""

    documents: int = 0
    claims: int = 0
    stored_documents: int = 0
    stored_claims: int = 0
    failures: list[Rejected] = field(default_factory=list)
    seconds: float = 0.0

    def line(self) -> str:
        stored = (
            f" ({self.stored_claims} new, {self.stored_documents} new document(s))"
            if self.stored_documents or self.stored_claims
            else ""
        )
        return (
            f"{self.documents} document(s) read, {self.claims} claim(s) found{stored}, "
            f"{len(self.failures)} failure(s), {self.seconds:.1f}s"
        )


def extract_paths(
    paths: Iterable[Path], options: ReadOptions, summary: Summary
) -> Iterator[Extracted | Rejected]:
    """Extract every readable input; rejections are yielded and counted, never raised. A
    document whose extraction fails is a rejection naming it, and the batch goes on."""
    started = time.perf_counter()
    for read in read_inputs(paths, options):
        item = read if isinstance(read, Rejected) else _extracted(read)
        if isinstance(item, Rejected):
            summary.failures.append(item)
            yield item
            continue
        summary.documents += 1
        summary.claims += len(item.claims)
        yield item
    summary.seconds = time.perf_counter() - started


def _extracted(document: Document) -> Extracted | Rejected:
    """The document's claims, or its failure as a rejection: one bad document (even a bug in
    the rules) must not cost the rest of the batch."""
    try:
        return Extracted(document, extract(document))
    except PactwatchError as error:
        return Rejected(document.source, f"extraction failed: {error}")
    except Exception as error:  # a bug, reported by name: the batch goes on
        said = " ".join(str(error).split())
        return Rejected(
            document.source,
            f"extraction failed (a bug: {type(error).__name__}: {said[:200]}): please report "
            "it with this file",
        )


def ingest(
    ledger: Ledger,
    paths: Iterable[Path],
    options: ReadOptions,
    on_item: Callable[[Extracted | Rejected], None] | None = None,
) -> Summary:
    """Extract and store, one transaction per document: a failure never leaves half a document."""
    summary = Summary()
    for item in extract_paths(paths, options, summary):
        if isinstance(item, Extracted):
            added = ledger.add_document(item.document, item.claims)
            summary.stored_documents += added.documents
            summary.stored_claims += added.claims
        if on_item is not None:
            on_item(item)
    return summary


def ingest_record(ledger: Ledger, record: dict[str, object], where: str) -> Extracted | Rejected:
    """Read one posted record (see :func:`pactwatch.documents.read_record`), extract its
    claims and store both in one transaction; a rejected record stores nothing."""
    item = read_record(record, where)
    if isinstance(item, Rejected):
        return item
    extracted = Extracted(item, extract(item))
    ledger.add_document(extracted.document, extracted.claims)
    return extracted
