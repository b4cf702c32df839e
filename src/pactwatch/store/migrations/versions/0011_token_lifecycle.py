"""Tokens can expire and be revoked, and the ledger notes when each was last used: three
nullable timestamps on ``tokens``. Tokens made before carry none, so they keep working with
no expiry.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

COLUMNS = ("expires_at", "last_used", "revoked_at")


def upgrade() -> None:
    for name in COLUMNS:
        op.add_column("tokens", sa.Column(name, sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("tokens") as batch:
        for name in reversed(COLUMNS):
            batch.drop_column(name)
