"""A response cache for reads: the same GET on the same ledger state gets the same bytes.

Each entry remembers the ledger version it was made on and what it depends on: the actors and
arrangements its reads were keyed by, or everything (``pactwatch.store.changes`` records both,
the reads while the route runs and the writes as they commit). Every ``POLL_SECONDS``, and
after every write through this process, the cache asks the ledger what the writes since its
last look touched, and drops only the entries that depend on it: a write about Canada leaves
the roster of an arrangement Canada has no part in, and every answer about other states, where
they are. Answers that depend on everything (lists over the whole ledger, counts, the claim and
document pages) go with every write. A write made by another process shows within
``POLL_SECONDS``. Answers that depend on today's date (no ``as_of`` given) are keyed by the
day too. Only successful GETs are kept; the least recently used go first.

The same middleware tags every successful GET with an ETag made from the version its answer
was made on and its key, and answers a GET whose ``If-None-Match`` holds with 304 before the
route runs (``web/etag.py``): a kept answer keeps its tag across writes that do not touch it.
Both stay off for /static/ (``etag.CachedStatic``).

The budget counts all an entry holds: its key, its headers, its body and ``ENTRY_OVERHEAD``
bytes for the objects around them. A request whose key is over ``MAX_KEY`` bytes (a long query
string) is answered but not kept, so unique long URLs cannot fill the cache with keys.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import OrderedDict, deque
from dataclasses import dataclass

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pactwatch.api import Ledger
from pactwatch.errors import PactwatchError
from pactwatch.store.changes import Changes, Dependencies, recording
from pactwatch.web.etag import etag, if_none_match, not_modified, validated

STATIC = "/static/"
"""Assets: passed through untouched (``etag.CachedStatic`` gives them their own headers)."""
NOT_KEPT = ("/api/docs", "/openapi.json")
"""Answers tagged but not kept (they do not read the ledger)."""
MAX_KEY = 1024
"""Bytes of path and query string past which an answer is not kept."""
ENTRY_OVERHEAD = 400
"""Bytes an entry costs beyond its key, headers and body (the Python objects holding them)."""
HEADER_OVERHEAD = 120
"""Bytes a header costs beyond its name and value (two bytes objects in a tuple)."""


@dataclass(frozen=True, slots=True)
class Entry:
    version: int
    """The ledger version the answer was made on (its tag names it)."""
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes
    scopes: frozenset[str] | None = None
    """The actors and arrangements it depends on; None: everything."""

    def touched_by(self, scopes: frozenset[str] | None) -> bool:
        """Whether writes that touched ``scopes`` (None: anything) may change this answer."""
        return scopes is None or self.scopes is None or not self.scopes.isdisjoint(scopes)

    def size(self, key: str) -> int:
        """Bytes this entry holds under ``key``, all counted."""
        headers = sum(len(name) + len(value) + HEADER_OVERHEAD for name, value in self.headers)
        return ENTRY_OVERHEAD + len(key) + headers + len(self.body)


class ResponseCache:
    """Least recently used answers, up to ``budget`` bytes in all (keys, headers, bodies); a
    budget of 0 keeps nothing. Every entry held is current as of ``version``."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.used = 0
        self.entries: OrderedDict[str, Entry] = OrderedDict()
        self.lock = threading.Lock()
        self.hits = 0
        self.misses = 0
        self.version = -1
        self.recent: deque[tuple[int, int, frozenset[str] | None]] = deque(maxlen=RECENT)
        """(from version, to version, scopes touched) of the last advances."""

    def get(self, key: str, version: int) -> Entry | None:
        """The answer kept under ``key``, if the cache is current as of ``version``."""
        with self.lock:
            entry = self.entries.get(key) if version == self.version else None
            if entry is None:
                self.misses += 1
                return None
            self.entries.move_to_end(key)
            self.hits += 1
            return entry

    def advance(self, changes: Changes) -> None:
        """The ledger moved on to ``changes.version``: drop the entries its writes touched."""
        with self.lock:
            if changes.version <= self.version:
                return
            if changes.scopes is None or self.version < 0:
                self.entries.clear()
                self.used = 0
            else:
                for key in [k for k, e in self.entries.items() if e.touched_by(changes.scopes)]:
                    self.used -= self.entries.pop(key).size(key)
            self.recent.append((self.version, changes.version, changes.scopes))
            self.version = changes.version

    def put(self, key: str, entry: Entry) -> None:
        """Keep an answer, unless a write since the version it was made on touched it."""
        if len(key) > MAX_KEY or entry.size(key) > self.budget // 8:
            return
        with self.lock:
            if not self._current(entry):
                return
            old = self.entries.pop(key, None)
            if old is not None:
                self.used -= old.size(key)
            self.entries[key] = entry
            self.used += entry.size(key)
            while self.used > self.budget and self.entries:
                dropped_key, dropped = self.entries.popitem(last=False)
                self.used -= dropped.size(dropped_key)

    def _current(self, entry: Entry) -> bool:
        """Whether ``entry`` holds as of ``self.version`` (the advances since it was made are
        remembered and none touched it)."""
        if entry.version == self.version:
            return True
        if entry.version > self.version or self.version < 0:
            return False
        since = [(start, scopes) for start, end, scopes in self.recent if end > entry.version]
        if not since or since[0][0] > entry.version:
            return False  # the advances since it was made are forgotten
        return not any(entry.touched_by(scopes) for _, scopes in since)


RECENT = 64
"""Advances remembered, to keep an answer made while the ledger moved on untouched."""
POLL_SECONDS = 0.05
"""How long a read of the ledger's version is trusted."""


class CacheReads:
    """ASGI middleware: answer a GET from the cache when the ledger has not changed, tag every
    successful GET with its ETag, and answer 304 to a GET whose ``If-None-Match`` still holds
    without running the route (``web/etag.py``). A cache with a budget of 0 keeps nothing; the
    tags and 304s work all the same."""

    def __init__(self, app: ASGIApp, cache: ResponseCache) -> None:
        self.app = app
        self.cache = cache
        self.version = -1
        self.read_at = 0.0

    async def _version(self, ledger: Ledger) -> int:
        """The ledger's version, read at most every ``POLL_SECONDS``; with the cache on, the
        entries the writes since the last read touched are dropped on the way."""
        now = time.monotonic()
        if now - self.read_at > POLL_SECONDS:
            if self.cache.budget > 0 and self.cache.version >= 0:
                changes = await anyio.to_thread.run_sync(ledger.changes_since, self.cache.version)
            else:
                changes = Changes(await anyio.to_thread.run_sync(ledger.version), None)
            if self.cache.budget > 0:
                self.cache.advance(changes)
            self.version = max(self.version, changes.version)
            self.read_at = now
        return self.version

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("path", "").startswith(STATIC):
            await self.app(scope, receive, send)
            return
        if scope["method"] != "GET":  # never 304, never kept, never tagged
            try:
                await self.app(scope, receive, send)
            finally:
                self.read_at = 0.0  # a write may have happened: read the version again
            return
        ledger: Ledger = scope["app"].state.ledger
        try:
            version = await self._version(ledger)
        except PactwatchError:  # the request itself will meet the problem and report it
            await self.app(scope, receive, send)
            return
        key = _key(scope)
        kept = (
            self.cache.budget > 0 and len(key) <= MAX_KEY and not scope["path"].startswith(NOT_KEPT)
        )
        entry = self.cache.get(key, version) if kept else None
        tag = etag(entry.version if entry is not None else version, key)
        condition = if_none_match(scope)
        if condition is not None and (condition.names(tag) or (entry and condition.any)):
            # the route does not run: that is the point ('*': a current answer is kept)
            await not_modified(send, tag)
        elif entry is not None:
            headers = validated(entry.headers, tag)
            await send({"type": "http.response.start", "status": entry.status, "headers": headers})
            await send({"type": "http.response.body", "body": entry.body})
        else:
            star = condition is not None and condition.any
            with recording() as reads:
                answer = Answer(
                    self.cache, send, key if kept else None, version, tag, star=star, reads=reads
                )
                await self.app(scope, receive, answer.send)


class Answer:
    """Passes one answer on as the route makes it: a 200 gets its tag (or becomes a 304 when
    ``If-None-Match`` was ``*``) and is kept under ``key`` (unless None); any other status gets
    ``Cache-Control: no-cache`` and no tag."""

    def __init__(
        self,
        cache: ResponseCache,
        send: Send,
        key: str | None,
        version: int,
        tag: bytes,
        *,
        star: bool,
        reads: Dependencies,
    ) -> None:
        self.cache, self.downstream, self.key = cache, send, key
        self.version, self.tag, self.star = version, tag, star
        self.reads = reads
        """What the route's reads of the ledger depended on (filled as it runs)."""
        self.status = 0
        self.headers: list[tuple[bytes, bytes]] = []
        self.parts: list[bytes] = []

    async def send(self, message: Message) -> None:
        kind = message["type"]
        if kind == "http.response.start":
            await self._start(message)
        elif kind == "http.response.body" and self.status == 200:
            self._keep(message)
            if not self.star:
                await self.downstream(message)
        else:
            await self.downstream(message)

    async def _start(self, message: Message) -> None:
        self.status = message["status"]
        self.headers = list(message.get("headers", []))
        ok = self.status == 200
        if ok and self.star:
            await not_modified(self.downstream, self.tag)
            return
        headers = validated(self.headers, self.tag if ok else None)
        await self.downstream({**message, "headers": headers})

    def _keep(self, message: Message) -> None:
        if self.key is None:
            return
        self.parts.append(message.get("body", b""))
        if not message.get("more_body"):
            body = b"".join(self.parts)
            entry = Entry(self.version, 200, self.headers, body, self.reads.scopes())
            self.cache.put(self.key, entry)


def _key(scope: Scope) -> str:
    query = scope.get("query_string", b"").decode("latin-1")
    return f"{scope['path']}?{query}#{dt.date.today().isoformat()}"
