"""pactwatch: an evidence-backed ledger of security guarantees between states.

The library comes first; the CLI is a thin adapter over it::

    from pactwatch import Ledger, ClaimQuery, init_ledger, roster
    init_ledger("pactwatch.db")
    with Ledger.open("pactwatch.db") as ledger:
        members = roster(ledger, "coalition-of-the-willing")
"""

__version__ = "0.1.0"

from pactwatch.errors import (
    ClaimNotFoundError,
    InputError,
    LedgerConnectionError,
    LedgerCorruptError,
    LedgerError,
    LedgerNotFoundError,
    MalformedInputError,
    PactwatchError,
    ReferenceDataError,
    SchemaMismatchError,
    UnknownIdError,
)
from pactwatch.model import *  # noqa: F403
from pactwatch.model import __all__ as _model_names
from pactwatch.reason import Member, roster
from pactwatch.reference import load_catalog, resolve
from pactwatch.store import (
    ClaimQuery,
    ExportFormat,
    Ledger,
    export_ledger,
    import_lines,
    init_ledger,
)

__all__ = [
    *_model_names,
    "ClaimNotFoundError",
    "ClaimQuery",
    "ExportFormat",
    "InputError",
    "Ledger",
    "LedgerConnectionError",
    "LedgerCorruptError",
    "LedgerError",
    "LedgerNotFoundError",
    "MalformedInputError",
    "Member",
    "PactwatchError",
    "ReferenceDataError",
    "SchemaMismatchError",
    "UnknownIdError",
    "__version__",
    "export_ledger",
    "import_lines",
    "init_ledger",
    "load_catalog",
    "resolve",
    "roster",
]
