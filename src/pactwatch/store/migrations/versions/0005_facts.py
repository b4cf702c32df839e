"""Facts in the store: each claim's fact id, sources and facets in a table kept in fact order
(``sketches``), the fact id beside each claim actor, who joined or left which arrangement
(``memberships``) and who signed which (``signings``). Grouping claims into facts then reads
neighbouring rows instead of decoding every claim. Existing claims are filled in.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from alembic import op

from pactwatch.model import ReviewStatus
from pactwatch.store import codec
from pactwatch.store.schema import claims, evidence, memberships, signings, sketches

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

BATCH = 5000


def upgrade() -> None:
    op.add_column("claim_actors", sa.Column("fact", sa.String(40)))
    op.create_table(
        "sketches",
        sa.Column("fact", sa.String(40), nullable=False),
        sa.Column("claim_id", sa.String(40), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("known_since", sa.Date(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("sources", sa.Text(), nullable=False),
        sa.Column("facets", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], ondelete="CASCADE", name="fk_sketches_claim_id_claims"
        ),
        sa.PrimaryKeyConstraint("fact", "claim_id", name="pk_sketches"),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "memberships",
        sa.Column("arrangement", sa.String(100), nullable=False),
        sa.Column("actor", sa.String(100), nullable=False),
        sa.Column("claim_id", sa.String(40), nullable=False),
        sa.Column("action", sa.String(8), nullable=False),
        sa.Column("date", sa.Date()),
        sa.Column("place", sa.Text()),
        sa.Column("known_since", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], ondelete="CASCADE", name="fk_memberships_claim_id_claims"
        ),
        sa.PrimaryKeyConstraint("arrangement", "actor", "claim_id", name="pk_memberships"),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "signings",
        sa.Column("arrangement", sa.String(100), nullable=False),
        sa.Column("party", sa.String(100), nullable=False),
        sa.Column("claim_id", sa.String(40), nullable=False),
        sa.Column("signed", sa.Date()),
        sa.Column("years", sa.Integer()),
        sa.Column("known_since", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], ondelete="CASCADE", name="fk_signings_claim_id_claims"
        ),
        sa.PrimaryKeyConstraint("arrangement", "party", "claim_id", name="pk_signings"),
        sqlite_with_rowid=False,
    )
    _fill(op.get_bind())
    op.create_index("ix_claim_actors_actor_role_fact", "claim_actors", ["actor", "role", "fact"])
    op.create_index(
        "ix_memberships_action_actor", "memberships", ["action", "actor", "date", "known_since"]
    )


def _fill(connection: sa.Connection) -> None:
    """Derive the new rows of every stored claim, a batch at a time."""
    last = ""
    while True:
        rows = (
            connection.execute(
                sa.select(claims).where(claims.c.id > last).order_by(claims.c.id).limit(BATCH)
            )
            .mappings()
            .all()
        )
        if not rows:
            return
        last = rows[-1]["id"]
        found = _evidence(connection, [row["id"] for row in rows])
        derived: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in rows:
            claim = codec.claim_from_rows(row, found[row["id"]], ReviewStatus.PROPOSED)
            sketch = codec.sketch_row(claim, row["known_since"])
            derived["sketches"].append(sketch)
            derived["signings"] += codec.signing_rows(claim, row["known_since"])
            derived["memberships"] += codec.membership_rows(claim, row["known_since"])
            derived["facts"].append({"key": claim.id, "fact": sketch["fact"]})
        _write(connection, derived)


def _evidence(connection: sa.Connection, ids: list[str]) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = defaultdict(list)
    statement = (
        sa.select(evidence)
        .where(evidence.c.claim_id.in_(ids))
        .order_by(evidence.c.claim_id, evidence.c.position)
    )
    for item in connection.execute(statement).mappings():
        found[item["claim_id"]].append(item)
    return found


def _write(connection: sa.Connection, derived: dict[str, list[dict[str, Any]]]) -> None:
    for table in (sketches, signings, memberships):
        if derived[table.name]:
            connection.execute(sa.insert(table), derived[table.name])
    actors = sa.table("claim_actors", sa.column("claim_id"), sa.column("fact"))
    connection.execute(
        sa.update(actors).where(actors.c.claim_id == sa.bindparam("key")),
        derived["facts"],
    )


def downgrade() -> None:
    op.drop_index("ix_claim_actors_actor_role_fact", table_name="claim_actors")
    op.drop_index("ix_memberships_action_actor", table_name="memberships")
    for table in ("memberships", "signings", "sketches"):
        op.drop_table(table)
    with op.batch_alter_table("claim_actors") as batch:
        batch.drop_column("fact")
