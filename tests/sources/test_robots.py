"""robots.txt Crawl-delay: read per group, and honoured per host by the fetcher and the CLI."""

from __future__ import annotations

import pytest

from pactwatch.sources import MAX_CRAWL_DELAY, Fetcher, FetchSettings, crawl_delay
from tests.conftest import run
from tests.loopback import serving


@pytest.mark.parametrize(
    ("robots", "expected"),
    [
        ("User-agent: *\nCrawl-delay: 2\n", 2.0),
        ("User-agent: *\nCrawl-delay: 0.5\n", 0.5),
        ("User-agent: pactwatch\nCrawl-delay: 3\n\nUser-agent: *\nCrawl-delay: 10\n", 3.0),
        ("User-agent: *\nCrawl-delay: 10\n\nUser-agent: PactWatch\nCrawl-delay: 3\n", 3.0),
        ("User-agent: otherbot\nUser-agent: pactwatch\nDisallow: /x\nCrawl-delay: 4\n", 4.0),
        ("User-agent: pactwatch\nDisallow: /x\n\nUser-agent: *\nCrawl-delay: 10\n", None),
        ("User-agent: otherbot\nCrawl-delay: 30\n", None),
        ("User-agent: * # everyone\ncrawl-delay: 4 # be kind\n", 4.0),
        ("User-agent: *\nCrawl-delay: 2\n\nUser-agent: *\nCrawl-delay: 5\n", 5.0),
        ("Crawl-delay: 7\nUser-agent: *\nDisallow:\n", None),
        ("User-agent: *\nCrawl-delay: soon\n", None),
        ("User-agent: *\nCrawl-delay: -1\n", None),
        ("User-agent: *\nCrawl-delay: nan\n", None),
        ("User-agent: *\nCrawl-delay: inf\n", None),
        ("", None),
    ],
)
def test_crawl_delay_is_read_for_our_group_else_the_star_group(
    robots: str, expected: float | None
) -> None:
    assert crawl_delay(robots) == expected


@pytest.mark.parametrize(
    ("delay", "robots", "waited"),
    [
        (0.0, b"User-agent: *\nCrawl-delay: 1\n", 1.0),
        (2.0, b"User-agent: *\nCrawl-delay: 1\n", 2.0),
        (0.0, b"User-agent: *\nCrawl-delay: 3600\n", MAX_CRAWL_DELAY),
        (0.5, b"User-agent: *\nDisallow: /private/\n", 0.5),
    ],
)
def test_the_wait_between_requests_is_the_longer_of_delay_and_crawl_delay_capped(
    delay: float, robots: bytes, waited: float
) -> None:
    slept: list[float] = []
    with (
        serving(robots=robots) as site,
        Fetcher(FetchSettings(delay=delay), sleep=slept.append) as fetcher,
    ):
        fetcher.fetch(f"{site.url}/article")
        fetcher.fetch(f"{site.url}/plain")
    assert [path for path, _ in site.requests] == ["/robots.txt", "/article", "/plain"]
    # two waits (before each page), each the full delay less the little time since the last
    assert len(slept) == 2
    assert all(waited - 0.5 < seconds <= waited for seconds in slept), slept


def test_fetch_with_delay_0_waits_a_crawl_delay_of_1_s_between_pages(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with serving(robots=b"User-agent: *\nCrawl-delay: 1\n") as site:
        code, _, err = run(
            capsys, "fetch", f"{site.url}/article", f"{site.url}/plain", "--delay", "0"
        )
        assert code == 0, err
        times = dict(site.requests)
    assert list(times) == ["/robots.txt", "/article", "/plain"]
    assert times["/article"] - times["/robots.txt"] >= 1.0
    assert times["/plain"] - times["/article"] >= 1.0


def test_another_host_does_not_wait_for_a_crawl_delay() -> None:
    slow = b"User-agent: *\nCrawl-delay: 30\n"
    slept: list[float] = []
    with (
        serving(robots=slow) as first,
        serving() as second,
        Fetcher(FetchSettings(delay=0), sleep=slept.append) as fetcher,
    ):
        fetcher.fetch(f"{first.url}/article")
        fetcher.fetch(f"{second.url}/article")
        fetcher.fetch(f"{second.url}/plain")
    assert len(slept) == 1 and 29 < slept[0] <= 30  # only before the first host's page
