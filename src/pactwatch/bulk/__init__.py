"""Bulk ingestion: extraction spread over processes or a Ray cluster, stored through one
writer in input order, so that any engine writes the ledger a serial run writes."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pactwatch.documents import ReadOptions
from pactwatch.pipeline import OnItem, Summary, extracted_inputs, store_items
from pactwatch.store import Store

ENGINES = ("local", "ray")
BULK_BATCH = 500
"""Documents per transaction when extraction runs in parallel (a serial run writes one)."""


def ingest_bulk(
    ledger: Store,
    paths: Sequence[Path],
    options: ReadOptions,
    *,
    engine: str = "local",
    jobs: int = 1,
    batch: int | None = None,
    staging: Path | None = None,
    on_item: OnItem | None = None,
) -> Summary:
    """Extract ``paths`` with ``jobs`` workers (local processes, or Ray workers with
    ``engine="ray"``) and store every document with its claims, ``batch`` documents per
    transaction. The ledger equals a serial run's: same documents, claims and ids."""
    parallel = engine == "ray" or jobs > 1
    size = batch or (BULK_BATCH if parallel else 1)
    if engine == "ray":
        from pactwatch.bulk.on_ray import extract_on_ray

        items = extract_on_ray(paths, options, jobs, staging)
    elif jobs > 1:
        from pactwatch.bulk.processes import extract_in_processes

        items = extract_in_processes(paths, options, jobs)
    else:
        items = extracted_inputs(paths, options)
    return store_items(ledger, items, batch=size, on_item=on_item)


__all__ = ["BULK_BATCH", "ENGINES", "ingest_bulk"]
