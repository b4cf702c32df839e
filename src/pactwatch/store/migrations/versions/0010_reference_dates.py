"""Reference memberships are known from their sources: the packaged memberships stored before
their rows carried the date their source was published (they counted as known only from
the day they were imported) take that date as their knowledge time.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from pactwatch.model import CitationEvidence
from pactwatch.reference import party_claims
from pactwatch.store.pledges import rebuild_summaries
from pactwatch.store.schema import claim_actors, claims, evidence, memberships, sketches

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    connection = op.get_bind()
    touched: set[str] = set()
    for claim in party_claims():
        [cited] = claim.evidence
        if not isinstance(cited, CitationEvidence) or cited.published is None:
            continue
        stored = connection.execute(
            sa.select(claims.c.known_since).where(claims.c.id == claim.id)
        ).scalar()
        if stored is None or stored <= cited.published:
            continue
        day = cited.published
        fact = connection.scalar(
            sa.select(claim_actors.c.fact).where(claim_actors.c.claim_id == claim.id).limit(1)
        )
        connection.execute(sa.update(claims).where(claims.c.id == claim.id).values(known_since=day))
        connection.execute(
            sa.update(evidence).where(evidence.c.claim_id == claim.id).values(published=day)
        )
        connection.execute(
            sa.update(memberships)
            .where(
                memberships.c.arrangement == claim.arrangement,
                memberships.c.actor == claim.actor,
                memberships.c.claim_id == claim.id,
            )
            .values(known_since=day)
        )
        connection.execute(
            sa.update(sketches)
            .where(sketches.c.fact == fact, sketches.c.claim_id == claim.id)
            .values(known_since=day)
        )
        if fact is not None:
            touched.add(fact)
    rebuild_summaries(connection, sorted(touched), stories=False)  # counted from 0016


def downgrade() -> None:
    """Knowledge dates are facts about sources; nothing to undo."""
