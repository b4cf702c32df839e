"""A real HTTP server on 127.0.0.1 for the fetch tests: nothing reaches beyond loopback.

It serves an article, a plain-text page, robots.txt, redirect chains and a loop, wrong
content types, a huge page, slow and trickling pages, gzip, 404 and 500, and logs when
each request arrived (to check the per-host delay).
"""

from __future__ import annotations

import contextlib
import gzip
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TypeVar

S = TypeVar("S")

ARTICLE_TEXT = (
    "Canada and Ukraine signed an Agreement on Security Cooperation in Kyiv on 24 February "
    "2024, the second anniversary of the full-scale invasion. Prime Minister Justin Trudeau "
    "and President Volodymyr Zelensky put their names to the ten-year agreement in the "
    "Ukrainian capital.",
    "Under the agreement, Canada will provide military training to Ukraine's armed forces and "
    "will share intelligence with Kyiv. Canada also pledged more than 3 billion Canadian "
    "dollars in military and economic support for 2024.",
    "In the event of a future Russian armed attack, the two governments will consult within "
    "24 hours to decide on the next steps, the text says.",
)
ARTICLE_TITLE = "Canada and Ukraine sign ten-year security agreement"
ARTICLE_PUBLISHED = "2024-02-24"
ARTICLE_HTML = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{ARTICLE_TITLE} | Loopback News</title>
<meta property="og:title" content="{ARTICLE_TITLE}">
<meta property="article:published_time" content="{ARTICLE_PUBLISHED}T10:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{ARTICLE_TITLE}</h1>
{"".join(f"<p>{paragraph}</p>" for paragraph in ARTICLE_TEXT)}
</article>
<footer>Follow us. Copyright Loopback News.</footer>
</body></html>
""".encode()
PLAIN_TEXT = (
    b"UK and Ukraine agree security cooperation\n\n"
    b"The United Kingdom and Ukraine signed an Agreement on Security Co-operation in Kyiv on "
    b"12 January 2024. Prime Minister Rishi Sunak said the United Kingdom will keep training "
    b"Ukrainian soldiers and will provide 2.5 billion pounds in military aid in the coming year.\n"
)
ROBOTS = b"User-agent: *\nDisallow: /private/\n"
REDIRECTS = {
    **{f"/three/{n}": f"/three/{n + 1}" for n in range(2)},
    "/three/2": "/article",
    **{f"/six/{n}": f"/six/{n + 1}" for n in range(5)},
    "/six/5": "/article",
    "/loop/a": "/loop/b",
    "/loop/b": "/loop/a",
}
HUGE_CHUNK = b"<p>" + b"padding " * 1000 + b"</p>\n"
SLOW_SECONDS = 1.5


@dataclass
class Site:
    """A running loopback site: its base URL and the requests it got (path, monotonic time)."""

    url: str
    robots_status: int = 200
    robots: bytes = ROBOTS
    """The robots.txt it serves (with ``robots_status`` 200)."""
    requests: list[tuple[str, float]] = field(default_factory=list)
    agents: list[str] = field(default_factory=list)

    def hits(self, path: str) -> int:
        return sum(1 for got, _ in self.requests if got == path)


class Handler(BaseHTTPRequestHandler):
    site: Site

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""

    def do_GET(self) -> None:
        self.site.requests.append((self.path, time.monotonic()))
        self.site.agents.append(self.headers.get("User-Agent", ""))
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._answer(self.path)  # a client that gives up closes the connection early

    def _answer(self, path: str) -> None:
        if path == "/robots.txt":
            if self.site.robots_status != 200:
                return self._send(self.site.robots_status, b"down", "text/plain")
            return self._send(200, self.site.robots, "text/plain")
        if path in REDIRECTS:
            self.send_response(302)
            self.send_header("Location", REDIRECTS[path])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        simple = {
            "/article": (200, ARTICLE_HTML, "text/html; charset=utf-8"),
            "/private/article": (200, ARTICLE_HTML, "text/html"),
            "/plain": (200, PLAIN_TEXT, "text/plain; charset=utf-8"),
            "/image": (200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "image/png"),
            "/pdf": (200, b"%PDF-1.4\n", "application/pdf"),
            "/missing": (404, b"not here", "text/html"),
            "/broken": (500, b"oops", "text/html"),
            "/declared-huge": (200, HUGE_CHUNK * 200, "text/html"),
        }
        if path in simple:
            return self._send(*simple[path])
        if path == "/gzip":
            return self._send(200, gzip.compress(ARTICLE_HTML), "text/html", gzip=True)
        if path == "/huge":
            return self._stream(HUGE_CHUNK for _ in range(200))
        if path == "/slow":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(ARTICLE_HTML)))
            self.end_headers()
            self.wfile.flush()
            time.sleep(SLOW_SECONDS)
            self.wfile.write(ARTICLE_HTML)
            return None
        if path == "/trickle":
            return self._stream(_trickled(ARTICLE_HTML))
        return self._send(404, b"no such page", "text/html")

    def _send(self, status: int, body: bytes, kind: str, *, gzip: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        if gzip:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        self.wfile.write(body)

    def _stream(self, chunks: Iterator[bytes]) -> None:
        """A body without Content-Length, ended by closing the connection (HTTP/1.0)."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        for chunk in chunks:
            self.wfile.write(chunk)
            self.wfile.flush()


def _trickled(body: bytes) -> Iterator[bytes]:
    for start in range(0, len(body), 40):
        time.sleep(0.1)
        yield body[start : start + 40]


@contextmanager
def serving(robots_status: int = 200, robots: bytes = ROBOTS) -> Iterator[Site]:
    """A site on 127.0.0.1 at a free port, for the ``with`` block."""
    with serve(Handler, lambda url: Site(url, robots_status, robots)) as site:
        yield site


@contextmanager
def serve(handler: type[BaseHTTPRequestHandler], make_site: Callable[[str], S]) -> Iterator[S]:
    """A threaded server on 127.0.0.1 at a free port whose ``handler`` sees ``site`` (made
    from the server's base URL), for the ``with`` block."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    site = make_site(f"http://127.0.0.1:{server.server_address[1]}")
    server.RequestHandlerClass = type(handler.__name__, (handler,), {"site": site})
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


def dead_url() -> str:
    """A loopback URL where nothing listens (connection refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/article"
