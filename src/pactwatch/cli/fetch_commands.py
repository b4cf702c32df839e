"""The fetch command: news pages from the web, previewed or ingested into the ledger."""

from __future__ import annotations

import sys
from typing import Any

import click

from pactwatch.cli.app import Settings, cli, db_option
from pactwatch.cli.fetching import fetch_settings, polite_options
from pactwatch.cli.output import echo_failure, emit, progress
from pactwatch.documents import ReadOptions, Rejected
from pactwatch.model import Document
from pactwatch.pipeline import Summary, fetch_documents, ingest_urls
from pactwatch.sources import Fetcher
from pactwatch.store import Store

PAGE_COLUMNS = ("url", "title", "published", "characters", "document")


def page_row(url: str, document: Document) -> dict[str, Any]:
    """One fetched page as a row: what was asked, and the document it gives."""
    return {
        "url": url,
        "source": document.source,
        "title": document.title,
        "published": document.published.isoformat() if document.published else None,
        "characters": len(document.text),
        "document": document.id[:12],
        "document_id": document.id,
    }


@cli.command(name="fetch")
@click.argument("urls", nargs=-1, required=True, metavar="URL...")
@click.option(
    "--ingest",
    is_flag=True,
    help="Extract the claims and store them with the pages in the ledger (as pactwatch ingest "
    "does); URLs a stored document came from are not fetched again.",
)
@polite_options
@click.option(
    "--refresh", is_flag=True, help="With --ingest: fetch URLs already in the ledger again."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="Without --ingest: table for people, json or csv for scripts.",
)
@db_option
@click.pass_obj
def fetch_command(
    settings: Settings,
    urls: tuple[str, ...],
    ingest: bool,
    contact: str | None,
    delay: float,
    timeout: float,
    max_bytes: int,
    refresh: bool,
    fmt: str,
) -> None:
    """Fetch news pages and read their main text, title and date; with --ingest, store them.

    Polite and bounded: robots.txt is honoured, one host is asked at most once per --delay,
    at most 5 redirects, only HTML and plain-text pages, no page over --max-bytes. Each URL
    that fails gets one line on stderr and the others go on; the exit status is 1 if any
    failed. Rules: docs/sources.md.

    \b
    Examples:
      pactwatch fetch https://example.org/news/pact --contact me@example.org
      pactwatch fetch URL1 URL2 --ingest --delay 2
      PACTWATCH_CONTACT=https://example.org/about pactwatch fetch URL --format json
    """
    fetch = fetch_settings(contact=contact, delay=delay, timeout=timeout, max_bytes=max_bytes)
    options = ReadOptions(max_bytes=max_bytes)
    with Fetcher(fetch) as fetcher:
        if ingest:
            with Store.open(settings.db) as ledger, progress("Fetching", len(urls)) as advance:
                summary = ingest_urls(
                    ledger, urls, fetcher, options, refresh=refresh, on_item=lambda _: advance()
                )
            for failure in summary.failures:
                echo_failure(failure)
            click.echo(summary.line(), err=True)
        else:
            summary = _preview(urls, fetcher, options, fmt)
    if summary.failures:
        sys.exit(1)


def _preview(urls: tuple[str, ...], fetcher: Fetcher, options: ReadOptions, fmt: str) -> Summary:
    """Fetch and read without a ledger: a row per page, a line per failure."""
    summary = Summary()
    rows: list[dict[str, Any]] = []
    with progress("Fetching", len(urls)) as advance:
        for url, read in fetch_documents(dict.fromkeys(urls), fetcher, options):
            if isinstance(read, Rejected):
                summary.failures.append(read)
            elif isinstance(read, Document):
                rows.append(page_row(url, read))
            advance()
    columns = PAGE_COLUMNS if fmt == "table" else (*PAGE_COLUMNS[:-1], "source", "document_id")
    emit(rows, columns, fmt, title=f"{len(rows)} page(s)")
    for failure in summary.failures:
        echo_failure(failure)
    click.echo(f"{len(rows)} page(s) read, {len(summary.failures)} failure(s)", err=True)
    return summary
