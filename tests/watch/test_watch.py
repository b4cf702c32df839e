"""`pactwatch watch` and `pactwatch sources` against a loopback feed site and a real ledger."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from pactwatch.cli import cli
from pactwatch.documents import ReadOptions
from pactwatch.pipeline import Round, back_off, ingest_urls, watch_round
from pactwatch.sources import Fetcher, FetchSettings
from pactwatch.store import Store, init_ledger
from pactwatch.store.feeds import MAX_ENTRY_FAILURES
from pactwatch.store.schema import documents
from tests.conftest import run
from tests.loopback import dead_url
from tests.watch.feedsite import feed_site

EVERY = dt.timedelta(minutes=15)


@pytest.fixture
def ledger(tmp_path: Path) -> Iterator[Store]:
    init_ledger(tmp_path / "ledger.db")
    opened = Store.open(tmp_path / "ledger.db")
    yield opened
    opened.close()


def run_round(
    ledger: Store, feeds: list[str], now: Callable[[], dt.datetime] | None = None
) -> Round:
    with Fetcher(FetchSettings(delay=0, timeout=5)) as fetcher:
        if now is None:
            return watch_round(ledger, feeds, fetcher, ReadOptions(), every=EVERY)
        return watch_round(ledger, feeds, fetcher, ReadOptions(), every=EVERY, now=now)


def stored(ledger: Store) -> list[str]:
    with ledger.engine.connect() as connection:
        return sorted(connection.execute(select(documents.c.source)).scalars())


@pytest.mark.parametrize("kind", ["rss", "atom", "json", "sitemap"])
def test_a_feed_is_read_then_not_modified_then_new_entries_fetched_once(
    ledger: Store, kind: str
) -> None:
    with feed_site() as site:
        site.publish(kind, [1, 2])
        feed = f"{site.url}/feed/{kind}"
        first = run_round(ledger, [feed])
        assert (first.feeds, first.not_modified, first.pages) == (1, 0, 2), first.failures
        assert stored(ledger) == [f"{site.url}/page/1", f"{site.url}/page/2"]
        second = run_round(ledger, [feed])
        assert (second.feeds, second.not_modified, second.pages) == (1, 1, 0)
        site.publish(kind, [1, 2, 3])
        third = run_round(ledger, [feed])
        assert (third.feeds, third.not_modified, third.pages) == (1, 0, 1)
        assert all(site.hits[f"/page/{n}"] == 1 for n in (1, 2, 3))
        assert site.hits[f"/feed/{kind}"] == 3
        assert "failure(s)" in third.line() and "1 new page(s)" in third.line()


def test_a_sitemap_index_is_followed_one_level(ledger: Store) -> None:
    with feed_site() as site:
        site.publish("sitemap", [4, 5])
        result = run_round(ledger, [f"{site.url}/sitemapindex"])
        assert result.pages == 2, result.failures


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/bad/notxml", "not a feed"),
        ("/bad/doctype", "DOCTYPE"),
        ("/bad/html", "is not a feed"),
    ],
)
def test_bad_feeds_get_one_line_reasons_and_the_others_go_on(
    ledger: Store, path: str, reason: str
) -> None:
    with feed_site() as site:
        site.publish("rss", [1])
        result = run_round(ledger, [f"{site.url}{path}", dead_url(), f"{site.url}/feed/rss"])
        assert result.pages == 1
        reasons = {item.source: item.reason for item in result.failures}
        assert reason in reasons[f"{site.url}{path}"]
        assert "cannot connect" in reasons[dead_url_of(reasons)]
        assert all("\n" not in text for text in reasons.values())


def dead_url_of(reasons: dict[str, str]) -> str:
    return next(url for url in reasons if url.endswith("/article"))


def test_back_off_grows_and_a_feed_not_due_is_not_asked(ledger: Store) -> None:
    assert [back_off(n, EVERY) for n in (1, 2, 3)] == [EVERY * 2, EVERY * 4, EVERY * 8]
    assert back_off(10, EVERY) == dt.timedelta(days=1)
    with feed_site() as site:
        bad = f"{site.url}/bad/notxml"
        clock = [dt.datetime(2026, 12, 3, tzinfo=dt.UTC)]
        for failures in (1, 2, 3):
            run_round(ledger, [bad], now=lambda: clock[0])
            (state,) = ledger.feeds.all()
            assert state.failures == failures
            assert state.next_due == clock[0] + EVERY * 2**failures
            assert "not a feed" in (state.last_error or "")
            asked = site.hits["/bad/notxml"]
            run_round(ledger, [bad], now=lambda: clock[0] + EVERY)  # not due yet
            assert site.hits["/bad/notxml"] == asked
            clock[0] = state.next_due


def test_sources_add_list_remove_on_a_real_ledger(tmp_path: Path) -> None:
    db = str(tmp_path / "ledger.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["init", "--db", db]).exit_code == 0
    added = runner.invoke(
        cli, ["--db", db, "sources", "add", "https://a.example/feed", "https://b.example/s.xml"]
    )
    assert added.exit_code == 0, added.output
    again = runner.invoke(cli, ["--db", db, "sources", "add", "https://a.example/feed"])
    assert "0 feed(s) added, 1 already followed" in again.output
    listed = runner.invoke(cli, ["--db", db, "sources", "list", "--format", "csv"])
    assert listed.output.splitlines()[0].startswith("url,")
    assert "https://a.example/feed" in listed.output and "https://b.example/s.xml" in listed.output
    removed = runner.invoke(cli, ["--db", db, "sources", "remove", "https://a.example/feed"])
    assert "1 feed(s) removed" in removed.output
    listed = runner.invoke(cli, ["--db", db, "sources", "list", "--format", "json"])
    assert "a.example" not in listed.output and "b.example" in listed.output


def test_watch_once_prints_one_line_per_round(tmp_path: Path) -> None:
    db = str(tmp_path / "ledger.db")
    runner = CliRunner()
    runner.invoke(cli, ["init", "--db", db])
    with feed_site() as site:
        site.publish("atom", [7])
        done = runner.invoke(
            cli, ["--db", db, "watch", f"{site.url}/feed/atom", "--once", "--delay", "0"]
        )
        assert done.exit_code == 0, done.output
        assert "1 feed(s) read (0 not modified), 1 new page(s)" in done.output
        listed = runner.invoke(cli, ["--db", db, "sources", "list", "--format", "csv"])
        assert f"{site.url}/feed/atom" in listed.output
        site.publish("json", [8])
        runner.invoke(cli, ["--db", db, "sources", "add", f"{site.url}/feed/json"])
        only = runner.invoke(
            cli, ["--db", db, "watch", f"{site.url}/feed/json", "--once", "--delay", "0"]
        )
        assert "1 feed(s) read (0 not modified), 1 new page(s)" in only.output
        listed_round = runner.invoke(cli, ["--db", db, "watch", "--once", "--delay", "0"])
        assert "2 feed(s) read" in listed_round.output  # the whole list, nothing new
        assert "0 new page(s)" in listed_round.output


def test_kill_9_in_the_middle_resumes_with_nothing_fetched_twice(tmp_path: Path) -> None:
    db = str(tmp_path / "ledger.db")
    init_ledger(db)
    with feed_site() as site:
        site.publish("rss", list(range(20)))
        site.page_delay = 0.2
        feed = f"{site.url}/feed/rss"
        command = [
            sys.executable,
            "-m",
            "pactwatch",
            "--db",
            db,
            "watch",
            feed,
            "--once",
            "--delay",
            "0",
        ]
        watcher = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(_stored(db)) < 4:
            time.sleep(0.05)
        os.kill(watcher.pid, signal.SIGKILL)
        watcher.wait()
        before = _stored(db)
        assert 4 <= len(before) < 20
        again = subprocess.run(command, capture_output=True, text=True, check=False)
        assert again.returncode == 0, again.stderr
        after = _stored(db)
        assert sorted(after) == sorted(f"{site.url}/page/{n}" for n in range(20))
        refetched = [n for n in range(20) if site.hits[f"/page/{n}"] != 1]
        # the page in flight at the kill may be fetched again; it is stored once
        assert len(refetched) <= 1 and all(site.hits[f"/page/{n}"] == 2 for n in refetched)


def _stored(db: str) -> list[str]:
    ledger = Store.open(db)
    try:
        with ledger.engine.connect() as connection:
            # one query: a count read separately races the watcher's next commit
            rows = connection.execute(select(documents.c.source)).scalars().all()
        assert len(rows) == len(set(rows)), "a page was stored twice"
        return list(rows)
    finally:
        ledger.close()


def test_a_page_that_keeps_failing_is_given_up_then_retried_on_request(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "ledger.db")
    init_ledger(db)
    with feed_site() as site:
        site.publish("rss", [1, 2])
        site.broken = {2}
        feed = f"{site.url}/feed/rss"
        watch = ("--db", db, "watch", feed, "--once", "--delay", "0")
        for attempt in range(1, MAX_ENTRY_FAILURES):
            code, _, err = run(capsys, *watch)
            assert code == 1 and "given up" not in err
            assert f"Failed: {site.url}/page/2: HTTP 404" in err
            assert site.hits["/page/2"] == attempt
        code, _, err = run(capsys, *watch)
        assert code == 1
        assert (
            f"failed {MAX_ENTRY_FAILURES} times: given up; `pactwatch watch --retry-failed`" in err
        )
        assert err.rstrip().endswith(", 1 page(s) given up")
        code, _, err = run(capsys, *watch)
        assert code == 0, err  # not fetched again: no failure
        assert "1 feed(s) read (1 not modified), 0 new page(s)" in err and "given up" not in err
        assert site.hits["/page/2"] == MAX_ENTRY_FAILURES
        listed = _sources(capsys, db)
        assert (listed["pending"], listed["given_up"]) == ("0", "1")
        site.broken = set()
        code, _, err = run(capsys, *watch, "--retry-failed")
        assert code == 0, err
        assert "1 given-up page(s) put back to pending" in err and "1 new page(s)" in err
        assert site.hits["/page/2"] == MAX_ENTRY_FAILURES + 1
        assert site.hits["/page/1"] == 1
        assert (_sources(capsys, db)["pending"], _sources(capsys, db)["given_up"]) == ("0", "0")


def test_a_given_up_page_stored_some_other_way_is_done(ledger: Store) -> None:
    with feed_site() as site:
        site.publish("atom", [3])
        site.broken = {3}
        feed = f"{site.url}/feed/atom"
        rounds = [run_round(ledger, [feed]) for _ in range(MAX_ENTRY_FAILURES)]
        assert [result.given_up for result in rounds] == [0] * (MAX_ENTRY_FAILURES - 1) + [1]
        assert ledger.feeds.all()[0].given_up == 1
        site.broken = set()
        with Fetcher(FetchSettings(delay=0)) as fetcher:
            ingest_urls(ledger, [f"{site.url}/page/3"], fetcher, ReadOptions())
        after = run_round(ledger, [feed])
        assert not after.failures and after.pages == 0
        [state] = ledger.feeds.all()
        assert (state.pending, state.given_up) == (0, 0)
        assert site.hits["/page/3"] == MAX_ENTRY_FAILURES + 1  # the ingest's fetch only


def _sources(capsys: pytest.CaptureFixture[str], db: str) -> dict[str, str]:
    code, out, _ = run(capsys, "--db", db, "sources", "list", "--format", "csv")
    assert code == 0
    header, row = out.splitlines()
    return dict(zip(header.split(","), row.split(","), strict=True))
