"""Extraction in worker processes on one machine (``pactwatch ingest --jobs N``).

The parent reads the inputs and stores the results; workers find HTML pages' main text
(trafilatura, the costly part of reading a web archive), extract and sign the texts. Results
come back in input order (``Pool.imap``), so the ledger is the one a serial run writes: the same
documents, claims and ids, stories and pledges placed alike. Workers are started with
``spawn``: forking a process that runs a progress thread or holds database connections is not
safe.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from pathlib import Path

from pactwatch.documents import Deferred, ReadOptions, Rejected, read_inputs_deferred
from pactwatch.model import Document
from pactwatch.model.stories import signature
from pactwatch.pipeline import Extracted, extract_document

CHUNK = 64
"""Documents sent to a worker at a time: fewer round trips, still an even spread."""


def extract_in_processes(
    paths: Iterable[Path], options: ReadOptions, jobs: int
) -> Iterator[Extracted | Rejected]:
    """Every input's extraction or rejection, in input order, extracted by ``jobs`` workers."""
    context = multiprocessing.get_context("spawn")
    with context.Pool(jobs, initializer=_warm) as pool:
        yield from pool.imap(_extract_one, read_inputs_deferred(paths, options), chunksize=CHUNK)


def _warm() -> None:
    """Load the extraction rules once per worker, before its first document."""
    from pactwatch.extract.engine import default_engine

    default_engine()


def _extract_one(read: Document | Rejected | Deferred) -> Extracted | Rejected:
    """A worker's part: find an HTML page's text, extract, sign."""
    found = read.resolve() if isinstance(read, Deferred) else read
    return found if isinstance(found, Rejected) else signed(extract_document(found))


def signed(item: Extracted | Rejected) -> Extracted | Rejected:
    """The item with its story signature computed here, in the worker, not in the writer."""
    if isinstance(item, Rejected):
        return item
    found = signature(item.document.text)
    return Extracted(item.document, item.claims, found.values if found is not None else b"")
