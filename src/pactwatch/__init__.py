"""pactwatch: an evidence-backed ledger of security guarantees between states.

The library comes first; the CLI is a thin adapter over it::

    from pactwatch import Ledger, init_ledger
    init_ledger("pactwatch.db")
    with Ledger.open("pactwatch.db") as ledger:
        members = ledger.roster("coalition-of-the-willing")
        pledges = ledger.commitments(guarantor="CAN", scenario="peace_agreement=2026-06-01")
"""

__version__ = "0.1.0"

from pactwatch.api import Ledger
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
from pactwatch.reason import (
    CommitmentRow,
    Coverage,
    Fact,
    Member,
    Scenario,
    State,
    parse_scenario,
    roster,
)
from pactwatch.reference import load_catalog, resolve
from pactwatch.store import (
    ClaimQuery,
    ExportFormat,
    export_ledger,
    import_lines,
    init_ledger,
)

__all__ = [
    *_model_names,
    "ClaimNotFoundError",
    "ClaimQuery",
    "CommitmentRow",
    "Coverage",
    "ExportFormat",
    "Fact",
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
    "Scenario",
    "SchemaMismatchError",
    "State",
    "UnknownIdError",
    "__version__",
    "export_ledger",
    "import_lines",
    "init_ledger",
    "load_catalog",
    "parse_scenario",
    "resolve",
    "roster",
]
