"""The HTTP/1.1 connection ``pactwatch serve`` runs: uvicorn's h11 protocol with two guards.

- A request line and headers over ``MAX_HEADER_BYTES`` (uvicorn's
  ``h11_max_incomplete_event_size``, set by ``pactwatch serve``) get 431 in the API's error shape
  and the connection is closed; h11 stops buffering there. (uvicorn's default parser, httptools,
  reads headers of any size.)
- A connection has ``HEADER_SECONDS`` to send each request's line and headers, from when it
  opens or its last answer was sent: a slow or silent client is disconnected then.
"""

from __future__ import annotations

import asyncio
import json

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

from pactwatch.web.limits import HEADER_SECONDS, MAX_HEADER_BYTES

HEADERS_TOO_LARGE = json.dumps(
    {
        "error": {
            "status": 431,
            "code": "headers_too_large",
            "message": f"The request line and headers are over {MAX_HEADER_BYTES:,} bytes: "
            "send fewer or shorter headers.",
            "field": None,
            "suggestions": [],
        }
    },
    separators=(",", ":"),
).encode()


class GuardedH11Protocol(H11Protocol):
    """uvicorn's h11 connection with a header deadline and a 431 for oversized headers."""

    header_deadline: asyncio.TimerHandle | None = None
    waiting_since: object = None
    """The request/response cycle that was current when the deadline was set."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def on_response_complete(self) -> None:
        self._arm()  # before the next pipelined request (if any) starts a new cycle
        super().on_response_complete()

    def send_400_response(self, msg: str) -> None:
        if len(self.conn.trailing_data[0]) <= MAX_HEADER_BYTES:
            super().send_400_response(msg)
            return
        headers = [
            ("content-type", "application/json"),
            ("content-length", str(len(HEADERS_TOO_LARGE))),
            ("connection", "close"),
        ]
        response = h11.Response(
            status_code=431, headers=headers, reason=b"Request Header Fields Too Large"
        )
        for event in (response, h11.Data(data=HEADERS_TOO_LARGE), h11.EndOfMessage()):
            self.transport.write(self.conn.send(event) or b"")
        self.transport.close()

    def _arm(self) -> None:
        self._disarm()
        self.waiting_since = self.cycle
        self.header_deadline = self.loop.call_later(HEADER_SECONDS, self._too_slow)

    def _disarm(self) -> None:
        if self.header_deadline is not None:
            self.header_deadline.cancel()
            self.header_deadline = None

    def _too_slow(self) -> None:
        """Close the connection unless a request's headers arrived since the deadline was set."""
        self.header_deadline = None
        if self.cycle is self.waiting_since and not self.transport.is_closing():
            self.transport.close()
