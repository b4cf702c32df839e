"""A response cache for reads: the same GET on the same ledger state gets the same bytes.

Each entry remembers the ledger's version (``Ledger.version``, moved on by every write
transaction, whichever process writes). The version is read again at most every
``POLL_SECONDS`` and after every write through this process, so an answer is reused only
while the ledger is unchanged (a write made by another process shows within
``POLL_SECONDS``). Answers that depend on today's date (no ``as_of`` given) are keyed by the
day too. Only successful GETs are kept; the least recently used go first.

The budget counts all an entry holds: its key, its headers, its body and ``ENTRY_OVERHEAD``
bytes for the objects around them. A request whose key is over ``MAX_KEY`` bytes (a long query
string) is answered but not kept, so unique long URLs cannot fill the cache with keys.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pactwatch.api import Ledger
from pactwatch.errors import PactwatchError

SKIPPED = ("/static/", "/api/docs", "/openapi.json")
MAX_KEY = 1024
"""Bytes of path and query string past which an answer is not kept."""
ENTRY_OVERHEAD = 400
"""Bytes an entry costs beyond its key, headers and body (the Python objects holding them)."""
HEADER_OVERHEAD = 120
"""Bytes a header costs beyond its name and value (two bytes objects in a tuple)."""


@dataclass(frozen=True, slots=True)
class Entry:
    version: int
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes

    def size(self, key: str) -> int:
        """Bytes this entry holds under ``key``, all counted."""
        headers = sum(len(name) + len(value) + HEADER_OVERHEAD for name, value in self.headers)
        return ENTRY_OVERHEAD + len(key) + headers + len(self.body)


class ResponseCache:
    """Least recently used answers, up to ``budget`` bytes in all (keys, headers, bodies)."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.used = 0
        self.entries: OrderedDict[str, Entry] = OrderedDict()
        self.lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: str, version: int) -> Entry | None:
        with self.lock:
            entry = self.entries.get(key)
            if entry is None or entry.version != version:
                self.misses += 1
                return None
            self.entries.move_to_end(key)
            self.hits += 1
            return entry

    def put(self, key: str, entry: Entry) -> None:
        if len(key) > MAX_KEY or entry.size(key) > self.budget // 8:
            return
        with self.lock:
            old = self.entries.pop(key, None)
            if old is not None:
                self.used -= old.size(key)
            self.entries[key] = entry
            self.used += entry.size(key)
            while self.used > self.budget and self.entries:
                dropped_key, dropped = self.entries.popitem(last=False)
                self.used -= dropped.size(dropped_key)


POLL_SECONDS = 0.05
"""How long a read of the ledger's version is trusted."""


class CacheReads:
    """ASGI middleware: answer a GET from the cache when the ledger has not changed."""

    def __init__(self, app: ASGIApp, cache: ResponseCache) -> None:
        self.app = app
        self.cache = cache
        self.version = -1
        self.read_at = 0.0

    async def _version(self, ledger: Ledger) -> int:
        now = time.monotonic()
        if now - self.read_at > POLL_SECONDS:
            self.version = await anyio.to_thread.run_sync(ledger.version)
            self.read_at = now
        return self.version

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or path.startswith(SKIPPED):
            await self.app(scope, receive, send)
            return
        if scope["method"] != "GET":
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
        if len(key) > MAX_KEY:  # answered, never kept (see the module docstring)
            await self.app(scope, receive, send)
            return
        entry = self.cache.get(key, version)
        if entry is not None:
            await send(
                {"type": "http.response.start", "status": entry.status, "headers": entry.headers}
            )
            await send({"type": "http.response.body", "body": entry.body})
            return
        started: list[Message] = []
        parts: list[bytes] = []

        async def keep(message: Message) -> None:
            if message["type"] == "http.response.start":
                started.append(message)
            elif message["type"] == "http.response.body":
                parts.append(message.get("body", b""))
                if not message.get("more_body") and started and started[0]["status"] == 200:
                    headers = list(started[0].get("headers", []))
                    self.cache.put(key, Entry(version, 200, headers, b"".join(parts)))
            await send(message)

        await self.app(scope, receive, keep)


def _key(scope: Scope) -> str:
    query = scope.get("query_string", b"").decode("latin-1")
    return f"{scope['path']}?{query}#{dt.date.today().isoformat()}"
