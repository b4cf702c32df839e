"""Following feeds: `pactwatch sources add|list|remove` and `pactwatch watch`."""

from __future__ import annotations

import datetime as dt
import re
import sys
import time

import click

from pactwatch.cli.app import Settings, cli, db_option
from pactwatch.cli.fetching import fetch_settings, polite_options
from pactwatch.cli.output import FORMAT_OPTION, echo_failure, emit
from pactwatch.documents import ReadOptions
from pactwatch.pipeline import watch_round
from pactwatch.sources import Fetcher
from pactwatch.store import Store, utc_now
from pactwatch.store.feeds import MAX_ENTRY_FAILURES

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
SOURCE_COLUMNS = (
    "url",
    "last_checked",
    "failures",
    "next_due",
    "pending",
    "given_up",
    "last_error",
)


def parse_every(
    _ctx: click.Context | None, _param: click.Parameter | None, value: str
) -> dt.timedelta:
    """``15m``, ``90s``, ``2h``, ``1d`` to a duration of at least a second."""
    found = re.fullmatch(r"\s*(\d+)\s*([smhd])\s*", value or "")
    if not found or int(found[1]) == 0:
        raise click.BadParameter(
            f"{value!r} is not a duration: write a number and s, m, h or d, e.g. 15m.",
            param_hint="--every",
        )
    return dt.timedelta(seconds=int(found[1]) * UNITS[found[2]])


@cli.group(name="sources")
def sources() -> None:
    """The feeds and sitemaps the ledger follows with `pactwatch watch`: add, list, remove.

    \b
    Examples:
      pactwatch sources add https://example.org/feed.xml
      pactwatch sources list --format json
      pactwatch sources remove https://example.org/feed.xml
    """


@sources.command("add")
@click.argument("urls", nargs=-1, required=True, metavar="URL...")
@db_option
@click.pass_obj
def sources_add(settings: Settings, urls: tuple[str, ...]) -> None:
    """Add RSS, Atom or JSON feeds or sitemaps to the list `pactwatch watch` reads.

    \b
    Example:
      pactwatch sources add https://example.org/feed.xml https://example.org/sitemap.xml
    """
    bad = [url for url in urls if not url.startswith(("http://", "https://"))]
    if bad:
        raise click.BadParameter(
            f"{bad[0]!r} is not an http(s) URL: give a URL starting with https://",
            param_hint="URL",
        )
    with Store.open(settings.db) as ledger:
        new = ledger.feeds.add(urls, utc_now())
    click.echo(f"{len(new)} feed(s) added, {len(urls) - len(new)} already followed", err=True)


@sources.command("list")
@FORMAT_OPTION
@db_option
@click.pass_obj
def sources_list(settings: Settings, fmt: str) -> None:
    """List the followed feeds: last check, failures in a row, next due, pages not stored
    (pending: still tried; given_up: failed 5 times, see `pactwatch watch --retry-failed`)."""
    with Store.open(settings.db) as ledger:
        rows = [
            {
                "url": state.url,
                "last_checked": _when(state.last_checked),
                "failures": state.failures,
                "next_due": _when(state.next_due),
                "pending": state.pending,
                "given_up": state.given_up,
                "last_error": state.last_error,
            }
            for state in ledger.feeds.all()
        ]
    emit(rows, SOURCE_COLUMNS, fmt, title=f"{len(rows)} feed(s)")


@sources.command("remove")
@click.argument("urls", nargs=-1, required=True, metavar="URL...")
@db_option
@click.pass_obj
def sources_remove(settings: Settings, urls: tuple[str, ...]) -> None:
    """Stop following feeds; the documents already stored from them stay."""
    with Store.open(settings.db) as ledger:
        gone = ledger.feeds.remove(urls)
    unknown = [url for url in urls if url not in gone]
    for url in unknown:
        click.echo(f"Not followed: {url}", err=True)
    click.echo(f"{len(gone)} feed(s) removed", err=True)


def _when(value: dt.datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


@cli.command(name="watch")
@click.argument("feeds", nargs=-1, metavar="[FEED_OR_SITEMAP]...")
@click.option(
    "--every",
    default="15m",
    show_default=True,
    callback=parse_every,
    help="Time between rounds (s, m, h, d); also the base of a failing feed's back-off.",
)
@click.option("--once", is_flag=True, help="One round, then exit (for cron).")
@click.option(
    "--retry-failed",
    is_flag=True,
    help=f"First put the pages given up (failed {MAX_ENTRY_FAILURES} times) back to pending, "
    "for the FEEDs given or every feed.",
)
@polite_options
@db_option
@click.pass_obj
def watch_command(
    settings: Settings,
    feeds: tuple[str, ...],
    every: dt.timedelta,
    once: bool,
    retry_failed: bool,
    contact: str | None,
    delay: float,
    timeout: float,
    max_bytes: int,
) -> None:
    """Follow feeds and sitemaps: fetch, extract and store the pages they announce.

    RSS, Atom, JSON Feed and (news) sitemaps. FEEDs given are read and added to the ledger's
    list (`pactwatch sources`); without any, every feed on the list is read. Each feed is
    asked with a conditional GET (a 304 costs nothing); its state lives in the ledger, so a
    run killed at any moment resumes with nothing fetched twice and nothing lost. A failing
    feed waits 2^failures x --every (at most a day); a page that failed 5 times is given up
    until --retry-failed. Each round ends with one line; failures get one line each.
    `pactwatch diff` shows what was learned. Robots.txt Crawl-delay is honoured. Rules:
    docs/sources.md.

    \b
    Examples:
      pactwatch watch https://example.org/feed.xml --once --contact me@example.org
      pactwatch watch --every 30m
      pactwatch watch --once --retry-failed
    """
    fetch = fetch_settings(contact=contact, delay=delay, timeout=timeout, max_bytes=max_bytes)
    options = ReadOptions(max_bytes=max_bytes)
    with Store.open(settings.db) as ledger, Fetcher(fetch) as fetcher:
        if not feeds and not ledger.feeds.all():
            raise click.UsageError(
                "no feed to watch: give FEED URLs, or add them with `pactwatch sources add URL`"
            )
        if retry_failed:
            again = ledger.feeds.retry(list(feeds) or None)
            click.echo(f"{again} given-up page(s) put back to pending", err=True)
        failed = False
        try:
            while True:
                wanted = list(feeds) or [state.url for state in ledger.feeds.all()]
                result = watch_round(
                    ledger,
                    wanted,
                    fetcher,
                    options,
                    every=every,
                    on_failure=echo_failure,
                )
                failed = bool(result.failures)
                click.echo(result.line(), err=True)
                if once:
                    break
                time.sleep(every.total_seconds())
        except KeyboardInterrupt:
            click.echo("Stopped; every page stored so far is kept.", err=True)
            return
    if failed:
        sys.exit(1)
