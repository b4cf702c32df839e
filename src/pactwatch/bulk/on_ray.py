"""Extraction on Ray Data (``pactwatch ingest --engine ray``): read shards, extract in
parallel workers, stage the claims as Parquet, then store them through one writer.

Each input file is a shard: a task reads it record by record (the archive readers of
:mod:`pactwatch.documents`, so every record gets the reason a serial run gives it), workers
extract batches of documents, and the results are written as Parquet to a staging folder
(:mod:`pactwatch.bulk.staging`). The parent then stores the staged rows in input order, so the
ledger equals a serial run's. On a cluster (``RAY_ADDRESS`` set, as under ``ray job submit``)
the inputs and the staging folder must be on storage every node sees; see docs/scale.md.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pactwatch.bulk.processes import signed
from pactwatch.bulk.staging import STAGED_SCHEMA, from_row, read_staged, to_row
from pactwatch.documents import ReadOptions, Rejected, read_inputs
from pactwatch.errors import PactwatchError
from pactwatch.pipeline import Extracted, extract_document

BATCH_DOCUMENTS = 64
"""Documents a worker extracts per batch."""
READ_CPUS = 0.25
"""CPUs a read or write task reserves (both are light next to extraction)."""
BLOCK_BYTES = 1 << 20
"""Target size of the blocks a read task yields (about 500 news reports)."""


class RayMissingError(PactwatchError):
    """Ray is not installed."""


def extract_on_ray(
    paths: Sequence[Path], options: ReadOptions, workers: int, staging: Path | None = None
) -> Iterator[Extracted | Rejected]:
    """Every input's extraction or rejection in input order, extracted by ``workers`` Ray
    workers; the staged Parquet stays in ``staging`` when given, else in a folder removed
    after the run."""
    ray, data = _ray()
    with _session(ray, workers), _folder(staging) as folder:
        shards = data.from_items(
            [{"file": n, "path": str(path)} for n, path in enumerate(paths)],
            override_num_blocks=max(1, len(paths)),
        )
        # Records are read to the object store first (spilled to disk past its size):
        # streamed, a file's read task was throttled so that extraction ran one task at a
        # time (measured: 2 workers no faster than 1). Reading is light, so a read task
        # reserves a fraction of a CPU.
        records = shards.flat_map(_ReadShard(options), num_cpus=READ_CPUS).materialize()
        extracted = records.map_batches(
            _extract_batch,
            batch_format="pyarrow",
            batch_size=BATCH_DOCUMENTS,
            concurrency=workers,
            num_cpus=1,
        )
        extracted.write_parquet(str(folder), ray_remote_args={"num_cpus": READ_CPUS})
        yield from read_staged(folder)


def _ray() -> tuple[Any, Any]:
    try:
        import ray
        import ray.data
    except ImportError:
        raise RayMissingError(
            "--engine ray needs Ray: install it with pip install 'pactwatch[ray]', or use "
            "--jobs N to extract in local processes."
        ) from None
    return ray, ray.data


@contextmanager
def _session(ray: Any, workers: int) -> Iterator[None]:
    """Join the cluster named by RAY_ADDRESS, else start a local Ray with ``workers`` CPUs;
    a Ray the caller started is left running."""
    started = not ray.is_initialized()
    if started:
        local = "RAY_ADDRESS" not in os.environ
        ray.init(
            num_cpus=workers if local else None,
            include_dashboard=False,
            log_to_driver=False,
            configure_logging=False,
        )
    context = ray.data.DataContext.get_current()
    # Ray Data's default reserves a share of the CPUs for each operator; on a small machine
    # that left extraction one CPU while the light read and write held the other
    context.op_resource_reservation_enabled = False
    # a file's records leave its read task in blocks of about this size, so that its
    # extraction spreads over the workers (by default a whole file of under 128 MiB would be
    # one block, extracted by one worker)
    context.target_max_block_size = BLOCK_BYTES
    # preserve_order stays off: the staged rows carry their position and the loader stores
    # them in input order; preserving order in Ray ran extraction one task at a time
    context.enable_progress_bars = False
    try:
        yield
    finally:
        if started:
            ray.shutdown()


@contextmanager
def _folder(staging: Path | None) -> Iterator[Path]:
    if staging is not None:
        staging.mkdir(parents=True, exist_ok=True)
        yield staging
        return
    with tempfile.TemporaryDirectory(prefix="pactwatch-staging-") as made:
        yield Path(made)


class _ReadShard:
    """A Ray task's reading of one input file: one row per record, documents as import lines."""

    def __init__(self, options: ReadOptions) -> None:
        self.options = options

    def __call__(self, shard: dict[str, Any]) -> Iterator[dict[str, Any]]:
        for record, read in enumerate(read_inputs([Path(shard["path"])], self.options)):
            item = read if isinstance(read, Rejected) else Extracted(read, [])
            yield to_row(shard["file"], record, item)


def _extract_batch(batch: Any) -> Any:
    """Extract the documents of a batch of staged rows (a pyarrow table; rejections pass
    through)."""
    import pyarrow as pa

    out = []
    for row in batch.to_pylist():
        item = from_row(row)
        if isinstance(item, Extracted):
            item = signed(extract_document(item.document))
        out.append(to_row(row["file"], row["record"], item))
    return pa.Table.from_pylist(out, schema=STAGED_SCHEMA)
