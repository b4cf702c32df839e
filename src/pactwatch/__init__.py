"""pactwatch: an evidence-backed ledger of security guarantees between states.

The library comes first; the CLI is a thin adapter over it::

    from pactwatch import Ledger, init_ledger
    init_ledger("pactwatch.db")
    with Ledger.open("pactwatch.db") as ledger:
        members = ledger.roster("coalition-of-the-willing")
        pledges = ledger.commitments(guarantor="CAN", scenario="peace_agreement=2026-06-01")

The public names are imported on first use (PEP 562), so that ``import pactwatch`` (and so
``pactwatch --help``) does not load SQLAlchemy, pydantic and the rest until one is needed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pactwatch.exports import lazy

__version__ = "0.1.0"

if TYPE_CHECKING:
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
    from pactwatch.model import (
        ANALYST_PRODUCER,
        RESPONDS_TO_ATTACK,
        Actor,
        ActorKind,
        AgreementClaim,
        Amount,
        Arrangement,
        ArrangementKind,
        Category,
        CitationEvidence,
        Claim,
        ClaimBase,
        ClaimType,
        ClaimWithReviews,
        CommitmentClaim,
        Condition,
        ConditionKind,
        Decision,
        Document,
        Duration,
        Evidence,
        MeetingClaim,
        MembershipAction,
        MembershipClaim,
        Modality,
        Office,
        Party,
        Review,
        ReviewStatus,
        Role,
        SpanEvidence,
        claim_id,
        claim_to_record,
        document_id,
        document_to_record,
        parse_record,
        with_status,
    )
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

_HOMES = {
    "pactwatch.api": ("Ledger",),
    "pactwatch.errors": (
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
    ),
    "pactwatch.reason": (
        "CommitmentRow",
        "Coverage",
        "Fact",
        "Member",
        "Scenario",
        "State",
        "parse_scenario",
        "roster",
    ),
    "pactwatch.reference": ("load_catalog", "resolve"),
    "pactwatch.store": (
        "ClaimQuery",
        "ExportFormat",
        "export_ledger",
        "import_lines",
        "init_ledger",
    ),
}
"""Where each public name lives; the rest of ``__all__`` is ``pactwatch.model.__all__``
(a test checks that the two lists agree)."""

__all__ = [
    "ANALYST_PRODUCER",
    "RESPONDS_TO_ATTACK",
    "Actor",
    "ActorKind",
    "AgreementClaim",
    "Amount",
    "Arrangement",
    "ArrangementKind",
    "Category",
    "CitationEvidence",
    "Claim",
    "ClaimBase",
    "ClaimNotFoundError",
    "ClaimQuery",
    "ClaimType",
    "ClaimWithReviews",
    "CommitmentClaim",
    "CommitmentRow",
    "Condition",
    "ConditionKind",
    "Coverage",
    "Decision",
    "Document",
    "Duration",
    "Evidence",
    "ExportFormat",
    "Fact",
    "InputError",
    "Ledger",
    "LedgerConnectionError",
    "LedgerCorruptError",
    "LedgerError",
    "LedgerNotFoundError",
    "MalformedInputError",
    "MeetingClaim",
    "Member",
    "MembershipAction",
    "MembershipClaim",
    "Modality",
    "Office",
    "PactwatchError",
    "Party",
    "ReferenceDataError",
    "Review",
    "ReviewStatus",
    "Role",
    "Scenario",
    "SchemaMismatchError",
    "SpanEvidence",
    "State",
    "UnknownIdError",
    "__version__",
    "claim_id",
    "claim_to_record",
    "document_id",
    "document_to_record",
    "export_ledger",
    "import_lines",
    "init_ledger",
    "load_catalog",
    "parse_record",
    "parse_scenario",
    "resolve",
    "roster",
    "with_status",
]

__getattr__, __dir__ = lazy("pactwatch", _HOMES, default="pactwatch.model")
