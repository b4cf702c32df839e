"""The feed state of a ledger (``pactwatch watch``) on each backend: feeds, their pages,
failures counted and pages given up, and the 0014 migration of ledgers made before it."""

from __future__ import annotations

import datetime as dt

from alembic import command
from sqlalchemy import column, insert, select, table

from pactwatch.model import Document
from pactwatch.store import Store, head_revision
from pactwatch.store.feeds import MAX_ENTRY_FAILURES
from pactwatch.store.migrate import _config, make_engine, migrate
from pactwatch.store.schema import feed_entries, feeds
from tests.conftest import seed_membership

FEED = "https://a.example/feed.xml"
OTHER = "https://b.example/sitemap.xml"
AT = dt.datetime(2026, 12, 3, 9, 0, tzinfo=dt.UTC)
PAGES = [f"https://a.example/news/{n}" for n in range(3)]
ENTRIES_0013 = table(
    "feed_entries", *(column(name) for name in ("feed", "url", "first_seen", "done"))
)
"""feed_entries as revision 0013 made it (no failures, no last_error)."""


def checked(ledger: Store, feed: str = FEED, entries: list[str] = PAGES) -> None:
    ledger.feeds.add([feed], AT)
    ledger.feeds.checked(feed, AT, entries=entries, validators=('"v1"', "Wed, 02 Dec 2026"))


def test_add_feeds_gives_only_the_new_ones_and_feeds_lists_them_by_url(ledger: Store) -> None:
    assert ledger.feeds.add([OTHER, FEED, OTHER], AT) == [OTHER, FEED]
    assert ledger.feeds.add([FEED], AT + dt.timedelta(hours=1)) == []
    states = ledger.feeds.all()
    assert [state.url for state in states] == [FEED, OTHER]
    assert all(state.added_at == AT for state in states)
    assert all((state.failures, state.pending, state.given_up) == (0, 0, 0) for state in states)


def test_feed_checked_keeps_validators_and_new_pages_then_a_failure_and_back_off(
    ledger: Store,
) -> None:
    checked(ledger)
    ledger.feeds.checked(FEED, AT, entries=[PAGES[1], PAGES[0]])  # known pages: not again
    [state] = ledger.feeds.all()
    assert (state.etag, state.last_modified) == ('"v1"', "Wed, 02 Dec 2026")
    assert (state.last_checked, state.last_ok, state.pending) == (AT, AT, 3)
    later, due = AT + dt.timedelta(minutes=15), AT + dt.timedelta(minutes=45)
    ledger.feeds.checked(FEED, later, error="HTTP 500: the site failed", next_due=due)
    ledger.feeds.checked(FEED, later, error="HTTP 503: the site failed", next_due=due)
    [state] = ledger.feeds.all()
    assert (state.failures, state.last_error, state.next_due) == (
        2,
        "HTTP 503: the site failed",
        due,
    )
    assert (state.last_ok, state.etag) == (AT, '"v1"')
    ledger.feeds.checked(FEED, due)
    [state] = ledger.feeds.all()
    assert (state.failures, state.last_error, state.next_due) == (0, None, None)


def test_pending_entries_come_in_the_order_first_seen(ledger: Store) -> None:
    checked(ledger, entries=[PAGES[2]])
    ledger.feeds.checked(FEED, AT + dt.timedelta(minutes=1), entries=[PAGES[0], PAGES[2]])
    assert ledger.feeds.pending(FEED) == [PAGES[2], PAGES[0]]
    assert ledger.feeds.pending(OTHER) == []


def test_entry_done_stores_the_document_and_claims_with_the_page(ledger: Store) -> None:
    checked(ledger)
    document = Document(text="Canada has formally joined the coalition.", source=PAGES[0])
    added = ledger.feeds.done(FEED, PAGES[0], document, [seed_membership()])
    assert (added.documents, added.claims) == (1, 1)
    ledger.feeds.done(FEED, PAGES[1])  # stored some other way: done, nothing written
    assert ledger.feeds.pending(FEED) == [PAGES[2]]
    assert ledger.sources_known(PAGES) == {PAGES[0]}
    assert len(ledger.claims()) == 1
    assert ledger.feeds.all()[0].pending == 1


def test_a_page_failing_max_times_is_given_up_until_retried(ledger: Store) -> None:
    checked(ledger)
    checked(ledger, OTHER, [PAGES[0]])
    counts = [ledger.feeds.failed(FEED, PAGES[0], f"HTTP 404 #{n}") for n in range(4)]
    assert counts == [1, 2, 3, 4] and PAGES[0] in ledger.feeds.pending(FEED)
    assert ledger.feeds.failed(FEED, PAGES[0], "HTTP 404: no page at this URL") == 5
    for _ in range(MAX_ENTRY_FAILURES):
        ledger.feeds.failed(OTHER, PAGES[0], "HTTP 404")
    assert ledger.feeds.pending(FEED) == PAGES[1:]
    assert ledger.feeds.given_up(FEED) == [PAGES[0]]
    states = {state.url: state for state in ledger.feeds.all()}
    assert (states[FEED].pending, states[FEED].given_up) == (2, 1)
    assert (states[OTHER].pending, states[OTHER].given_up) == (0, 1)
    assert _entry(ledger, FEED, PAGES[0]) == (False, 5, "HTTP 404: no page at this URL")
    assert ledger.feeds.retry([FEED]) == 1
    assert ledger.feeds.pending(FEED) == PAGES
    assert ledger.feeds.given_up(OTHER) == [PAGES[0]]
    assert ledger.feeds.retry() == 1
    assert ledger.feeds.retry() == 0
    assert ledger.feeds.failed(FEED, PAGES[0], "HTTP 500") == 1  # counted afresh


def test_a_page_done_after_failures_forgets_them(ledger: Store) -> None:
    checked(ledger)
    ledger.feeds.failed(FEED, PAGES[0], "HTTP 500")
    ledger.feeds.done(FEED, PAGES[0])
    assert _entry(ledger, FEED, PAGES[0]) == (True, 0, None)


def test_remove_feeds_drops_their_pages(ledger: Store) -> None:
    checked(ledger)
    checked(ledger, OTHER, [PAGES[0]])
    assert ledger.feeds.remove([FEED, "https://never.example/"]) == [FEED]
    assert [state.url for state in ledger.feeds.all()] == [OTHER]
    assert ledger.feeds.pending(FEED) == [] and ledger.feeds.pending(OTHER) == [PAGES[0]]


def test_migration_0014_keeps_every_pending_page_pending(ledger_url: str) -> None:
    engine = make_engine(ledger_url, must_exist=True)
    with engine.begin() as connection:
        command.downgrade(_config(connection), "0013")
    with engine.begin() as connection:  # a ledger made at 0013, feeds and pages in it
        connection.execute(insert(feeds).values(url=FEED, added_at=AT, failures=0))
        for n, page in enumerate(PAGES):
            values = {"feed": FEED, "url": page, "first_seen": AT, "done": n == 0}
            connection.execute(insert(ENTRIES_0013).values(**values))
    done = migrate(engine)
    assert (done.before, done.after) == ("0013", head_revision())
    engine.dispose()
    with Store.open(ledger_url) as ledger:
        assert ledger.feeds.pending(FEED) == PAGES[1:]
        [state] = ledger.feeds.all()
        assert (state.pending, state.given_up) == (2, 0)
        assert _entry(ledger, FEED, PAGES[1]) == (False, 0, None)
        assert ledger.feeds.failed(FEED, PAGES[1], "HTTP 500") == 1


def _entry(ledger: Store, feed: str, url: str) -> tuple[bool, int, str | None]:
    columns = (feed_entries.c.done, feed_entries.c.failures, feed_entries.c.last_error)
    where = (feed_entries.c.feed == feed, feed_entries.c.url == url)
    with ledger.engine.connect() as connection:
        done, failures, error = connection.execute(select(*columns).where(*where)).one()
    return bool(done), int(failures), error
