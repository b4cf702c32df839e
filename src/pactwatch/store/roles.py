"""Each actor's roles on a day (member, guarantor, beneficiary): what the overview's map
colours."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from sqlalchemy import Select, case, func, literal, or_, select
from sqlalchemy.engine import Connection

from pactwatch.model import MembershipAction, ReviewStatus
from pactwatch.store.query import decided
from pactwatch.store.schema import claim_actors, claims, memberships
from pactwatch.store.schema import commitment_facts as commitment_facts_table
from pactwatch.store.schema import roster_events as roster_events_table


def roles_on(
    connection: Connection, as_of: dt.date, *, known_on: dt.date | None = None
) -> dict[str, set[str]]:
    """Each actor's roles on ``as_of`` as known on ``known_on``: ``member`` of some
    arrangement (its last entry dated by then is not followed by a departure), and
    ``guarantor`` / ``beneficiary`` of a commitment one of whose claims was made by then
    (undated, starting by then, or first known by then). Claims rejected by the end of
    ``known_on`` do not count. About today's knowledge (no ``known_on``) it reads the
    rows kept at write time (membership events, and commitment facts with the day each
    was first made), otherwise the claims."""
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
        members, pledges = _known_on(as_of, known_on)
    roles: dict[str, set[str]] = defaultdict(set)
    for actor, has_entry, entry, departure in connection.execute(members).all():
        if has_entry and (departure is None or (entry is not None and entry > departure)):
            roles[actor].add("member")
    for statement in pledges:
        for actor, role in connection.execute(statement).all():
            roles[actor].add(role)
    return dict(roles)


def _known_on(as_of: dt.date, known_on: dt.date) -> tuple[Select[Any], list[Any]]:
    """The queries of :func:`roles_on` over the claims known on ``known_on``."""
    members = _members(
        memberships,
        as_of,
        memberships.c.claim_id.not_in(decided(ReviewStatus.REJECTED, known_on)),
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
        claims.c.id.not_in(decided(ReviewStatus.REJECTED, known_on)),
        claims.c.known_since <= known_on,
    )
    # One pledge is enough: asking per (actor, role) stops at the first that qualifies.
    return members, [select(named.c.actor, named.c.role).where(pledged.exists())]


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
