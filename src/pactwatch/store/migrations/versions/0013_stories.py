"""Stories of documents (tables ``stories`` and ``story_bands``): copies of one syndicated
text, lightly edited, share a story, and a fact's independent sources count stories. Existing
documents are placed in stories in the order they were recorded, as if written anew.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from pactwatch.store.schema import documents
from pactwatch.store.stories import assign_story

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

BATCH = 500


def upgrade() -> None:
    op.create_table(
        "stories",
        sa.Column("document_id", sa.String(64), nullable=False),
        sa.Column("story", sa.String(64), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=True),
        sa.PrimaryKeyConstraint("document_id", name="pk_stories"),
    )
    op.create_index("ix_stories_story", "stories", ["story"])
    op.create_table(
        "story_bands",
        sa.Column("key", sa.String(24), nullable=False),
        sa.Column("document_id", sa.String(64), nullable=False),
        sa.PrimaryKeyConstraint("key", "document_id", name="pk_story_bands"),
    )
    _fill(op.get_bind())


def _fill(connection: sa.Connection) -> None:
    """Place every stored document in a story, oldest recorded first, a batch at a time."""
    order = (documents.c.recorded_at, documents.c.id)
    last: tuple[object, str] | None = None
    while True:
        statement = sa.select(documents.c.id, documents.c.text, documents.c.recorded_at)
        if last is not None:
            statement = statement.where(sa.tuple_(*order) > sa.tuple_(*last))
        rows = connection.execute(statement.order_by(*order).limit(BATCH)).all()
        if not rows:
            return
        for row in rows:
            assign_story(connection, row.id, row.text)
        last = (rows[-1].recorded_at, rows[-1].id)


def downgrade() -> None:
    op.drop_table("story_bands")
    op.drop_index("ix_stories_story", table_name="stories")
    op.drop_table("stories")
