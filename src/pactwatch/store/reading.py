"""Reading the ledger light: the queries reasoning runs on every request (facts, their
summaries and sketches, departures, signings, membership events, roles) select a few columns
and decode no claim."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, Select, case, func, literal, or_, select
from sqlalchemy.engine import Connection

from pactwatch.model import ClaimType, MembershipAction, ReviewStatus
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
from pactwatch.store.schema import commitment_facts as commitment_facts_table
from pactwatch.store.schema import roster_events as roster_events_table
from pactwatch.store.summaries import IDS, independent, usable
from pactwatch.store.timeline_events import events as kept_timeline


class Reading:
    """Connections, review histories and the light queries of a ledger."""

    engine: Engine

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
            memberships.c.claim_id.not_in(_rejections(known_on)),
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

    def roles_on(self, as_of: dt.date, *, known_on: dt.date | None = None) -> dict[str, set[str]]:
        """Each actor's roles on ``as_of`` as known on ``known_on``: ``member`` of some
        arrangement (its last entry dated by then is not followed by a departure), and
        ``guarantor`` / ``beneficiary`` of a commitment one of whose claims was made by then
        (undated, starting by then, or first known by then). Claims rejected by the end of
        ``known_on`` do not count. About today's knowledge (no ``known_on``) it reads the
        rows kept at write time (membership events, and commitment facts with the day each
        was first made), otherwise the claims."""
        note_everything()
        if known_on is None:
            members = _members(roster_events_table, as_of)
            facts = commitment_facts_table
            made = or_(facts.c.made.is_(None), facts.c.made <= as_of)
            pledges = [
                select(column, literal(role)).where(made).distinct()
                for role, column in (
                    ("guarantor", facts.c.guarantor),
                    ("beneficiary", facts.c.beneficiary),
                )
            ]
        else:
            members, pledges = self._roles_known_on(as_of, known_on)
        roles: dict[str, set[str]] = defaultdict(set)
        with self._connect() as connection:
            for actor, has_entry, entry, departure in connection.execute(members).all():
                if has_entry and (departure is None or (entry is not None and entry > departure)):
                    roles[actor].add("member")
            for statement in pledges:
                for actor, role in connection.execute(statement).all():
                    roles[actor].add(role)
        return dict(roles)

    @staticmethod
    def _roles_known_on(as_of: dt.date, known_on: dt.date) -> tuple[Select[Any], list[Any]]:
        """The queries of :meth:`roles_on` over the claims known on ``known_on``."""
        members = _members(
            memberships,
            as_of,
            memberships.c.claim_id.not_in(_rejections(known_on)),
            memberships.c.known_since <= known_on,
        )
        named = (
            select(claim_actors.c.actor, claim_actors.c.role)
            .where(claim_actors.c.role.in_(["guarantor", "beneficiary"]))
            .distinct()
            .subquery("named")
        )
        pledged = select(claims.c.id).join(claim_actors, claim_actors.c.claim_id == claims.c.id)
        pledged = pledged.where(
            claim_actors.c.actor == named.c.actor,
            claim_actors.c.role == named.c.role,
            or_(
                claims.c.valid_from.is_(None),
                claims.c.valid_from <= as_of,
                claims.c.known_since <= as_of,
            ),
            claims.c.id.not_in(_rejections(known_on)),
            claims.c.known_since <= known_on,
        )
        # One pledge is enough: asking per (actor, role) stops at the first that qualifies.
        return members, [select(named.c.actor, named.c.role).where(pledged.exists())]

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
                found += [(_light(row), row.valid_from, row.arrangement) for row in rows]
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
                found.update({row.id: (row.valid_from, row.arrangement) for row in rows})
        return found

    @contextmanager
    def _connect(self) -> Iterator[Connection]:
        with translated(self.engine), self.engine.connect() as connection:
            yield connection


REJECTED = ReviewStatus.REJECTED
PROPOSED = ReviewStatus.PROPOSED


def _members(table: Any, as_of: dt.date, *where: Any) -> Select[Any]:
    """Per arrangement and member of ``table`` (membership claims or the events kept of
    them), over its rows undated or dated by ``as_of``: whether it has an entry, its last
    entry's date and its last departure's date."""
    leave = str(MembershipAction.LEAVE)
    entered = func.max(case((table.c.action != leave, 1), else_=0))
    joined = func.max(case((table.c.action != leave, table.c.date)))
    left = func.max(case((table.c.action == leave, table.c.date)))
    return (
        select(table.c.actor, entered, joined, left)
        .where(or_(table.c.date.is_(None), table.c.date <= as_of), *where)
        .group_by(table.c.arrangement, table.c.actor)
    )


def _rejections(known_on: dt.date | None) -> Select[Any]:
    """Claims rejected at the end of ``known_on`` (see :func:`decided`)."""
    return decided(REJECTED, known_on)


def _digest(row: Any) -> Digest:
    return Digest(
        fact=row.fact,
        type=ClaimType(row.type),
        best=row.best,
        claims=shown_first(row.best, row.claims.split(IDS)),
        sources=tuple(row.sources.split(SOURCE_SEPARATOR)),
        known_since=row.first_known,
        independent=independent(row.stories),
    )


def _light(row: Any) -> Digest:
    return Digest(
        fact=row.fact,
        type=ClaimType(row.type),
        best=row.best,
        claims=(row.best,),
        sources=(),
        known_since=row.first_known,
    )
