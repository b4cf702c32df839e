"""The reference catalogue: every known actor and arrangement, built from the data files
(reference/build.py) and kept between runs (reference/cache.py)."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from pactwatch.errors import UnknownIdError
from pactwatch.model import Actor, ActorKind, Arrangement, Office, Party, Role


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
    """The reference catalogue, once per process: read back from the cache when it holds one
    built from these very data files (reference/cache.py), else built and validated from the
    files (reference/build.py, which imports pydantic and pycountry) and cached."""
    from pactwatch.reference import cache

    key = cache.fingerprint()
    found = cache.read(key)
    if found is not None:
        return found
    from pactwatch.reference.build import build_catalog

    catalog = build_catalog()
    cache.write(key, catalog)
    return catalog
