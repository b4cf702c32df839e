"""Membership claims reduced to what a roster folds: each claim's event (a join, sign or
leave by a member on a day), and the events of one member, action and day taken together.

The ledger keeps the grouped events at write time (``pactwatch.store.roster_events``) and
groups claims read for an earlier knowledge date the same way, with :func:`grouped`; the
roster folds either (``pactwatch.reason.roster``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

from pactwatch.model.vocabulary import MembershipAction

ACTIONS = {str(action): action for action in MembershipAction}
"""Each action by its stored text."""


class Event(NamedTuple):
    """A join, sign or leave: what a membership claim says, without its evidence. (A named
    tuple: a roster folds thousands, and a tuple is built several times faster.)"""

    id: str
    actor: str
    action: MembershipAction
    date: dt.date | None
    place: str | None


class Grouped(NamedTuple):
    """The claims of one member that give one action on one day (rejected ones left out)."""

    actor: str
    action: MembershipAction
    date: dt.date | None
    place: str | None
    """The place the first of them (by id) with a place gives."""
    places: int
    """How many places they give."""
    claims: tuple[str, ...]
    """Their ids, in order."""


def grouped(events: Iterable[Event]) -> list[Grouped]:
    """Events grouped by member, action and day, each group's claims in id order."""
    parts: dict[tuple[str, MembershipAction, dt.date | None], list[Event]] = {}
    for event in sorted(events, key=lambda e: e.id):
        parts.setdefault((event.actor, event.action, event.date), []).append(event)
    return [
        Grouped(
            actor,
            action,
            day,
            place=next((e.place for e in same if e.place), None),
            places=len({e.place for e in same if e.place}),
            claims=tuple(e.id for e in same),
        )
        for (actor, action, day), same in parts.items()
    ]
