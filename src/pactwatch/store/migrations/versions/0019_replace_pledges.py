"""Every family of commitments placed again under the placement rule of 2026-12-03 (one
amount is one pledge within three days of its first report; a claim naming no arrangement
joins an arrangement's pledge only when it is the same pledge): claims whose fact changes
move, and the summaries and commitment facts of their families are rebuilt. No table changes.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

from pactwatch.store.commitment_facts import family_batches, refresh
from pactwatch.store.pledges import replace

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None


def upgrade() -> None:
    connection = op.get_bind()
    for families in family_batches(connection):
        replace(connection, families)
        refresh(connection, families, made=False)  # the column comes in 0021


def downgrade() -> None:
    """Placements are not undone: the earlier rule is gone with the earlier code."""
