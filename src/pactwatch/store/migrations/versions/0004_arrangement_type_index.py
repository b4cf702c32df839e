"""Index claims by (arrangement, type): a roster reads its arrangement's memberships only, not
every claim made under the arrangement.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

from __future__ import annotations

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_claims_arrangement_type", "claims", ["arrangement", "type"])


def downgrade() -> None:
    op.drop_index("ix_claims_arrangement_type", table_name="claims")
