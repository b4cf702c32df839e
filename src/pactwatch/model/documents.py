"""Documents: the texts that evidence points into."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from pactwatch.errors import InputError


def document_id(text: str) -> str:
    """The id of a document: the SHA-256 of its text, so the same text is stored once."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True, kw_only=True)
class Document:
    """A text read from a source, with when it was published and retrieved."""

    text: str
    """The full text; evidence offsets index into it."""
    source: str
    """Path or URL it came from."""
    title: str | None = None
    """Headline or title."""
    publisher: str | None = None
    """Outlet or institution that published it."""
    published: dt.date | None = None
    """Publication date: the knowledge time of what it says."""
    retrieved: dt.datetime | None = None
    """When pactwatch read it."""
    recorded_at: dt.datetime | None = None
    """When the ledger stored it (set by the store)."""
    id: str = field(default="")
    """SHA-256 of ``text``; computed when left empty."""

    def __post_init__(self) -> None:
        expected = document_id(self.text)
        if not self.id:
            object.__setattr__(self, "id", expected)
        elif self.id != expected:
            raise InputError(
                f"Document id {self.id[:12]}... does not match the SHA-256 of its text "
                f"({expected[:12]}...): leave 'id' out to have it computed."
            )
