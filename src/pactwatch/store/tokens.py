"""API tokens: made once, shown once, kept only as a digest with the role they grant.

A token may carry an expiry and may be revoked; either ends it for every request from then
on, since each request reads the token's row (one lookup by the unique, so indexed, digest;
no cache). When a token last authenticated is kept to the minute: a request writes
``last_used`` only when the stored value is a minute old or more, so a busy token costs one
small write a minute, not one per request.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import Engine, insert, or_, select, update

from pactwatch.errors import InputError
from pactwatch.store.reading import connected
from pactwatch.store.schema import tokens


class Role(StrEnum):
    """What a token may do: readers read, editors also ingest and review, admins anything."""

    READER = "reader"
    EDITOR = "editor"
    ADMIN = "admin"

    def allows(self, needed: Role) -> bool:
        return RANKS[self] >= RANKS[needed]


RANKS = {Role.READER: 0, Role.EDITOR: 1, Role.ADMIN: 2}
TOKEN_PREFIX = "pw_"
LAST_USED_STEP = dt.timedelta(minutes=1)
"""``last_used`` is written at most once per this step per token."""
DURATION_UNITS = {"h": dt.timedelta(hours=1), "d": dt.timedelta(days=1), "w": dt.timedelta(weeks=1)}
LONGEST = dt.timedelta(days=100 * 366)
"""The longest lifetime a token may be given (``--expires-in``, ``--expires-on``)."""


class Standing(StrEnum):
    """What the ledger makes of a token presented to it."""

    VALID = "valid"
    UNKNOWN = "unknown"
    REVOKED = "revoked"
    EXPIRED = "expired"


@dataclass(frozen=True, slots=True, kw_only=True)
class TokenInfo:
    """What the ledger keeps about a token, without the token or its digest."""

    id: int
    """The token's number, for ``pactwatch token revoke``."""
    role: Role
    """What it may do."""
    note: str
    """Who or what it is for."""
    created_at: dt.datetime
    """When it was made (UTC)."""
    expires_at: dt.datetime | None
    """When it stops working (UTC); None: never."""
    last_used: dt.datetime | None
    """When it last authenticated a request (UTC, to the minute); None: never."""
    revoked_at: dt.datetime | None
    """When it was revoked (UTC); None: it was not."""

    def standing(self, now: dt.datetime) -> Standing:
        """Whether the token works at ``now`` (revocation is reported before expiry)."""
        if self.revoked_at is not None:
            return Standing.REVOKED
        if self.expires_at is not None and self.expires_at <= now:
            return Standing.EXPIRED
        return Standing.VALID


@dataclass(frozen=True, slots=True, kw_only=True)
class Check:
    """The outcome of presenting a token: its standing, and the token when the ledger knows it."""

    standing: Standing
    """Valid, or why not."""
    token: TokenInfo | None
    """The token's row; None when it is unknown."""

    @property
    def role(self) -> Role | None:
        """The role granted, or None when the token does not work."""
        if self.standing is Standing.VALID and self.token is not None:
            return self.token.role
        return None


def digest(token: str) -> str:
    """What the ledger keeps of a token (tokens are long and random, so one hash suffices)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def role_of(value: str) -> Role:
    try:
        return Role(value)
    except ValueError:
        allowed = ", ".join(role.value for role in Role)
        raise InputError(f"Unknown role {value!r}: use one of {allowed}.") from None


def duration_of(text: str) -> dt.timedelta:
    """A lifetime such as ``30d``, ``12h`` or ``2w`` (hours, days, weeks) as a timedelta."""
    found = re.fullmatch(r"\s*(\d{1,6})\s*([hdw])\s*", text.lower())
    if found is None:
        raise InputError(
            f"{text!r} is not a duration: write a whole number and a unit, h (hours), "
            "d (days) or w (weeks), e.g. 30d."
        )
    length = int(found[1]) * DURATION_UNITS[found[2]]
    if not dt.timedelta(0) < length <= LONGEST:
        raise InputError(f"{text!r} is out of range: give from 1h up to 100 years, e.g. 30d.")
    return length


def expiry_of(
    *, within: str | None = None, on: dt.date | None = None, now: dt.datetime
) -> dt.datetime | None:
    """When a token made at ``now`` expires: ``within`` a duration (``duration_of``), or at
    00:00 UTC ``on`` a day after today; None (never) if neither is given."""
    if within is not None and on is not None:
        raise InputError("--expires-in, --expires-on: give one of them, not both.")
    if within is not None:
        return now + duration_of(within)
    if on is None:
        return None
    if on <= now.astimezone(dt.UTC).date():
        raise InputError(
            f"--expires-on: {on.isoformat()} is not after today (UTC): give a later day, "
            "or --expires-in, e.g. 30d."
        )
    ends = dt.datetime.combine(on, dt.time(), tzinfo=dt.UTC)
    if ends - now > LONGEST:
        raise InputError(f"--expires-on: {on.isoformat()} is more than 100 years away.")
    return ends


class Tokens:
    """Creating, listing, revoking and checking API tokens (``ledger.tokens``)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def create(self, role: Role, *, note: str = "", expires_at: dt.datetime | None = None) -> str:
        """A new token with ``role`` that stops working at ``expires_at`` (None: never); only
        its digest is stored, so show it to the user now."""
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        row = {
            "digest": digest(token),
            "role": str(role),
            "created_at": dt.datetime.now(dt.UTC),
            "note": note,
            "expires_at": expires_at,
        }
        with connected(self._engine) as connection, connection.begin():
            connection.execute(insert(tokens).values(row))
        return token

    def all(self) -> list[TokenInfo]:
        """Every token the ledger knows, oldest first (revoked and expired ones too)."""
        with connected(self._engine) as connection:
            rows = connection.execute(select(*INFO).order_by(tokens.c.id)).all()
        return [_info(row) for row in rows]

    def revoke(self, token_id: int) -> tuple[TokenInfo, bool]:
        """Revoke the token numbered ``token_id`` from now on: the token, and whether this
        call revoked it (False when it already was)."""
        now = dt.datetime.now(dt.UTC)
        with connected(self._engine) as connection, connection.begin():
            done = connection.execute(
                update(tokens)
                .where(tokens.c.id == token_id, tokens.c.revoked_at.is_(None))
                .values(revoked_at=now)
            )
            row = connection.execute(select(*INFO).where(tokens.c.id == token_id)).first()
        if row is None:
            raise InputError(
                f"No token with id {token_id}: `pactwatch token list` shows the tokens and ids."
            )
        return _info(row), done.rowcount == 1

    def check(self, token: str, *, now: dt.datetime | None = None) -> Check:
        """Whether ``token`` works at ``now`` (default: now), read from the ledger each time;
        a working token's ``last_used`` moves on when it is a minute old or more."""
        now = now or dt.datetime.now(dt.UTC)
        with connected(self._engine) as connection:
            row = connection.execute(select(*INFO).where(tokens.c.digest == digest(token))).first()
        if row is None:
            return Check(standing=Standing.UNKNOWN, token=None)
        found = _info(row)
        standing = found.standing(now)
        if standing is Standing.VALID and (
            found.last_used is None or now - found.last_used >= LAST_USED_STEP
        ):
            self._note_use(found.id, now)
        return Check(standing=standing, token=found)

    def role(self, token: str) -> Role | None:
        """The role a token grants, or None when it is unknown, revoked or expired."""
        return self.check(token).role

    def _note_use(self, token_id: int, now: dt.datetime) -> None:
        # The condition keeps concurrent workers from writing twice in the same minute.
        stale = or_(tokens.c.last_used.is_(None), tokens.c.last_used <= now - LAST_USED_STEP)
        with connected(self._engine) as connection, connection.begin():
            connection.execute(
                update(tokens).where(tokens.c.id == token_id, stale).values(last_used=now)
            )


INFO = (
    tokens.c.id,
    tokens.c.role,
    tokens.c.note,
    tokens.c.created_at,
    tokens.c.expires_at,
    tokens.c.last_used,
    tokens.c.revoked_at,
)
"""The columns a token is shown with: never its digest."""


def _info(row: Any) -> TokenInfo:
    fields = dict(row._mapping)
    return TokenInfo(**{**fields, "role": Role(fields["role"])})
