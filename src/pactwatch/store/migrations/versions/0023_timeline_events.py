"""The timeline events of each arrangement kept at write time (table ``timeline_events``):
an arrangement's page about today's knowledge reads them instead of grouping every membership
and agreement claim of the arrangement. Built here for every stored fact of those types.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from pactwatch.store.timeline_events import fact_batches, refresh

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "timeline_events",
        sa.Column("fact", sa.String(40), primary_key=True),
        sa.Column("position", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("arrangement", sa.String(100), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("fact_date", sa.Date()),
        sa.Column("best", sa.String(40), nullable=False),
        sa.Column("date", sa.Date()),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("actors", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("sources", sa.Integer(), nullable=False),
        sa.Column("conflicts", sa.Text(), nullable=False),
    )
    op.create_index(
        "ix_timeline_events_arrangement",
        "timeline_events",
        ["arrangement", "type", "fact_date", "best"],
    )
    connection = op.get_bind()
    for facts in list(fact_batches(connection)):
        refresh(connection, facts)


def downgrade() -> None:
    op.drop_index("ix_timeline_events_arrangement", table_name="timeline_events")
    op.drop_table("timeline_events")
