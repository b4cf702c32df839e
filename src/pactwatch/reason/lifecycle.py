"""The lifecycle of a commitment, derived at query time from its fact, the date and a scenario.

    announced -> dormant -> active -> triggered -> expired
                      \\________________________-> withdrawn

- ``announced``: known, but the day is before it starts;
- ``dormant``: started, waiting for its condition (a peace agreement, a ceasefire);
- ``active``: the condition is met, or there is none;
- ``triggered``: an armed attack on the beneficiary while it was active: the duties it creates
  fall due (consult by a deadline, assist);
- ``expired``: its duration ran out (ten years from signing ends the day before the tenth
  anniversary);
- ``withdrawn``: the guarantor left the arrangement it was made under;
- ``ruled_out`` and ``intended`` stay visible but never become active.

See docs/lifecycle.md for the diagram.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from enum import StrEnum

from pactwatch.model import (
    RESPONDS_TO_ATTACK,
    ConditionKind,
    Duration,
    Modality,
)
from pactwatch.model.commitment_facts import CommitmentFact
from pactwatch.model.commitment_facts import as_commitment_fact as as_commitment_fact
from pactwatch.reason.facts import Fact
from pactwatch.reason.scenario import EventKind, Scenario


class State(StrEnum):
    """Where a commitment stands on a date."""

    ANNOUNCED = "announced"
    DORMANT = "dormant"
    ACTIVE = "active"
    TRIGGERED = "triggered"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"
    RULED_OUT = "ruled_out"
    INTENDED = "intended"


IN_FORCE = frozenset({State.ACTIVE, State.TRIGGERED})

ACTIVATED_BY: dict[ConditionKind, set[EventKind]] = {
    ConditionKind.PEACE_AGREEMENT: {EventKind.PEACE_AGREEMENT},
    ConditionKind.CEASEFIRE: {EventKind.CEASEFIRE, EventKind.PEACE_AGREEMENT},
}
"""A peace agreement also brings the ceasefire a commitment may wait for."""


class DutyKind(StrEnum):
    """What an attack obliges a guarantor to do."""

    CONSULT = "consult"
    ASSIST = "assist"


@dataclass(frozen=True, slots=True)
class Duty:
    """An obligation that fell due: who owes what to whom, since when, by when."""

    kind: DutyKind
    guarantor: str
    beneficiary: str
    category: str
    since: dt.date
    due: dt.date | None
    """The deadline (the attack date plus the agreed hours, rounded up to a day), if one."""
    commitment: str
    """Id of the commitment fact the duty comes from."""


@dataclass(frozen=True, slots=True)
class Standing:
    """A commitment's state on a day, since when it holds, and the duties it has created."""

    state: State
    since: dt.date | None
    until: dt.date | None
    """The last day the commitment covers, when it has a fixed length."""
    duties: tuple[Duty, ...] = ()


def standing(
    fact: Fact | CommitmentFact,
    day: dt.date,
    scenario: Scenario | None = None,
    departures: dict[tuple[str, str | None], dt.date] | None = None,
    term: Term | None = None,
) -> Standing:
    """The state of a commitment fact on ``day``.

    ``departures`` maps (member, arrangement) to the date the ledger says it left; the scenario
    adds its own ``leave`` events and the peace, ceasefire and attack dates. ``term`` is the
    signing date and length of the agreement the commitment was made under, for a commitment
    that states neither itself ("Under the ten-year agreement, Italy will train...").
    """
    claim = fact if isinstance(fact, CommitmentFact) else as_commitment_fact(fact)
    scenario = scenario or Scenario()
    if term is not None:
        claim = _under(claim, term)
    until = _last_day(claim)
    if claim.modality is Modality.RULED_OUT:
        return Standing(State.RULED_OUT, claim.start, until)
    if claim.modality is Modality.INTENDED:
        return Standing(State.INTENDED, claim.start, until)
    if claim.start is not None and day < claim.start:
        return Standing(State.ANNOUNCED, None, until)
    left = _left(claim, scenario, departures or {})
    if left is not None and left <= day:
        return Standing(State.WITHDRAWN, left, until)
    if until is not None and day > until:
        return Standing(State.EXPIRED, until + dt.timedelta(days=1), until)
    activated = _activation(claim, scenario)
    if activated is None or day < activated:
        return Standing(State.DORMANT, claim.start, until)
    attack = _attack(claim, scenario, activated, day)
    if attack is not None:
        return Standing(State.TRIGGERED, attack, until, (_duty(claim, attack),))
    return Standing(State.ACTIVE, activated, until)


@dataclass(frozen=True, slots=True)
class Term:
    """When an agreement was signed and how long it runs."""

    signed: dt.date | None
    years: int | None


def _under(claim: CommitmentFact, term: Term) -> CommitmentFact:
    start = claim.start or term.signed
    duration = claim.duration
    if duration is None and term.years is not None:
        duration = Duration(years=term.years)
        start = term.signed or start
    return replace(claim, start=start, duration=duration)


def _last_day(claim: CommitmentFact) -> dt.date | None:
    if claim.end is not None:
        return claim.end
    if claim.duration is not None and claim.start is not None:
        return claim.duration.end_from(claim.start)
    return None


def _left(
    claim: CommitmentFact,
    scenario: Scenario,
    departures: dict[tuple[str, str | None], dt.date],
) -> dt.date | None:
    dates = [
        day
        for day in (
            scenario.departure(claim.guarantor, claim.arrangement),
            departures.get((claim.guarantor, claim.arrangement)) if claim.arrangement else None,
        )
        if day is not None
    ]
    return min(dates) if dates else None


def _activation(claim: CommitmentFact, scenario: Scenario) -> dt.date | None:
    """When the commitment came into force: its start, or the event its condition waits for
    (None: still waiting)."""
    start = claim.start or dt.date.min
    kind = claim.condition
    if kind in (ConditionKind.NONE, ConditionKind.ARMED_ATTACK):
        return start
    events = ACTIVATED_BY.get(kind)
    if not events:
        return None
    event = scenario.first(events, claim.beneficiary)
    return None if event is None else max(start, event)


def _attack(
    claim: CommitmentFact, scenario: Scenario, active_since: dt.date, day: dt.date
) -> dt.date | None:
    """The first attack on the beneficiary while the commitment was in force, by ``day``."""
    if (
        claim.condition is not ConditionKind.ARMED_ATTACK
        and claim.category not in RESPONDS_TO_ATTACK
    ):
        return None
    attacks = [
        e.date
        for e in scenario.events
        if e.kind is EventKind.ARMED_ATTACK
        and (e.target is None or e.target == claim.beneficiary)
        and active_since <= e.date <= day
    ]
    return min(attacks) if attacks else None


def _duty(claim: CommitmentFact, attack: dt.date) -> Duty:
    kind = DutyKind.CONSULT if str(claim.category) == "consultation" else DutyKind.ASSIST
    hours = claim.deadline_hours
    due = attack + dt.timedelta(days=-(-hours // 24)) if hours else None
    return Duty(
        kind=kind,
        guarantor=claim.guarantor,
        beneficiary=claim.beneficiary,
        category=str(claim.category),
        since=attack,
        due=due,
        commitment=claim.id,
    )
