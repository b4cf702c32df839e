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
        Event(id=row[0], actor=row[1], action=MembershipAction(row[2]), date=row[3], place=row[4])
        for row in ledger.membership_events(arrangement, as_of=as_of, known_on=known_on)
    ]
    return fold(events)


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
    members: dict[str, Member] = {}
    for event in sorted(
        events, key=lambda e: (e.date or dt.date.min, e.action == MembershipAction.LEAVE, e.id)
    ):
        if event.action is MembershipAction.LEAVE:
            members.pop(event.actor, None)
            continue
        current = members.get(event.actor)
        if current is None:
            members[event.actor] = Member(
                actor=event.actor,
                since=event.date,
                action=event.action,
                place=event.place,
                claims=(event.id,),
            )
        else:
            members[event.actor] = Member(
                actor=current.actor,
                since=current.since,
                action=current.action,
                place=current.place or event.place,
                claims=(*current.claims, event.id),
            )
    return sorted(members.values(), key=lambda m: (m.since or dt.date.min, m.actor))
