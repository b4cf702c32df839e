"""A fact's independent sources kept with its summary (``summaries.stories``): the first source
of each story among its sources, so that showing a fact no longer reads the story of every one
of its documents. Existing summaries are counted here from the ``stories`` table (schema
0013), a batch at a time.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from pactwatch.model.facts import SOURCE_SEPARATOR, documents_of
from pactwatch.store.schema import summaries
from pactwatch.store.stories import stories_of
from pactwatch.store.summaries import place_in_stories, stories_column

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

BATCH = 500


def upgrade() -> None:
    op.add_column("summaries", sa.Column("stories", sa.Text(), nullable=True))
    _fill(op.get_bind())


def _fill(connection: sa.Connection) -> None:
    last = ""
    while True:
        rows = connection.execute(
            sa.select(summaries.c.fact, summaries.c.sources)
            .where(summaries.c.fact > last)
            .order_by(summaries.c.fact)
            .limit(BATCH)
        ).all()
        if not rows:
            return
        last = rows[-1].fact
        sources = {row.fact: row.sources.split(SOURCE_SEPARATOR) for row in rows}
        wanted = documents_of(anchor for anchors in sources.values() for anchor in anchors)
        story_of = stories_of(connection, sorted(wanted))
        updates = []
        for fact, anchors in sources.items():
            stories: dict[str, str] = {}
            place_in_stories(stories, anchors, story_of)
            updates.append({"key": fact, "stories": stories_column(stories)})
        connection.execute(
            sa.update(summaries)
            .where(summaries.c.fact == sa.bindparam("key"))
            .values(stories=sa.bindparam("stories")),
            updates,
        )


def downgrade() -> None:
    with op.batch_alter_table("summaries") as batch:
        batch.drop_column("stories")
