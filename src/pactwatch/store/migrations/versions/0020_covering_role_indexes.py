"""Indexes that answer the overview's roles from the rows kept at write time without reading
them: membership events by arrangement, member, action and day, and commitment facts by
guarantor or beneficiary with their start and first-known day (the rows themselves carry
long lists of claim ids). No data changes.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None

BEFORE = {
    ("roster_events", "ix_roster_events_arrangement"): ["arrangement", "actor"],
    ("commitment_facts", "ix_commitment_facts_guarantor"): ["guarantor", "start", "best"],
    ("commitment_facts", "ix_commitment_facts_beneficiary"): ["beneficiary", "start", "best"],
}
AFTER = {
    ("roster_events", "ix_roster_events_arrangement"): ["arrangement", "actor", "action", "date"],
    ("commitment_facts", "ix_commitment_facts_guarantor"): [
        "guarantor",
        "start",
        "best",
        "known_since",
    ],
    ("commitment_facts", "ix_commitment_facts_beneficiary"): [
        "beneficiary",
        "start",
        "best",
        "known_since",
    ],
}


def _replace(indexes: dict[tuple[str, str], list[str]]) -> None:
    for (table, name), columns in indexes.items():
        op.drop_index(name, table_name=table)
        op.create_index(name, table, columns)


def upgrade() -> None:
    _replace(AFTER)


def downgrade() -> None:
    _replace(BEFORE)
