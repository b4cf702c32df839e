"""The ledger store: the only layer that talks to a database (SQLAlchemy, Alembic)."""

from pactwatch.store.exchange import ExportFormat, export_ledger, import_lines
from pactwatch.store.ledger import Added, Ledger, init_ledger, utc_now
from pactwatch.store.migrate import DEFAULT_LEDGER, Migration, database_url, head_revision
from pactwatch.store.query import ClaimQuery
from pactwatch.store.tokens import Role

__all__ = [
    "DEFAULT_LEDGER",
    "Added",
    "ClaimQuery",
    "ExportFormat",
    "Ledger",
    "Migration",
    "Role",
    "database_url",
    "export_ledger",
    "head_revision",
    "import_lines",
    "init_ledger",
    "utc_now",
]
