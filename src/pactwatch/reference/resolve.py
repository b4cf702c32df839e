"""Resolving what people write ("Ottawa", "Canadian", "the Canadian prime minister",
"Carney") to actors, with dates deciding who held an office."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from pactwatch.model import Actor, ActorKind, Office
from pactwatch.reference.catalog import Catalog, load_catalog

_ARTICLE = re.compile(r"^(the|a|an)\s+")
_POSSESSIVE = re.compile(r"['’]s\b")
_SPACES = re.compile(r"\s+")
_LINKS = re.compile(r"\b(of|for)\b")


def normalise(text: str) -> str:
    """Case-folded, dots and articles removed, spaces collapsed: 'The U.S.' -> 'us'."""
    text = text.casefold().replace(".", "").replace("’", "'")
    text = _SPACES.sub(" ", text).strip()
    return _ARTICLE.sub("", text)


@dataclass(frozen=True, slots=True, kw_only=True)
class Resolution:
    """An actor a query names, how it was matched, and for people the office held."""

    actor: Actor
    matched: str
    """The alias or phrase that matched."""
    via: str
    """id, name, short_name, demonym, capital, abbreviation, alias, person, office."""
    office: Office | None = None
    """For people: the office held on the query date (or the latest one)."""

    @property
    def represents(self) -> str | None:
        """For people: the id of the state or organisation served in ``office``."""
        return self.office.actor if self.office else None


@lru_cache(maxsize=1)
def _alias_index() -> dict[str, list[tuple[str, str, str]]]:
    index: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for alias in load_catalog().aliases:
        entry = (alias.actor, alias.text, alias.via)
        key = normalise(alias.text)
        if entry[0] not in {actor for actor, _, _ in index[key]}:
            index[key].append(entry)
    return index


def resolve(
    query: str, on: dt.date | None = None, catalog: Catalog | None = None
) -> list[Resolution]:
    """Every actor ``query`` can name; people get the office they held ``on`` that date.

    An exact id wins; then names and aliases; then an office phrase ("the Canadian prime
    minister", "NATO secretary general") resolved to whoever held it on the date.
    """
    catalog = catalog or load_catalog()
    if query.strip() in catalog.actors:
        actor = catalog.actors[query.strip()]
        return [_resolution(actor, query.strip(), "id", on)]
    key = normalise(query)
    hits = [
        _resolution(catalog.actors[actor_id], text, via, on)
        for actor_id, text, via in _alias_index().get(key, [])
    ]
    return hits or _by_office(key, on, catalog)


def _resolution(actor: Actor, matched: str, via: str, on: dt.date | None) -> Resolution:
    return Resolution(actor=actor, matched=matched, via=via, office=_office(actor, on))


def _office(actor: Actor, on: dt.date | None) -> Office | None:
    if actor.kind is not ActorKind.PERSON or not actor.offices:
        return None
    if on is None:
        return max(actor.offices, key=lambda office: office.start)
    current = actor.offices_on(on)
    return current[0] if current else None


def _by_office(key: str, on: dt.date | None, catalog: Catalog) -> list[Resolution]:
    day = on or dt.date.today()
    found = _split_office_phrase(key, catalog)
    if found is None:
        return []
    served, term = found
    return [
        Resolution(actor=actor, matched=key, via="office", office=office)
        for actor, office in catalog.office_holders(served, term, day)
    ]


def _split_office_phrase(key: str, catalog: Catalog) -> tuple[str, str] | None:
    """'canadian prime minister', "canada's prime minister", 'prime minister of canada'
    -> ('CAN', 'prime minister')."""
    text = _POSSESSIVE.sub("", key)
    for term in sorted(catalog.role_terms, key=len, reverse=True):
        if not re.search(rf"\b{re.escape(term)}\b", text):
            continue
        rest = re.sub(rf"\b{re.escape(term)}\b", " ", text, count=1)
        rest = _ARTICLE.sub("", _SPACES.sub(" ", _LINKS.sub(" ", rest)).strip())
        served = {actor for actor, _, _ in _alias_index().get(rest, [])}
        if len(served) == 1:
            return served.pop(), term
    return None
