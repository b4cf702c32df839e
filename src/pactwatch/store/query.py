"""What to select from the ledger, and the SQL conditions that select it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, or_, select

from pactwatch.model import ClaimType, MembershipAction, ReviewStatus
from pactwatch.store.schema import claim_actors, claims, memberships, reviews, signings


@dataclass(frozen=True, slots=True, kw_only=True)
class ClaimQuery:
    """What to select from the ledger. Every field narrows; None means any."""

    type: ClaimType | None = None
    actor: str | None = None
    """An actor id in any role (guarantor, beneficiary, party, participant, member)."""
    arrangement: str | None = None
    category: str | None = None
    status: ReviewStatus | None = None
    producer: str | None = None
    as_of: dt.date | None = None
    """Valid time: events that happened by this date, commitments in force on it."""
    known_on: dt.date | None = None
    """Knowledge time: only what could be known on this date; statuses as reviewed by then."""
    include_rejected: bool = True
    action: MembershipAction | None = None
    """Memberships only: join, sign or leave."""
    role: str | None = None
    """With ``actor``: only claims where the actor has this role (guarantor, beneficiary,
    party, participant, actor)."""
    evidence_text: bool = True
    """False leaves the sentences out of the evidence (faster, for counting sources)."""
    limit: int | None = None
    """At most this many claims (newest known first when set, for queues and pages)."""
    offset: int = 0


def conditions(query: ClaimQuery) -> list[ColumnElement[bool]]:
    """The WHERE conditions on ``claims`` that select what ``query`` asks for."""
    found: list[ColumnElement[bool]] = []
    if query.type is not None:
        found.append(claims.c.type == str(query.type))
    if query.arrangement is not None:
        found.append(claims.c.arrangement == query.arrangement)
    if query.category is not None:
        found.append(claims.c.category == query.category)
    if query.producer is not None:
        found.append(claims.c.producer == query.producer)
    if query.actor is not None:
        members = select(claim_actors.c.claim_id).where(claim_actors.c.actor == query.actor)
        if query.role is not None:
            members = members.where(claim_actors.c.role == query.role)
        found.append(claims.c.id.in_(members))
    if query.as_of is not None:
        found.append(or_(claims.c.valid_from.is_(None), claims.c.valid_from <= query.as_of))
        found.append(or_(claims.c.valid_to.is_(None), claims.c.valid_to >= query.as_of))
    if query.known_on is not None:
        found.append(claims.c.known_since <= query.known_on)
    if query.status is ReviewStatus.PROPOSED:
        found.append(claims.c.id.not_in(reviewed_by(query.known_on)))
    elif query.status is not None:
        found.append(claims.c.id.in_(decided(query.status, query.known_on)))
    elif not query.include_rejected:
        found.append(claims.c.id.not_in(decided(ReviewStatus.REJECTED, query.known_on)))
    if query.action is not None:
        leaving = select(memberships.c.claim_id).where(memberships.c.action == str(query.action))
        found.append(claims.c.id.in_(leaving))
    return found


def decided(status: ReviewStatus, known_on: dt.date | None) -> Select[Any]:
    """The ids of the claims whose status is ``status`` at the end of ``known_on`` (now, when
    None): review histories replayed in SQL, the last decision by then winning (reviews
    ordered by time, then id), as ``reading.status_of`` replays them in Python. A proposed
    claim has no decision by then."""
    end = end_of(known_on) if known_on is not None else None
    if status is ReviewStatus.PROPOSED:
        return select(claims.c.id).where(claims.c.id.not_in(reviewed_by(known_on)))
    later = reviews.alias("later")
    newer = select(later.c.id).where(
        later.c.claim_id == reviews.c.claim_id,
        or_(
            later.c.at > reviews.c.at,
            and_(later.c.at == reviews.c.at, later.c.id > reviews.c.id),
        ),
    )
    statement = select(reviews.c.claim_id).where(reviews.c.status == str(status))
    if end is not None:
        statement = statement.where(reviews.c.at <= end)
        newer = newer.where(later.c.at <= end)
    return statement.where(~newer.exists())


def counted_departures(known_on: dt.date | None) -> list[ColumnElement[bool]]:
    """The ``memberships`` rows a commitment's lifecycle takes as departures, as known on
    ``known_on`` (now, when None): dated leaves that no reviewer had rejected by then."""
    found: list[ColumnElement[bool]] = [
        memberships.c.action == str(MembershipAction.LEAVE),
        memberships.c.date.is_not(None),
        memberships.c.claim_id.not_in(decided(ReviewStatus.REJECTED, known_on)),
    ]
    if known_on is not None:
        found.append(memberships.c.known_since <= known_on)
    return found


def counted_signings(known_on: dt.date | None) -> list[ColumnElement[bool]]:
    """The ``signings`` rows the terms of a commitment run on, as known on ``known_on`` (now,
    when None): those of agreement claims no reviewer had rejected by then."""
    found: list[ColumnElement[bool]] = [
        signings.c.claim_id.not_in(decided(ReviewStatus.REJECTED, known_on))
    ]
    if known_on is not None:
        found.append(signings.c.known_since <= known_on)
    return found


def reviewed_by(known_on: dt.date | None) -> Select[Any]:
    """The ids of the claims with a review decision by the end of ``known_on`` (ever, when
    None)."""
    statement = select(reviews.c.claim_id)
    if known_on is not None:
        statement = statement.where(reviews.c.at <= end_of(known_on))
    return statement


def end_of(day: dt.date) -> dt.datetime:
    """The last moment of a day, in UTC."""
    return dt.datetime.combine(day, dt.time.max, tzinfo=dt.UTC)
