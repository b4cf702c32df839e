"""How the sketches of one fact make the fact: which claim it shows, its review status, its
sources counted by story, and where its claims disagree.

Pure functions over :class:`~pactwatch.model.facts.Sketch`, shared by the reasoning layer
(facts read on any day) and the store (facts kept derived at write time), so the two cannot
drift apart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pactwatch.model.facts import FACETS, SOURCE_SEPARATOR, Sketch, shown_first, story_key
from pactwatch.model.vocabulary import ReviewStatus


@dataclass(frozen=True, slots=True)
class Side:
    """One value that some of a fact's claims give, and which claims give it."""

    value: Any
    claims: tuple[str, ...]
    sources: tuple[str, ...]
    """Document ids (``doc:``) or cited URLs (``url:``) behind this value, one per story."""
    copies: tuple[str, ...] = ()
    """Every document and cited URL behind this value."""


@dataclass(frozen=True, slots=True)
class Conflict:
    """Sources that disagree on one field of a fact."""

    field: str
    sides: tuple[Side, ...]


@dataclass(frozen=True, slots=True)
class Group:
    """The sketches of one fact, best first, before its claims are decoded."""

    fact: str
    members: tuple[Sketch, ...]

    @property
    def status(self) -> ReviewStatus:
        accepted = any(member.accepted for member in self.members)
        return ReviewStatus.ACCEPTED if accepted else ReviewStatus.PROPOSED

    @property
    def claim_ids(self) -> tuple[str, ...]:
        """The best claim first, then the others by id."""
        return shown_first(self.members[0].id, (m.id for m in self.members))

    @property
    def known_since(self) -> dt.date | None:
        """When the ledger first knew a claim of it."""
        days = [m.known_since for m in self.members if m.known_since is not None]
        return min(days) if days else None

    @property
    def last_known(self) -> dt.date | None:
        """When the ledger learned the last of its claims."""
        days = [m.known_since for m in self.members if m.known_since is not None]
        return max(days) if days else None


def group(sketches: Iterable[Sketch], *, accepted_only: bool = False) -> list[Group]:
    """Sketches grouped into facts (rejected ones left out), each group best first: accepted
    claims, then claims that name the fact's arrangement themselves, then the most confident,
    then the smallest id."""
    parts: dict[str, list[Sketch]] = {}
    for item in sketches:
        if item.status is not ReviewStatus.REJECTED:
            parts.setdefault(item.fact, []).append(item)
    found = [Group(fact, tuple(sorted(members, key=_rank))) for fact, members in parts.items()]
    if accepted_only:
        found = [g for g in found if g.status is ReviewStatus.ACCEPTED]
    return found


def _rank(item: Sketch) -> tuple[bool, bool, float, str]:
    return (not item.accepted, item.attached, -item.confidence, item.id)


def copies_of(members: Sequence[Sketch]) -> tuple[str, ...]:
    """Every source of the sketches (documents and cited URLs), each once, in their order."""
    return tuple(
        dict.fromkeys(SOURCE_SEPARATOR.join(m.sources for m in members).split(SOURCE_SEPARATOR))
    )


def independent(anchors: Iterable[str], stories: Mapping[str, str]) -> tuple[str, ...]:
    """The first source of each story among ``anchors`` (documents ``stories`` does not know
    are their own story; a cited URL is its own)."""
    first: dict[str, str] = {}
    for anchor in anchors:
        first.setdefault(story_key(anchor, stories), anchor)
    return tuple(first.values())


def conflicts_of(members: Sequence[Sketch]) -> tuple[Conflict, ...]:
    """The fields on which the sketches of one fact give different values, with each side
    (sources not yet counted by story: ``sources`` equals ``copies``)."""
    if len({m.facets for m in members}) == 1:
        return ()
    values = [(m, m.values()) for m in members]
    found = []
    for name, facet in FACETS[members[0].type].items():
        sides: dict[str, list[Sketch]] = {}
        shown: dict[str, Any] = {}
        for member, read in values:
            value = read.get(name)
            if value is not None:
                text = repr(value)
                sides.setdefault(text, []).append(member)
                shown[text] = facet.shown(value)
        if len(sides) > 1:
            found.append(
                Conflict(field=name, sides=tuple(_side(shown[t], g) for t, g in sides.items()))
            )
    return tuple(found)


def _side(value: Any, members: Sequence[Sketch]) -> Side:
    anchors = copies_of(members)
    return Side(value=value, claims=tuple(m.id for m in members), sources=anchors, copies=anchors)
