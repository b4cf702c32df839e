"""Fetch speed from a loopback server, against a bare httpx GET loop on the same pages.

Starts an HTTP/1.1 server on 127.0.0.1 serving N distinct article pages (about 6 kB of
HTML each) and a robots.txt, then times:
  1. a bare ``httpx.Client.get`` loop (the baseline: no robots.txt, no checks, no cap),
  2. pactwatch's Fetcher with the politeness delay off (robots.txt, redirect, content-type
     and size checks, streamed body),
  3. the same plus reading each page into a document (trafilatura),
  4. pactwatch's Fetcher with a delay to the one host (default 0.05 s): the rate must stay
     at or under 1/delay.
Figures 1-3 are timed in alternating rounds and the best round of each is kept, so that load
from elsewhere on the machine does not skew the ratios; each is printed with its ratio to the
baseline of the same run.

Run: .venv/bin/python bench/fetch_loopback.py [--pages 200] [--delay 0.05] [--delayed 40]
"""

from __future__ import annotations

import argparse
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx

from pactwatch.documents import read_page
from pactwatch.model import Document
from pactwatch.sources import Fetched, Fetcher, FetchSettings

PARAGRAPH = (
    "<p>Page {n}: the two governments signed a security agreement in the capital on Monday, "
    "under which the guarantor will provide training, air defence and economic support for "
    "ten years, and will consult within 24 hours in the event of a future armed attack.</p>"
)


def page(number: int) -> bytes:
    body = "".join(PARAGRAPH.format(n=number) for _ in range(20))
    return (
        f"<html><head><title>Agreement {number}</title>"
        '<meta property="article:published_time" content="2024-02-24"></head>'
        f"<body><article><h1>Agreement {number}</h1>{body}</article></body></html>"
    ).encode()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in two writes

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""

    def do_GET(self) -> None:
        if self.path == "/robots.txt":
            body, kind = b"User-agent: *\nDisallow: /private/\n", "text/plain"
        else:
            body, kind = page(int(self.path.rsplit("/", 1)[1])), "text/html; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serving() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def bare(urls: list[str]) -> None:
    with httpx.Client(timeout=10) as client:
        for url in urls:
            client.get(url).raise_for_status()


def fetched(urls: list[str], delay: float = 0.0) -> None:
    with Fetcher(FetchSettings(delay=delay, contact="bench@example.org")) as fetcher:
        for url in urls:
            assert isinstance(fetcher.fetch(url), Fetched), url


def read(urls: list[str]) -> None:
    with Fetcher(FetchSettings(delay=0, contact="bench@example.org")) as fetcher:
        for url in urls:
            got = fetcher.fetch(url)
            assert isinstance(got, Fetched), url
            assert isinstance(read_page(got), Document), url


def rate(run: Callable[[list[str]], None], urls: list[str]) -> float:
    started = time.perf_counter()
    run(urls)
    return len(urls) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--delay", type=float, default=0.05)
    parser.add_argument("--delayed", type=int, default=40, help="pages fetched with the delay")
    args = parser.parse_args()
    with serving() as base:
        urls = [f"{base}/news/{n}" for n in range(args.pages)]
        runs = {"bare httpx GET loop": bare, "pactwatch fetch": fetched, "fetch + read": read}
        best = dict.fromkeys(runs, 0.0)
        for _ in range(args.rounds):
            for name, run in runs.items():
                best[name] = max(best[name], rate(run, urls))
        baseline = best["bare httpx GET loop"]
        print(f"{args.pages} pages from 127.0.0.1, best of {args.rounds} rounds:")
        for name, value in best.items():
            print(f"  {name:<22} {value:8.1f} pages/s  ({value / baseline:.2f}x the baseline)")
        polite = rate(lambda chosen: fetched(chosen, args.delay), urls[: args.delayed])
        ceiling = 1 / args.delay
        verdict = "at or under" if polite <= ceiling else "OVER"
        print(
            f"  delay {args.delay:g} s, one host  {polite:8.1f} pages/s  "
            f"({polite / baseline:.3f}x the baseline; {verdict} 1/delay = {ceiling:g}/s)"
        )


if __name__ == "__main__":
    main()
