"""The timeline events of each arrangement kept at write time (table ``timeline_events``):
the dated lines its memberships and agreements give its page, so that the page of a coalition
of thousands of membership claims reads a few hundred rows instead of grouping every claim.

A row is one event of one fact (``pactwatch.model.timeline.events_of``) whose shown claim
names the arrangement, its sources counted by story. Every write of claims and every review
rebuilds the rows of the membership and agreement facts it touched, in its own transaction,
from the same sketches and the same grouping that answers about an earlier knowledge date read
(``pactwatch.model.grouping``): ``tests/store/test_commitment_facts.py`` checks the two agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.engine import Connection

from pactwatch.model.grouping import Fact, fact_date
from pactwatch.model.timeline import TimelineEvent, events_of
from pactwatch.model.vocabulary import ClaimType
from pactwatch.store.bulk import insert_rows
from pactwatch.store.loading import chunks, facts_now
from pactwatch.store.schema import claim_actors, sketches, timeline_events

table = timeline_events
KEPT = (str(ClaimType.MEMBERSHIP), str(ClaimType.AGREEMENT))
"""The types of the facts an arrangement's page shows (commitments are on other pages)."""
ACTORS = "\n"
CONFLICTS = ","
FACTS = 500
"""Facts rebuilt per round of queries."""


def refresh(connection: Connection, facts: Iterable[str]) -> None:
    """Rebuild the rows of the membership and agreement facts among ``facts``, in the
    caller's transaction (a fact left without a claim that counts loses its rows)."""
    for chunk in chunks(sorted(set(facts)), FACTS):
        connection.execute(delete(table).where(table.c.fact.in_(chunk)))
        insert_rows(
            connection, table, [row for fact in built(connection, chunk) for row in rows_of(fact)]
        )


def facts_of_claims(connection: Connection, claim_ids: Sequence[str]) -> set[str]:
    """The facts of the stored claims ``claim_ids``."""
    found: set[str] = set()
    for chunk in chunks(list(claim_ids), 500):
        statement = select(claim_actors.c.fact).where(claim_actors.c.claim_id.in_(chunk))
        found.update(connection.scalars(statement.distinct()))
    return found


def fact_batches(connection: Connection) -> Iterator[list[str]]:
    """Every stored membership and agreement fact, :data:`FACTS` at a time (migration 0023)."""
    last = ""
    while True:
        statement = (
            select(sketches.c.fact)
            .where(sketches.c.fact > last, sketches.c.type.in_(KEPT))
            .distinct()
            .order_by(sketches.c.fact)
            .limit(FACTS)
        )
        found = list(connection.scalars(statement))
        if not found:
            return
        last = found[-1]
        yield found


def built(connection: Connection, facts: Sequence[str]) -> list[Fact]:
    """The membership and agreement facts among ``facts`` whose shown claim names an
    arrangement, as the ledger knows them now, their sources counted by story."""
    found = facts_now(connection, list(facts), KEPT)
    return [fact for fact in found if getattr(fact.claim, "arrangement", None)]


def rows_of(fact: Fact) -> list[dict[str, Any]]:
    """The rows of a fact's events, in the order the fact gives them."""
    return [
        {
            "fact": fact.key,
            "position": position,
            "arrangement": event.arrangement,
            "type": str(fact.type),
            "fact_date": fact_date(fact),
            "best": fact.id,
            "date": event.date,
            "kind": event.kind,
            "actors": ACTORS.join(event.actors),
            "summary": event.summary,
            "sources": event.sources,
            "conflicts": CONFLICTS.join(event.conflicts),
        }
        for position, event in enumerate(events_of(fact))
    ]


def events(connection: Connection, arrangement: str) -> list[TimelineEvent]:
    """The kept events of ``arrangement``, facts in the order facts are listed (by type, then
    date, then the claim they show), each fact's events in its own order."""
    statement = (
        select(table)
        .where(table.c.arrangement == arrangement)
        .order_by(
            table.c.type,
            table.c.fact_date.asc().nulls_first(),
            table.c.best,
            table.c.position,
        )
    )
    return [
        TimelineEvent(
            date=row["date"],
            kind=row["kind"],
            actors=tuple(row["actors"].split(ACTORS)) if row["actors"] else (),
            arrangement=row["arrangement"],
            summary=row["summary"],
            fact=row["best"],
            sources=row["sources"],
            conflicts=tuple(row["conflicts"].split(CONFLICTS)) if row["conflicts"] else (),
        )
        for row in connection.execute(statement).mappings().all()
    ]
