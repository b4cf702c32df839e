"""Index claims by (known_since, id): the review queue (newest known first, paged) reads the
end of one index instead of sorting every claim.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-26
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_claims_known_since_id", "claims", ["known_since", "id"])


def downgrade() -> None:
    op.drop_index("ix_claims_known_since_id", table_name="claims")
