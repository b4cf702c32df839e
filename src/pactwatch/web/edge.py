"""What is checked from a request's line and headers alone, before any body is read.

- Control characters (C0: U+0000 to U+001F) in the path or the query string get 422 naming the
  path parameter or the query parameter that holds them: no id, filter, date or scenario has
  one, and PostgreSQL cannot even compare a text with NUL in it.
- A write (a route with a :class:`~pactwatch.web.deps.RoleCheck` dependency) without a token
  of the role it needs gets 401 (or 403) before its body is read: a client that never sends
  its body, or sends it a byte at a time, holds nothing open without a valid token. The role
  found is left in the request's state, so the route does not look the token up again.

Bodies that do get read are timed by ``web/limits.py`` (408 when they come too slowly).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import parse_qsl

from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Receive, Scope, Send

from pactwatch.errors import PactwatchError
from pactwatch.web import errors
from pactwatch.web.deps import GRANTED, RoleCheck, bearer_of

CONTROL = re.compile(r"[\x00-\x1f]")
"""Characters no path segment, query parameter or one-line posted value (a URL, a name, a
date) may hold: all of C0."""
_QUERY_SUSPECT = re.compile(rb"[\x00-\x1f%]")
"""A query string without these cannot decode to a control character."""
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class EdgeGuard:
    """ASGI middleware: refuse control characters in the path and query (422) and a write
    without a good token (401, 403), reading nothing of the body."""

    def __init__(self, app: ASGIApp, routes: Sequence[BaseRoute]) -> None:
        self.app = app
        self.routes = list(routes)
        """The app's routes, as its routers hold them (the app may wrap included routers)."""
        self.guarded = [(route, checks) for route in routes if (checks := role_checks(route))]
        """The routes that need a token, with their role checks."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refused = _control_characters(scope, self.routes)
        if refused is not None:
            field, message = refused
            response = errors.error_response(422, message, field=field, request=Request(scope))
            await response(scope, receive, send)
            return
        if scope["method"] not in SAFE_METHODS:
            checks = next((c for r, c in self.guarded if r.matches(scope)[0] is Match.FULL), [])
            if checks:
                header = Headers(scope=scope).get("authorization", "")
                ledger = scope["app"].state.ledger
                token = bearer_of(header)
                try:  # each check gets the token's one role: the last one found is kept
                    for check in checks:
                        granted = await run_in_threadpool(check.verify, ledger, token)
                except PactwatchError as error:
                    response = await errors.for_pactwatch_error(Request(scope), error)
                    await response(scope, receive, send)
                    return
                scope.setdefault("state", {})[GRANTED] = granted
        await self.app(scope, receive, send)


def _route_of(
    scope: Scope, routes: Sequence[BaseRoute], *, full: bool
) -> tuple[BaseRoute, dict[str, Any]] | None:
    """The route the request goes to (``full``: path and method match; else the path
    alone), with its path parameters."""
    partial = None
    for route in routes:
        match, child = route.matches(scope)
        if match is Match.FULL:
            return route, child.get("path_params", {})
        if match is Match.PARTIAL and partial is None:
            partial = route, child.get("path_params", {})
    return None if full else partial


def role_checks(route: BaseRoute) -> list[RoleCheck]:
    """The role checks among a route's dependencies (and theirs)."""
    if not isinstance(route, APIRoute):
        return []
    checks: list[RoleCheck] = []
    pending = [route.dependant]
    while pending:
        dependant = pending.pop()
        if isinstance(dependant.call, RoleCheck):
            checks.append(dependant.call)
        pending.extend(dependant.dependencies)
    return checks


def _control_characters(scope: Scope, routes: Sequence[BaseRoute]) -> tuple[str, str] | None:
    """(field, message) when the path or the query string holds a control character."""
    path: str = scope.get("path", "")
    if CONTROL.search(path):
        found = _route_of(scope, routes, full=False)
        params = found[1] if found else {}
        field = next((name for name, value in params.items() if CONTROL.search(str(value))), "path")
        return field, f"{field}: {_named(path)}, which no id has."
    query: bytes = scope.get("query_string", b"")
    if _QUERY_SUSPECT.search(query):
        for name, value in parse_qsl(query.decode("latin-1"), keep_blank_values=True):
            if CONTROL.search(name) or CONTROL.search(value):
                field = CONTROL.sub("?", name)
                return field, (
                    f"{field}: {_named(name + value)}, which no filter, date or scenario has."
                )
    return None


def _named(text: str) -> str:
    """'holds a control character (U+0000)' for the first one in ``text``."""
    found = CONTROL.search(text)
    code = ord(found.group()) if found else 0
    return f"holds a control character (U+{code:04X})"
