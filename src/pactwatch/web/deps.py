"""What every route shares: the ledger, tokens, scenarios from query strings, pagination."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from typing import Annotated, Any

from fastapi import Depends, Query, Request

from pactwatch.api import Ledger, plain_row, scenario_of
from pactwatch.errors import AccessError, InputError
from pactwatch.reason import Scenario
from pactwatch.store import Role
from pactwatch.store.tokens import Check

MAX_PAGE = 1000
log = logging.getLogger(__name__)


def ledger(request: Request) -> Ledger:
    """The ledger the server was started on (one engine, pooled connections)."""
    found: Ledger = request.app.state.ledger
    return found


LedgerDep = Annotated[Ledger, Depends(ledger)]
AsOf = Annotated[
    dt.date | None,
    Query(description="Valid time: the state of the world on this day (YYYY-MM-DD)."),
]
KnownOn = Annotated[
    dt.date | None,
    Query(description="Knowledge time: only what the ledger could know on this day."),
]
ScenarioText = Annotated[
    str | None,
    Query(
        max_length=2000,
        description="Hypothetical events, e.g. peace_agreement=2026-06-01,armed_attack=2027-03-01",
    ),
]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Items per page.")]
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip.")]


class FieldError(InputError):
    """Bad input in a named request field."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


def scenario(text: str | None) -> Scenario:
    """A scenario from the ``scenario`` query parameter; a bad one names the field."""
    try:
        return scenario_of(text)
    except InputError as error:
        raise FieldError(f"scenario: {error}", "scenario") from error


def bearer(request: Request) -> str | None:
    return bearer_of(request.headers.get("authorization", ""))


def bearer_of(header: str) -> str | None:
    """The token of an ``Authorization: Bearer TOKEN`` header (None for any other)."""
    kind, _, token = header.partition(" ")
    return token.strip() if kind.lower() == "bearer" and token.strip() else None


GRANTED = "pactwatch.granted"
"""The key of ``scope["state"]`` where the edge guard (web/edge.py), which checks a write's
token before its body is read, leaves the role it found: the route does not look it up again."""


class RoleCheck:
    """The dependency of a route that needs a token of ``role`` or above. The edge guard finds
    it on the route and runs :meth:`verify` from the headers alone, before the body is read."""

    def __init__(self, role: Role) -> None:
        self.role = role

    def __call__(self, request: Request, found: LedgerDep) -> Role:
        granted = request.scope.get("state", {}).get(GRANTED)
        if isinstance(granted, Role) and granted.allows(self.role):
            return granted
        return self.verify(found, bearer(request))

    def verify(self, found: Ledger, token: str | None) -> Role:
        """The role ``token`` grants; AccessError (401 or 403) if it is missing, unknown,
        revoked, expired or of too low a role."""
        if token is None:
            raise AccessError(
                "This write needs a token: send 'Authorization: Bearer <token>' "
                "(make one with `pactwatch token create --role editor`).",
                authenticated=False,
            )
        checked = found.tokens.check(token)
        granted = checked.role
        if granted is None:
            _log_refusal(checked)
            raise AccessError(
                "Unknown, revoked or expired token: check it, or make a new one with "
                "`pactwatch token create`.",
                authenticated=False,
            )
        if not granted.allows(self.role):
            raise AccessError(
                f"{_article(granted).capitalize()} {granted} token may not do this: it needs "
                f"{_article(self.role)} {self.role} token.",
                authenticated=True,
            )
        return granted


def require(role: Role) -> Any:
    """A dependency that lets the request through only with a token of ``role`` or above."""
    return Depends(RoleCheck(role))


def _log_refusal(checked: Check) -> None:
    """Tell the server log, not the client, why a token was refused (unknown, revoked or
    expired: the client gets one message for all three)."""
    if checked.token is None:
        log.warning("Refused a request with an unknown token.")
    else:
        log.warning("Refused a request with token %d: %s.", checked.token.id, checked.standing)


def page_body(
    items: list[Any], *, total: int | None, limit: int, offset: int, more: bool
) -> dict[str, Any]:
    """The one shape of a paged list (``total`` is None where counting is not done)."""
    return {
        "items": items,
        "total": total,
        "limit": limit,
        "offset": offset,
        "next_offset": offset + limit if more else None,
    }


def page(rows: Sequence[Any], limit: int, offset: int) -> dict[str, Any]:
    """One page of ``rows`` (dataclasses or dicts) as JSON-ready items."""
    chosen = [
        plain_row(row) if not isinstance(row, dict) else row
        for row in rows[offset : offset + limit]
    ]
    more = offset + limit < len(rows)
    return page_body(chosen, total=len(rows), limit=limit, offset=offset, more=more)


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"
