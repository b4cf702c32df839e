"""The domain model: the types every layer of pactwatch stands on. Imports no other layer."""

from typing import TYPE_CHECKING, Any

from pactwatch.model.actors import Actor, Arrangement, Office, Party
from pactwatch.model.claims import (
    ANALYST_PRODUCER,
    AgreementClaim,
    Amount,
    CitationEvidence,
    Claim,
    ClaimBase,
    ClaimWithReviews,
    CommitmentClaim,
    Condition,
    Duration,
    Evidence,
    MeetingClaim,
    MembershipClaim,
    Review,
    SpanEvidence,
    claim_id,
    with_status,
)
from pactwatch.model.documents import Document, document_id
from pactwatch.model.vocabulary import (
    RESPONDS_TO_ATTACK,
    ActorKind,
    ArrangementKind,
    Category,
    ClaimType,
    ConditionKind,
    Decision,
    MembershipAction,
    Modality,
    ReviewStatus,
    Role,
)

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
    "ClaimType",
    "ClaimWithReviews",
    "CommitmentClaim",
    "Condition",
    "ConditionKind",
    "Decision",
    "Document",
    "Duration",
    "Evidence",
    "MeetingClaim",
    "MembershipAction",
    "MembershipClaim",
    "Modality",
    "Office",
    "Party",
    "Review",
    "ReviewStatus",
    "Role",
    "SpanEvidence",
    "claim_id",
    "claim_to_record",
    "document_id",
    "document_to_record",
    "parse_record",
    "with_status",
]

if TYPE_CHECKING:
    from pactwatch.model.records import claim_to_record, document_to_record, parse_record

_RECORDS = frozenset({"claim_to_record", "document_to_record", "parse_record"})
"""The import format's functions, loaded when first asked for: its pydantic models take a
tenth of a second to build, and a roster or a page needs none of them (docs/startup.md)."""


def __getattr__(name: str) -> Any:
    if name in _RECORDS:
        from pactwatch.model import records  # deferred: see _RECORDS

        return getattr(records, name)
    raise AttributeError(f"module 'pactwatch.model' has no attribute {name!r}")
