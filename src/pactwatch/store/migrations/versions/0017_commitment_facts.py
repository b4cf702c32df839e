"""Commitment facts kept at write time (table ``commitment_facts``): one row per commitment
fact as the ledger knows it now, with what its lifecycle needs and its sources counted, so
that pages of commitments, coverage matrices and scenarios read rows instead of decoding
claims. Existing ledgers are filled here, family by family. Also an index of departures
(leave memberships by member), which every such page reads for the lifecycle.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from pactwatch.store.commitment_facts import family_batches, refresh

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "commitment_facts",
        sa.Column("fact", sa.String(40), nullable=False),
        sa.Column("family", sa.String(40), nullable=False),
        sa.Column("best", sa.String(40), nullable=False),
        sa.Column("guarantor", sa.String(100), nullable=False),
        sa.Column("beneficiary", sa.String(100), nullable=False),
        sa.Column("category", sa.String(40), nullable=False),
        sa.Column("arrangement", sa.String(100)),
        sa.Column("condition", sa.String(20), nullable=False),
        sa.Column("deadline_hours", sa.Integer()),
        sa.Column("modality", sa.String(16), nullable=False),
        sa.Column("amount", sa.Float()),
        sa.Column("currency", sa.String(8)),
        sa.Column("duration_years", sa.Integer()),
        sa.Column("duration_months", sa.Integer()),
        sa.Column("duration_days", sa.Integer()),
        sa.Column("duration_until", sa.Text()),
        sa.Column("start", sa.Date()),
        sa.Column("end", sa.Date()),
        sa.Column("known_since", sa.Date()),
        sa.Column("review", sa.String(16), nullable=False),
        sa.Column("sources", sa.Integer(), nullable=False),
        sa.Column("copies", sa.Integer(), nullable=False),
        sa.Column("conflicts", sa.Text(), nullable=False),
        sa.Column("claims", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("fact", name="pk_commitment_facts"),
    )
    op.create_index("ix_commitment_facts_family", "commitment_facts", ["family"])
    for column in ("guarantor", "beneficiary", "arrangement"):
        op.create_index(
            f"ix_commitment_facts_{column}", "commitment_facts", [column, "start", "best"]
        )
    leave = sa.text("action = 'leave'")
    op.create_index(
        "ix_memberships_departures",
        "memberships",
        ["actor", "arrangement", "date"],
        sqlite_where=leave,
        postgresql_where=leave,
    )
    _fill(op.get_bind())


def _fill(connection: sa.Connection) -> None:
    for families in family_batches(connection):
        refresh(connection, families, made=False)  # the column comes in 0021


def downgrade() -> None:
    op.drop_index("ix_memberships_departures", "memberships")
    op.drop_table("commitment_facts")
