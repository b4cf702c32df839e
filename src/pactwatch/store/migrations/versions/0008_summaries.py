"""Per-fact summaries (table ``summaries``), kept up to date as claims are written, so that
showing facts whose claims agree reads one row per fact. Existing facts are summarised from
their sketches.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-26
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

from pactwatch.store.schema import claim_actors, reviews, sketches, summaries
from pactwatch.store.summaries import summaries_of

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

BATCH = 5000
COLUMNS = ("fact", "claim_id", "type", "known_since", "confidence", "sources", "facets")
"""The sketches columns of this revision (later revisions add more)."""


def upgrade() -> None:
    op.create_table(
        "summaries",
        sa.Column("fact", sa.String(40), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("best", sa.String(40), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("facets", sa.Text(), nullable=False),
        sa.Column("mixed", sa.Boolean(), nullable=False),
        sa.Column("reviewed", sa.Boolean(), nullable=False),
        sa.Column("first_known", sa.Date(), nullable=False),
        sa.Column("last_known", sa.Date(), nullable=False),
        sa.Column("claims", sa.Text(), nullable=False),
        sa.Column("sources", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("fact", name="pk_summaries"),
    )
    _fill(op.get_bind())


def _fill(connection: sa.Connection) -> None:
    """Summarise every stored fact from its sketches, a batch of facts at a time."""
    reviewed = set(
        connection.scalars(
            sa.select(claim_actors.c.fact)
            .join(reviews, reviews.c.claim_id == claim_actors.c.claim_id)
            .distinct()
        )
    )
    last = ""
    while True:
        facts = list(
            connection.scalars(
                sa.select(sketches.c.fact)
                .where(sketches.c.fact > last)
                .group_by(sketches.c.fact)
                .order_by(sketches.c.fact)
                .limit(BATCH)
            )
        )
        if not facts:
            return
        last = facts[-1]
        rows: list[dict[str, Any]] = [
            dict(row._mapping)
            for row in connection.execute(
                sa.select(*[sketches.c[name] for name in COLUMNS])
                .where(sketches.c.fact.in_(facts))
                .order_by(sketches.c.fact, sketches.c.claim_id)
            )
        ]
        made = summaries_of(rows, reviewed)
        connection.execute(sa.insert(summaries), [summary.row() for summary in made])


def downgrade() -> None:
    op.drop_table("summaries")
