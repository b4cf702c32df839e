"""What one request may hold, enforced before any route sees it.

Two layers share the work. ``pactwatch serve`` runs uvicorn's h11 server with
``web/protocol.py``: it refuses a request line and headers over ``MAX_HEADER_BYTES`` (431,
connection closed, nothing more read) and closes a connection whose headers have not all
arrived within ``HEADER_SECONDS``. This ASGI middleware checks what reaches the app (under any
server, the test client included): the number of headers, their size, the query string's
length and the body's size, declared or streamed (chunked); and it adds the security headers to
every response.
"""

from __future__ import annotations

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
    """Refuse too many or too large headers (431), a query string over ``MAX_QUERY`` bytes (414)
    and a body over ``limit`` bytes, declared or streamed (413); add the security headers to
    every response."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refused = self._refusal(scope)
        if refused is not None:
            if refused[0] == 413 and _declared(scope) <= DRAIN:
                await _drain(receive, 0)
            await _answer(refused, scope, receive, send)
            return
        seen = 0
        answered = False

        async def counted() -> Message:
            nonlocal seen, answered
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit and not answered:
                answered = True
                if message.get("more_body"):
                    await _drain(receive, seen)
                await _answer(self._too_large(), scope, receive, send)
            if answered:  # the app stops reading; whatever it answers is dropped
                return {"type": "http.disconnect"}
            return message

        async def secured(message: Message) -> None:
            if answered:
                return
            if message["type"] == "http.response.start":
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
    (which sends its whole body before it reads an answer) gets the 413 and not a reset."""
    while seen <= DRAIN:
        message = await receive()
        seen += len(message.get("body", b""))
        if message["type"] != "http.request" or not message.get("more_body"):
            return


async def _answer(refused: tuple[int, str], scope: Scope, receive: Receive, send: Send) -> None:
    status, message = refused
    response = errors.error_response(status, message)
    response.headers["connection"] = "close"
    response.raw_headers.extend(SECURITY_HEADERS)
    await response(scope, receive, send)
