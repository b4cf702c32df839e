"""Reading the ledger light: the queries reasoning runs on every request (facts, their
summaries and sketches, departures, signings, membership events, roles) select a few columns
and decode no claim."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from sqlalchemy import Engine, func, or_, select
from sqlalchemy.engine import Connection

from pactwatch.model import ClaimType, ReviewStatus
from pactwatch.model.commitment_facts import CommitmentFact
from pactwatch.model.facts import SOURCE_SEPARATOR, Digest, Sketch, shown_first
from pactwatch.model.membership_events import Grouped
from pactwatch.model.timeline import TimelineEvent
from pactwatch.store import codec
from pactwatch.store.changes import keyed_by, note, note_everything
from pactwatch.store.commitment_facts import EVERY, Kept
from pactwatch.store.commitment_facts import page as commitment_page
from pactwatch.store.loading import chunks, statuses_of
from pactwatch.store.migrate import translated
from pactwatch.store.query import (
    ClaimQuery,
    conditions,
    counted_departures,
    counted_signings,
    decided,
)
from pactwatch.store.roster_events import events_of
from pactwatch.store.schema import (
    claim_actors,
    claims,
    memberships,
    signings,
    sketches,
)
from pactwatch.store.stories import stories_of
from pactwatch.store.summaries import IDS, independent, usable
from pactwatch.store.timeline_events import events as kept_timeline


class Reading:
    """The light queries only ``pactwatch.reason`` needs: sketches and digests of facts,
    their heads, the kept rows (roster and timeline events, commitment facts) and the
    lifecycle's inputs (departures, agreement terms). A store holds one as ``reading``."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def departures(
        self, actors: Sequence[str], *, known_on: dt.date | None = None
    ) -> dict[tuple[str, str], dt.date]:
        """When each of ``actors`` left each arrangement, by the (not rejected) leave
        memberships known on ``known_on``: the earliest date per member and arrangement."""
        note(actors)
        statement = (
            select(memberships.c.actor, memberships.c.arrangement, func.min(memberships.c.date))
            .where(memberships.c.actor.in_(sorted(set(actors))), *counted_departures(known_on))
            .group_by(memberships.c.actor, memberships.c.arrangement)
        )
        with self._connect() as connection:
            return {
                (actor, arrangement): day
                for actor, arrangement, day in connection.execute(statement).all()
            }

    def membership_events(
        self,
        arrangement: str,
        *,
        as_of: dt.date | None = None,
        known_on: dt.date | None = None,
    ) -> list[tuple[str, str, str, dt.date | None, str | None]]:
        """(claim id, actor, action, date, place) of the membership claims of an arrangement
        dated by ``as_of`` and known on ``known_on``, without those rejected at the end of
        that day: the light rows a roster is folded from (no claim is decoded)."""
        note([arrangement])
        statement = select(
            memberships.c.claim_id,
            memberships.c.actor,
            memberships.c.action,
            memberships.c.date,
            memberships.c.place,
        ).where(
            memberships.c.arrangement == arrangement,
            memberships.c.claim_id.not_in(decided(REJECTED, known_on)),
        )
        if as_of is not None:
            statement = statement.where(
                or_(memberships.c.date.is_(None), memberships.c.date <= as_of)
            )
        if known_on is not None:
            statement = statement.where(memberships.c.known_since <= known_on)
        with self._connect() as connection:
            return [tuple(row) for row in connection.execute(statement)]

    def roster_events(self, arrangement: str, *, as_of: dt.date | None = None) -> list[Grouped]:
        """The membership events of ``arrangement`` dated by ``as_of``, as the ledger knows
        them now: what a roster about today's knowledge folds (see
        ``pactwatch.store.roster_events``)."""
        note([arrangement])
        with self._connect() as connection:
            return events_of(connection, arrangement, as_of)

    def timeline_events(self, arrangement: str) -> list[TimelineEvent]:
        """The timeline events of the memberships and agreements of ``arrangement`` as the
        ledger knows them now, in the order their facts are listed (see
        ``pactwatch.store.timeline_events``)."""
        note([arrangement])
        with self._connect() as connection:
            return kept_timeline(connection, arrangement)

    def agreement_terms(
        self,
        pairs: Iterable[tuple[str, str]],
        *,
        known_on: dt.date | None = None,
    ) -> dict[tuple[str, str], tuple[dt.date | None, int | None]]:
        """For each (arrangement, party) pair where the party signed the arrangement: the
        earliest signing date and the longest length in years, over the agreement claims
        known on ``known_on`` that no reviewer had rejected by then."""
        wanted = set(pairs)
        note(scope for pair in wanted for scope in pair)
        statement = (
            select(
                signings.c.arrangement,
                signings.c.party,
                func.min(signings.c.signed),
                func.max(signings.c.years),
            )
            .where(
                signings.c.arrangement.in_(sorted({a for a, _ in wanted})),
                signings.c.party.in_(sorted({p for _, p in wanted})),
                *counted_signings(known_on),
            )
            .group_by(signings.c.arrangement, signings.c.party)
        )
        with self._connect() as connection:
            return {
                (arrangement, party): (signed, years)
                for arrangement, party, signed, years in connection.execute(statement).all()
                if (arrangement, party) in wanted
            }

    def commitment_facts(
        self, wanted: Kept = EVERY, *, limit: int | None = None, offset: int = 0
    ) -> tuple[list[CommitmentFact], int]:
        """The commitment facts ``wanted`` as the ledger knows them now, in the order
        commitments are listed, from ``offset`` (at most ``limit``), and how many there are:
        read from the rows kept at write time (``pactwatch.store.commitment_facts``)."""
        if any(wanted.keys()):
            note(wanted.keys())
        else:
            note_everything()
        with self._connect() as connection:
            found, total = commitment_page(connection, wanted, limit=limit, offset=offset)
        # their lifecycle inputs depend on their guarantors' departures and signings
        note(scope for fact in found for scope in (fact.guarantor, fact.arrangement) if scope)
        return found, total

    def facts_matching(self, query: ClaimQuery) -> list[str]:
        """The ids of the facts with a claim that ``query`` selects by actor (and role), or
        else by type, arrangement, category and knowledge date."""
        if query.actor is not None:
            note([query.actor])
            statement = select(claim_actors.c.fact).where(claim_actors.c.actor == query.actor)
            if query.role is not None:
                statement = statement.where(claim_actors.c.role == query.role)
        else:
            keyed_by(query)
            # Every claim names an actor, and claim_actors is keyed by claim id first.
            chosen = select(claims.c.id).where(*conditions(query))
            statement = select(claim_actors.c.fact).where(claim_actors.c.claim_id.in_(chosen))
        with self._connect() as connection:  # distinct in SQL: a fact has ~20 claims
            return sorted(set(connection.scalars(statement.distinct())))

    def sketches(self, facts: Sequence[str], *, known_on: dt.date | None = None) -> list[Sketch]:
        """The sketches of every claim of ``facts`` known on ``known_on``, each with its
        review status as it stood at the end of that day (rejected ones included)."""
        note()
        found: list[Sketch] = []
        with self._connect() as connection:
            columns = [sketches.c[name] for name in codec.SKETCH_COLUMNS]
            for chunk in chunks(list(facts), 500):
                statement = select(*columns).where(sketches.c.fact.in_(chunk))
                if known_on is not None:
                    statement = statement.where(sketches.c.known_since <= known_on)
                statuses = statuses_of(connection, chunk, known_on)
                found += [
                    codec.sketch_from_row(row, statuses.get(row[0], PROPOSED))
                    for row in connection.execute(statement).all()
                ]
        return found

    def digests(
        self, facts: Sequence[str], *, known_on: dt.date | None = None
    ) -> tuple[list[Digest], list[str]]:
        """The facts among ``facts`` whose summary shows them as known on ``known_on`` (their
        claims agree and were never reviewed), and the ids of the others, to be read from
        their sketches. Facts not known yet on ``known_on`` are in neither."""
        note()
        found: list[Digest] = []
        others: list[str] = []
        with self._connect() as connection:
            for chunk in chunks(list(facts), 500):
                rows, rest = usable(connection, chunk, known_on)
                others += rest
                found += [_digest(row) for row in rows]
        return found, others

    def digest_heads(
        self, facts: Sequence[str], *, known_on: dt.date | None = None
    ) -> tuple[list[tuple[Digest, dt.date | None, str | None]], list[str]]:
        """:meth:`digests` light, to list and sort facts: each digest names its best claim
        only (no other claim, no source), beside that claim's valid-from date and
        arrangement."""
        note()
        found: list[tuple[Digest, dt.date | None, str | None]] = []
        others: list[str] = []
        with self._connect() as connection:
            for chunk in chunks(list(facts), 500):
                rows, rest = usable(connection, chunk, known_on, whole=False)
                others += rest
                found += [(_light(row), row["valid_from"], row["arrangement"]) for row in rows]
        return found, others

    def claim_heads(self, claim_ids: Sequence[str]) -> dict[str, tuple[dt.date | None, str | None]]:
        """(valid from, arrangement) of each stored claim of ``claim_ids``: where the fact it
        shows sorts and which arrangement it names, without decoding it."""
        note()
        found: dict[str, tuple[dt.date | None, str | None]] = {}
        with self._connect() as connection:
            for chunk in chunks(list(claim_ids), 500):
                statement = select(claims.c.id, claims.c.valid_from, claims.c.arrangement)
                rows = connection.execute(statement.where(claims.c.id.in_(chunk)))
                found.update({claim: (day, arrangement) for claim, day, arrangement in rows})
        return found

    def stories(self, document_ids: Sequence[str]) -> dict[str, str]:
        """The story of each stored document of ``document_ids``: copies of one syndicated text
        share it (see ``pactwatch.model.stories``); ids not stored are left out."""
        note()
        with self._connect() as connection:
            return stories_of(connection, document_ids)

    def _connect(self) -> AbstractContextManager[Connection]:
        return connected(self.engine)


@contextmanager
def connected(engine: Engine) -> Iterator[Connection]:
    """A read connection whose driver errors become pactwatch's own."""
    with translated(engine), engine.connect() as connection:
        yield connection


REJECTED = ReviewStatus.REJECTED
PROPOSED = ReviewStatus.PROPOSED


def _digest(row: Any) -> Digest:
    return Digest(
        fact=row["fact"],
        type=ClaimType(row["type"]),
        best=row["best"],
        claims=shown_first(row["best"], row["claims"].split(IDS)),
        sources=tuple(row["sources"].split(SOURCE_SEPARATOR)),
        known_since=row["first_known"],
        independent=independent(row["stories"]),
    )


def _light(row: Any) -> Digest:
    return Digest(
        fact=row["fact"],
        type=ClaimType(row["type"]),
        best=row["best"],
        claims=(row["best"],),
        sources=(),
        known_since=row["first_known"],
    )
