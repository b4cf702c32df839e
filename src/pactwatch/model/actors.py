"""Who acts: states, organisations, coalitions and people, and the arrangements they form."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pactwatch.model.vocabulary import ActorKind, ArrangementKind, MembershipAction, Role


@dataclass(frozen=True, slots=True, kw_only=True)
class Office:
    """A term of office: a person holding a role for a state or organisation."""

    actor: str
    """Id of the state or organisation served (``CAN``, ``NATO``)."""
    role: Role
    """Which office, from the closed list."""
    title: str
    """The title as news writes it: "Prime Minister", "Secretary General"."""
    start: dt.date
    """First day in office."""
    end: dt.date | None = None
    """Last day in office; ``None`` while in office."""
    source: str = ""
    """URL backing the term."""

    def holds_on(self, day: dt.date) -> bool:
        """True when the term covers ``day``."""
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True, kw_only=True)
class Actor:
    """A state, organisation, coalition or person that can pledge, join or meet."""

    id: str
    """ISO 3166-1 alpha-3 for states, a short id (``NATO``) for bodies, ``person:<slug>``."""
    kind: ActorKind
    """state | organisation | coalition | person."""
    name: str
    """The usual English name."""
    aliases: tuple[str, ...] = ()
    """Other surface forms: short names, demonyms, capitals, surnames."""
    offices: tuple[Office, ...] = ()
    """For people: the terms of office held (empty for other kinds)."""
    source: str = ""
    """URL backing the actor's identity."""

    def offices_on(self, day: dt.date) -> tuple[Office, ...]:
        """The offices this person holds on ``day``."""
        return tuple(office for office in self.offices if office.holds_on(day))


@dataclass(frozen=True, slots=True, kw_only=True)
class Arrangement:
    """A coalition, declaration, agreement or treaty that carries guarantees."""

    id: str
    """A slug: ``coalition-of-the-willing``, ``bsa-2024-ukr-gbr``."""
    name: str
    """The English name."""
    kind: ArrangementKind
    """coalition, declaration, bilateral_security_agreement, treaty, ..."""
    aliases: tuple[str, ...] = ()
    """Other names used in news."""
    beneficiary: str | None = None
    """Id of the state whose security it guarantees, if one."""
    parent: str | None = None
    """Id of the arrangement this one sits under."""
    established: dt.date | None = None
    """Date it was established or signed."""
    place: str | None = None
    """Where it was established."""
    parties: tuple[str, ...] = ()
    """The fixed parties of a bilateral or trilateral text (empty for open arrangements,
    whose members come from memberships)."""
    source: str = ""
    """URL backing the row."""
    published: dt.date | None = None
    """When that source was published (the signing date where it is the official text)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Party:
    """A reference fact: an actor joined or signed an arrangement on a date."""

    arrangement: str
    """Arrangement id."""
    actor: str
    """Actor id."""
    action: MembershipAction
    """join | sign | leave."""
    date: dt.date
    """When."""
    source: str
    """URL backing the row."""
    published: dt.date | None = None
    """When that source was published (the event's date where it is the official text): when
    the ledger could first have known the fact."""
