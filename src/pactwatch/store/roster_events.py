"""Membership events kept at write time (table ``roster_events``): the membership claims of
each arrangement and member, as the ledger knows them now, grouped by day and action, so that
a roster folds one row per event instead of one per claim (a member of a much-reported
coalition has hundreds of claims and a handful of events).

A row holds the ids of the claims of its event (rejected ones left out), the place the first
of them with a place gives, and how many places they give (more than one: the sources
disagree). Every write of membership claims and every review of one rebuilds the rows of its
arrangement and member, in its own transaction.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import delete, or_, select, tuple_
from sqlalchemy.engine import Connection

from pactwatch.model import ReviewStatus
from pactwatch.model.membership_events import ACTIONS, Event, Grouped, grouped
from pactwatch.store.bulk import insert_rows
from pactwatch.store.loading import chunks
from pactwatch.store.query import decided
from pactwatch.store.schema import memberships, roster_events

IDS = ","
Pair = tuple[str, str]
"""(arrangement, member)."""
table = roster_events


def refresh(connection: Connection, pairs: Iterable[Pair]) -> None:
    """Rebuild the rows of each (arrangement, member) of ``pairs`` from its membership claims
    that no reviewer rejected, in the caller's transaction."""
    wanted = sorted(set(pairs))
    rejected = decided(ReviewStatus.REJECTED, None)
    for start in range(0, len(wanted), 200):
        chunk = wanted[start : start + 200]
        keys = tuple_(table.c.arrangement, table.c.actor).in_(chunk)
        connection.execute(delete(table).where(keys))
        statement = select(
            memberships.c.arrangement,
            memberships.c.actor,
            memberships.c.action,
            memberships.c.date,
            memberships.c.claim_id,
            memberships.c.place,
        ).where(
            tuple_(memberships.c.arrangement, memberships.c.actor).in_(chunk),
            memberships.c.claim_id.not_in(rejected),
        )
        insert_rows(connection, table, _grouped(connection.execute(statement).all()))


def _grouped(rows: Sequence[Any]) -> list[dict[str, Any]]:
    """The ``roster_events`` rows of membership rows (arrangement, member, action, date,
    claim id, place), grouped as :func:`pactwatch.model.membership_events.grouped` does."""
    by_arrangement: dict[str, list[Event]] = defaultdict(list)
    for arrangement, actor, action, day, claim_id, place in rows:
        by_arrangement[arrangement].append(Event(claim_id, actor, ACTIONS[action], day, place))
    return [
        {
            "arrangement": arrangement,
            "actor": group.actor,
            "action": str(group.action),
            "date": group.date,
            "place": group.place,
            "places": group.places,
            "claims": IDS.join(group.claims),
        }
        for arrangement, events in by_arrangement.items()
        for group in grouped(events)
    ]


def pairs_of(connection: Connection, claim_ids: Sequence[str]) -> set[Pair]:
    """The (arrangement, member) of each membership claim among ``claim_ids``."""
    found: set[Pair] = set()
    for chunk in chunks(list(claim_ids), 500):
        statement = select(memberships.c.arrangement, memberships.c.actor).where(
            memberships.c.claim_id.in_(chunk)
        )
        found.update((arrangement, actor) for arrangement, actor in connection.execute(statement))
    return found


def events_of(connection: Connection, arrangement: str, as_of: dt.date | None) -> list[Grouped]:
    """The kept events of ``arrangement`` dated by ``as_of`` (undated ones included)."""
    statement = select(
        table.c.actor, table.c.action, table.c.date, table.c.place, table.c.places, table.c.claims
    ).where(table.c.arrangement == arrangement)
    if as_of is not None:
        statement = statement.where(or_(table.c.date.is_(None), table.c.date <= as_of))
    return [
        Grouped(actor, ACTIONS[action], day, place, places, tuple(claims.split(IDS)))
        for actor, action, day, place, places, claims in connection.execute(statement).all()
    ]
