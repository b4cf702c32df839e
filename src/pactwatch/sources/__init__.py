"""Sources: the only layer that touches the network (fetching news pages with httpx)."""

from pactwatch.sources.feeds import Entry, Feed, FeedError, parse_feed
from pactwatch.sources.fetch import (
    DEFAULT_DELAY,
    DEFAULT_MAX_BYTES,
    DEFAULT_TIMEOUT,
    FEED_TYPES,
    PAGE_TYPES,
    Fetched,
    Fetcher,
    FetchFailed,
    FetchSettings,
    NotModified,
    Politeness,
    Validators,
    user_agent,
)
from pactwatch.sources.robots import AGENT_TOKEN, MAX_CRAWL_DELAY, Robots, RobotsAnswer, crawl_delay

__all__ = [
    "AGENT_TOKEN",
    "DEFAULT_DELAY",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_TIMEOUT",
    "FEED_TYPES",
    "MAX_CRAWL_DELAY",
    "PAGE_TYPES",
    "Entry",
    "Feed",
    "FeedError",
    "FetchFailed",
    "FetchSettings",
    "Fetched",
    "Fetcher",
    "NotModified",
    "Politeness",
    "Robots",
    "RobotsAnswer",
    "Validators",
    "crawl_delay",
    "parse_feed",
    "user_agent",
]
