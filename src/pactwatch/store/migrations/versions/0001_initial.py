"""The first ledger schema: documents, claims, their actors, evidence and reviews.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

STAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(64), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("title", sa.Text()),
        sa.Column("publisher", sa.Text()),
        sa.Column("published", sa.Date()),
        sa.Column("retrieved", STAMP),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("recorded_at", STAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
    )
    op.create_table(
        "claims",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("producer", sa.String(200), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("arrangement", sa.String(100)),
        sa.Column("category", sa.String(40)),
        sa.Column("valid_from", sa.Date()),
        sa.Column("valid_to", sa.Date()),
        sa.Column("known_since", sa.Date(), nullable=False),
        sa.Column("recorded_at", STAMP, nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_claims"),
    )
    for column in ("type", "arrangement", "category"):
        op.create_index(f"ix_claims_{column}", "claims", [column])
    op.create_table(
        "claim_actors",
        sa.Column("claim_id", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], ondelete="CASCADE", name="fk_claim_actors_claim_id_claims"
        ),
        sa.PrimaryKeyConstraint("claim_id", "actor", "role", name="pk_claim_actors"),
    )
    op.create_index("ix_claim_actors_actor", "claim_actors", ["actor"])
    op.create_table(
        "evidence",
        sa.Column("claim_id", sa.String(40), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("document_id", sa.String(64)),
        sa.Column("start", sa.Integer()),
        sa.Column("end", sa.Integer()),
        sa.Column("text", sa.Text()),
        sa.Column("url", sa.Text()),
        sa.Column("note", sa.Text()),
        sa.Column("published", sa.Date()),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], ondelete="CASCADE", name="fk_evidence_claim_id_claims"
        ),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name="fk_evidence_document_id_documents"
        ),
        sa.PrimaryKeyConstraint("claim_id", "position", name="pk_evidence"),
    )
    op.create_index("ix_evidence_document_id", "evidence", ["document_id"])
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("claim_id", sa.String(40), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("reviewer", sa.String(200), nullable=False),
        sa.Column("at", STAMP, nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], ondelete="CASCADE", name="fk_reviews_claim_id_claims"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_reviews"),
    )
    op.create_index("ix_reviews_claim_id", "reviews", ["claim_id"])


def downgrade() -> None:
    for table in ("reviews", "evidence", "claim_actors", "claims", "documents"):
        op.drop_table(table)
