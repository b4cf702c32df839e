"""The access log: one line per HTTP request, written when its response has been sent.

``2026-01-06T12:00:00Z 127.0.0.1:51234 GET /api/actors/CAN 200 3.1 ms``

``pactwatch serve`` writes it to standard error by default; ``--access-log PATH`` appends
to a file, ``--access-log off`` turns it off. Importing this module loads no web framework.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pactwatch.errors import InputError

Write = Callable[[str], None]
"""Where a finished line goes."""

STDERR = "-"
OFF = "off"


def access_log_writer(target: str) -> Write | None:
    """The writer for ``--access-log``: ``-`` standard error, ``off`` none (None), else a
    file appended to, one flushed line per request (several server processes may share it).
    InputError if the file cannot be opened."""
    if target == OFF:
        return None
    if target == STDERR:
        return _to_stderr
    handle = _open(target)

    def write(text: str) -> None:
        handle.write(text)

    return write


def check_access_log(target: str) -> None:
    """Refuse, with InputError, an ``--access-log`` file that cannot be written."""
    if target not in {OFF, STDERR}:
        _open(target).close()


def _open(target: str) -> TextIO:
    path = Path(target).expanduser()
    try:
        return path.open("a", encoding="utf-8", buffering=1)
    except OSError as error:
        raise InputError(
            f"--access-log: cannot write to {path} ({error.strerror}): name a file in an "
            f"existing folder, '{STDERR}' for standard error, or '{OFF}'."
        ) from None


def _to_stderr(line: str) -> None:
    sys.stderr.write(line)
    sys.stderr.flush()


class AccessLog:
    """ASGI middleware: after each HTTP request, write method, path (with its query),
    status, duration in milliseconds and the client's address."""

    def __init__(self, app: ASGIApp, write: Write) -> None:
        self.app = app
        self.write = write

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # what the client gets if the app fails before it starts a response

        async def watched(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, watched)
        finally:
            self.write(line(scope, status, time.perf_counter() - started))


def line(scope: Scope, status: int, seconds: float) -> str:
    """One access-log line, newline included."""
    client = scope.get("client")
    address = f"{client[0]}:{client[1]}" if client else "-"
    path = scope.get("path", "")
    query = scope.get("query_string", b"")
    if query:
        path += "?" + query.decode("latin-1")
    at = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"{at} {address} {scope.get('method', '-')} {path} {status} {seconds * 1000:.1f} ms\n"
