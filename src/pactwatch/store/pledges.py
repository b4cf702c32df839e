"""Stored commitments placed beside their families: one pledge, one fact.

Where a commitment claim belongs depends on the other claims of its family (see
``pactwatch.model.pledges``), so each write places the families it touched again: a claim
whose fact changed moves (its ``claim_actors`` and ``sketches`` rows take the new fact id) and
the summaries of the facts it left and joined are rebuilt, in the writer's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.engine import Connection

from pactwatch.model import Claim, CommitmentClaim, ReviewStatus
from pactwatch.model.facts import SOURCE_SEPARATOR, documents_of
from pactwatch.model.pledges import Placement, Pledge, place, pledge_of
from pactwatch.store.loading import chunks
from pactwatch.store.query import decided
from pactwatch.store.schema import claim_actors, pledges, reviews, sketches, summaries
from pactwatch.store.stories import stories_of
from pactwatch.store.summaries import summaries_of

FITS = ","


def pledge_rows(claim: Claim, sketch: dict[str, Any]) -> list[dict[str, Any]]:
    """The ``pledges`` row of a commitment claim, placed on its own (none for other claims)."""
    if not isinstance(claim, CommitmentClaim):
        return []
    found = pledge_of(claim, sketch["fact"], sketch["sources"].split(SOURCE_SEPARATOR))
    return [
        {
            "claim_id": found.claim,
            "family": found.family,
            "own": found.own,
            "arrangement": found.arrangement,
            "start": found.start,
            "end": found.end,
            "amount": found.amount[0] if found.amount else None,
            "currency": found.amount[1] if found.amount else None,
            "sources": sketch["sources"],
            "fact": found.own,
            "fits": None,
        }
    ]


def replace(connection: Connection, families: Iterable[str], *, stories: bool = True) -> None:
    """Place the claims of ``families`` again, moving those whose fact changed (``stories``:
    see :func:`rebuild_summaries`)."""
    rows = _family_rows(connection, sorted(set(families)))
    rejected = _rejected(connection, [row["claim_id"] for row in rows])
    placements = place(_pledge(row) for row in rows if row["claim_id"] not in rejected)
    placements.update(
        {row["claim_id"]: Placement(row["own"]) for row in rows if row["claim_id"] in rejected}
    )
    moved: list[dict[str, Any]] = []
    refitted: list[dict[str, Any]] = []
    touched: set[str] = set()
    for row in rows:
        new = placements[row["claim_id"]]
        fits = FITS.join(new.fits) or None
        change = {
            "key": row["claim_id"],
            "old": row["fact"],
            "fact": new.fact,
            "fits": fits,
            "attached": new.attached,
        }
        if new.fact != row["fact"]:
            moved.append(change)
            touched.update((row["fact"], new.fact))
        elif fits != row["fits"]:
            refitted.append(change)
    if not moved and not refitted:
        return
    keyed = pledges.c.claim_id == bindparam("key")
    connection.execute(
        update(pledges).where(keyed).values(fact=bindparam("fact"), fits=bindparam("fits")),
        moved + refitted,
    )
    if moved:
        connection.execute(
            update(claim_actors)
            .where(claim_actors.c.claim_id == bindparam("key"))
            .values(fact=bindparam("fact")),
            moved,
        )
        connection.execute(
            update(sketches)
            .where(sketches.c.fact == bindparam("old"), sketches.c.claim_id == bindparam("key"))
            .values(fact=bindparam("fact"), attached=bindparam("attached")),
            moved,
        )
        rebuild_summaries(connection, sorted(touched), stories=stories)


def rebuild_summaries(
    connection: Connection, facts: Sequence[str], *, stories: bool = True
) -> None:
    """Summarise ``facts`` again from their sketches (a fact with a claim placed in it from
    outside its arrangement is read from its sketches, so it shows a claim that names it).
    Without ``stories`` (migrations before schema 0016), their stories are not counted."""
    for chunk in chunks(list(facts), 500):
        connection.execute(delete(summaries).where(summaries.c.fact.in_(chunk)))
        rows = [
            dict(row)
            for row in connection.execute(
                select(sketches)
                .where(sketches.c.fact.in_(chunk))
                .order_by(sketches.c.fact, sketches.c.claim_id)
            ).mappings()
        ]
        if not rows:
            continue
        reviewed = set(
            connection.scalars(
                select(sketches.c.fact)
                .join(reviews, reviews.c.claim_id == sketches.c.claim_id)
                .where(sketches.c.fact.in_(chunk))
            )
        )
        attached = {row["fact"] for row in rows if row["attached"]}
        anchors = (a for row in rows for a in row["sources"].split(SOURCE_SEPARATOR))
        story_of = stories_of(connection, sorted(documents_of(anchors))) if stories else None
        found = summaries_of(rows, reviewed, story_of)
        for summary in found:
            summary.mixed = summary.mixed or summary.fact in attached
        connection.execute(insert(summaries), [s.row() for s in found])


def undecided(connection: Connection, claim_ids: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """For claims that name no arrangement while several fit them: the arrangements."""
    found: dict[str, tuple[str, ...]] = {}
    for chunk in chunks(list(claim_ids), 500):
        statement = select(pledges.c.claim_id, pledges.c.fits).where(
            pledges.c.claim_id.in_(chunk), pledges.c.fits.is_not(None)
        )
        found.update(
            {row.claim_id: tuple(row.fits.split(FITS)) for row in connection.execute(statement)}
        )
    return found


def replace_claim(connection: Connection, claim_id: str) -> str | None:
    """Place the family of a claim again (after a review: rejected claims anchor nothing);
    the family (None for a claim that is no commitment)."""
    family: str | None = connection.scalar(
        select(pledges.c.family).where(pledges.c.claim_id == claim_id)
    )
    if family is not None:
        replace(connection, [family])
    return family


def _rejected(connection: Connection, claim_ids: list[str]) -> set[str]:
    """The claims among ``claim_ids`` whose latest review rejects them."""
    found: set[str] = set()
    for chunk in chunks(claim_ids, 500):
        statement = decided(ReviewStatus.REJECTED, None).where(reviews.c.claim_id.in_(chunk))
        found.update(connection.scalars(statement))
    return found


def _family_rows(connection: Connection, families: list[str]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for chunk in chunks(families, 500):
        statement = select(pledges).where(pledges.c.family.in_(chunk))
        rows += [dict(row) for row in connection.execute(statement).mappings()]
    return rows


def _pledge(row: dict[str, Any]) -> Pledge:
    amount = (row["amount"], row["currency"]) if row["amount"] is not None else None
    return Pledge(
        claim=row["claim_id"],
        family=row["family"],
        own=row["own"],
        arrangement=row["arrangement"],
        start=row["start"],
        end=row["end"],
        amount=amount,
        sources=frozenset(row["sources"].split(SOURCE_SEPARATOR)),
    )
