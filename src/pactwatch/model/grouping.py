"""How the sketches of one fact make the fact (:class:`Fact`): which claim it shows, its
review status, its sources counted by story, and where its claims disagree.

Pure functions over :class:`~pactwatch.model.facts.Sketch`, shared by the reasoning layer
(facts read on any day) and the store (facts kept derived at write time), so the two cannot
drift apart.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pactwatch.model.claims import Claim, CommitmentClaim
from pactwatch.model.facts import FACETS, SOURCE_SEPARATOR, Sketch, shown_first, story_key
from pactwatch.model.vocabulary import ClaimType, ReviewStatus


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
    # many sketches of a fact give the same facets: each text is read once
    read = {text: json.loads(text) for text in dict.fromkeys(m.facets for m in members)}
    found = []
    for name, facet in FACETS[members[0].type].items():
        side_of: dict[str, str] = {}
        shown: dict[str, Any] = {}
        for text, values in read.items():
            value = values.get(name)
            if value is not None:
                side_of[text] = repr(value)
                shown[side_of[text]] = facet.shown(value)
        if len(shown) < 2:
            continue
        sides: dict[str, list[Sketch]] = {}
        for member in members:
            side = side_of.get(member.facets)
            if side is not None:
                sides.setdefault(side, []).append(member)
        found.append(
            Conflict(field=name, sides=tuple(_side(shown[t], g) for t, g in sides.items()))
        )
    return tuple(found)


def _side(value: Any, members: Sequence[Sketch]) -> Side:
    anchors = copies_of(members)
    return Side(value=value, claims=tuple(m.id for m in members), sources=anchors, copies=anchors)


@dataclass(frozen=True, slots=True)
class Fact:
    """One thing the ledger holds, with every claim that says it."""

    key: str
    """The fact id (``fct_...``), the same for every claim that says it."""
    claim: Claim
    """The claim whose values the fact shows: the most confident accepted one, else proposed."""
    claim_ids: tuple[str, ...]
    """Every claim behind it: the shown one first, then by id."""
    sources: tuple[str, ...]
    """Independent sources: one document per story (its first) and distinct cited URLs."""
    status: ReviewStatus
    """Accepted when any claim behind it is accepted, else proposed."""
    conflicts: tuple[Conflict, ...]
    known_since: dt.date | None = None
    """When the ledger could first have known it (its earliest source; None when the claims
    were grouped outside the ledger)."""
    examples: tuple[Claim, ...] = ()
    """The first claims of ``claim_ids``, decoded: where its evidence is read."""
    copies: tuple[str, ...] = ()
    """Every source: distinct documents (each copy of a story) and cited URLs."""

    @property
    def type(self) -> ClaimType:
        return self.claim.type

    @property
    def id(self) -> str:
        """The id of the claim the fact shows (stable while that claim stays the best)."""
        return self.claim.id


def fact_of_group(found: Group, decoded: Sequence[Claim]) -> Fact:
    """The fact of a group whose first claims are ``decoded`` (the shown one first), its
    sources not yet counted by story (see :func:`by_story`)."""
    members = found.members
    return Fact(
        key=found.fact,
        claim=decoded[0],
        claim_ids=found.claim_ids,
        sources=copies_of(members),
        status=found.status,
        conflicts=conflicts_of(members),
        known_since=found.known_since,
        examples=tuple(decoded),
        copies=copies_of(members),
    )


def by_story(fact: Fact, stories: Mapping[str, str]) -> Fact:
    """The fact with its sources (and those of each side of its conflicts) counted by story:
    the first document of each story stays, its other copies are left out (``copies`` keeps
    them). Documents not in ``stories`` are their own story."""
    conflicts = tuple(
        dataclasses.replace(
            conflict,
            sides=tuple(
                dataclasses.replace(side, sources=independent(side.copies, stories))
                for side in conflict.sides
            ),
        )
        for conflict in fact.conflicts
    )
    return dataclasses.replace(fact, sources=independent(fact.copies, stories), conflicts=conflicts)


def fact_date(fact: Fact) -> dt.date | None:
    """The date a fact happened or started, from the claim it shows."""
    claim = fact.claim
    if isinstance(claim, CommitmentClaim):
        return claim.start
    value: dt.date | None = claim.date
    return value
