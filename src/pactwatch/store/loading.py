"""Loading claims, their review histories and review statuses, in a caller's connection:
what the ledger's reads and the rows it keeps at write time share."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from typing import Any, TypeVar

from sqlalchemy import Select, select
from sqlalchemy.engine import Connection

from pactwatch.model import Claim, Review, ReviewStatus
from pactwatch.model.facts import documents_of
from pactwatch.model.grouping import Fact, by_story, fact_of_group, group
from pactwatch.store import codec
from pactwatch.store.query import end_of
from pactwatch.store.schema import claims, evidence, reviews, sketches
from pactwatch.store.stories import stories_of

T = TypeVar("T")


def statuses_of(
    connection: Connection, facts: list[str], known_on: dt.date | None
) -> dict[str, ReviewStatus]:
    """The review status of the reviewed claims of ``facts`` at the end of ``known_on``."""
    statement = (
        select(reviews.c.claim_id, reviews.c.status)
        .join(sketches, sketches.c.claim_id == reviews.c.claim_id)
        .where(sketches.c.fact.in_(facts))
        .order_by(reviews.c.at, reviews.c.id)
    )
    if known_on is not None:
        statement = statement.where(reviews.c.at <= end_of(known_on))
    return {claim_id: ReviewStatus(status) for claim_id, status in connection.execute(statement)}


def reviews_of(
    connection: Connection, ids: list[str], known_on: dt.date | None
) -> dict[str, tuple[Review, ...]]:
    """The review history of each claim of ``ids``, oldest first, up to ``known_on``."""
    found: dict[str, list[Review]] = defaultdict(list)
    for chunk in chunks(ids, 500):
        statement = select(reviews).where(reviews.c.claim_id.in_(chunk))
        for row in connection.execute(statement.order_by(reviews.c.at, reviews.c.id)).mappings():
            review = codec.review_from_row(row)
            if known_on is None or review.at.date() <= known_on:
                found[row["claim_id"]].append(review)
    return {claim_id: tuple(found[claim_id]) for claim_id in ids}


def load_claims(
    connection: Connection,
    statement: Select[Any],
    known_on: dt.date | None,
    with_text: bool = True,
) -> list[Claim]:
    """The claims ``statement`` selects (whole ``claims`` rows), decoded with their evidence
    (without its text and notes unless ``with_text``) and review status as of ``known_on``."""
    rows = connection.execute(statement).mappings().all()
    if not rows:
        return []
    ids = [row["id"] for row in rows]
    columns = (
        [evidence] if with_text else [c for c in evidence.columns if c.name not in ("text", "note")]
    )
    evidence_by_claim: dict[str, list[Any]] = defaultdict(list)
    for chunk in chunks(ids, 500):
        pieces = (
            select(*columns)
            .where(evidence.c.claim_id.in_(chunk))
            .order_by(evidence.c.claim_id, evidence.c.position)
        )
        # fetched at once (here and in the reads): psycopg fetching row by row cost as much
        # as the query
        for item in connection.execute(pieces).mappings().all():
            evidence_by_claim[item["claim_id"]].append(item)
    history = reviews_of(connection, ids, known_on)
    return [
        codec.claim_from_rows(row, evidence_by_claim[row["id"]], status_of(history[row["id"]]))
        for row in rows
    ]


def status_of(history: tuple[Review, ...]) -> ReviewStatus:
    """A claim's status after its review history (proposed when never reviewed)."""
    return history[-1].status if history else ReviewStatus.PROPOSED


def chunks(items: list[T], size: int) -> Iterator[list[T]]:
    """``items`` in slices of ``size`` (for IN lists the database accepts)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def facts_now(
    connection: Connection, facts: list[str], types: tuple[str, ...] | None = None
) -> list[Fact]:
    """The facts ``facts`` (only their claims of ``types``, when given) as the ledger knows
    them now, grouped from their sketches with the claim each shows decoded and their sources
    counted by story: what the rows kept at write time are built from. Facts whose claims
    were all rejected are left out."""
    columns = [sketches.c[name] for name in codec.SKETCH_COLUMNS]
    statement = select(*columns).where(sketches.c.fact.in_(facts))
    if types is not None:
        statement = statement.where(sketches.c.type.in_(types))
    statuses = statuses_of(connection, facts, None)
    members = [
        codec.sketch_from_row(row, statuses.get(row[0], ReviewStatus.PROPOSED))
        for row in connection.execute(statement).all()
    ]
    groups = group(members)
    best = select(claims).where(claims.c.id.in_([g.members[0].id for g in groups]))
    shown = {claim.id: claim for claim in load_claims(connection, best, None, False)}
    found = [fact_of_group(g, [shown[g.members[0].id]]) for g in groups]
    anchors = documents_of(anchor for fact in found for anchor in fact.copies)
    story_of = stories_of(connection, sorted(anchors))
    return [by_story(fact, story_of) for fact in found]
