"""One pledge, one fact: each commitment claim's family, span, amount and placement
(``pledges``), and which sketches were placed in the fact of an arrangement they do not name
(``sketches.attached``). Existing commitments are placed beside their families, and the
summaries of the facts that change are rebuilt.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

from pactwatch.model import ReviewStatus
from pactwatch.store import codec
from pactwatch.store.pledges import pledge_rows, replace
from pactwatch.store.schema import claims, pledges, sketches

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

BATCH = 5000
_PLACEHOLDER = {"document_id": None, "url": "migration:0009", "note": "", "published": None}
"""Evidence for decoding a claim's fields: placing it reads its sources from its sketch."""


def upgrade() -> None:
    op.add_column(
        "sketches",
        sa.Column("attached", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    op.create_table(
        "pledges",
        sa.Column("claim_id", sa.String(40), nullable=False),
        sa.Column("family", sa.String(40), nullable=False),
        sa.Column("own", sa.String(40), nullable=False),
        sa.Column("arrangement", sa.String(100)),
        sa.Column("start", sa.Date()),
        sa.Column("end", sa.Date()),
        sa.Column("amount", sa.Float()),
        sa.Column("currency", sa.String(8)),
        sa.Column("sources", sa.Text(), nullable=False),
        sa.Column("fact", sa.String(40), nullable=False),
        sa.Column("fits", sa.Text()),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], ondelete="CASCADE", name="fk_pledges_claim_id_claims"
        ),
        sa.PrimaryKeyConstraint("claim_id", name="pk_pledges"),
    )
    op.create_index("ix_pledges_family", "pledges", ["family"])
    _fill(op.get_bind())


def _fill(connection: sa.Connection) -> None:
    """A pledges row for every stored commitment, then every family placed."""
    sketched = {
        row.claim_id: {"fact": row.fact, "sources": row.sources}
        for row in connection.execute(
            sa.select(sketches.c.claim_id, sketches.c.fact, sketches.c.sources).where(
                sketches.c.type == "commitment"
            )
        )
    }
    families: set[str] = set()
    last = ""
    while True:
        rows = (
            connection.execute(
                sa.select(claims)
                .where(claims.c.type == "commitment", claims.c.id > last)
                .order_by(claims.c.id)
                .limit(BATCH)
            )
            .mappings()
            .all()
        )
        if not rows:
            break
        last = rows[-1]["id"]
        made: list[dict[str, Any]] = []
        for row in rows:
            claim = codec.claim_from_rows(row, [_PLACEHOLDER], ReviewStatus.PROPOSED)
            made += pledge_rows(claim, sketched[row["id"]])
        if made:
            connection.execute(sa.insert(pledges), made)
            families.update(item["family"] for item in made)
    replace(connection, families, stories=False)  # summaries count stories from 0016


def downgrade() -> None:
    op.drop_index("ix_pledges_family", table_name="pledges")
    op.drop_table("pledges")
    with op.batch_alter_table("sketches") as batch:
        batch.drop_column("attached")
