"""Index the valid-time and knowledge-time columns that as_of / known_on queries filter on.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_claims_valid_from", "claims", ["valid_from"])
    op.create_index("ix_claims_known_since", "claims", ["known_since"])


def downgrade() -> None:
    op.drop_index("ix_claims_known_since", table_name="claims")
    op.drop_index("ix_claims_valid_from", table_name="claims")
