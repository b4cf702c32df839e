"""Reading the ledger light: the queries reasoning runs on every request (knowledge dates,
departures, signings, membership events) select a few columns and decode no claim."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, Select, func, or_, select
from sqlalchemy.engine import Connection

from pactwatch.model import ClaimType, MembershipAction, Review, ReviewStatus
from pactwatch.store import codec
from pactwatch.store.migrate import translated
from pactwatch.store.schema import claim_actors, claims, reviews


class Reading:
    """Connections, review histories and the light queries of a ledger."""

    engine: Engine

    def known_since(self, claim_ids: Sequence[str]) -> dict[str, dt.date]:
        """When the ledger could first have known each claim (its earliest dated source)."""
        found: dict[str, dt.date] = {}
        with self._connect() as connection:
            for chunk in chunks(list(claim_ids), 500):
                statement = select(claims.c.id, claims.c.known_since).where(claims.c.id.in_(chunk))
                found.update({row.id: row.known_since for row in connection.execute(statement)})
        return found

    def departures(
        self, actors: Sequence[str], *, known_on: dt.date | None = None
    ) -> dict[tuple[str, str], dt.date]:
        """When each of ``actors`` left each arrangement, by the (not rejected) leave
        memberships known on ``known_on``: the earliest date per member and arrangement."""
        statement = (
            select(claims.c.id, claim_actors.c.actor, claims.c.arrangement, claims.c.valid_from)
            .join(claim_actors, claim_actors.c.claim_id == claims.c.id)
            .where(
                claims.c.type == str(ClaimType.MEMBERSHIP),
                claims.c.payload["action"].as_string() == str(MembershipAction.LEAVE),
                claim_actors.c.actor.in_(sorted(set(actors))),
                claim_actors.c.role == "actor",
                claims.c.valid_from.is_not(None),
            )
        )
        if known_on is not None:
            statement = statement.where(claims.c.known_since <= known_on)
        left: dict[tuple[str, str], dt.date] = {}
        with self._connect() as connection:
            rows = connection.execute(statement).all()
            rejected = self._rejected(connection, [row.id for row in rows], known_on)
        for row in rows:
            if row.id not in rejected:
                key = (row.actor, row.arrangement)
                left[key] = min(row.valid_from, left.get(key, row.valid_from))
        return left

    def membership_events(
        self,
        arrangement: str,
        *,
        as_of: dt.date | None = None,
        known_on: dt.date | None = None,
    ) -> list[tuple[str, str, str, dt.date | None, str | None]]:
        """(claim id, actor, action, date, place) of the membership claims of an arrangement
        dated by ``as_of`` and known on ``known_on``, without those a reviewer rejected by
        then: the light rows a roster is folded from (no claim is decoded)."""
        statement = select(
            claims.c.id,
            claims.c.payload["actor"].as_string(),
            claims.c.payload["action"].as_string(),
            claims.c.valid_from,
            claims.c.payload["place"].as_string(),
        ).where(
            claims.c.arrangement == arrangement,
            claims.c.type == str(ClaimType.MEMBERSHIP),
            claims.c.id.not_in(_rejections(known_on)),
        )
        if as_of is not None:
            statement = statement.where(
                or_(claims.c.valid_from.is_(None), claims.c.valid_from <= as_of)
            )
        if known_on is not None:
            statement = statement.where(claims.c.known_since <= known_on)
        with self._connect() as connection:
            return [tuple(row) for row in connection.execute(statement)]

    def agreement_terms(
        self,
        arrangements: Sequence[str],
        parties: Sequence[str],
        *,
        known_on: dt.date | None = None,
    ) -> dict[tuple[str, str], tuple[dt.date | None, int | None]]:
        """For each arrangement and each of ``parties`` that signed it: the earliest signing
        date and the longest length in years, over the agreement claims known on
        ``known_on`` that no reviewer had rejected by then."""
        years = claims.c.payload[("duration", "years")].as_integer()
        statement = (
            select(
                claims.c.arrangement,
                claim_actors.c.actor,
                func.min(claims.c.valid_from),
                func.max(years),
            )
            .join(claim_actors, claim_actors.c.claim_id == claims.c.id)
            .where(
                claims.c.type == str(ClaimType.AGREEMENT),
                claims.c.arrangement.in_(sorted(set(arrangements))),
                claim_actors.c.actor.in_(sorted(set(parties))),
                claim_actors.c.role == "party",
                claims.c.id.not_in(_rejections(known_on)),
            )
            .group_by(claims.c.arrangement, claim_actors.c.actor)
        )
        if known_on is not None:
            statement = statement.where(claims.c.known_since <= known_on)
        with self._connect() as connection:
            return {
                (arrangement, actor): (signed, length)
                for arrangement, actor, signed, length in connection.execute(statement)
            }

    def _rejected(
        self, connection: Connection, ids: list[str], known_on: dt.date | None
    ) -> set[str]:
        history = self._reviews(connection, ids, known_on)
        return {claim_id for claim_id, done in history.items() if status_of(done) is REJECTED}

    def _reviews(
        self, connection: Connection, ids: list[str], known_on: dt.date | None
    ) -> dict[str, tuple[Review, ...]]:
        found: dict[str, list[Review]] = defaultdict(list)
        for chunk in chunks(ids, 500):
            statement = select(reviews).where(reviews.c.claim_id.in_(chunk))
            for row in connection.execute(
                statement.order_by(reviews.c.at, reviews.c.id)
            ).mappings():
                review = codec.review_from_row(row)
                if known_on is None or review.at.date() <= known_on:
                    found[row["claim_id"]].append(review)
        return {claim_id: tuple(found[claim_id]) for claim_id in ids}

    @contextmanager
    def _connect(self) -> Iterator[Connection]:
        with translated(self.engine), self.engine.connect() as connection:
            yield connection


REJECTED = ReviewStatus.REJECTED


def _rejections(known_on: dt.date | None) -> Select[Any]:
    """Claims a reviewer rejected (by the end of ``known_on``). A claim rejected and later
    accepted again is counted out too: the light queries that use this do not replay
    histories."""
    statement = select(reviews.c.claim_id).where(reviews.c.status == str(REJECTED))
    if known_on is not None:
        end = dt.datetime.combine(known_on, dt.time.max, tzinfo=dt.UTC)
        statement = statement.where(reviews.c.at <= end)
    return statement


def status_of(history: tuple[Review, ...]) -> ReviewStatus:
    """A claim's status after its review history (proposed when never reviewed)."""
    return history[-1].status if history else ReviewStatus.PROPOSED


def chunks(items: list[str], size: int) -> Iterator[list[str]]:
    """``items`` in slices of ``size`` (for IN lists the database accepts)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
