"""API tokens: made once, shown once, kept only as a digest with the role they grant."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from enum import StrEnum

from sqlalchemy import insert, select

from pactwatch.errors import InputError
from pactwatch.store.reading import Reading
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


def digest(token: str) -> str:
    """What the ledger keeps of a token (tokens are long and random, so one hash suffices)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def role_of(value: str) -> Role:
    try:
        return Role(value)
    except ValueError:
        allowed = ", ".join(role.value for role in Role)
        raise InputError(f"Unknown role {value!r}: use one of {allowed}.") from None


class Tokens(Reading):
    """Creating and checking API tokens."""

    def create_token(self, role: Role, *, note: str = "") -> str:
        """A new token with ``role``; only its digest is stored, so show it to the user now."""
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        row = {
            "digest": digest(token),
            "role": str(role),
            "created_at": dt.datetime.now(dt.UTC),
            "note": note,
        }
        with self._connect() as connection, connection.begin():
            connection.execute(insert(tokens).values(row))
        return token

    def token_role(self, token: str) -> Role | None:
        """The role a token grants, or None when the ledger does not know it."""
        with self._connect() as connection:
            found = connection.scalar(select(tokens.c.role).where(tokens.c.digest == digest(token)))
        return Role(found) if found else None
