"""Dated histories: an actor's or an arrangement's timeline, what the ledger learned between
two knowledge dates, and where its sources disagree."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from pactwatch.model import ClaimType
from pactwatch.model.timeline import TimelineEvent as TimelineEvent
from pactwatch.model.timeline import events_of, what
from pactwatch.reason.facts import Conflict, Fact, facts_of
from pactwatch.reason.scenario import Scenario
from pactwatch.reference import load_catalog
from pactwatch.store import ClaimQuery, Store


class Change(StrEnum):
    """How a fact changed between two knowledge dates."""

    NEW = "new"
    NEW_SOURCE = "new_source"
    NEW_CONFLICT = "new_conflict"
    REVIEWED = "reviewed"


@dataclass(frozen=True, slots=True, kw_only=True)
class Learned:
    """A fact the ledger learned, or learned more about, in a window of knowledge time."""

    change: Change
    fact: Fact


def timeline(
    ledger: Store,
    subject: str,
    *,
    known_on: dt.date | None = None,
    scenario: Scenario | None = None,
    accepted_only: bool = False,
) -> list[TimelineEvent]:
    """The dated history of an actor or an arrangement (``subject`` is its id), oldest first,
    with the scenario's events marked as hypothetical."""
    catalog_arrangement = subject in load_catalog().arrangements
    query = ClaimQuery(
        arrangement=subject if catalog_arrangement else None,
        actor=None if catalog_arrangement else subject,
        known_on=known_on,
        include_rejected=False,
    )
    found = {f.key: f for f in facts_of(ledger, query, accepted_only=accepted_only)}
    for fact in _meetings_of_its_people(ledger, subject, known_on, accepted_only):
        found.setdefault(fact.key, fact)
    relevant = Scenario(
        tuple(
            event
            for event in (scenario or Scenario()).events
            if catalog_arrangement or event.target in (None, subject)
        )
    )
    return timeline_of([_with_places(ledger, fact, known_on) for fact in found.values()], relevant)


def _with_places(ledger: Store, fact: Fact, known_on: dt.date | None) -> Fact:
    """A membership whose sources give several dates, with its claims decoded: each dated
    event of the timeline then takes the place its own claims give."""
    if fact.type is not ClaimType.MEMBERSHIP or not any(
        conflict.field == "date" for conflict in fact.conflicts
    ):
        return fact
    decoded = ledger.claims_by_id(list(fact.claim_ids[:PLACES_READ]), known_on=known_on)
    return dataclasses.replace(fact, examples=tuple(decoded))


PLACES_READ = 50
"""At most this many claims of a membership are read for the places of its events."""


def _meetings_of_its_people(
    ledger: Store, subject: str, known_on: dt.date | None, accepted_only: bool
) -> list[Fact]:
    """Meetings name people: a state's timeline shows those of whoever served it."""
    people = {person.id for person, _ in load_catalog().offices.get(subject, ())}
    return [
        fact
        for person in sorted(people)
        for fact in facts_of(
            ledger,
            ClaimQuery(type=ClaimType.MEETING, actor=person, known_on=known_on),
            accepted_only=accepted_only,
        )
    ]


def arrangement_history(
    ledger: Store, arrangement: str, *, known_on: dt.date | None = None
) -> list[TimelineEvent]:
    """An arrangement's own history, oldest first: who joined, signed or left it, and its
    signings (the commitments made under it are on the actor and coverage pages). About
    today's knowledge it reads the events the ledger keeps at write time."""
    if known_on is None:
        return _in_order(ledger.reading.timeline_events(arrangement))
    own = [
        fact
        for kind in (ClaimType.MEMBERSHIP, ClaimType.AGREEMENT)
        for fact in facts_of(
            ledger, ClaimQuery(arrangement=arrangement, type=kind, known_on=known_on)
        )
    ]
    return timeline_of(own)


def timeline_of(found: list[Fact], scenario: Scenario | None = None) -> list[TimelineEvent]:
    """Timeline events for facts, with the scenario's events marked hypothetical."""
    events = [event for fact in found for event in events_of(fact)]
    for event in (scenario or Scenario()).events:
        events.append(
            TimelineEvent(
                date=event.date,
                kind=str(event.kind),
                actors=(event.target,) if event.target else (),
                arrangement=event.arrangement,
                summary=f"scenario: {event.text()}",
                fact=None,
                hypothetical=True,
            )
        )
    return _in_order(events)


def _in_order(events: list[TimelineEvent]) -> list[TimelineEvent]:
    """Oldest first, undated first; on one day a fact before a hypothesis, then by kind
    (a stable sort: events of one day and kind stay in the order of their facts)."""
    return sorted(events, key=lambda e: (e.date or dt.date.min, e.hypothetical, e.kind))


def diff(ledger: Store, since: dt.date, until: dt.date | None = None) -> list[Learned]:
    """What the ledger learned after ``since`` up to ``until`` (default: today), in knowledge
    time: new facts, new sources for known facts, new conflicts, new review decisions."""
    before = {fact.key: fact for fact in _facts_known(ledger, since)}
    after = _facts_known(ledger, until or dt.date.today())
    changes = []
    for fact in after:
        old = before.get(fact.key)
        if old is None:
            changes.append(Learned(change=Change.NEW, fact=fact))
        elif len(fact.sources) > len(old.sources):
            changes.append(Learned(change=Change.NEW_SOURCE, fact=fact))
        elif len(fact.conflicts) > len(old.conflicts):
            changes.append(Learned(change=Change.NEW_CONFLICT, fact=fact))
        elif fact.status is not old.status:
            changes.append(Learned(change=Change.REVIEWED, fact=fact))
    return changes


def _facts_known(ledger: Store, day: dt.date) -> list[Fact]:
    return facts_of(ledger, ClaimQuery(known_on=day))


def conflicts(
    ledger: Store, *, known_on: dt.date | None = None, subject: str | None = None
) -> list[tuple[Fact, Conflict]]:
    """Every place where the sources of a fact disagree, with each side and its evidence."""
    query = ClaimQuery(actor=subject, known_on=known_on, include_rejected=False)
    return [(fact, conflict) for fact in facts_of(ledger, query) for conflict in fact.conflicts]


def amount_text(value: float, currency: str | None) -> str:
    """``2,500,000,000 GBP``."""
    return f"{value:,.0f} {currency or ''}".rstrip()


def value_text(value: object) -> str:
    """A value sources disagree on, for people: an amount as ``2,500,000,000 GBP``, parties
    as a list, anything else as text."""
    if isinstance(value, tuple):
        if len(value) == 2 and isinstance(value[0], int | float) and isinstance(value[1], str):
            return amount_text(value[0], value[1])
        return ", ".join(str(item) for item in value)
    return str(value)


def describe(fact: Fact) -> str:
    """A one-line description of what a fact says."""
    return what(fact.claim)[3]
