"""Fixtures for the fetch tests: a loopback site and a fetcher with small limits."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pactwatch.sources import Fetcher, FetchSettings
from tests.loopback import Site, serving

SMALL = FetchSettings(timeout=0.3, max_bytes=100_000, delay=0, contact="desk@example.org")
"""Limits small enough to meet quickly: a 0.3 s timeout, a 100 kB cap, no delay."""


@pytest.fixture
def site() -> Iterator[Site]:
    with serving() as running:
        yield running


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(SMALL) as opened:
        yield opened
