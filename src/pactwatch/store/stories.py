"""Stories of documents (tables ``stories`` and ``story_bands``), kept as documents are written.

A new document joins the story of the most similar stored document whose estimated Jaccard
similarity reaches ``THRESHOLD``, found through shared LSH band keys; else it starts its own
story, named by its own id. Method and threshold: ``pactwatch.model.stories``.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from pactwatch.model.stories import Signature, band_keys, closest, signature
from pactwatch.store.schema import stories, story_bands

CHUNK = 500


def assign_story(
    connection: Connection, document_id: str, text: str, values: bytes | None = None
) -> str:
    """Place one new document in a story, in the caller's transaction; its story id.
    ``values`` are the text's signature values if already computed (b"": too short to sign)."""
    signed = signature(text) if values is None else _signed(values)
    story = document_id
    if signed is not None:
        story = _closest(connection, signed.values, signed.bands) or document_id
    connection.execute(
        insert(stories).values(
            document_id=document_id,
            story=story,
            signature=signed.values if signed is not None else None,
        )
    )
    if signed is not None:
        connection.execute(
            insert(story_bands), [{"key": key, "document_id": document_id} for key in signed.bands]
        )
    return story


def _signed(values: bytes) -> Signature | None:
    return Signature(values=values, bands=band_keys(values)) if values else None


def _closest(connection: Connection, signed_values: bytes, bands: Sequence[str]) -> str | None:
    candidates = select(story_bands.c.document_id).where(story_bands.c.key.in_(list(bands)))
    rows = connection.execute(
        select(stories.c.document_id, stories.c.story, stories.c.signature).where(
            stories.c.document_id.in_(candidates)
        )
    )
    return closest(signed_values, ((row.story, row.signature) for row in rows))


def stories_of(connection: Connection, document_ids: Sequence[str]) -> dict[str, str]:
    """The story of each of the documents that the ledger holds (others are left out)."""
    found: dict[str, str] = {}
    ids = list(dict.fromkeys(document_ids))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        statement = select(stories.c.document_id, stories.c.story)
        found.update(connection.execute(statement.where(stories.c.document_id.in_(chunk))).all())
    return found
