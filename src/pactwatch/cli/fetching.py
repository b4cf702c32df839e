"""The options of the commands that fetch over the network (`fetch`, `watch`): who we are to
the sites asked, and the bounds of each request."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from pactwatch.sources import (
    DEFAULT_DELAY,
    DEFAULT_MAX_BYTES,
    DEFAULT_TIMEOUT,
    MAX_CRAWL_DELAY,
    FetchSettings,
)

POLITE_OPTIONS = (
    click.option(
        "--contact",
        envvar="PACTWATCH_CONTACT",
        metavar="EMAIL_OR_URL",
        help="Where site owners can reach you, sent in the User-Agent. Env: PACTWATCH_CONTACT. "
        "Without it the User-Agent says 'no contact given'.",
    ),
    click.option(
        "--delay",
        type=click.FloatRange(min=0),
        default=DEFAULT_DELAY,
        show_default=True,
        metavar="SECONDS",
        help="Seconds from the end of one request to a host to the start of the next "
        "(robots.txt included); a longer Crawl-delay in the host's robots.txt wins, up to "
        f"{MAX_CRAWL_DELAY:g} s; other hosts do not wait.",
    ),
    click.option(
        "--timeout",
        type=click.FloatRange(min=0.1),
        default=DEFAULT_TIMEOUT,
        show_default=True,
        metavar="SECONDS",
        help="Seconds to connect, and to wait for each read; a whole answer must arrive within 6x.",
    ),
    click.option(
        "--max-bytes",
        type=click.IntRange(min=1),
        default=DEFAULT_MAX_BYTES,
        show_default=True,
        help="Refuse pages (and feeds) larger than this (after decompression).",
    ),
)


def polite_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """Add --contact, --delay, --timeout and --max-bytes to a command."""
    for option in reversed(POLITE_OPTIONS):
        function = option(function)
    return function


def fetch_settings(
    *, contact: str | None, delay: float, timeout: float, max_bytes: int
) -> FetchSettings:
    """The fetcher's settings from the options of :func:`polite_options`."""
    return FetchSettings(timeout=timeout, max_bytes=max_bytes, delay=delay, contact=contact)
