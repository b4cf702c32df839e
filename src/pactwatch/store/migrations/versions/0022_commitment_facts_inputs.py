"""Each kept commitment fact with the lifecycle inputs the ledger says about its guarantor
and arrangement (columns ``departed``, ``signed``, ``signed_years``): a page of commitments
about today's knowledge reads them with the facts instead of querying the departures and the
signings of the page's guarantors at every read. Existing rows are filled here.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from pactwatch.store.commitment_facts import fill_inputs

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("commitment_facts", sa.Column("departed", sa.Date()))
    op.add_column("commitment_facts", sa.Column("signed", sa.Date()))
    op.add_column("commitment_facts", sa.Column("signed_years", sa.Integer()))
    fill_inputs(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table("commitment_facts") as batch:
        batch.drop_column("signed_years")
        batch.drop_column("signed")
        batch.drop_column("departed")
