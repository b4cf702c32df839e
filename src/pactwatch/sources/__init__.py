"""Sources: the only layer that touches the network (fetching news pages with httpx)."""

from pactwatch.sources.fetch import (
    DEFAULT_DELAY,
    DEFAULT_MAX_BYTES,
    DEFAULT_TIMEOUT,
    PAGE_TYPES,
    Fetched,
    Fetcher,
    FetchFailed,
    FetchSettings,
    Politeness,
    user_agent,
)
from pactwatch.sources.robots import AGENT_TOKEN, Robots, RobotsAnswer

__all__ = [
    "AGENT_TOKEN",
    "DEFAULT_DELAY",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_TIMEOUT",
    "PAGE_TYPES",
    "FetchFailed",
    "FetchSettings",
    "Fetched",
    "Fetcher",
    "Politeness",
    "Robots",
    "RobotsAnswer",
    "user_agent",
]
