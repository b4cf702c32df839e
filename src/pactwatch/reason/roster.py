"""Who is in an arrangement on a date, and since when, from the membership claims."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pactwatch.model import MembershipAction, MembershipClaim
from pactwatch.store import Ledger


@dataclass(frozen=True, slots=True, kw_only=True)
class Member:
    """An actor in an arrangement: since when, how it entered, and the claims that say so."""

    actor: str
    since: dt.date | None
    """Date of the earliest join or sign still in effect (None if undated)."""
    action: MembershipAction
    place: str | None
    claims: tuple[str, ...]
    """Ids of the membership claims behind this row."""


def roster(
    ledger: Ledger,
    arrangement: str,
    *,
    as_of: dt.date | None = None,
    known_on: dt.date | None = None,
) -> list[Member]:
    """Members of ``arrangement`` as of a date, as known on a date; rejected claims ignored.
    Folded from light rows (a roster of thousands of claims decodes none of them)."""
    events = [
        Event(row[0], row[1], ACTIONS[row[2]], row[3], row[4])
        for row in ledger.membership_events(arrangement, as_of=as_of, known_on=known_on)
    ]
    return fold(events)


ACTIONS = {str(action): action for action in MembershipAction}


@dataclass(frozen=True, slots=True)
class Event:
    """A join, sign or leave: what a membership claim says, without its evidence."""

    id: str
    actor: str
    action: MembershipAction
    date: dt.date | None
    place: str | None


def fold_memberships(claims: list[MembershipClaim]) -> list[Member]:
    """Replay membership claims in date order into the current members."""
    return fold([Event(c.id, c.actor, c.action, c.date, c.place) for c in claims])


def fold(events: list[Event]) -> list[Member]:
    """Replay join / sign / leave events in date order into the current members."""
    members: dict[str, tuple[Event, list[str], list[str | None]]] = {}
    for event in sorted(
        events, key=lambda e: (e.date or dt.date.min, e.action == MembershipAction.LEAVE, e.id)
    ):
        if event.action is MembershipAction.LEAVE:
            members.pop(event.actor, None)
        elif event.actor in members:
            _, claims, places = members[event.actor]
            claims.append(event.id)
            places.append(event.place)
        else:
            members[event.actor] = (event, [event.id], [event.place])
    found = [
        Member(
            actor=first.actor,
            since=first.date,
            action=first.action,
            place=next((place for place in places if place), None),
            claims=tuple(claims),
        )
        for first, claims, places in members.values()
    ]
    return sorted(found, key=lambda m: (m.since or dt.date.min, m.actor))
