"""The ledger store: the only layer that talks to a database (SQLAlchemy, Alembic)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pactwatch.exports import lazy

if TYPE_CHECKING:
    from pactwatch.store.exchange import ExportFormat, export_ledger, import_lines
    from pactwatch.store.ledger import Added, Store, init_ledger, utc_now
    from pactwatch.store.migrate import DEFAULT_LEDGER, Migration, database_url, head_revision
    from pactwatch.store.query import ClaimQuery
    from pactwatch.store.tokens import Role

_HOMES = {
    "pactwatch.store.exchange": (
        "ExportFormat",
        "export_ledger",
        "import_lines",
    ),
    "pactwatch.store.ledger": (
        "Added",
        "Store",
        "init_ledger",
        "utc_now",
    ),
    "pactwatch.store.migrate": (
        "DEFAULT_LEDGER",
        "Migration",
        "database_url",
        "head_revision",
    ),
    "pactwatch.store.query": ("ClaimQuery",),
    "pactwatch.store.tokens": ("Role",),
}

__all__ = [
    "DEFAULT_LEDGER",
    "Added",
    "ClaimQuery",
    "ExportFormat",
    "Migration",
    "Role",
    "Store",
    "database_url",
    "export_ledger",
    "head_revision",
    "import_lines",
    "init_ledger",
    "utc_now",
]

__getattr__, __dir__ = lazy("pactwatch.store", _HOMES)
