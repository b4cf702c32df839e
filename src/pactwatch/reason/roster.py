"""Who is in an arrangement on a date, and since when, from the membership claims."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pactwatch.model import ClaimType, MembershipAction, MembershipClaim
from pactwatch.store import ClaimQuery, Ledger


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
    """Members of ``arrangement`` as of a date, as known on a date; rejected claims ignored."""
    query = ClaimQuery(
        type=ClaimType.MEMBERSHIP,
        arrangement=arrangement,
        as_of=as_of,
        known_on=known_on,
        include_rejected=False,
    )
    events = [claim for claim in ledger.claims(query) if isinstance(claim, MembershipClaim)]
    return fold_memberships(events)


def fold_memberships(events: list[MembershipClaim]) -> list[Member]:
    """Replay join / sign / leave events in date order into the current members."""
    members: dict[str, Member] = {}
    for event in sorted(
        events, key=lambda e: (e.date or dt.date.min, e.action == MembershipAction.LEAVE)
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
                place=current.place,
                claims=(*current.claims, event.id),
            )
    return sorted(members.values(), key=lambda m: (m.since or dt.date.min, m.actor))
