"""The server: one process serving the JSON API (/api), the dashboard pages and their assets.

``create_app(db)`` builds it; ``pactwatch serve`` runs it with uvicorn.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pactwatch import __version__
from pactwatch.api import Ledger
from pactwatch.web import api_routes, errors, pages
from pactwatch.web.access_log import STDERR, AccessLog, Write, access_log_writer
from pactwatch.web.cache import CacheReads, ResponseCache

DB_VARIABLE = "PACTWATCH_DB"
"""Where ``pactwatch serve`` tells its server processes the ledger is."""
MAX_BODY = 2 * 1024 * 1024
"""Bytes a request body may have (an article is far less)."""

SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        b"object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]


CACHE_BYTES = 64 * 1024 * 1024
"""Bytes of response bodies each server process keeps for repeated reads."""


def create_app(
    db: str | None = None,
    *,
    max_body: int = MAX_BODY,
    cache_bytes: int = CACHE_BYTES,
    access_log: Write | None = None,
) -> FastAPI:
    """The API and dashboard over the ledger at ``db`` (a path or URL; opened at startup).
    ``cache_bytes=0`` turns the response cache off; ``access_log`` gets one line per
    request (web/access_log.py), none if None."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.ledger = Ledger.open(db)
        try:
            yield
        finally:
            app.state.ledger.close()

    app = FastAPI(
        title="pactwatch",
        version=__version__,
        description="An evidence-backed ledger of security guarantees between states. "
        "Reads are open; writes need 'Authorization: Bearer <token>' "
        "(`pactwatch token create --role editor`). Every error has one shape: "
        '{"error": {"status", "code", "message", "field", "suggestions"}}.',
        lifespan=lifespan,
        docs_url="/api/docs",
        redoc_url=None,
    )
    errors.install(app, pages.error_page)
    app.include_router(api_routes.router)
    app.include_router(pages.router)
    static = resources.files("pactwatch.web") / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    if cache_bytes:
        app.add_middleware(CacheReads, cache=ResponseCache(cache_bytes))
    app.add_middleware(LimitBody, limit=max_body)
    if access_log is not None:
        app.add_middleware(AccessLog, write=access_log)
    return app


class LimitBody:
    """Refuse request bodies over ``limit`` bytes with 413 (declared or streamed), and add
    the security headers to every response."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._too_large(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise BodyTooLargeError
            return message

        async def secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        try:
            await self.app(scope, counted, secured)
        except BodyTooLargeError:
            await self._too_large(scope, receive, send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = errors.error_response(
            413, f"The request body is over {self.limit:,} bytes: send a shorter article."
        )
        await response(scope, receive, send)


class BodyTooLargeError(Exception):
    """A streamed body went over the limit."""


CACHE_VARIABLE = "PACTWATCH_CACHE_MB"
"""Megabytes of response cache per server process (0 turns it off)."""
ACCESS_LOG_VARIABLE = "PACTWATCH_ACCESS_LOG"
"""Where each server process writes its access log: '-' standard error, 'off', or a file."""


def app_from_environment() -> FastAPI:
    """The app over the ledger named by PACTWATCH_DB (the default ledger when unset), with
    PACTWATCH_CACHE_MB megabytes of response cache and the access log PACTWATCH_ACCESS_LOG
    names (standard error when unset)."""
    megabytes = os.environ.get(CACHE_VARIABLE, "")
    cache = int(megabytes) * 1024 * 1024 if megabytes.isdigit() else CACHE_BYTES
    log = access_log_writer(os.environ.get(ACCESS_LOG_VARIABLE) or STDERR)
    return create_app(os.environ.get(DB_VARIABLE) or None, cache_bytes=cache, access_log=log)
