"""Storing a stream of extracted documents through one writer, many documents per transaction."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from pactwatch.documents import Rejected
from pactwatch.pipeline import Extracted, Summary
from pactwatch.store import Ledger

Item = Extracted | Rejected
OnItem = Callable[[Item], None]


def store_batched(
    ledger: Ledger,
    items: Iterable[Item],
    *,
    batch: int,
    on_item: OnItem | None = None,
) -> Summary:
    """Count each item and store the extracted ones in order, ``batch`` documents per
    transaction (each batch all or nothing): the ledger a serial run writes."""
    summary = Summary()
    started = time.perf_counter()
    pending: list[Extracted] = []

    def flush() -> None:
        if pending:
            added = ledger.add_documents(
                [(item.document, item.claims) for item in pending],
                {i.document.id: i.signature for i in pending if i.signature is not None},
            )
            summary.stored_documents += added.documents
            summary.stored_claims += added.claims
            pending.clear()

    for item in items:
        if isinstance(item, Rejected):
            (summary.skipped if item.skipped else summary.failures).append(item)
        else:
            summary.documents += 1
            summary.claims += len(item.claims)
            pending.append(item)
            if len(pending) >= batch:
                flush()
        if on_item is not None:
            on_item(item)
    flush()
    summary.seconds = time.perf_counter() - started
    return summary
