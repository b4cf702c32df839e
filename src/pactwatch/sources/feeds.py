"""Reading feeds: RSS 2.0, Atom, JSON Feed 1.x and sitemaps (news sitemaps included).

:func:`parse_feed` turns a feed's body into :class:`Entry` records (the page URL, its title
and date when the feed gives them) and, for a sitemap index, the sitemaps it lists. XML is
read with the standard library; a document with a DOCTYPE is refused, so no entity is ever
expanded (the "billion laughs"), and the body's size is bounded by the fetcher's cap.
A body that is not a feed raises :class:`FeedError` with a one-line reason.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from pactwatch.errors import PactwatchError


class FeedError(PactwatchError):
    """A body that is not a feed or sitemap pactwatch can read."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    """One page a feed announces."""

    url: str
    """The page's URL (absolute, http or https)."""
    title: str | None = None
    """The title the feed gives, if any."""
    published: dt.datetime | None = None
    """When the feed says the page was published or last changed, if it says."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Feed:
    """What a feed body lists: its entries, and for a sitemap index its sitemaps."""

    kind: str
    """``rss``, ``atom``, ``json``, ``sitemap`` or ``sitemapindex``."""
    entries: list[Entry] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    """Sitemap URLs a sitemap index lists (followed one level by the watcher)."""


_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


def parse_feed(body: bytes) -> Feed:
    """The entries of an RSS, Atom, JSON Feed or sitemap body; :class:`FeedError` if none."""
    text = body.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith((b"{", b"[")):
        return _json_feed(text)
    if not text.startswith(b"<"):
        raise FeedError("not a feed (neither XML nor JSON): check that the URL is a feed's")
    if _DOCTYPE.search(text[:4096]) or b"<!ENTITY" in text:
        raise FeedError(
            "XML with a DOCTYPE (entities are not expanded, to stay safe): not read; "
            "feeds and sitemaps have no DOCTYPE"
        )
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        raise FeedError(f"malformed XML ({error}): the site sent a broken feed") from None
    reader = _READERS.get(_local(root.tag))
    if reader is None:
        raise FeedError(
            f"XML whose root is <{_local(root.tag)}>, not a feed (rss, feed, urlset, "
            "sitemapindex): check that the URL is a feed's"
        )
    return reader(root)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _child(element: ET.Element, name: str) -> ET.Element | None:
    for child in element:
        if _local(child.tag) == name:
            return child
    return None


def _text(element: ET.Element, *names: str) -> str | None:
    for name in names:
        child = _child(element, name)
        if child is not None and child.text and child.text.strip():
            return child.text.strip()
    return None


def _web(url: str | None) -> str | None:
    url = (url or "").strip()
    return url if url.startswith(("http://", "https://")) else None


def _rss(root: ET.Element) -> Feed:
    channel = _child(root, "channel")
    items = [] if channel is None else [c for c in channel if _local(c.tag) == "item"]
    entries = []
    for item in items:
        url = _web(_text(item, "link"))
        if url is None:
            guid = _child(item, "guid")
            if guid is not None and guid.get("isPermaLink", "true") != "false":
                url = _web(guid.text)
        if url:
            entries.append(
                Entry(url=url, title=_text(item, "title"), published=_date(_text(item, "pubDate")))
            )
    return Feed(kind="rss", entries=entries)


def _atom(root: ET.Element) -> Feed:
    entries = []
    for item in (c for c in root if _local(c.tag) == "entry"):
        links = [c for c in item if _local(c.tag) == "link"]
        chosen = [c for c in links if c.get("rel", "alternate") == "alternate"] or links
        url = _web(chosen[0].get("href")) if chosen else None
        if url:
            when = _text(item, "published", "updated")
            entries.append(Entry(url=url, title=_text(item, "title"), published=_date(when)))
    return Feed(kind="atom", entries=entries)


def _urlset(root: ET.Element) -> Feed:
    entries = []
    for item in (c for c in root if _local(c.tag) == "url"):
        url = _web(_text(item, "loc"))
        if not url:
            continue
        news = _child(item, "news")
        title = _text(news, "title") if news is not None else None
        when = _text(news, "publication_date") if news is not None else None
        entries.append(Entry(url=url, title=title, published=_date(when or _text(item, "lastmod"))))
    return Feed(kind="sitemap", entries=entries)


def _sitemapindex(root: ET.Element) -> Feed:
    found = (_web(_text(c, "loc")) for c in root if _local(c.tag) == "sitemap")
    return Feed(kind="sitemapindex", sitemaps=[url for url in found if url])


_READERS = {"rss": _rss, "feed": _atom, "urlset": _urlset, "sitemapindex": _sitemapindex}


def _json_feed(text: bytes) -> Feed:
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise FeedError(f"malformed JSON ({error}): the site sent a broken feed") from None
    version = data.get("version", "") if isinstance(data, dict) else ""
    if not isinstance(version, str) or not version.startswith("https://jsonfeed.org/version/1"):
        raise FeedError(
            "JSON that is not a JSON Feed 1.x (no 'version': 'https://jsonfeed.org/version/1.1'):"
            " check that the URL is a feed's"
        )
    items = data.get("items")
    entries = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        url = _web(item.get("url") if isinstance(item.get("url"), str) else None)
        if url:
            title = item.get("title") if isinstance(item.get("title"), str) else None
            when = item.get("date_published") or item.get("date_modified")
            entries.append(
                Entry(
                    url=url, title=title, published=_date(when if isinstance(when, str) else None)
                )
            )
    return Feed(kind="json", entries=entries)


def _date(text: str | None) -> dt.datetime | None:
    """An RFC 822 (RSS) or ISO 8601 (Atom, JSON Feed, sitemaps) date; None when unreadable."""
    if not text:
        return None
    try:
        when = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(text.strip())
        except (TypeError, ValueError):
            return None
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)
