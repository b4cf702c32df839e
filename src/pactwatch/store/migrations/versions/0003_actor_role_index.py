"""Index claim actors by (actor, role, claim): 'Canada as guarantor' without reading every
claim Canada is named in.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_claim_actors_actor_role", "claim_actors", ["actor", "role", "claim_id"])


def downgrade() -> None:
    op.drop_index("ix_claim_actors_actor_role", table_name="claim_actors")
