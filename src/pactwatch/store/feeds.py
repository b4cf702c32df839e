"""The feeds a ledger follows (``pactwatch sources``, ``pactwatch watch``) and their pages.

A feed's state (validators, last check, failures in a row, when it is next due) lives in
``feeds``; the pages it announced live in ``feed_entries``. A page is recorded before it is
fetched and marked done in the same transaction that stores its document and claims
(:meth:`Feeds.done`), so a watcher killed at any moment resumes with exactly the
pages not done: nothing stored twice, nothing lost. A page that fails stays pending with its
failures counted (:meth:`Feeds.failed`); after :data:`MAX_ENTRY_FAILURES` it is given
up, not fetched again until :meth:`Feeds.retry` puts it back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import ColumnElement, Connection, and_, case, delete, func, insert, select, update

from pactwatch.store.schema import feed_entries, feeds

if TYPE_CHECKING:
    from pactwatch.model import Claim, Document
    from pactwatch.store.ledger import Added

MAX_ENTRY_FAILURES = 5
"""Failed attempts after which a feed's page is given up (not fetched again)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedState:
    """What the ledger keeps about a followed feed."""

    url: str
    """The feed's or sitemap's URL."""
    added_at: dt.datetime
    """When it was added to the ledger's list."""
    etag: str | None = None
    """The ETag of its last answer, sent back as If-None-Match."""
    last_modified: str | None = None
    """The Last-Modified of its last answer, sent back as If-Modified-Since."""
    last_checked: dt.datetime | None = None
    """When it was last asked for."""
    last_ok: dt.datetime | None = None
    """When it last answered with a feed (or 304)."""
    failures: int = 0
    """Failures in a row since its last good answer."""
    next_due: dt.datetime | None = None
    """Not asked again before this (back-off after failures); None: due now."""
    last_error: str | None = None
    """Why it last failed, in one line."""
    pending: int = 0
    """Pages it announced that are not stored yet and are still tried."""
    given_up: int = 0
    """Pages it announced that failed :data:`MAX_ENTRY_FAILURES` times and are not tried
    again (until ``pactwatch watch --retry-failed``)."""


class _Writes(Protocol):
    """What the feed records need of their ledger: its connections and its write path."""

    def _connect(self) -> AbstractContextManager[Connection]: ...
    def _begin(self) -> AbstractContextManager[Connection]: ...
    def _insert_document(self, connection: Connection, document: Document) -> Added: ...
    def _insert_claims(self, connection: Connection, items: list[Any]) -> Added: ...


class Feeds:
    """The feeds a ledger follows and the pages they announced (``ledger.feeds``)."""

    def __init__(self, ledger: _Writes) -> None:
        self._ledger = ledger

    def add(self, urls: Sequence[str], at: dt.datetime) -> list[str]:
        """Add feeds to the list; gives those that were new (known ones are left as they are)."""
        with self._ledger._begin() as connection:
            known = set(connection.execute(select(feeds.c.url)).scalars())
            new = [url for url in dict.fromkeys(urls) if url not in known]
            for url in new:
                connection.execute(insert(feeds).values(url=url, added_at=at, failures=0))
        return new

    def remove(self, urls: Sequence[str]) -> list[str]:
        """Remove feeds and their page records (stored documents stay); gives those removed."""
        with self._ledger._begin() as connection:
            known = set(connection.execute(select(feeds.c.url)).scalars())
            gone = [url for url in dict.fromkeys(urls) if url in known]
            for url in gone:
                connection.execute(delete(feed_entries).where(feed_entries.c.feed == url))
                connection.execute(delete(feeds).where(feeds.c.url == url))
        return gone

    def all(self) -> list[FeedState]:
        """The followed feeds, by URL, with how many of their pages are not stored yet: still
        tried (pending) or given up."""
        given_up = func.sum(case((_GIVEN_UP, 1), else_=0))
        with self._ledger._connect() as connection:
            counts = {
                feed: (int(total) - int(gave_up), int(gave_up))
                for feed, total, gave_up in connection.execute(
                    select(feed_entries.c.feed, func.count(), given_up)
                    .where(feed_entries.c.done.is_(False))
                    .group_by(feed_entries.c.feed)
                )
            }
            rows = connection.execute(select(feeds).order_by(feeds.c.url)).mappings()
            return [
                FeedState(**row, pending=pending, given_up=gave_up)
                for row in rows
                for pending, gave_up in [counts.get(row["url"], (0, 0))]
            ]

    def checked(
        self,
        url: str,
        at: dt.datetime,
        *,
        entries: Sequence[str] = (),
        validators: tuple[str | None, str | None] | None = None,
        error: str | None = None,
        next_due: dt.datetime | None = None,
    ) -> None:
        """Record one check of a feed in one transaction: the pages it announced (new ones
        become pending), its new validators (None: unchanged, as after a 304), or the failure
        and the time it is next due."""
        values: dict[str, Any] = {"last_checked": at, "next_due": next_due}
        if error is None:
            values.update(last_ok=at, failures=0, last_error=None)
            if validators is not None:
                values.update(etag=validators[0], last_modified=validators[1])
        else:
            values.update(failures=feeds.c.failures + 1, last_error=error)
        with self._ledger._begin() as connection:
            connection.execute(update(feeds).where(feeds.c.url == url).values(**values))
            seen = set(
                connection.execute(
                    select(feed_entries.c.url).where(feed_entries.c.feed == url)
                ).scalars()
            )
            for entry in dict.fromkeys(entries):
                if entry not in seen:
                    connection.execute(
                        insert(feed_entries).values(feed=url, url=entry, first_seen=at, done=False)
                    )

    def pending(self, url: str) -> list[str]:
        """The pages of a feed not stored yet and not given up, in the order they were first
        seen."""
        return self._entries(url, ~_GIVEN_UP)

    def given_up(self, url: str) -> list[str]:
        """The pages of a feed given up (failed :data:`MAX_ENTRY_FAILURES` times), in the
        order they were first seen."""
        return self._entries(url, _GIVEN_UP)

    def _entries(self, url: str, which: ColumnElement[bool]) -> list[str]:
        with self._ledger._connect() as connection:
            rows = connection.execute(
                select(feed_entries.c.url)
                .where(feed_entries.c.feed == url, feed_entries.c.done.is_(False), which)
                .order_by(feed_entries.c.first_seen, feed_entries.c.url)
            )
            return list(rows.scalars())

    def failed(self, feed: str, url: str, reason: str) -> int:
        """Count one failed attempt at a page and keep its reason; gives the page's failures
        so far (at :data:`MAX_ENTRY_FAILURES` it is given up)."""
        where = and_(feed_entries.c.feed == feed, feed_entries.c.url == url)
        with self._ledger._begin() as connection:
            connection.execute(
                update(feed_entries)
                .where(where)
                .values(failures=feed_entries.c.failures + 1, last_error=reason)
            )
            failures = connection.execute(select(feed_entries.c.failures).where(where)).scalar()
            return int(failures or 0)

    def retry(self, urls: Sequence[str] | None = None) -> int:
        """Put the given-up pages of these feeds (None: of every feed) back to pending, with
        no failure counted; gives how many."""
        where = [feed_entries.c.done.is_(False), _GIVEN_UP]
        if urls is not None:
            where.append(feed_entries.c.feed.in_(list(urls)))
        with self._ledger._begin() as connection:
            done = connection.execute(update(feed_entries).where(*where).values(failures=0))
            return int(done.rowcount)

    def done(
        self, feed: str, url: str, document: Document | None = None, claims: Sequence[Claim] = ()
    ) -> Added:
        """Mark a page done, storing its document and claims in the same transaction (none
        when the page failed for good or a stored document already came from it)."""
        from pactwatch.model import ClaimWithReviews
        from pactwatch.store.ledger import Added

        with self._ledger._begin() as connection:
            added = Added()
            if document is not None:
                added = self._ledger._insert_document(connection, document)
                added += self._ledger._insert_claims(
                    connection, [ClaimWithReviews(c) for c in claims]
                )
            connection.execute(
                update(feed_entries)
                .where(and_(feed_entries.c.feed == feed, feed_entries.c.url == url))
                .values(done=True, failures=0, last_error=None)
            )
            return added


_GIVEN_UP = feed_entries.c.failures >= MAX_ENTRY_FAILURES
