"""Membership events kept at write time (table ``roster_events``): the membership claims of
each arrangement and member grouped by day and action, so that a roster about today's
knowledge folds one row per event, not one per claim. Existing ledgers are filled here.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from pactwatch.store.roster_events import refresh
from pactwatch.store.schema import memberships

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "roster_events",
        sa.Column("arrangement", sa.String(100), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("action", sa.String(8), nullable=False),
        sa.Column("date", sa.Date()),
        sa.Column("place", sa.Text()),
        sa.Column("places", sa.Integer(), nullable=False),
        sa.Column("claims", sa.Text(), nullable=False),
    )
    op.create_index("ix_roster_events_arrangement", "roster_events", ["arrangement", "actor"])
    connection = op.get_bind()
    pairs = sa.select(memberships.c.arrangement, memberships.c.actor).distinct()
    refresh(connection, [(arrangement, actor) for arrangement, actor in connection.execute(pairs)])


def downgrade() -> None:
    op.drop_table("roster_events")
