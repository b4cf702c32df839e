"""The reference catalogue: every known actor and arrangement, built from the data files."""

from __future__ import annotations

import datetime as dt
import difflib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

import pycountry

from pactwatch.errors import ReferenceDataError, UnknownIdError
from pactwatch.model import Actor, ActorKind, Arrangement, Office, Party, Role
from pactwatch.reference.files import (
    ArrangementRow,
    LeaderRow,
    OrganisationArrangementRow,
    OrganisationRow,
    PartyRow,
    RoleTermRow,
    StateAliasRow,
    StateNameRow,
    read_rows,
)

PYCOUNTRY_SOURCE = "https://pypi.org/project/pycountry/"


@dataclass(frozen=True, slots=True, kw_only=True)
class Alias:
    """One surface form of an actor, with how it names it."""

    actor: str
    text: str
    via: str
    """name, short_name, other_name, demonym, capital, abbreviation, alias, person."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Catalog:
    """Actors, arrangements, reference parties and role terms, indexed by id."""

    actors: dict[str, Actor]
    arrangements: dict[str, Arrangement]
    parties: tuple[Party, ...]
    aliases: tuple[Alias, ...]
    role_terms: dict[str, Role] = field(default_factory=dict)
    offices: dict[str, tuple[tuple[Actor, Office], ...]] = field(default_factory=dict)
    """Terms of office by the state or organisation served: (person, office) pairs."""
    between: dict[frozenset[str], str] = field(default_factory=dict)
    """The arrangement with exactly these fixed parties (bilateral and trilateral texts)."""
    owned: dict[str, str] = field(default_factory=dict)
    """An organisation's id -> the arrangement it is the body of (NATO ->
    north-atlantic-treaty), from organisation_arrangements.csv."""

    def arrangement_between(self, parties: Iterable[str]) -> Arrangement | None:
        """The catalogued text these parties concluded together, if exactly one is known."""
        found = self.between.get(frozenset(parties))
        return self.arrangements[found] if found else None

    def office_holders(self, served: str, term: str, day: dt.date) -> list[tuple[Actor, Office]]:
        """Who held an office of ``served`` named by ``term`` ('prime minister') on ``day``."""
        role = self.role_terms.get(term)
        return [
            (person, office)
            for person, office in self.offices.get(served, ())
            if office.holds_on(day) and (office.role is role or term in office.title.casefold())
        ]

    def actor(self, actor_id: str, *, field_name: str = "actor") -> Actor:
        """The actor with this id; UnknownIdError suggests the nearest ids otherwise."""
        found = self.actors.get(actor_id)
        if found is None:
            raise self._unknown(field_name, actor_id, self.actors)
        return found

    def arrangement(self, arrangement_id: str, *, field_name: str = "arrangement") -> Arrangement:
        """The arrangement with this id, or the one an organisation's id names (``NATO`` ->
        the North Atlantic Treaty); UnknownIdError suggests the nearest ids otherwise."""
        key = self._arrangement_key(arrangement_id)
        if key is not None:
            return self.arrangements[key]
        actor = self._actor_named(arrangement_id)
        if actor is not None:
            raise UnknownIdError(
                f"field '{field_name}': {actor.name} ({actor.id}) is an actor, not an "
                "arrangement, and no catalogued arrangement belongs to it. Run "
                f"`pactwatch timeline {actor.id}` to see what it takes part in.",
                field=field_name,
            )
        raise self._unknown(field_name, arrangement_id, self.arrangements)

    def _arrangement_key(self, value: str) -> str | None:
        """The arrangement id ``value`` names: itself, the id of the organisation that owns
        it, or either written in other letter case ('nato')."""
        for key in (value, value.casefold(), value.upper()):
            found = self.owned.get(key, key)
            if found in self.arrangements:
                return found
        return None

    def _actor_named(self, value: str) -> Actor | None:
        return self.actors.get(value) or self.actors.get(value.upper())

    def named_like(self, query: str, limit: int = 3) -> list[str]:
        """Ids of actors whose name or an alias holds every word of ``query`` ('Mark' ->
        Mark Carney, Mark Rutte), people first, then by name."""
        words = query.casefold().split()
        if not words or len(query.strip()) < 3:
            return []
        found = {
            alias.actor
            for alias in self.aliases
            if all(word in alias.text.casefold().split() for word in words)
        }
        people_first = sorted(
            found,
            key=lambda key: (self.actors[key].kind is not ActorKind.PERSON, self.actors[key].name),
        )
        return people_first[:limit]

    def _unknown(self, field_name: str, value: str, known: Mapping[str, object]) -> UnknownIdError:
        by_name = {str(getattr(item, "name", key)).casefold(): key for key, item in known.items()}
        near = [key for key in self.named_like(value) if key in known]
        near += difflib.get_close_matches(value, list(known), n=3, cutoff=0.6)
        near += [
            by_name[n] for n in difflib.get_close_matches(value.casefold(), list(by_name), n=2)
        ]
        hint = ", ".join(f"{_name(known[key])} ({key})" for key in dict.fromkeys(near))
        suggestion = f" Did you mean {hint}?" if hint else ""
        return UnknownIdError(
            f"field '{field_name}': no actor or arrangement with id {value!r}.{suggestion} "
            "Run `pactwatch actors QUERY` to find an id.",
            field=field_name,
            suggestions=tuple(dict.fromkeys(near)),
        )


def _name(item: object) -> str:
    return str(getattr(item, "name", item))


@lru_cache(maxsize=1)
def load_catalog() -> Catalog:
    """Load and validate every reference file once per process."""
    actors: dict[str, Actor] = {}
    aliases: list[Alias] = []
    _add_states(actors, aliases)
    _add_organisations(actors, aliases)
    _add_people(actors, aliases)
    arrangements = _arrangements(actors)
    parties = _parties(actors, arrangements)
    role_terms = {
        row.term.casefold(): row.role for _, row in read_rows("role_terms.csv", RoleTermRow)
    }
    offices: dict[str, list[tuple[Actor, Office]]] = defaultdict(list)
    for actor in actors.values():
        for office in actor.offices:
            offices[office.actor].append((actor, office))
    return Catalog(
        actors=actors,
        arrangements=arrangements,
        parties=parties,
        aliases=tuple(aliases),
        role_terms=role_terms,
        offices={served: tuple(held) for served, held in offices.items()},
        between=_between(arrangements),
        owned=_owned(
            read_rows("organisation_arrangements.csv", OrganisationArrangementRow),
            actors,
            arrangements,
        ),
    )


def _owned(
    rows: Iterable[tuple[int, OrganisationArrangementRow]],
    actors: Mapping[str, Actor],
    arrangements: Mapping[str, Arrangement],
) -> dict[str, str]:
    """Organisation id -> the arrangement it names; each row checked against the others."""
    owned: dict[str, str] = {}
    for line, row in rows:
        where = f"organisation_arrangements.csv, line {line}"
        actor = actors.get(row.organisation)
        if actor is None or actor.kind not in {ActorKind.ORGANISATION, ActorKind.COALITION}:
            raise ReferenceDataError(
                f"{where}: {row.organisation!r} is not an organisation of organisations.csv."
            )
        if row.arrangement not in arrangements:
            raise ReferenceDataError(
                f"{where}: {row.arrangement!r} is not an arrangement of arrangements.csv."
            )
        if row.organisation in arrangements:
            raise ReferenceDataError(
                f"{where}: {row.organisation!r} is already an arrangement id; remove the row."
            )
        if row.organisation in owned:
            raise ReferenceDataError(
                f"{where}: {row.organisation!r} already names {owned[row.organisation]!r}; "
                "an organisation names one arrangement."
            )
        owned[row.organisation] = row.arrangement
    return owned


def _between(arrangements: dict[str, Arrangement]) -> dict[frozenset[str], str]:
    """Fixed party sets that name one arrangement only (two texts between the same states
    would make the set ambiguous, and it is left out)."""
    counts = Counter(frozenset(a.parties) for a in arrangements.values() if a.parties)
    return {
        frozenset(a.parties): a.id
        for a in arrangements.values()
        if a.parties and counts[frozenset(a.parties)] == 1
    }


def _add_states(actors: dict[str, Actor], aliases: list[Alias]) -> None:
    names = {row.state: row.name for _, row in read_rows("state_names.csv", StateNameRow)}
    extra: dict[str, list[StateAliasRow]] = defaultdict(list)
    for line, row in read_rows("state_aliases.csv", StateAliasRow):
        if pycountry.countries.get(alpha_3=row.state) is None:
            raise ReferenceDataError(
                f"state_aliases.csv, line {line}: {row.state!r} is not an ISO 3166-1 alpha-3 code."
            )
        extra[row.state].append(row)
    for country in pycountry.countries:
        code = country.alpha_3
        official = [country.name] + [
            getattr(country, key)
            for key in ("common_name", "official_name")
            if hasattr(country, key)
        ]
        name = names.get(code) or getattr(country, "common_name", None) or country.name
        forms = dict.fromkeys([name, *official])
        actors[code] = Actor(
            id=code,
            kind=ActorKind.STATE,
            name=name,
            aliases=tuple(f for f in forms if f != name) + tuple(r.alias for r in extra[code]),
            source=PYCOUNTRY_SOURCE,
        )
        aliases.extend(Alias(actor=code, text=form, via="name") for form in forms)
        aliases.extend(Alias(actor=code, text=row.alias, via=row.kind) for row in extra[code])


def _add_organisations(actors: dict[str, Actor], aliases: list[Alias]) -> None:
    for line, row in read_rows("organisations.csv", OrganisationRow):
        if row.id in actors:
            raise ReferenceDataError(
                f"organisations.csv, line {line}: id {row.id!r} is already used."
            )
        actors[row.id] = Actor(
            id=row.id, kind=row.kind, name=row.name, aliases=row.aliases, source=row.source
        )
        aliases.append(Alias(actor=row.id, text=row.name, via="name"))
        aliases.extend(Alias(actor=row.id, text=text, via="alias") for text in row.aliases)


def _add_people(actors: dict[str, Actor], aliases: list[Alias]) -> None:
    rows: dict[str, list[tuple[int, LeaderRow]]] = defaultdict(list)
    for line, row in read_rows("leaders.csv", LeaderRow):
        if row.actor not in actors:
            raise ReferenceDataError(
                f"leaders.csv, line {line}: actor {row.actor!r} is not a known state "
                "or organisation."
            )
        if row.end is not None and row.end < row.start:
            raise ReferenceDataError(
                f"leaders.csv, line {line}: term ends ({row.end}) before it starts ({row.start})."
            )
        rows[row.person].append((line, row))
    for person, terms in rows.items():
        first = terms[0][1]
        offices = tuple(
            sorted(
                (
                    Office(
                        actor=r.actor,
                        role=r.role,
                        title=r.title,
                        start=r.start,
                        end=r.end,
                        source=r.source,
                    )
                    for _, r in terms
                ),
                key=lambda office: office.start,
            )
        )
        names = dict.fromkeys(a for _, r in terms for a in r.aliases)
        actors[person] = Actor(
            id=person,
            kind=ActorKind.PERSON,
            name=first.name,
            aliases=tuple(names),
            offices=offices,
            source=first.source,
        )
        aliases.append(Alias(actor=person, text=first.name, via="person"))
        aliases.extend(Alias(actor=person, text=text, via="person") for text in names)


def _arrangements(actors: dict[str, Actor]) -> dict[str, Arrangement]:
    result: dict[str, Arrangement] = {}
    for line, row in read_rows("arrangements.csv", ArrangementRow):
        if row.beneficiary is not None and row.beneficiary not in actors:
            raise ReferenceDataError(
                f"arrangements.csv, line {line}: beneficiary {row.beneficiary!r} "
                "is not a known actor."
            )
        unknown = [party for party in row.parties if party not in actors]
        if unknown:
            raise ReferenceDataError(
                f"arrangements.csv, line {line}: parties {', '.join(unknown)} are not known actors."
            )
        result[row.id] = Arrangement(
            id=row.id,
            name=row.name,
            kind=row.kind,
            aliases=row.aliases,
            beneficiary=row.beneficiary,
            parent=row.parent,
            established=row.established,
            place=row.place,
            parties=row.parties,
            source=row.source,
            published=row.published,
        )
    for arrangement in result.values():
        if arrangement.parent is not None and arrangement.parent not in result:
            raise ReferenceDataError(
                f"arrangements.csv: parent {arrangement.parent!r} of {arrangement.id!r} "
                "is not an arrangement."
            )
    return result


def _parties(actors: dict[str, Actor], arrangements: dict[str, Arrangement]) -> tuple[Party, ...]:
    parties = []
    for line, row in read_rows("arrangement_parties.csv", PartyRow):
        if row.arrangement not in arrangements or row.actor not in actors:
            raise ReferenceDataError(
                f"arrangement_parties.csv, line {line}: unknown arrangement "
                f"{row.arrangement!r} or actor {row.actor!r}."
            )
        parties.append(
            Party(
                arrangement=row.arrangement,
                actor=row.actor,
                action=row.action,
                date=row.date,
                source=row.source,
                published=row.published,
            )
        )
    return tuple(parties)
