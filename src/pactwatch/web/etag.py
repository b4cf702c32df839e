"""Validators for reads: an ETag on every successful GET, and 304 Not Modified while it holds.

An answer's tag is a digest of everything the answer depends on: the package's version (the
code, the templates and the reference data shipped with it), the ledger's version
(``Ledger.version``) and the response cache's key (path, query string and day, see
``web/cache.py``; no GET answer differs by token, ``Accept`` or anything else the request
carries). A client that sends the tag back in ``If-None-Match`` is told ``304 Not Modified``
before the route runs, which is the point: revalidating costs one version read, not the answer.

The tags are weak (``W/"..."``) on purpose. Two answers made from the same ledger version and
request mean the same, but their bytes are not promised to be equal: several worker processes
compute them apart, and PostgreSQL may return the rows of a query without a total order in
another order (a synchronized sequential scan starts mid-table). A strong tag would promise
byte equality (which ``Range``/``If-Range`` rely on); a weak one promises only equivalence, and
``If-None-Match`` compares weakly anyway (RFC 9110, 13.1.2), so 304s work the same.

Pages and API answers carry ``Cache-Control: no-cache`` (keep them, but ask again: cheap now);
assets under /static/ carry ``STATIC_CACHE``. Their URLs are not versioned (the templates link
``/static/style.css``), so they are not marked ``immutable``: a new release shows within a day.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass

from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope, Send

from pactwatch import __version__

REVALIDATE = b"no-cache"
"""Cache-Control of pages and API answers: a client may keep them but must revalidate."""
STATIC_CACHE = "public, max-age=86400"
"""Cache-Control of /static/ assets: a day, not ``immutable`` (their URLs carry no version)."""
_TAG = re.compile(r'[\s,]*(W/)?"([^"]*)"\s*(?:,|$)')


def etag(version: int, key: str) -> bytes:
    """The weak tag of the answer to the request under ``key`` on ledger ``version``."""
    material = f"{__version__}\n{version}\n{key}".encode()
    return b'W/"' + hashlib.sha256(material).hexdigest()[:32].encode("ascii") + b'"'


@dataclass(frozen=True, slots=True)
class IfNoneMatch:
    """A request's ``If-None-Match`` field, parsed."""

    any: bool
    """The field is ``*``: any current representation matches."""
    tags: frozenset[str]
    """The opaque tags listed, ``W/`` dropped (weak comparison ignores it)."""

    def names(self, tag: bytes) -> bool:
        """Whether ``tag`` is one of the listed tags, by weak comparison."""
        return _opaque(tag.decode("ascii")) in self.tags


def if_none_match(scope: Scope) -> IfNoneMatch | None:
    """The request's ``If-None-Match`` (its lines joined), or None when it sent none. A
    malformed list counts only the tags read before the fault (RFC 9110 lets a server ignore
    the field; matching fewer tags can only mean a full answer, never a wrong 304)."""
    values = [value for name, value in scope["headers"] if name == b"if-none-match"]
    if not values:
        return None
    text = ", ".join(value.decode("latin-1") for value in values).strip()
    if text == "*":
        return IfNoneMatch(any=True, tags=frozenset())
    tags: set[str] = set()
    position = 0
    while position < len(text):
        found = _TAG.match(text, position)
        if found is None:
            break
        tags.add(found.group(2))
        position = found.end()
    return IfNoneMatch(any=False, tags=frozenset(tags))


def _opaque(tag: str) -> str:
    return tag.removeprefix("W/").strip('"')


def validated(headers: list[tuple[bytes, bytes]], tag: bytes | None) -> list[tuple[bytes, bytes]]:
    """``headers`` with ``tag`` as the ETag (none if None) and ``Cache-Control: no-cache``
    unless the route chose its own."""
    names = {name.lower() for name, _ in headers}
    added = [] if tag is None else [(b"etag", tag)]
    if b"cache-control" not in names:
        added.append((b"cache-control", REVALIDATE))
    return [*headers, *added]


async def not_modified(send: Send, tag: bytes) -> None:
    """Answer 304 with ``tag`` and the caching headers the full answer would carry, no body."""
    headers = validated([], tag)
    await send({"type": "http.response.start", "status": 304, "headers": headers})
    await send({"type": "http.response.body", "body": b""})


class CachedStatic(StaticFiles):
    """Static files with ``Cache-Control: STATIC_CACHE`` (Starlette's own ETag and
    Last-Modified, and its 304s, stay as they are)."""

    def file_response(
        self,
        full_path: str | os.PathLike[str],
        stat_result: os.stat_result,
        scope: Scope,
        status_code: int = 200,
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        response.headers["cache-control"] = STATIC_CACHE
        return response
