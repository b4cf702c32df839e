"""The server: one process serving the JSON API (/api), the dashboard pages and their assets.

``create_app(db)`` builds it; ``pactwatch serve`` runs it with uvicorn.
"""

from __future__ import annotations

import gc
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources

import anyio.to_thread
from fastapi import FastAPI
from fastapi.responses import HTMLResponse

from pactwatch import __version__
from pactwatch.api import Ledger
from pactwatch.reference import load_catalog
from pactwatch.web import api_routes, errors, pages
from pactwatch.web.access_log import STDERR, AccessLog, Write, access_log_writer
from pactwatch.web.cache import CacheReads, ResponseCache
from pactwatch.web.edge import EdgeGuard
from pactwatch.web.etag import CachedStatic
from pactwatch.web.limits import BODY_SECONDS, MAX_BODY, RequestLimits

DB_VARIABLE = "PACTWATCH_DB"
"""Where ``pactwatch serve`` tells its server processes the ledger is."""
THREADS = 4
"""Routes run at once per process. Each holds Python's lock while it works, so past a few
per core more threads only take turns: on 2 cores, the cold read mix at a million claims
answered 191-233 requests/s with 40 (anyio's default) and 232-297 with 4 (bench/api_load.py,
runs taken in turn on a noisy machine)."""
CACHE_BYTES = 64 * 1024 * 1024
"""Bytes of answers (keys, headers, bodies) each server process keeps for repeated reads."""


def create_app(
    db: str | None = None,
    *,
    max_body: int = MAX_BODY,
    cache_bytes: int = CACHE_BYTES,
    access_log: Write | None = None,
    body_seconds: float = BODY_SECONDS,
    threads: int = THREADS,
) -> FastAPI:
    """The API and dashboard over the ledger at ``db`` (a path or URL; opened at startup).
    ``cache_bytes=0`` turns the response cache off (ETags and 304s stay); ``access_log`` gets
    one line per request (web/access_log.py), none if None; a request body must arrive within
    ``body_seconds`` of waiting for it (web/limits.py); at most ``threads`` requests run
    their routes at once (the others wait)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.ledger = Ledger.open(db)
        load_catalog()
        anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        # What is loaded now lives as long as the process: out of the collector's sight, a
        # full collection in the middle of a request no longer walks it (p95 under load).
        gc.freeze()
        try:
            yield
        finally:
            app.state.ledger.close()

    app = FastAPI(
        title="pactwatch",
        version=__version__,
        description="An evidence-backed ledger of security guarantees between states. "
        "Reads are open; writes need 'Authorization: Bearer TOKEN' "
        "(`pactwatch token create --role editor`). Every error has one shape: "
        '{"error": {"status", "code", "message", "field", "suggestions"}}.',
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.add_api_route("/api/docs", api_docs, include_in_schema=False)
    errors.install(app, pages.error_page)
    app.include_router(api_routes.router)
    app.include_router(pages.router)
    static = resources.files("pactwatch.web") / "static"
    app.mount("/static", CachedStatic(directory=str(static)), name="static")
    # Always installed: with cache_bytes=0 it keeps nothing but still tags answers (ETag, 304).
    app.add_middleware(CacheReads, cache=ResponseCache(cache_bytes))
    # Before the cache and any body: control characters in the path and query (422), a
    # write's token (401, 403).
    app.add_middleware(EdgeGuard, routes=[*api_routes.router.routes, *pages.router.routes])
    app.add_middleware(RequestLimits, limit=max_body, body_seconds=body_seconds)
    if access_log is not None:
        app.add_middleware(AccessLog, write=access_log)
    return app


API_DOCS = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>pactwatch API</title>
<link rel="stylesheet" href="/static/swagger-ui.css">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/static/swagger-ui-bundle.js"></script>
<script src="/static/api-docs.js"></script>
</body>
</html>
"""


def api_docs() -> HTMLResponse:
    """Swagger UI over /openapi.json, every asset served from the package (static/)."""
    return HTMLResponse(API_DOCS)


CACHE_VARIABLE = "PACTWATCH_CACHE_MB"
"""Megabytes of response cache per server process (0 turns it off)."""
ACCESS_LOG_VARIABLE = "PACTWATCH_ACCESS_LOG"
"""Where each server process writes its access log: '-' standard error, 'off', or a file."""
THREADS_VARIABLE = "PACTWATCH_THREADS"
"""Routes each server process runs at once (default ``THREADS``)."""
BODY_SECONDS_VARIABLE = "PACTWATCH_BODY_SECONDS"
"""Seconds of waiting for a request body in all before 408 (default ``BODY_SECONDS``)."""


def app_from_environment() -> FastAPI:
    """The app over the ledger named by PACTWATCH_DB (the default ledger when unset), with
    PACTWATCH_CACHE_MB megabytes of response cache and the access log PACTWATCH_ACCESS_LOG
    names (standard error when unset); PACTWATCH_BODY_SECONDS, a whole number of seconds from
    1 to 3600, changes the body deadline (30 s); PACTWATCH_THREADS, from 1 to 256, the routes
    run at once (4)."""
    megabytes = os.environ.get(CACHE_VARIABLE, "")
    cache = int(megabytes) * 1024 * 1024 if megabytes.isdigit() else CACHE_BYTES
    log = access_log_writer(os.environ.get(ACCESS_LOG_VARIABLE) or STDERR)
    seconds = _whole_number(BODY_SECONDS_VARIABLE, 1, 3600)
    threads = _whole_number(THREADS_VARIABLE, 1, 256)
    return create_app(
        os.environ.get(DB_VARIABLE) or None,
        cache_bytes=cache,
        access_log=log,
        body_seconds=BODY_SECONDS if seconds is None else float(seconds),
        threads=THREADS if threads is None else threads,
    )


def _whole_number(variable: str, low: int, high: int) -> int | None:
    """The environment variable's value if it is a whole number from ``low`` to ``high``."""
    value = os.environ.get(variable, "")
    return int(value) if value.isdigit() and low <= int(value) <= high else None
