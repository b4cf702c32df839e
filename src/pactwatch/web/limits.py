"""What one request may hold, enforced before any route sees it.

Two layers share the work. ``pactwatch serve`` runs uvicorn's h11 server with
``web/protocol.py``: it refuses a request line and headers over ``MAX_HEADER_BYTES`` (431,
connection closed, nothing more read) and closes a connection whose headers have not all
arrived within ``HEADER_SECONDS``. This ASGI middleware checks what reaches the app (under any
server, the test client included): the number of headers, their size, the query string's
length, the body's size, declared or streamed (chunked), and the pace it arrives at (408 when
``BODY_IDLE_SECONDS`` pass without a byte of it, or ``BODY_SECONDS`` of waiting for it in
all); and it adds the security headers to every response. (A write's token is checked before
its body is read: ``web/edge.py``.)
"""

from __future__ import annotations

import time

import anyio
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pactwatch.web import errors

MAX_BODY = 2 * 1024 * 1024
"""Bytes a request body may have (an article is far less)."""
MAX_HEADER_BYTES = 16 * 1024
"""Bytes the request line and headers may have together."""
MAX_HEADERS = 100
"""Headers a request may have."""
MAX_QUERY = 8 * 1024
"""Bytes a query string may have (the longest the API reads, a scenario, is 2,000 characters)."""
HEADER_SECONDS = 5.0
"""Seconds a client has to send a request's line and headers."""
DRAIN = 4 * MAX_BODY
"""Bytes of a refused body read and dropped before the 413 is sent (past them the connection is
closed at once, and the client may see a reset instead of the 413)."""
BODY_IDLE_SECONDS = 5.0
"""Seconds a request body may go without a byte arriving while the server waits for it."""
BODY_SECONDS = 30.0
"""Seconds the server waits, in all, for one request's body (2 MiB in 30 s is 70 KB/s)."""
MAX_CONNECTIONS = 1000
"""Open connections (and requests in progress) per server process past which requests get 503."""

SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        b"object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]


class RequestLimits:
    """Refuse too many or too large headers (431), a query string over ``MAX_QUERY`` bytes (414),
    a body over ``limit`` bytes, declared or streamed (413), and a body that comes too slowly
    (408: ``idle_seconds`` without a byte, or ``body_seconds`` of waiting in all; the connection
    is closed); add the security headers to every response."""

    def __init__(
        self,
        app: ASGIApp,
        limit: int,
        *,
        body_seconds: float = BODY_SECONDS,
        idle_seconds: float = BODY_IDLE_SECONDS,
    ) -> None:
        self.app = app
        self.limit = limit
        self.body_seconds = body_seconds
        self.idle_seconds = idle_seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        timely = BodyClock(receive, self.body_seconds, self.idle_seconds)
        refused = self._refusal(scope)
        if refused is not None:
            if refused[0] == 413 and _declared(scope) <= DRAIN:
                await _drain(timely.receive, 0)
            await _answer(refused, scope, receive, send)
            return
        seen = 0
        answered = False
        started = False

        async def counted() -> Message:
            nonlocal seen, answered
            try:
                message = await timely.receive()
            except TimeoutError:
                if not answered and not started:
                    answered = True
                    await _answer((408, timely.too_slow()), scope, receive, send)
                return {"type": "http.disconnect"}  # the app stops reading; its answer is dropped
            seen += len(message.get("body", b""))
            if seen > self.limit and not answered:
                answered = True
                if message.get("more_body"):
                    await _drain(timely.receive, seen)
                await _answer(self._too_large(), scope, receive, send)
            if answered:  # the app stops reading; whatever it answers is dropped
                return {"type": "http.disconnect"}
            return message

        async def secured(message: Message) -> None:
            nonlocal started
            if answered:
                return
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        try:
            await self.app(scope, counted, secured)
        except Exception:
            if not answered:
                raise

    def _refusal(self, scope: Scope) -> tuple[int, str] | None:
        headers: list[tuple[bytes, bytes]] = scope["headers"]
        if len(headers) > MAX_HEADERS:
            return 431, f"The request has {len(headers):,} headers; at most {MAX_HEADERS} are read."
        size = sum(len(name) + len(value) + 4 for name, value in headers)
        if size > MAX_HEADER_BYTES:
            return 431, f"The request headers are over {MAX_HEADER_BYTES:,} bytes: send fewer."
        query = len(scope.get("query_string", b""))
        if query > MAX_QUERY:
            return (
                414,
                f"The query string is {query:,} bytes; at most {MAX_QUERY:,} are read: "
                "shorten the filters or the scenario.",
            )
        if _declared(scope) > self.limit:
            return self._too_large()
        return None

    def _too_large(self) -> tuple[int, str]:
        return 413, f"The request body is over {self.limit:,} bytes: send a shorter article."


def _declared(scope: Scope) -> int:
    """The body's declared length (0 if not declared: chunked or none)."""
    declared = dict(scope["headers"]).get(b"content-length", b"")
    return int(declared) if declared.isdigit() else 0


async def _drain(receive: Receive, seen: int) -> None:
    """Read and drop the rest of a refused body, up to ``DRAIN`` bytes in all, so the client
    (which sends its whole body before it reads an answer) gets the 413 and not a reset; a
    body that comes too slowly is given up on (``receive`` is a :class:`BodyClock`'s)."""
    while seen <= DRAIN:
        try:
            message = await receive()
        except TimeoutError:
            return
        seen += len(message.get("body", b""))
        if message["type"] != "http.request" or not message.get("more_body"):
            return


class BodyClock:
    """``receive`` with the body's pace enforced: while the body is not all in, each wait for
    more may last ``idle_seconds`` and all of them together ``body_seconds``; past either,
    :meth:`receive` raises TimeoutError. Only the time spent waiting for the client counts (not
    the time the app takes before it asks for more), and once the body is in (or the client is
    gone), ``receive`` is passed through untimed: an app may wait on it for a disconnect."""

    def __init__(self, receive: Receive, body_seconds: float, idle_seconds: float) -> None:
        self._receive = receive
        self.body_seconds = body_seconds
        self.idle_seconds = idle_seconds
        self.waited = 0.0
        self.done = False

    async def receive(self) -> Message:
        if self.done:
            return await self._receive()
        allowed = min(self.idle_seconds, self.body_seconds - self.waited)
        began = time.monotonic()
        try:
            with anyio.fail_after(max(allowed, 0.0)):
                message = await self._receive()
        finally:
            self.waited += time.monotonic() - began
        if message["type"] != "http.request" or not message.get("more_body"):
            self.done = True
        return message

    def too_slow(self) -> str:
        """The 408's message: which of the two limits the body ran into."""
        if self.waited >= self.body_seconds - 0.05:
            return (
                f"The request body took over {self.body_seconds:g} s to arrive: send it faster, "
                "or a shorter one (the connection is closed)."
            )
        return (
            f"No byte of the request body arrived for {self.idle_seconds:g} s: send the body "
            "right after the headers (the connection is closed)."
        )


async def _answer(refused: tuple[int, str], scope: Scope, receive: Receive, send: Send) -> None:
    status, message = refused
    response = errors.error_response(status, message)
    response.headers["connection"] = "close"
    response.raw_headers.extend(SECURITY_HEADERS)
    await response(scope, receive, send)
