"""Commands that read articles: extract (no ledger) and ingest (extract and store)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import click

from pactwatch.bulk import BULK_BATCH, ENGINES, ingest_bulk
from pactwatch.cli.app import Settings, cli, db_option, parse_date
from pactwatch.cli.output import echo_failure, echo_line, emit, progress
from pactwatch.cli.views import CLAIM_COLUMNS, claim_row
from pactwatch.documents import DEFAULT_MAX_BYTES, ReadOptions, Rejected, check_encoding
from pactwatch.model import Claim, SpanEvidence, claim_to_record
from pactwatch.pipeline import Extracted, Summary, extract_paths
from pactwatch.reference import Catalog, load_catalog
from pactwatch.store import Store

PATHS = click.argument(
    "paths", nargs=-1, required=True, type=click.Path(path_type=Path, readable=False)
)
"""Paths as given: a missing or unreadable one is the reader's to report (one ``Failed:`` line,
the batch going on), not click's to refuse with the whole command."""
PUBLISHED = click.option(
    "--published",
    callback=parse_date,
    metavar="YYYY-MM-DD",
    help="Publication date for inputs that carry none (anchors 'on Monday').",
)
MAX_BYTES = click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Refuse files, and records of a JSONL file or an archive, larger than this (JSONL "
    "files and archives stream).",
)


def _encoding(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """A click callback: refuse a name that is no text encoding, saying which names work."""
    if value is not None:
        try:
            check_encoding(value)
        except ValueError as error:
            raise click.BadParameter(f"{error}.", param_hint="--encoding") from None
    return value


ENCODING = click.option(
    "--encoding",
    metavar="NAME",
    callback=_encoding,
    help="Text encoding of the input files, used as given (JSONL too), e.g. --encoding cp1252. "
    "Default: detect (BOM, UTF-8, else cp1252 when it reads as Western text; a file that "
    "cannot be told is refused, naming the encoding to give).",
)
ACTOR_FIELDS = ("actor", "guarantor", "beneficiary")
ACTOR_LISTS = ("parties", "participants")


def claim_json(claim: Claim, catalog: Catalog) -> dict[str, Any]:
    """A claim in the extract output shape: actors and arrangements as objects with names."""
    record = claim_to_record(claim)
    for key in ACTOR_FIELDS:
        if key in record:
            record[key] = _actor(record[key], catalog)
    for key in ACTOR_LISTS:
        if key in record:
            record[key] = [_actor(value, catalog) for value in record[key]]
    if record.get("arrangement"):
        found = catalog.arrangements.get(record["arrangement"])
        record["arrangement"] = {"id": record["arrangement"], "name": found.name if found else None}
    record["evidence"] = [
        {"start": e.start, "end": e.end, "text": e.text}
        for e in claim.evidence
        if isinstance(e, SpanEvidence)
    ]
    for key in ("status", "recorded_at", "reviews"):
        record.pop(key, None)
    return record


def _actor(actor_id: str, catalog: Catalog) -> dict[str, Any]:
    found = catalog.actors.get(actor_id)
    return {
        "id": actor_id,
        "name": found.name if found else None,
        "kind": str(found.kind) if found else None,
    }


def document_json(item: Extracted, catalog: Catalog) -> dict[str, Any]:
    """One line of `pactwatch extract --format jsonl`."""
    document = item.document
    published = document.published.isoformat() if document.published else None
    return {
        "source": document.source,
        "document": {"id": document.id, "title": document.title, "published": published},
        "claims": [claim_json(claim, catalog) for claim in item.claims],
    }


SKIPPED_SHOWN = 20
"""At most this many 'Skipped:' lines (a web archive may hold thousands of images)."""


def _finish(summary: Summary) -> None:
    for skipped in summary.skipped[:SKIPPED_SHOWN]:
        echo_line(f"Skipped: {skipped.source}: {skipped.reason}")
    if len(summary.skipped) > SKIPPED_SHOWN:
        click.echo(
            f"Skipped: {len(summary.skipped) - SKIPPED_SHOWN} more record(s) that hold no article.",
            err=True,
        )
    for failure in summary.failures:
        echo_failure(failure)
    click.echo(summary.line(), err=True)
    if summary.failures:
        sys.exit(1)


@cli.command(name="extract")
@PATHS
@PUBLISHED
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "jsonl", "csv"]),
    default="table",
    show_default=True,
    help="table for people; json: a list of documents with their claims; jsonl: one such "
    "object per line, printed as each document is read; csv: one row per claim, with its "
    "document and sentence.",
)
@MAX_BYTES
@ENCODING
def extract_command(
    paths: tuple[Path, ...],
    published: dt.date | None,
    fmt: str,
    max_bytes: int,
    encoding: str | None,
) -> None:
    """Read articles and print the claims found, each with its sentence. No ledger needed.

    PATH is a .txt/.md file, an .html page, a .jsonl file of {"url", "title", "published",
    "text"} records, a .jsonl.gz, .parquet or .warc/.warc.gz archive (read record by
    record), or a folder of them (read recursively).

    \b
    Examples:
      pactwatch extract article.txt --published 2026-01-06
      pactwatch extract news/ --format jsonl > claims.jsonl
      pactwatch extract news/ --format csv > claims.csv
    """
    catalog = load_catalog()
    summary = Summary()
    rows: list[dict[str, Any]] = []
    documents: list[dict[str, Any]] = []

    def show(item: Extracted | Rejected) -> None:
        if isinstance(item, Rejected):
            return
        if fmt == "jsonl":
            click.echo(json.dumps(document_json(item, catalog), ensure_ascii=False))
        elif fmt == "json":
            documents.append(document_json(item, catalog))
        else:
            rows.extend(
                claim_row(claim, catalog)
                | {"document": item.document.source, "sentence": claim.evidence[0].quote}
                for claim in item.claims
            )

    options = ReadOptions(published=published, max_bytes=max_bytes, encoding=encoding)
    with progress("Reading") as advance:
        for item in extract_paths(paths, options, summary):
            show(item)
            advance()
    if fmt == "table":
        emit(rows, CLAIM_COLUMNS, "table", title=f"{len(rows)} claim(s)")
    elif fmt == "csv":
        emit(rows, ("document", *CLAIM_COLUMNS, "sentence"), "csv")
    elif fmt == "json":
        click.echo(json.dumps(documents, indent=2, ensure_ascii=False))
    _finish(summary)


@cli.command(name="ingest")
@PATHS
@PUBLISHED
@MAX_BYTES
@ENCODING
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Extract in this many worker processes (with --engine ray: Ray workers). The ledger "
    "is the one a serial run writes.",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="local",
    show_default=True,
    help="local: this machine's processes; ray: Ray Data, on a local Ray or the cluster "
    "named by RAY_ADDRESS (pip install 'pactwatch[ray]').",
)
@click.option(
    "--batch",
    type=click.IntRange(min=1),
    metavar="N",
    help=f"Documents stored per transaction. Default: 1, or {BULK_BATCH} with --jobs > 1 or "
    "--engine ray.",
)
@click.option(
    "--staging",
    type=click.Path(file_okay=False, path_type=Path),
    help="With --engine ray: keep the staged claims (Parquet) in this folder; on a cluster it "
    "must be storage every node sees. Default: a temporary folder.",
)
@db_option
@click.pass_obj
def ingest_command(
    settings: Settings,
    paths: tuple[Path, ...],
    published: dt.date | None,
    max_bytes: int,
    encoding: str | None,
    jobs: int,
    engine: str,
    batch: int | None,
    staging: Path | None,
) -> None:
    """Read articles, extract claims and store them with their evidence in the ledger.

    Each document is stored in one transaction with its claims (with --batch N, N documents
    per transaction); the same text twice is stored once. A bad file or record is reported
    and skipped; the exit status is 1 if any failed. With --jobs N extraction runs in N
    processes, with --engine ray on Ray Data; either way the documents are stored in input
    order through one writer, so the ledger equals a serial run's (docs/scale.md).

    \b
    Examples:
      pactwatch ingest demo/articles/
      pactwatch ingest article.txt --published 2026-01-06
      pactwatch ingest crawl.warc.gz --jobs 2
      pactwatch ingest news-2024/*.parquet --engine ray --jobs 8
    """
    if staging is not None and engine != "ray":
        raise click.BadParameter(
            "keeps Ray's staged claims: add --engine ray.", param_hint="--staging"
        )
    options = ReadOptions(published=published, max_bytes=max_bytes, encoding=encoding)
    with Store.open(settings.db) as ledger, progress("Ingesting") as advance:
        summary = ingest_bulk(
            ledger,
            list(paths),
            options,
            engine=engine,
            jobs=jobs,
            batch=batch,
            staging=staging,
            on_item=lambda _: advance(),
        )
    _finish(summary)
