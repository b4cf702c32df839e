"""What each write touched (table ``ledger_changes``): the actors and arrangements named by
the claims a write transaction added or reviewed, by the version it moved the ledger to. A
server's response cache then drops only the answers that depend on them. Writes made before
this revision have no changes recorded; no reader asks about them, as a server checks the
ledger's revision when it starts, with an empty cache.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ledger_changes",
        sa.Column("version", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("scope", sa.String(100), nullable=False),
        sa.PrimaryKeyConstraint("version", "scope", name="pk_ledger_changes"),
    )


def downgrade() -> None:
    op.drop_table("ledger_changes")
