"""Building the reference catalogue from the packaged data files, every row validated.

Each check names the file and line of a bad row: a bad row is a bug in pactwatch's own data.
``load_catalog`` (catalog.py) calls this only when its cache (cache.py) has no catalogue built
from these very files.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

import pycountry

from pactwatch.errors import ReferenceDataError
from pactwatch.model import Actor, ActorKind, Arrangement, Office, Party
from pactwatch.reference.catalog import Alias, Catalog
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


def build_catalog() -> Catalog:
    """Read and validate every reference file and build the catalogue from them."""
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
