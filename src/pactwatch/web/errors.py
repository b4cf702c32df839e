"""The one JSON error shape of the API, and the handlers that produce it.

Every error answers ``{"error": {"status", "code", "message", "field", "suggestions"}}``:
``field`` names the parameter at fault (when one is), ``suggestions`` the nearest known ids.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from pactwatch.api import Ledger
from pactwatch.errors import (
    AccessError,
    ClaimNotFoundError,
    InputError,
    LedgerConnectionError,
    LedgerCorruptError,
    LedgerError,
    LedgerNotFoundError,
    PactwatchError,
    SchemaMismatchError,
    UnknownIdError,
)

log = logging.getLogger(__name__)


class ErrorBody(BaseModel):
    """What went wrong and how to fix it."""

    status: int
    code: str
    message: str
    field: str | None = None
    suggestions: list[str] = []


class ErrorResponse(BaseModel):
    """Every API error has this shape."""

    error: ErrorBody


CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found"}
CODES |= {405: "method_not_allowed", 413: "too_large", 422: "invalid", 500: "server_error"}
CODES |= {408: "too_slow", 414: "too_long", 431: "headers_too_large", 503: "unavailable"}


PageRenderer = Callable[[int, str, list[str]], Response]


def error_response(
    status: int,
    message: str,
    *,
    field: str | None = None,
    suggestions: tuple[str, ...] | list[str] = (),
    headers: dict[str, str] | None = None,
    request: Request | None = None,
) -> Response:
    """The error as JSON, or as a page when a dashboard page (not /api) was asked for. The
    ledger's path or URL never shows: it reads "the ledger" (the CLI names it, the API does not)."""
    page: PageRenderer | None = getattr(request.app.state, "error_page", None) if request else None
    if request is not None:
        message = _private(message, getattr(request.app.state, "ledger", None))
    if page is not None and request is not None and not _is_api(request):
        return page(status, message, list(suggestions))
    body = ErrorBody(
        status=status,
        code=CODES.get(status, "error"),
        message=message,
        field=field,
        suggestions=list(suggestions),
    )
    return JSONResponse({"error": body.model_dump()}, status_code=status, headers=headers)


def _private(message: str, ledger: Ledger | None) -> str:
    """``message`` with every spelling of the ledger's location replaced by "the ledger"."""
    if ledger is None:
        return message
    url = ledger.engine.url
    spellings = {ledger.where, str(url), url.render_as_string(hide_password=False)}
    if url.drivername.startswith("sqlite") and url.database:
        # a file path; a server's host, user or database name alone may be a common word
        # ("pactwatch"), so it is not replaced: the errors that name them, the driver's, are
        # never shown (``unusable``)
        spellings.add(url.database)
    for spelling in sorted(filter(None, spellings), key=len, reverse=True):
        message = message.replace(spelling, "the ledger")
    return message


def _is_api(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api") or path == "/openapi.json"


def install(app: FastAPI, page: PageRenderer) -> None:
    """Route every error the app can raise to the one shape (pages get ``page``)."""
    app.state.error_page = page
    app.add_exception_handler(PactwatchError, for_pactwatch_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)


async def for_pactwatch_error(request: Request, error: Exception) -> Response:
    """The answer to a pactwatch error: 401/403, 404/422, 503 (the ledger unusable), 500."""
    if isinstance(error, AccessError):
        if error.authenticated:
            return error_response(403, str(error), request=request)
        return error_response(
            401, str(error), headers={"WWW-Authenticate": "Bearer"}, request=request
        )
    if isinstance(error, UnknownIdError):
        status = 404 if _in_path(request, error.field) else 422
        return error_response(
            status, str(error), field=error.field, suggestions=error.suggestions, request=request
        )
    if isinstance(error, ClaimNotFoundError):
        return error_response(404, str(error), request=request)
    if isinstance(error, InputError):
        field = getattr(error, "field", None)
        return error_response(422, str(error), field=field, request=request)
    if isinstance(error, LedgerError):
        log.warning("%s %s: answered 503: %s", request.method, request.url.path, error)
        return error_response(503, unusable(error), request=request)
    return error_response(500, str(error), request=request)


def unusable(error: LedgerError) -> str:
    """What a client is told when the ledger cannot be used: the kind of trouble, never the
    driver's words (they name the database's host, port, user, name or file); the server log
    has them."""
    if isinstance(error, LedgerConnectionError):
        reason = "The ledger's database server cannot be reached: try again in a moment"
    elif isinstance(error, SchemaMismatchError):
        reason = "The ledger's schema is not the one this pactwatch reads: it must be migrated"
    elif isinstance(error, LedgerCorruptError):
        reason = "The ledger's database cannot be read"
    elif isinstance(error, LedgerNotFoundError):
        reason = "The ledger is gone or not initialised"
    else:
        reason = "The ledger cannot be used right now"
    return f"{reason} (the server log has the details)."


def _in_path(request: Request, field: str | None) -> bool:
    """An unknown id in the URL path is a missing resource (404); in a filter it is bad input."""
    return field is not None and field in request.path_params


async def _validation_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    first: dict[str, Any] = error.errors()[0] if error.errors() else {}
    if first.get("type") == "json_invalid":
        reason = first.get("ctx", {}).get("error", "malformed")
        at = first.get("loc", ("body", 0))[-1]
        text = f"The body is not valid JSON ({reason} at character {at}): {SEND_JSON}"
        return error_response(422, text, request=request)
    location = [str(part) for part in first.get("loc", ()) if part not in ("query", "path", "body")]
    field = ".".join(location) or None
    message = str(first.get("msg", "invalid request")).removeprefix("Value error, ")
    hint = HINTS.get(str(first.get("type", "")), "")
    text = f"{field or 'request'}: {message}.{hint}"
    return error_response(422, text, field=field, request=request)


HINTS = {
    "date_from_datetime_parsing": " Write dates as YYYY-MM-DD, e.g. 2026-01-06.",
    "date_parsing": " Write dates as YYYY-MM-DD, e.g. 2026-01-06.",
    "date_from_datetime_inexact": " Write dates as YYYY-MM-DD, e.g. 2026-01-06.",
    "missing": " Add it to the request.",
}


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, StarletteHTTPException)
    headers = dict(error.headers) if error.headers else None
    detail = PLAINER.get(str(error.detail), str(error.detail))
    return error_response(error.status_code, detail, headers=headers, request=request)


SEND_JSON = 'send one JSON object, e.g. {"text": "...", "published": "2026-01-06"}.'
PLAINER = {
    "There was an error parsing the body": "The body could not be read (malformed, or nested "
    f"too deeply): {SEND_JSON}",
}
"""FastAPI's messages, said with the fix."""


async def _unexpected(request: Request, error: Exception) -> Response:
    return error_response(
        500, "Unexpected server error; the server log has the details.", request=request
    )
