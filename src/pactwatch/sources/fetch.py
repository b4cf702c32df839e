"""Fetching news pages over HTTP, politely and within bounds.

Every URL gives a :class:`Fetched` page or a :class:`FetchFailed` with a one-line reason;
a batch never stops at a bad URL. The rules (docs/sources.md):

- only ``http`` and ``https`` URLs; a connection must open within ``timeout`` seconds,
  every read must arrive within ``timeout`` seconds, and the whole response within
  ``DEADLINE_FACTOR`` x ``timeout``;
- at most ``max_redirects`` redirects (a loop is named as such), each hop checked
  against robots.txt;
- only the content types in ``content_types``; the body is streamed and refused past
  ``max_bytes`` (counted after gzip/deflate/brotli decoding, so a small compressed bomb
  is refused too);
- robots.txt is honoured (see :mod:`pactwatch.sources.robots`);
- a request to a host starts at least ``delay`` seconds, or the host's robots.txt
  Crawl-delay if longer (at most ``MAX_CRAWL_DELAY``), after the previous one ended;
- the User-Agent names pactwatch, its version and the user's contact.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import TracebackType
from typing import Self

import httpx

from pactwatch.sources.robots import ROBOTS_MAX_BYTES, Robots, RobotsAnswer

DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_BYTES = 5_000_000
DEFAULT_DELAY = 1.0
MAX_REDIRECTS = 5
DEADLINE_FACTOR = 6
"""A whole response must arrive within this many times the timeout (a page trickled one
byte a second never ends otherwise)."""
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/xml",
        "text/xml",
        "application/feed+json",
        "application/json",
    }
)
"""Media types a feed or sitemap may come as (:meth:`Fetcher.fetch` with ``kinds=``)."""
KEPT_HEADERS = ("content-type", "content-language", "last-modified", "etag", "date")
REDIRECTS = frozenset({301, 302, 303, 307, 308})


def user_agent(contact: str | None) -> str:
    """``pactwatch/0.1.0 (contact: news-desk@example.org)``; without a contact it says so."""
    said = f"contact: {contact.strip()}" if contact and contact.strip() else "no contact given"
    return f"pactwatch/{_version()} ({said})"


def _version() -> str:
    """pactwatch's installed version (read here: the root package imports every layer)."""
    try:
        return importlib.metadata.version("pactwatch")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchSettings:
    """How to fetch: limits, politeness and who is asking."""

    timeout: float = DEFAULT_TIMEOUT
    """Seconds to open a connection, and between two reads of a response."""
    max_bytes: int = DEFAULT_MAX_BYTES
    """Larger bodies (after decompression) are refused."""
    max_redirects: int = MAX_REDIRECTS
    """Redirects followed before refusing."""
    delay: float = DEFAULT_DELAY
    """Seconds from the end of one request to a host to the start of the next (robots.txt
    included); a longer Crawl-delay in the host's robots.txt wins (at most
    :data:`~pactwatch.sources.robots.MAX_CRAWL_DELAY`)."""
    contact: str | None = None
    """An e-mail address or URL where site owners can reach the user, sent in the User-Agent."""
    content_types: frozenset[str] = PAGE_TYPES
    """Media types accepted; others are refused before their body is read."""

    @property
    def user_agent(self) -> str:
        return user_agent(self.contact)


@dataclass(frozen=True, slots=True, kw_only=True)
class Fetched:
    """A page fetched with success."""

    url: str
    """The URL asked for."""
    final_url: str
    """Where the page was found, after redirects."""
    status: int
    """HTTP status (2xx)."""
    content_type: str
    """Media type, lower case, without parameters (``text/html``)."""
    charset: str | None
    """The charset the Content-Type header names, if any."""
    headers: dict[str, str] = field(default_factory=dict)
    """The response headers in :data:`KEPT_HEADERS` that were sent."""
    body: bytes
    """The body, decompressed, at most ``max_bytes``."""
    fetched_at: dt.datetime
    """When the response arrived (UTC)."""


@dataclass(frozen=True, slots=True)
class NotModified:
    """A conditional GET answered 304: the page has not changed since its validators."""

    url: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Validators:
    """What a conditional GET sends: the ETag and Last-Modified a previous answer gave."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        sent = {"If-None-Match": self.etag, "If-Modified-Since": self.last_modified}
        return {name: value for name, value in sent.items() if value}


@dataclass(frozen=True, slots=True)
class FetchFailed:
    """A URL that gave no page, and why, in one line that says what to do."""

    url: str
    reason: str


class Politeness:
    """Spaces the requests to each host: one starts at least ``delay`` seconds (or the
    host's own ``at_least``, if longer) after the previous one to the same host ended (so the
    host sees them that far apart or more)."""

    def __init__(
        self,
        delay: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.delay = delay
        self._clock = clock
        self._sleep = sleep
        self._last: dict[str, float] = {}

    @contextmanager
    def turn(self, host: str, at_least: float = 0.0) -> Iterator[None]:
        """Wait until ``host`` may be asked again (``delay``, or ``at_least`` seconds, such as
        its Crawl-delay, if longer); its next turn counts from the block's end."""
        last = self._last.get(host)
        delay = max(self.delay, at_least)
        if last is not None and delay > 0:
            remaining = last + delay - self._clock()
            if remaining > 0:
                self._sleep(remaining)
        try:
            yield
        finally:
            self._last[host] = self._clock()


class _Refused(Exception):  # noqa: N818 - internal, never raised out
    """A reason to give up on one URL (internal; becomes a FetchFailed)."""


class Fetcher:
    """Fetches pages by the rules in :class:`FetchSettings`; use as a context manager.

    ``transport`` replaces the network in tests (``httpx.MockTransport``); ``clock`` and
    ``sleep`` drive the per-host delay.
    """

    def __init__(
        self,
        settings: FetchSettings | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings or FetchSettings()
        self._client = httpx.Client(
            transport=transport,
            timeout=httpx.Timeout(self.settings.timeout),
            headers={"User-Agent": self.settings.user_agent},
            follow_redirects=False,
            max_redirects=self.settings.max_redirects,
            trust_env=False,
        )
        self.politeness = Politeness(self.settings.delay, clock, sleep)
        self.robots = Robots(self._robots_txt)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def fetch(
        self,
        url: str,
        *,
        validators: Validators | None = None,
        kinds: frozenset[str] | None = None,
    ) -> Fetched | NotModified | FetchFailed:
        """The page at ``url``, or why there is none. With ``validators`` the GET is
        conditional (a 304 gives :class:`NotModified`, no body); ``kinds`` replaces the
        accepted media types for this request (:data:`FEED_TYPES` for feeds)."""
        try:
            return self._follow(
                url, validators or Validators(), kinds or self.settings.content_types
            )
        except _Refused as refused:
            return FetchFailed(url, str(refused))
        except httpx.RequestError as error:
            return FetchFailed(url, _transport_reason(error, self.settings.timeout))

    def _follow(
        self, url: str, validators: Validators, kinds: frozenset[str]
    ) -> Fetched | NotModified:
        seen: list[str] = []
        current = _checked_url(url)
        while True:
            seen.append(str(current))
            answer = self._request(current, validators, kinds)
            if answer is None:
                return NotModified(url)
            if not isinstance(answer, str):
                return self._page(url, current, *answer)
            target = _checked_url(str(current.join(answer)), redirected=True)
            if str(target) in seen:
                loop = " -> ".join([*seen[seen.index(str(target)) :], str(target)])
                raise _Refused(f"redirect loop ({loop}): the site is misconfigured; not fetched")
            if len(seen) > self.settings.max_redirects:
                raise _Refused(
                    f"more than {self.settings.max_redirects} redirects (the last to {target}): "
                    "give the final URL instead"
                )
            current = target

    def _request(
        self, url: httpx.URL, validators: Validators, kinds: frozenset[str]
    ) -> tuple[httpx.Response, bytes] | str | None:
        """One GET, after robots.txt and the delay: a redirect gives its Location; a page
        gives the response and its body, read within the bounds; a 304 gives None; anything
        else is refused."""
        origin = _origin(url)
        refusal = self.robots.refusal(str(url), origin)
        if refusal is not None:
            raise _Refused(refusal)
        with self.politeness.turn(origin, self.robots.crawl_delay(origin)):
            started = time.monotonic()
            with self._client.stream("GET", url, headers=validators.headers()) as response:
                if response.status_code == 304:
                    return None
                if response.status_code in REDIRECTS and "location" in response.headers:
                    return response.headers["location"]
                if response.status_code >= 400:
                    raise _Refused(_status_reason(response))
                if not 200 <= response.status_code < 300:
                    raise _Refused(f"HTTP {response.status_code} {response.reason_phrase}: no page")
                self._check_type(response, kinds)
                return response, self._read(response, started)

    def _check_type(self, response: httpx.Response, kinds: frozenset[str]) -> None:
        media = _media_type(response.headers.get("content-type", ""))
        if media not in kinds:
            allowed = ", ".join(sorted(kinds))
            if kinds is FEED_TYPES:
                raise _Refused(
                    f"content type {media or '(none)'!r} is not a feed ({allowed}): give the "
                    "URL of an RSS, Atom or JSON feed or of a sitemap, not of a web page"
                )
            raise _Refused(
                f"content type {media or '(none)'!r} is not a page ({allowed}): "
                "give the article's HTML page, or save the text and use pactwatch ingest"
            )
        declared = response.headers.get("content-length", "")
        limit = self.settings.max_bytes
        if (
            declared.isdigit()
            and int(declared) > limit
            and "content-encoding" not in response.headers
        ):
            raise _Refused(_too_large(limit, int(declared)))

    def _read(self, response: httpx.Response, started: float) -> bytes:
        limit = self.settings.max_bytes
        allowed = DEADLINE_FACTOR * self.settings.timeout
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise _Refused(_too_large(limit, None))
            if time.monotonic() - started > allowed:
                raise _Refused(
                    f"too slow: the page did not arrive within {allowed:g} s "
                    f"({DEADLINE_FACTOR} x the timeout): raise --timeout or try later"
                )
            chunks.append(chunk)
        return b"".join(chunks)

    def _page(self, asked: str, final: httpx.URL, response: httpx.Response, body: bytes) -> Fetched:
        headers = response.headers
        return Fetched(
            url=asked,
            final_url=str(final),
            status=response.status_code,
            content_type=_media_type(headers.get("content-type", "")),
            charset=response.charset_encoding,
            headers={name: headers[name] for name in KEPT_HEADERS if name in headers},
            body=body,
            fetched_at=dt.datetime.now(dt.UTC),
        )

    def _robots_txt(self, url: str) -> RobotsAnswer:
        """robots.txt of a host, redirects followed (up to the limit), read within bounds."""
        try:
            with (
                self.politeness.turn(_origin(httpx.URL(url))),
                self._client.stream("GET", url, follow_redirects=True) as response,
            ):
                if not 200 <= response.status_code < 300:
                    return RobotsAnswer(response.status_code)
                body = b""
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) >= ROBOTS_MAX_BYTES:
                        break
                return RobotsAnswer(response.status_code, body[:ROBOTS_MAX_BYTES])
        except httpx.TooManyRedirects:
            return RobotsAnswer(404)
        except httpx.RequestError as error:
            return RobotsAnswer(None, failure=_transport_reason(error, self.settings.timeout))


def _checked_url(text: str, *, redirected: bool = False) -> httpx.URL:
    where = "a redirect to " if redirected else ""
    try:
        url = httpx.URL(text.strip())
    except httpx.InvalidURL as error:
        raise _Refused(f"{where}a malformed URL ({error}): check the URL") from None
    if url.scheme not in ("http", "https"):
        raise _Refused(
            f"{where}not an http(s) URL (scheme {url.scheme or '(none)'!r}): "
            "give a URL starting with https:// or http://"
        )
    if not url.host:
        raise _Refused(
            f"{where}a URL without a host: give a full URL like https://example.org/page"
        )
    if not _HOST.fullmatch(url.host):
        raise _Refused(f"{where}a malformed host name {url.host!r}: check the URL")
    if url.port is not None and not 0 < url.port < 65536:
        raise _Refused(f"{where}a malformed URL (port {url.port} is not 1-65535): check the URL")
    return url


_HOST = re.compile(r"[A-Za-z0-9._\-]+|[0-9A-Fa-f:.]+")
"""A host name (international names arrive in their xn-- form) or an IPv4/IPv6 address."""


def _origin(url: httpx.URL) -> str:
    port = f":{url.port}" if url.port else ""
    return f"{url.scheme}://{url.host}{port}"


def _media_type(header: str) -> str:
    return header.split(";")[0].strip().lower()


def _too_large(limit: int, declared: int | None) -> str:
    size = f"{declared:,} bytes, " if declared is not None else ""
    return f"{size}over the {limit:,}-byte limit: raise it with --max-bytes"


def _status_reason(response: httpx.Response) -> str:
    status = f"HTTP {response.status_code} {response.reason_phrase}".strip()
    if response.status_code == 404 or response.status_code == 410:
        return f"{status}: no page at this URL; check it"
    if response.status_code in (401, 403):
        return f"{status}: the site refuses access; pactwatch does not log in"
    if response.status_code == 429:
        return f"{status}: the site asks to slow down; raise --delay and try later"
    if response.status_code >= 500:
        return f"{status}: the site failed; try again later"
    return f"{status}: no page"


def _has_request(error: httpx.RequestError) -> bool:
    try:
        error.request  # noqa: B018 - raises RuntimeError when the error has none
    except RuntimeError:
        return False
    return True


def _transport_reason(error: httpx.RequestError, timeout: float) -> str:
    if isinstance(error, httpx.ConnectTimeout):
        return (
            f"no connection within {timeout:g} s (connect timeout): "
            "check the host, or raise --timeout"
        )
    if isinstance(error, httpx.TimeoutException):
        return (
            f"no data for {timeout:g} s (read timeout): the site is too slow; "
            "raise --timeout or try later"
        )
    if isinstance(error, httpx.ConnectError):
        said = re.sub(r"^\[Errno -?\d+\] ", "", " ".join(str(error).split()))
        where = f" to {error.request.url.netloc.decode()}" if _has_request(error) else ""
        return (
            f"cannot connect{where} ({said or 'connection failed'}): check the host, or try later"
        )
    if isinstance(error, httpx.DecodingError):
        return "the body cannot be decompressed (bad Content-Encoding): the site sent a broken page"
    said = " ".join(str(error).split()) or type(error).__name__
    return f"the connection failed ({said}): try again later"
