"""Fetching from a real loopback server: pages, and a one-line reason for every failure."""

from __future__ import annotations

import itertools

import httpx
import pytest

from pactwatch.documents import read_page
from pactwatch.model import Document
from pactwatch.sources import Fetched, Fetcher, FetchFailed, FetchSettings, Politeness, user_agent
from tests.loopback import ARTICLE_HTML, ARTICLE_TITLE, Site, dead_url, serving


def fetched(fetcher: Fetcher, url: str) -> Fetched:
    page = fetcher.fetch(url)
    assert isinstance(page, Fetched), page
    return page


def reason(fetcher: Fetcher, url: str) -> str:
    page = fetcher.fetch(url)
    assert isinstance(page, FetchFailed), page
    assert "\n" not in page.reason
    return page.reason


def test_fetch_an_article_gives_its_text_title_and_published_date(
    site: Site, fetcher: Fetcher
) -> None:
    page = fetched(fetcher, f"{site.url}/article")
    assert (page.status, page.content_type, page.charset) == (200, "text/html", "utf-8")
    assert page.body == ARTICLE_HTML
    document = read_page(page)
    assert isinstance(document, Document)
    assert document.title == ARTICLE_TITLE
    assert str(document.published) == "2024-02-24"
    assert "Canada and Ukraine signed an Agreement on Security Cooperation" in document.text
    assert "Follow us" not in document.text
    assert document.source == f"{site.url}/article"
    assert document.retrieved == page.fetched_at


def test_fetch_plain_text_becomes_a_text_document(site: Site, fetcher: Fetcher) -> None:
    document = read_page(fetched(fetcher, f"{site.url}/plain"))
    assert isinstance(document, Document)
    assert document.title == "UK and Ukraine agree security cooperation"
    assert "Rishi Sunak" in document.text


def test_fetch_gzip_is_decoded(site: Site, fetcher: Fetcher) -> None:
    assert fetched(fetcher, f"{site.url}/gzip").body == ARTICLE_HTML


def test_fetch_follows_three_redirects_and_names_the_final_url(
    site: Site, fetcher: Fetcher
) -> None:
    page = fetched(fetcher, f"{site.url}/three/0")
    assert (page.url, page.final_url) == (f"{site.url}/three/0", f"{site.url}/article")
    document = read_page(page)
    assert isinstance(document, Document) and document.source == f"{site.url}/article"


def test_fetch_sends_a_user_agent_naming_pactwatch_and_the_contact(
    site: Site, fetcher: Fetcher
) -> None:
    fetched(fetcher, f"{site.url}/article")
    assert set(site.agents) == {user_agent("desk@example.org")}
    assert user_agent("desk@example.org").startswith("pactwatch/")
    assert user_agent("desk@example.org").endswith("(contact: desk@example.org)")
    assert user_agent(None).endswith("(no contact given)")


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/private/article", "refused by http://127.0.0.1:{port}/robots.txt (disallowed for "),
        ("/six/0", "more than 5 redirects"),
        ("/loop/a", "redirect loop ({site}/loop/a -> {site}/loop/b -> {site}/loop/a)"),
        ("/image", "content type 'image/png' is not a page"),
        ("/pdf", "content type 'application/pdf' is not a page"),
        ("/huge", "over the 100,000-byte limit: raise it with --max-bytes"),
        ("/declared-huge", "1,601,600 bytes, over the 100,000-byte limit"),
        ("/slow", "no data for 0.3 s (read timeout): the site is too slow; raise --timeout"),
        ("/trickle", "too slow: the page did not arrive within 1.8 s (6 x the timeout)"),
        ("/missing", "HTTP 404 Not Found: no page at this URL; check it"),
        ("/broken", "HTTP 500 Internal Server Error: the site failed; try again later"),
    ],
)
def test_fetch_refuses_with_a_one_line_reason(
    site: Site, fetcher: Fetcher, path: str, expected: str
) -> None:
    port = site.url.rsplit(":", 1)[1]
    assert expected.format(site=site.url, port=port) in reason(fetcher, site.url + path)


def test_fetch_refuses_robots_disallowed_pages_without_asking_for_them(
    site: Site, fetcher: Fetcher
) -> None:
    reason(fetcher, f"{site.url}/private/article")
    assert site.hits("/robots.txt") == 1
    assert site.hits("/private/article") == 0


def test_robots_txt_is_read_once_per_host(site: Site, fetcher: Fetcher) -> None:
    for path in ("/article", "/plain", "/gzip"):
        fetched(fetcher, site.url + path)
    assert site.hits("/robots.txt") == 1


@pytest.mark.parametrize(("status", "allowed"), [(404, True), (410, True), (500, False)])
def test_robots_txt_4xx_allows_and_5xx_refuses(status: int, allowed: bool) -> None:
    with serving(robots_status=status) as site, Fetcher(FetchSettings(delay=0)) as fetcher:
        page = fetcher.fetch(f"{site.url}/article")
    if allowed:
        assert isinstance(page, Fetched)
    else:
        assert isinstance(page, FetchFailed)
        assert page.reason.endswith(
            "robots.txt answered HTTP 500: the site may be down or asking crawlers to wait, "
            "so nothing is fetched from it; try again later"
        )
        assert site.hits("/article") == 0


def test_fetch_a_dead_port_says_the_connection_was_refused(fetcher: Fetcher) -> None:
    url = dead_url()
    port = url.split(":")[2].split("/")[0]
    assert reason(fetcher, url) == (
        f"cannot connect to 127.0.0.1:{port} (Connection refused): check the host, or try later"
    )


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("ftp://example.org/file", "not an http(s) URL (scheme 'ftp')"),
        ("example.org/news", "not an http(s) URL (scheme '(none)')"),
        ("http://", "a URL without a host"),
        ("http://exa mple.org/", "a malformed host name 'exa%20mple.org'"),
        ("http://127.0.0.1:99999/", "a malformed URL (port 99999 is not 1-65535)"),
        ("http://example.org:abc/", "a malformed URL (Invalid port: 'abc')"),
    ],
)
def test_fetch_refuses_bad_urls_without_any_request(
    fetcher: Fetcher, url: str, expected: str
) -> None:
    assert reason(fetcher, url).startswith(expected)


def test_a_batch_goes_on_after_failures(site: Site, fetcher: Fetcher) -> None:
    urls = [f"{site.url}/missing", dead_url(), f"{site.url}/image", f"{site.url}/article"]
    results = [fetcher.fetch(url) for url in urls]
    assert [type(result) for result in results] == [FetchFailed] * 3 + [Fetched]


def test_requests_to_one_host_are_spaced_by_the_delay(site: Site) -> None:
    with Fetcher(FetchSettings(delay=0.2)) as fetcher:
        for path in ("/article", "/plain", "/three/0"):
            fetched(fetcher, site.url + path)
    times = [at for _, at in site.requests]
    assert len(times) == 1 + 2 + 4  # robots.txt, two pages, three redirects and the article
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    assert min(gaps) >= 0.19, gaps


def test_other_hosts_do_not_wait(site: Site) -> None:
    with serving() as other, Fetcher(FetchSettings(delay=0.5)) as fetcher:
        fetched(fetcher, f"{site.url}/article")
        fetched(fetcher, f"{other.url}/article")  # a different port is a different origin
    assert other.requests[0][1] - site.requests[-1][1] < 0.4


def test_politeness_waits_the_rest_of_the_delay_by_the_injected_clock() -> None:
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    politeness = Politeness(1.0, clock=lambda: now[0], sleep=sleep)
    with politeness.turn("https://a.example"):
        now[0] += 0.5  # the response takes half a second; the delay counts from its end
    now[0] += 0.25
    with politeness.turn("https://a.example"):
        pass
    with politeness.turn("https://b.example"):
        pass
    now[0] += 2
    with politeness.turn("https://a.example"):
        pass
    assert slept == [pytest.approx(0.75)]


def test_mock_transport_stands_in_for_the_network() -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        return httpx.Response(200, headers={"content-type": "text/plain"}, content=b"Hello.")

    with Fetcher(FetchSettings(delay=0), transport=httpx.MockTransport(answer)) as fetcher:
        page = fetcher.fetch("https://news.example/story")
    assert isinstance(page, Fetched) and page.body == b"Hello."
