"""A loopback site that serves feeds of every format with ETag and Last-Modified (answering
304 to a matching conditional GET), article pages, and counts requests per path."""

from __future__ import annotations

import contextlib
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler

from tests.loopback import serve

LAST_MODIFIED = "Wed, 02 Dec 2026 10:00:00 GMT"
COUNTRIES = ("France", "Germany", "Poland", "Italy", "Spain", "Norway", "Sweden", "Denmark")


def article(n: int) -> bytes:
    """An article page whose text differs by ``n`` (so each is its own document)."""
    country = COUNTRIES[n % len(COUNTRIES)]
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Pact {n}</title>"
        f"<meta property='article:published_time' content='2026-02-{n % 27 + 1:02d}T10:00:00Z'>"
        f"</head><body><article><h1>Security pact number {n}</h1>"
        f"<p>{country} and Ukraine signed security agreement number {n} in Kyiv on "
        f"{n % 27 + 1} February 2026. Under the agreement, {country} will provide military "
        f"training to Ukraine's armed forces for ten years, officials said in report {n}.</p>"
        f"<p>The agreement number {n} also covers intelligence sharing and air defence, "
        f"according to the text published by the two governments on the same day.</p>"
        "</article></body></html>"
    ).encode()


def rss(base: str, pages: list[int]) -> bytes:
    items = "".join(
        f"<item><title>Pact {n}</title><link>{base}/page/{n}</link>"
        f"<pubDate>Mon, 02 Feb 2026 10:00:00 GMT</pubDate></item>"
        for n in pages
    )
    channel = f"<channel><title>T</title>{items}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()


def atom(base: str, pages: list[int]) -> bytes:
    entries = "".join(
        f'<entry><title>Pact {n}</title><link rel="alternate" href="{base}/page/{n}"/>'
        f"<updated>2026-02-02T10:00:00Z</updated></entry>"
        for n in pages
    )
    return f'<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>{entries}</feed>'.encode()


def json_feed(base: str, pages: list[int]) -> bytes:
    import json

    items = [{"id": str(n), "url": f"{base}/page/{n}", "title": f"Pact {n}"} for n in pages]
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": items}).encode()


def sitemap(base: str, pages: list[int]) -> bytes:
    urls = "".join(
        f"<url><loc>{base}/page/{n}</loc><news:news><news:publication_date>2026-02-02"
        "</news:publication_date><news:title>Pact</news:title></news:news></url>"
        for n in pages
    )
    return (
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>'
    ).encode()


FORMATS = {
    "rss": (rss, "application/rss+xml"),
    "atom": (atom, "application/atom+xml"),
    "json": (json_feed, "application/feed+json"),
    "sitemap": (sitemap, "application/xml"),
}
BAD = {
    "/bad/notxml": (b"this is not a feed", "application/xml"),
    "/bad/doctype": (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 '
        b'"&lol;&lol;&lol;">]><rss><channel><item><link>&lol2;</link></item></channel></rss>',
        "application/rss+xml",
    ),
    "/bad/html": (b"<html><body>Hello</body></html>", "text/html"),
}


@dataclass
class FeedSite:
    """The running site: its URL, the pages each feed lists (change it between rounds), the
    per-path request counts, the delay before each article page and the broken pages."""

    url: str
    pages: dict[str, list[int]] = field(default_factory=dict)
    hits: Counter[str] = field(default_factory=Counter)
    page_delay: float = 0.0
    broken: set[int] = field(default_factory=set)
    """Article pages that answer 404 (change it between rounds)."""
    version: int = 0
    """Bumped to change the feeds' ETags (call :meth:`publish`)."""

    def publish(self, kind: str, pages: list[int]) -> None:
        self.pages[kind] = pages
        self.version += 1


class _Handler(BaseHTTPRequestHandler):
    site: FeedSite

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""

    def do_GET(self) -> None:
        self.site.hits[self.path] += 1
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._answer(self.path)

    def _answer(self, path: str) -> None:
        if path == "/robots.txt":
            return self._send(404, b"", "text/plain")
        if path.startswith("/page/"):
            time.sleep(self.site.page_delay)
            n = int(path.rsplit("/", 1)[1])
            if n in self.site.broken:
                return self._send(404, b"gone", "text/html")
            return self._send(200, article(n), "text/html")
        if path in BAD:
            return self._send(200, *BAD[path])
        if path == "/sitemapindex":
            body = (
                '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                f"<sitemap><loc>{self.site.url}/feed/sitemap</loc></sitemap></sitemapindex>"
            ).encode()
            return self._send(200, body, "application/xml")
        kind = path.removeprefix("/feed/")
        if kind in FORMATS and kind in self.site.pages:
            etag = f'"{kind}-{self.site.version}"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return None
            make, media = FORMATS[kind]
            return self._send(200, make(self.site.url, self.site.pages[kind]), media, etag=etag)
        return self._send(404, b"no", "text/html")

    def _send(self, status: int, body: bytes, kind: str, *, etag: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        if etag:
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", LAST_MODIFIED)
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def feed_site() -> Iterator[FeedSite]:
    with serve(_Handler, FeedSite) as site:
        yield site
