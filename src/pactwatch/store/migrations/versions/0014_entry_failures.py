"""A feed's page that keeps failing is given up: ``feed_entries`` counts the failed attempts
of each page (``failures``) and keeps the last reason (``last_error``). Pages recorded before
start with no failure, so every pending page stays pending.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "feed_entries",
        sa.Column("failures", sa.Integer(), nullable=False, server_default=sa.text("0")),
    )
    op.add_column("feed_entries", sa.Column("last_error", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("feed_entries") as batch:
        batch.drop_column("last_error")
        batch.drop_column("failures")
