"""Scenarios: hypothetical dated events layered over the ledger.

Written as one string, parts separated by commas::

    peace_agreement=2026-06-01,ceasefire=2026-05-15,armed_attack=2027-03-01
    armed_attack:UKR=2027-03-01          # only attacks on Ukraine
    leave:CAN=2026-09-01                 # Canada leaves every arrangement
    leave:CAN@coalition-of-the-willing=2026-09-01

An event without a target applies to every beneficiary.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from enum import StrEnum

from pactwatch.errors import InputError

FORM = (
    "kind[:TARGET[@ARRANGEMENT]]=YYYY-MM-DD,... "
    "e.g. peace_agreement=2026-06-01,armed_attack=2027-03-01"
)


class EventKind(StrEnum):
    """What can happen in a scenario."""

    PEACE_AGREEMENT = "peace_agreement"
    CEASEFIRE = "ceasefire"
    ARMED_ATTACK = "armed_attack"
    LEAVE = "leave"


@dataclass(frozen=True, slots=True)
class Event:
    """One hypothetical event: what, when, on or by whom, under which arrangement."""

    kind: EventKind
    date: dt.date
    target: str | None = None
    """The beneficiary attacked or at peace; for ``leave``, the member that leaves."""
    arrangement: str | None = None
    """For ``leave``: the arrangement left (None: every one)."""

    def text(self) -> str:
        where = f":{self.target}" if self.target else ""
        where += f"@{self.arrangement}" if self.arrangement else ""
        return f"{self.kind}{where}={self.date.isoformat()}"


@dataclass(frozen=True, slots=True)
class Scenario:
    """A set of hypothetical events; the empty scenario is the ledger as it stands."""

    events: tuple[Event, ...] = ()

    def first(self, kinds: set[EventKind], beneficiary: str) -> dt.date | None:
        """The earliest event of these kinds that applies to ``beneficiary``."""
        dates = [
            e.date
            for e in self.events
            if e.kind in kinds and (e.target is None or e.target == beneficiary)
        ]
        return min(dates) if dates else None

    def departure(self, member: str, arrangement: str | None) -> dt.date | None:
        """When ``member`` leaves ``arrangement`` (or every arrangement) in this scenario."""
        dates = [
            e.date
            for e in self.events
            if e.kind is EventKind.LEAVE
            and e.target == member
            and (e.arrangement is None or e.arrangement == arrangement)
        ]
        return min(dates) if dates else None

    def text(self) -> str:
        return ",".join(event.text() for event in self.events)


_PART = re.compile(
    r"^(?P<kind>[a-z_]+)(?::(?P<target>[A-Za-z0-9:_-]+?)(?:@(?P<arrangement>[a-z0-9-]+))?)?"
    r"=(?P<date>.+)$"
)


def parse_scenario(text: str | None) -> Scenario:
    """Parse a scenario string; a bad part raises InputError naming it and the accepted form."""
    if text is None or not text.strip():
        return Scenario()
    events = []
    for number, raw in enumerate(text.split(","), start=1):
        part = raw.strip()
        if not part:
            continue
        match = _PART.match(part)
        if match is None:
            raise InputError(f"Scenario part {number} {part!r} is not an event: write {FORM}.")
        events.append(_event(number, part, match))
    return Scenario(tuple(sorted(events, key=lambda e: (e.date, e.kind))))


def _event(number: int, part: str, match: re.Match[str]) -> Event:
    kind_text = match.group("kind")
    try:
        kind = EventKind(kind_text)
    except ValueError:
        kinds = [k.value for k in EventKind]
        close = [k for k in kinds if k.startswith(kind_text.casefold())] if kind_text else []
        close = close or difflib.get_close_matches(kind_text, kinds, n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        known = ", ".join(k.value for k in EventKind)
        raise InputError(
            f"Scenario part {number} {part!r}: unknown event {kind_text!r}{hint}; "
            f"events are {known}."
        ) from None
    try:
        day = dt.date.fromisoformat(match.group("date"))
    except ValueError:
        raise InputError(
            f"Scenario part {number} {part!r}: {match.group('date')!r} is not a date; "
            "write YYYY-MM-DD, e.g. 2026-06-01."
        ) from None
    target, arrangement = match.group("target"), match.group("arrangement")
    if kind is EventKind.LEAVE and target is None:
        raise InputError(
            f"Scenario part {number} {part!r}: say who leaves, e.g. leave:CAN=2026-09-01 "
            "or leave:CAN@coalition-of-the-willing=2026-09-01."
        )
    if arrangement is not None and kind is not EventKind.LEAVE:
        raise InputError(
            f"Scenario part {number} {part!r}: only 'leave' takes an @arrangement; write {FORM}."
        )
    return Event(kind=kind, date=day, target=target, arrangement=arrangement)
