"""The one exception hierarchy of pactwatch.

Every error a user can cause or meet derives from :class:`PactwatchError`; its message
names the bad value, what is allowed and the fix, in one line::

    PactwatchError
    ├── InputError                  bad data handed to pactwatch
    │   ├── MalformedInputError     a line or file that cannot be parsed at all
    │   │   └── UnreadableError     bytes that are no usable text (encoding, binary, empty)
    │   └── UnknownIdError          an id that is not in the reference data
    ├── ReferenceDataError          a packaged reference-data file is invalid
    ├── AccessError                 a write without a token, or with too low a role
    └── LedgerError                 the ledger cannot be used as asked
        ├── LedgerNotFoundError     no ledger where one was expected
        ├── LedgerCorruptError      the file is not a usable database
        ├── SchemaMismatchError     the ledger's schema is older or newer than this pactwatch
        ├── LedgerConnectionError   the database server cannot be reached
        └── ClaimNotFoundError      no claim with that id
"""

from __future__ import annotations

__all__ = [
    "AccessError",
    "ClaimNotFoundError",
    "InputError",
    "LedgerConnectionError",
    "LedgerCorruptError",
    "LedgerError",
    "LedgerNotFoundError",
    "MalformedInputError",
    "PactwatchError",
    "ReferenceDataError",
    "SchemaMismatchError",
    "UnknownIdError",
    "UnreadableError",
]


class PactwatchError(Exception):
    """Base class of every error pactwatch raises on purpose."""


class InputError(PactwatchError, ValueError):
    """Data handed to pactwatch is invalid; the message says where and how to fix it."""


class MalformedInputError(InputError):
    """A line or file cannot be parsed at all (bad JSON, wrong encoding)."""


class UnreadableError(MalformedInputError):
    """A file's bytes are no usable text (an unknown or wrong encoding, binary, empty)."""


class UnknownIdError(InputError):
    """An actor, arrangement or category id is not known; the message suggests the nearest."""

    def __init__(
        self, message: str, *, field: str | None = None, suggestions: tuple[str, ...] = ()
    ) -> None:
        super().__init__(message)
        self.field = field
        """The field that held the unknown id."""
        self.suggestions = suggestions
        """The nearest known ids."""


class ReferenceDataError(PactwatchError):
    """A packaged reference-data file is invalid (a bug in pactwatch's data, not the user's)."""


class LedgerError(PactwatchError):
    """The ledger cannot be opened or used as asked."""


class LedgerNotFoundError(LedgerError):
    """No ledger exists at the given path or URL."""


class LedgerCorruptError(LedgerError):
    """The file is not a database pactwatch can read."""


class SchemaMismatchError(LedgerError):
    """The ledger was made by an older or newer pactwatch schema."""


class LedgerConnectionError(LedgerError):
    """The database server cannot be reached with the given URL."""


class ClaimNotFoundError(LedgerError, LookupError):
    """No claim (or document) has the given id."""


class AccessError(PactwatchError):
    """A write was asked without a token, or with a token whose role may not do it."""

    def __init__(self, message: str, *, authenticated: bool) -> None:
        super().__init__(message)
        self.authenticated = authenticated
        """False when no valid token came with the request (401), True when its role is too
        low (403)."""
