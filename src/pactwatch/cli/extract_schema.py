"""The shape of `pactwatch extract --format jsonl`, one object per document.

Published as docs/extract-output.schema.json (``python -m pactwatch.cli.extract_schema``);
a test checks the file is current and that real output validates against these models.
"""

from __future__ import annotations

import json
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from pactwatch.model import ArrangementKind, Category, ConditionKind, Modality


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ActorOut(_Out):
    id: str = Field(description="ISO 3166-1 alpha-3, an organisation id, or person:<slug>")
    name: str | None
    kind: Literal["state", "organisation", "coalition", "person"] | None


class ArrangementOut(_Out):
    id: str
    name: str | None


class SpanOut(_Out):
    start: int = Field(ge=0, description="offset of the sentence's first character in the text")
    end: int = Field(ge=0, description="offset one past its last character")
    text: str = Field(description="the sentence")


class ConditionOut(_Out):
    kind: ConditionKind
    text: str
    deadline_hours: int | None


class AmountOut(_Out):
    value: float
    currency: str
    text: str


class DurationOut(_Out):
    years: int | None
    months: int | None
    days: int | None
    until: str | None


class _ClaimOut(_Out):
    id: str
    evidence: list[SpanOut] = Field(min_length=1)
    confidence: float = Field(ge=0, le=1)
    producer: str


class MembershipOut(_ClaimOut):
    type: Literal["membership"]
    actor: ActorOut
    arrangement: ArrangementOut
    action: Literal["join", "sign", "leave"]
    date: str | None
    place: str | None


class CommitmentOut(_ClaimOut):
    type: Literal["commitment"]
    guarantor: ActorOut
    beneficiary: ActorOut
    category: Category
    arrangement: ArrangementOut | None
    condition: ConditionOut
    modality: Modality
    amount: AmountOut | None
    duration: DurationOut | None
    start: str | None
    end: str | None


class AgreementOut(_ClaimOut):
    type: Literal["agreement"]
    parties: list[ActorOut]
    kind: ArrangementKind
    name: str | None
    arrangement: ArrangementOut | None
    date: str | None
    place: str | None
    duration: DurationOut | None


class MeetingOut(_ClaimOut):
    type: Literal["meeting"]
    participants: list[ActorOut]
    place: str | None
    date: str | None


ClaimOut = Annotated[
    MembershipOut | CommitmentOut | AgreementOut | MeetingOut, Field(discriminator="type")
]


class DocumentOut(_Out):
    id: str = Field(description="SHA-256 of the document text")
    title: str | None
    published: str | None


class ExtractedDocument(_Out):
    """One line of `pactwatch extract --format jsonl`."""

    source: str = Field(description="path, or the record's url for .jsonl input")
    document: DocumentOut
    claims: list[ClaimOut]


def schema_text() -> str:
    """The JSON Schema, as written to docs/extract-output.schema.json."""
    return json.dumps(ExtractedDocument.model_json_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    print(schema_text(), end="")
