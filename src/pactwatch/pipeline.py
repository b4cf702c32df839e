"""Ingest: read inputs, extract claims, store each document with its claims. Orchestration only."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pactwatch.documents import ReadOptions, Rejected, read_inputs, read_page, read_record
from pactwatch.errors import PactwatchError
from pactwatch.extract import extract
from pactwatch.model import Claim, Document
from pactwatch.store import Store
from pactwatch.store.feeds import MAX_ENTRY_FAILURES, FeedState

if TYPE_CHECKING:  # httpx is imported only when pages are fetched
    from pactwatch.sources import Feed, Fetcher


@dataclass(frozen=True, slots=True)
class Extracted:
    """A document and the claims read from it."""

    document: Document
    claims: list[Claim]
    signature: bytes | None = None
    """The text's story signature (MinHash values) when a bulk worker computed it, b"" for
    a text too short to sign; None leaves it to the store."""


@dataclass(slots=True)
class Summary:
    """What a batch did: documents read, claims found and stored, failures, time."""

    documents: int = 0
    claims: int = 0
    stored_documents: int = 0
    stored_claims: int = 0
    failures: list[Rejected] = field(default_factory=list)
    skipped: list[Rejected] = field(default_factory=list)
    """Records that hold no article (images, redirects in a web archive): not failures."""
    seconds: float = 0.0
    known: int = 0
    """URLs not fetched because a stored document already came from them."""

    def count(self, item: Extracted | Rejected) -> None:
        """Count one item read: a document with its claims, a failure or a skipped record."""
        if isinstance(item, Rejected):
            (self.skipped if item.skipped else self.failures).append(item)
        else:
            self.documents += 1
            self.claims += len(item.claims)

    def line(self) -> str:
        stored = (
            f" ({self.stored_claims} new, {self.stored_documents} new document(s))"
            if self.stored_documents or self.stored_claims
            else ""
        )
        return (
            f"{self.documents} document(s) read, {self.claims} claim(s) found{stored}, "
            f"{len(self.failures)} failure(s), "
            + (f"{len(self.skipped)} skipped, " if self.skipped else "")
            + f"{self.seconds:.1f}s"
            + (f", {self.known} URL(s) already in the ledger (not fetched)" if self.known else "")
        )


def extract_paths(
    paths: Iterable[Path], options: ReadOptions, summary: Summary
) -> Iterator[Extracted | Rejected]:
    """Extract every readable input; rejections are yielded and counted, never raised. A
    document whose extraction fails is a rejection naming it, and the batch goes on."""
    started = time.perf_counter()
    for item in extracted_inputs(paths, options):
        summary.count(item)
        yield item
    summary.seconds = time.perf_counter() - started


def extracted_inputs(paths: Iterable[Path], options: ReadOptions) -> Iterator[Extracted | Rejected]:
    """:func:`extract_paths` without the counting."""
    for read in read_inputs(paths, options):
        yield read if isinstance(read, Rejected) else extract_document(read)


def extract_document(document: Document) -> Extracted | Rejected:
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


OnItem = Callable[[Extracted | Rejected], None]


def ingest(
    ledger: Store,
    paths: Iterable[Path],
    options: ReadOptions,
    on_item: OnItem | None = None,
    *,
    batch: int = 1,
) -> Summary:
    """Extract and store, ``batch`` documents per transaction (one by default): a failure
    never leaves half a document."""
    return store_items(ledger, extracted_inputs(paths, options), batch=batch, on_item=on_item)


def store_items(
    ledger: Store,
    items: Iterable[Extracted | Rejected],
    *,
    batch: int = 1,
    on_item: OnItem | None = None,
) -> Summary:
    """Count each item and store the extracted ones in order, ``batch`` documents per
    transaction (each batch all or nothing): whatever extracted them, the ledger a serial run
    writes."""
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
        summary.count(item)
        if isinstance(item, Extracted):
            pending.append(item)
            if len(pending) >= batch:
                flush()
        if on_item is not None:
            on_item(item)
    flush()
    summary.seconds = time.perf_counter() - started
    return summary


@dataclass(frozen=True, slots=True)
class Known:
    """A URL not fetched: a document in the ledger already came from it."""

    url: str


def fetch_documents(
    urls: Iterable[str], fetcher: Fetcher, options: ReadOptions, known: Iterable[str] = ()
) -> Iterator[tuple[str, Document | Rejected | Known]]:
    """(URL, what it gave) for each URL in order: a document, a rejection with its one-line
    reason (the fetch or the reading failed), or Known when ``known`` holds it (not fetched)."""
    skip = set(known)
    for url in urls:
        if url in skip:
            yield url, Known(url)
            continue
        try:
            read = _page_document(url, fetcher, options)
        except Exception as error:  # a bug, reported by name: the batch goes on
            said = " ".join(str(error).split())
            read = Rejected(
                url,
                f"fetch failed (a bug: {type(error).__name__}: {said[:200]}): please report it "
                "with this URL",
            )
        yield url, Rejected(url, read.reason) if isinstance(read, Rejected) else read


def _page_document(url: str, fetcher: Fetcher, options: ReadOptions) -> Document | Rejected:
    from pactwatch.sources import Fetched, FetchFailed

    page = fetcher.fetch(url)
    if isinstance(page, FetchFailed):
        return Rejected(url, page.reason)
    if not isinstance(page, Fetched):
        return Rejected(url, "HTTP 304 Not Modified to an unconditional request: no page")
    return read_page(page, options)


def ingest_urls(
    ledger: Store,
    urls: Iterable[str],
    fetcher: Fetcher,
    options: ReadOptions,
    *,
    refresh: bool = False,
    on_item: Callable[[Extracted | Rejected | Known], None] | None = None,
) -> Summary:
    """Fetch, extract and store pages, one transaction per document. URLs some stored
    document came from are not fetched again unless ``refresh``; the same text from two URLs
    is stored once (a document's id is the SHA-256 of its text)."""
    summary = Summary()
    started = time.perf_counter()
    urls = list(dict.fromkeys(urls))
    known = set() if refresh else ledger.sources_known(urls)
    for _url, read in fetch_documents(urls, fetcher, options, known):
        item = read if isinstance(read, Rejected | Known) else extract_document(read)
        if isinstance(item, Known):
            summary.known += 1
        else:
            summary.count(item)
        if isinstance(item, Extracted):
            added = ledger.add_document(item.document, item.claims)
            summary.stored_documents += added.documents
            summary.stored_claims += added.claims
        if on_item is not None:
            on_item(item)
    summary.seconds = time.perf_counter() - started
    return summary


def ingest_record(ledger: Store, record: dict[str, object], where: str) -> Extracted | Rejected:
    """Read one posted record (see :func:`pactwatch.documents.read_record`), extract its
    claims and store both in one transaction; a rejected record stores nothing."""
    item = read_record(record, where)
    if isinstance(item, Rejected):
        return item
    extracted = Extracted(item, extract(item))
    ledger.add_document(extracted.document, extracted.claims)
    return extracted


MAX_BACK_OFF = dt.timedelta(days=1)


@dataclass(slots=True)
class Round:
    """What one round of ``pactwatch watch`` did."""

    feeds: int = 0
    """Feeds that answered (a feed or 304)."""
    not_modified: int = 0
    """Of those, the ones that answered 304 (nothing fetched)."""
    pages: int = 0
    """New documents stored."""
    facts: int = 0
    """New claims stored."""
    failures: list[Rejected] = field(default_factory=list)
    seconds: float = 0.0
    given_up: int = 0
    """Pages that failed for the :data:`MAX_ENTRY_FAILURES`-th time in this round: given up."""

    def line(self) -> str:
        return (
            f"{self.feeds} feed(s) read ({self.not_modified} not modified), {self.pages} new "
            f"page(s), {self.facts} new fact(s), {len(self.failures)} failure(s), "
            f"{self.seconds:.1f} s"
            + (f", {self.given_up} page(s) given up" if self.given_up else "")
        )


def back_off(failures: int, every: dt.timedelta) -> dt.timedelta:
    """How long a feed that failed ``failures`` times in a row waits: 2^failures x every,
    at most a day."""
    return min(every * (1 << min(failures, 20)), MAX_BACK_OFF)


def watch_round(
    ledger: Store,
    feeds: Iterable[str],
    fetcher: Fetcher,
    options: ReadOptions,
    *,
    every: dt.timedelta,
    now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    on_failure: Callable[[Rejected], None] | None = None,
) -> Round:
    """Read each due feed (a conditional GET), record the pages it announces, then fetch and
    store the pages not stored yet, each marked done in the transaction that stores it. A feed
    that fails waits :func:`back_off`; one feed's failure never stops the others. A page that
    failed :data:`MAX_ENTRY_FAILURES` times is given up (not fetched), and done once a stored
    document came from it some other way."""
    result = Round()
    started = time.perf_counter()

    def failed(source: str, reason: str) -> None:
        result.failures.append(Rejected(source, reason))
        if on_failure is not None:
            on_failure(result.failures[-1])

    wanted = list(dict.fromkeys(feeds))
    ledger.feeds.add(wanted, now())
    states = {state.url: state for state in ledger.feeds.all()}
    for url in wanted:
        state = states[url]
        if state.next_due is not None and state.next_due > now():
            continue
        reason = _check_feed(ledger, state, fetcher, result, every, now)
        if reason is not None:
            failed(url, reason)
        for page in sorted(ledger.sources_known(ledger.feeds.given_up(url))):
            ledger.feeds.done(url, page)
        for page in ledger.feeds.pending(url):
            _store_entry(ledger, url, page, fetcher, options, result, failed)
    result.seconds = time.perf_counter() - started
    return result


def _check_feed(
    ledger: Store,
    state: FeedState,
    fetcher: Fetcher,
    result: Round,
    every: dt.timedelta,
    now: Callable[[], dt.datetime],
) -> str | None:
    """Ask for one feed and record what it said; the reason it failed, or None."""
    from pactwatch.sources import FEED_TYPES, FeedError, Fetched, NotModified, Validators

    url = state.url
    validators = Validators(etag=state.etag, last_modified=state.last_modified)
    answer = fetcher.fetch(url, validators=validators, kinds=FEED_TYPES)
    if isinstance(answer, NotModified):
        result.feeds += 1
        result.not_modified += 1
        ledger.feeds.checked(url, now())
        return None
    try:
        if not isinstance(answer, Fetched):
            raise FeedError(answer.reason)
        entries = _entries(_parsed(answer.body), fetcher)
    except FeedError as error:
        failures = state.failures + 1
        ledger.feeds.checked(
            url, now(), error=str(error), next_due=now() + back_off(failures, every)
        )
        return str(error)
    result.feeds += 1
    sent = (answer.headers.get("etag"), answer.headers.get("last-modified"))
    ledger.feeds.checked(url, now(), entries=entries, validators=sent)
    return None


def _parsed(body: bytes) -> Feed:
    from pactwatch.sources import parse_feed

    return parse_feed(body)


def _entries(feed: Feed, fetcher: Fetcher) -> list[str]:
    """The page URLs of a feed; a sitemap index's sitemaps are read (one level)."""
    from pactwatch.sources import FEED_TYPES, FeedError, Fetched

    urls = [entry.url for entry in feed.entries]
    for sitemap in feed.sitemaps:
        answer = fetcher.fetch(sitemap, kinds=FEED_TYPES)
        if not isinstance(answer, Fetched):
            reason = getattr(answer, "reason", "not modified")
            raise FeedError(f"its sitemap {sitemap} gave nothing: {reason}")
        urls += [entry.url for entry in _parsed(answer.body).entries]
    return urls


def _store_entry(
    ledger: Store,
    feed: str,
    page: str,
    fetcher: Fetcher,
    options: ReadOptions,
    result: Round,
    failed: Callable[[str, str], None],
) -> None:
    """Fetch one pending page and store it, marked done, in one transaction; a page some
    stored document came from is marked done unfetched; a failed page stays pending, its
    failure counted, and is given up at the :data:`MAX_ENTRY_FAILURES`-th."""
    if ledger.sources_known([page]):
        ledger.feeds.done(feed, page)
        return
    _url, read = next(fetch_documents([page], fetcher, options))
    item = read if isinstance(read, Rejected | Known) else extract_document(read)
    if isinstance(item, Rejected):
        reason = item.reason
        if ledger.feeds.failed(feed, page, reason) >= MAX_ENTRY_FAILURES:
            result.given_up += 1
            reason += (
                f" (failed {MAX_ENTRY_FAILURES} times: given up; "
                "`pactwatch watch --retry-failed` tries it again)"
            )
        failed(page, reason)
    elif isinstance(item, Extracted):
        added = ledger.feeds.done(feed, page, item.document, item.claims)
        result.pages += added.documents
        result.facts += added.claims
