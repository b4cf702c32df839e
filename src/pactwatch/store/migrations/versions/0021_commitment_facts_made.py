"""Each kept commitment fact with the first day one of its claims counts as made (column
``made``: its start or first-known day, NULL when one is undated), indexed by guarantor and by
beneficiary: the overview's roles about today's knowledge read it and give what the same
question asks of the claims. Existing rows are filled here.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from pactwatch.store.commitment_facts import family_batches, refresh

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("commitment_facts", sa.Column("made", sa.Date()))
    op.create_index("ix_commitment_facts_guarantor_made", "commitment_facts", ["guarantor", "made"])
    op.create_index(
        "ix_commitment_facts_beneficiary_made", "commitment_facts", ["beneficiary", "made"]
    )
    connection = op.get_bind()
    for families in family_batches(connection):
        refresh(connection, families)


def downgrade() -> None:
    op.drop_index("ix_commitment_facts_beneficiary_made", table_name="commitment_facts")
    op.drop_index("ix_commitment_facts_guarantor_made", table_name="commitment_facts")
    with op.batch_alter_table("commitment_facts") as batch:
        batch.drop_column("made")
