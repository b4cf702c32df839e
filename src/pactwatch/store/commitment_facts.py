"""Commitment facts kept at write time (table ``commitment_facts``): one row per commitment
fact as the ledger knows it now, so that a page of commitments, a coverage matrix or a
scenario reads a bounded number of rows and decodes no claim.

A write places the commitments of each family it touches again (``pactwatch.store.pledges``),
which may move claims between the facts of that family; a review changes which claims count.
So each write and each review rebuilds the rows of every fact of the families it touched, in
its own transaction, from the same sketches and the same grouping that answers about an
earlier knowledge date read (``pactwatch.model.grouping``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import and_, delete, func, or_, select, tuple_, update
from sqlalchemy.engine import Connection
from sqlalchemy.sql import ColumnElement, Update

from pactwatch.model import CommitmentClaim, Duration
from pactwatch.model.commitment_facts import CommitmentFact, as_commitment_fact
from pactwatch.model.vocabulary import (
    Category,
    ConditionKind,
    MembershipAction,
    Modality,
    ReviewStatus,
)
from pactwatch.store.bulk import insert_rows
from pactwatch.store.loading import chunks, facts_now
from pactwatch.store.query import counted_departures, counted_signings
from pactwatch.store.schema import (
    claims,
    commitment_facts,
    memberships,
    pledges,
    signings,
)

IDS = ","
FAMILIES = 200
"""Families rebuilt per round of queries."""
table = commitment_facts


def refresh(connection: Connection, families: Iterable[str], *, made: bool = True) -> None:
    """Rebuild the rows of every commitment fact of ``families``, in the caller's
    transaction (facts left without a claim that counts lose their row). Without ``made``
    the column of that name is left out: for the migrations that run before it exists
    (0017, 0019)."""
    for chunk in chunks(sorted(set(families)), FAMILIES):
        connection.execute(delete(table).where(table.c.family.in_(chunk)))
        placed = select(pledges.c.fact, pledges.c.family).where(pledges.c.family.in_(chunk))
        family_of: dict[str, str] = dict(connection.execute(placed.distinct()).all())
        found = built(connection, sorted(family_of))
        rows = [_row(fact, family_of[fact.fact]) for fact in found]
        if made:
            days = made_on(connection, found)
            rows = [row | {"made": days[row["fact"]]} for row in rows]
        insert_rows(connection, table, rows)


def rebuild(
    connection: Connection, families: Iterable[str], pairs: Iterable[tuple[str, str]]
) -> None:
    """What a write or a review does to the kept rows: rebuild the facts of ``families``
    with their lifecycle inputs, and follow the inputs of the facts whose (arrangement,
    guarantor) is among ``pairs`` (a departure or a signing written or reviewed)."""
    chosen = sorted(set(families))
    refresh(connection, chosen)
    follow_inputs(connection, families=chosen, pairs=pairs)


def follow_inputs(
    connection: Connection,
    *,
    families: Iterable[str] = (),
    pairs: Iterable[tuple[str, str]] = (),
) -> None:
    """Set the lifecycle inputs (``departed``, ``signed``, ``signed_years``) of the kept
    facts of ``families`` and of those whose (arrangement, guarantor) is among ``pairs`` to
    what the memberships and signings not rejected say."""
    for chunk in chunks(sorted(set(families)), FAMILIES):
        connection.execute(_inputs().where(table.c.family.in_(chunk)))
    for pair_chunk in chunks(sorted(set(pairs)), FAMILIES):
        at = tuple_(table.c.arrangement, table.c.guarantor).in_(pair_chunk)
        connection.execute(_inputs().where(at))


def fill_inputs(connection: Connection) -> None:
    """Set the lifecycle inputs of every kept fact (migration 0022)."""
    connection.execute(_inputs())


def input_pairs(connection: Connection, claim_ids: Sequence[str]) -> set[tuple[str, str]]:
    """The (arrangement, member) of each departure and each signing among ``claim_ids``:
    whose kept commitment facts a review of them changes."""
    found: set[tuple[str, str]] = set()
    leave = str(MembershipAction.LEAVE)
    for chunk in chunks(list(claim_ids), 500):
        left = select(memberships.c.arrangement, memberships.c.actor).where(
            memberships.c.claim_id.in_(chunk), memberships.c.action == leave
        )
        signed = select(signings.c.arrangement, signings.c.party).where(
            signings.c.claim_id.in_(chunk)
        )
        found.update((arrangement, actor) for arrangement, actor in connection.execute(left))
        found.update((arrangement, party) for arrangement, party in connection.execute(signed))
    return found


def written_pairs(
    membership_rows: Iterable[dict[str, Any]], signing_rows: Iterable[dict[str, Any]]
) -> set[tuple[str, str]]:
    """The (arrangement, member) of each departure and each signing about to be written."""
    leave = str(MembershipAction.LEAVE)
    left = {(r["arrangement"], r["actor"]) for r in membership_rows if r["action"] == leave}
    return left | {(r["arrangement"], r["party"]) for r in signing_rows}


def _inputs() -> Update:
    """The lifecycle inputs of each kept fact, as ``Reading.departures`` and
    ``Reading.agreement_terms`` answer them about today's knowledge."""
    departed = select(func.min(memberships.c.date)).where(
        memberships.c.actor == table.c.guarantor,
        memberships.c.arrangement == table.c.arrangement,
        *counted_departures(None),
    )
    terms = (
        signings.c.arrangement == table.c.arrangement,
        signings.c.party == table.c.guarantor,
        *counted_signings(None),
    )
    signed = select(func.min(signings.c.signed)).where(*terms)
    years = select(func.max(signings.c.years)).where(*terms)
    return (
        update(table)
        .where(table.c.arrangement.is_not(None))
        .values(
            departed=departed.scalar_subquery(),
            signed=signed.scalar_subquery(),
            signed_years=years.scalar_subquery(),
        )
    )


def made_on(connection: Connection, found: Sequence[CommitmentFact]) -> dict[str, dt.date | None]:
    """Per fact, the first day one of its claims counts as made: its start or the day it was
    first known, whichever comes first; None when one of them is undated (made on any day),
    as the question about an earlier knowledge date asks of the claims
    (``pactwatch.store.roles``)."""
    days: dict[str, dt.date | None] = {}
    wanted = [claim for fact in found for claim in fact.claims]
    for chunk in chunks(wanted, 500):
        statement = select(claims.c.id, claims.c.valid_from, claims.c.known_since)
        for claim, start, known in connection.execute(statement.where(claims.c.id.in_(chunk))):
            days[claim] = None if start is None else min(start, known)
    made: dict[str, dt.date | None] = {}
    for fact in found:
        each = [days[claim] for claim in fact.claims]
        made[fact.fact] = None if None in each else min(day for day in each if day is not None)
    return made


def family_batches(connection: Connection) -> Iterator[list[str]]:
    """Every family of stored commitments, :data:`FAMILIES` at a time (for migrations)."""
    last = ""
    while True:
        statement = select(pledges.c.family).where(pledges.c.family > last).distinct()
        found = list(connection.scalars(statement.order_by(pledges.c.family).limit(FAMILIES)))
        if not found:
            return
        last = found[-1]
        yield found


def built(connection: Connection, facts: Sequence[str]) -> list[CommitmentFact]:
    """The commitment facts ``facts`` as the ledger knows them now (facts whose claims were
    all rejected are left out)."""
    return [
        as_commitment_fact(fact)
        for chunk in chunks(list(facts), 500)
        for fact in facts_now(connection, chunk)
        if isinstance(fact.claim, CommitmentClaim)
    ]


@dataclass(frozen=True, slots=True, kw_only=True)
class Kept:
    """Which kept commitment facts to read (every one by default)."""

    guarantor: str | None = None
    beneficiary: str | None = None
    category: str | None = None
    arrangement: str | None = None
    made_by: dt.date | None = None
    """Leave out those not yet made on that day: starting after it and first known after it."""
    accepted_only: bool = False

    def keys(self) -> list[str | None]:
        """The actor and arrangement ids the read is keyed by (for the response cache)."""
        return [self.guarantor, self.beneficiary, self.arrangement]

    def conditions(self) -> list[ColumnElement[bool]]:
        wanted = {
            table.c.guarantor: self.guarantor,
            table.c.beneficiary: self.beneficiary,
            table.c.category: self.category,
            table.c.arrangement: self.arrangement,
        }
        found: list[ColumnElement[bool]] = [
            column == value for column, value in wanted.items() if value is not None
        ]
        if self.made_by is not None:
            day = self.made_by
            known = and_(table.c.known_since.is_not(None), table.c.known_since <= day)
            found.append(or_(table.c.start.is_(None), table.c.start <= day, known))
        if self.accepted_only:
            found.append(table.c.review == str(ReviewStatus.ACCEPTED))
        return found


EVERY = Kept()
"""Every kept commitment fact."""


def page(
    connection: Connection, wanted: Kept, *, limit: int | None = None, offset: int = 0
) -> tuple[list[CommitmentFact], int]:
    """The commitment facts ``wanted``, in the order commitments are listed (by start,
    undated first, then by the id they show), from ``offset`` (at most ``limit``), and how
    many there are."""
    where = wanted.conditions()
    statement = (
        select(*READ)
        .where(*where)
        .order_by(table.c.start.asc().nulls_first(), table.c.best)
        .offset(offset)
    )
    if limit is not None:
        statement = statement.limit(limit)
    rows = connection.execute(statement).all()
    if offset == 0 and (limit is None or len(rows) < limit):
        total = len(rows)
    else:
        total = int(connection.scalar(select(func.count()).select_from(table).where(*where)) or 0)
    return [_fact(row) for row in rows], total


_PROPOSED = ReviewStatus.PROPOSED


def _row(fact: CommitmentFact, family: str) -> dict[str, Any]:
    duration = fact.duration
    return {
        "fact": fact.fact,
        "family": family,
        "best": fact.id,
        "guarantor": fact.guarantor,
        "beneficiary": fact.beneficiary,
        "category": str(fact.category),
        "arrangement": fact.arrangement,
        "condition": str(fact.condition),
        "deadline_hours": fact.deadline_hours,
        "modality": str(fact.modality),
        "amount": fact.amount,
        "currency": fact.currency,
        "duration_years": duration.years if duration else None,
        "duration_months": duration.months if duration else None,
        "duration_days": duration.days if duration else None,
        "duration_until": duration.until if duration else None,
        "start": fact.start,
        "end": fact.end,
        "known_since": fact.known_since,
        "review": str(fact.review),
        "sources": fact.sources,
        "copies": fact.copies,
        "conflicts": IDS.join(fact.conflicts),
        "claims": IDS.join(fact.claims),
    }


def _members(kind: type[StrEnum]) -> dict[str, Any]:
    return {str(member): member for member in kind}


_CATEGORIES = _members(Category)
_CONDITIONS = _members(ConditionKind)
_MODALITIES = _members(Modality)
_REVIEWS = _members(ReviewStatus)
"""Vocabulary members by value: a dict lookup costs a tenth of calling the enum."""


READ = tuple(
    table.c[name]
    for name in (
        "best", "fact", "guarantor", "beneficiary", "category", "arrangement", "condition",
        "deadline_hours", "modality", "amount", "currency", "duration_years", "duration_months",
        "duration_days", "duration_until", "start", "end", "known_since", "review", "sources",
        "copies", "conflicts", "claims", "departed", "signed", "signed_years",
    )
)  # fmt: skip
"""The columns a kept fact is read from, in the order :func:`_fact` unpacks them."""


def _fact(row: Sequence[Any]) -> CommitmentFact:
    """A kept fact from its row of :data:`READ`, unpacked by position (reading a
    SQLAlchemy row's 26 columns by name took two thirds of a page of commitments)."""
    (
        best, fact, guarantor, beneficiary, category, arrangement, condition, deadline_hours,
        modality, amount, currency, years, months, days, until, start, end, known_since,
        review, sources, copies, conflicts, claims, departed, signed, signed_years,
    ) = row  # fmt: skip
    duration = None
    if years is not None or months is not None or days is not None or until is not None:
        duration = Duration(years=years, months=months, days=days, until=until)
    return CommitmentFact(
        id=best,
        fact=fact,
        guarantor=guarantor,
        beneficiary=beneficiary,
        category=_CATEGORIES[category],
        arrangement=arrangement,
        condition=_CONDITIONS[condition],
        deadline_hours=deadline_hours,
        modality=_MODALITIES[modality],
        amount=amount,
        currency=currency,
        duration=duration,
        start=start,
        end=end,
        known_since=known_since,
        review=_REVIEWS[review],
        sources=sources,
        copies=copies,
        conflicts=tuple(conflicts.split(IDS)) if conflicts else (),
        claims=tuple(claims.split(IDS)),
        departed=departed,
        signed=signed,
        signed_years=signed_years,
    )
