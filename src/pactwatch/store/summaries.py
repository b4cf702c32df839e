"""Per-fact summaries, kept up to date as claims are written (table ``summaries``).

A summary holds what showing a fact needs when its claims agree and were never reviewed: the
best claim (most confident, then smallest id) and its facets, every claim id, every source,
the first source of each story among them (its independent sources: copies of one syndicated
text count once; the story of a document never changes once it is written, so the count is
kept as claims come) and the first and last day the ledger knew a claim of it. Facts whose
claims disagree (``mixed``), or with a reviewed claim, or asked about before their last claim
was known, are read from their sketches instead (``reason.facts``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.engine import Connection

from pactwatch.model.facts import SOURCE_SEPARATOR, documents_of, story_key
from pactwatch.store.schema import claim_actors, claims, summaries
from pactwatch.store.stories import stories_of

IDS = ","


@dataclass(slots=True)
class Summary:
    """A summary row being updated."""

    fact: str
    type: str
    best: str
    confidence: float
    facets: str
    mixed: bool
    reviewed: bool
    first_known: dt.date
    last_known: dt.date
    claims: list[str]
    sources: dict[str, None]
    stories: dict[str, str] | None = None
    """Story (a URL stands for itself) -> its first source among ``sources``; None when not
    counted yet (a summary written before schema 0016)."""
    added: set[str] = field(default_factory=set)
    """Sources added since loaded, whose stories are to be counted."""

    def add(self, sketch: dict[str, Any]) -> None:
        """Take one more claim's sketch row into the summary."""
        if sketch["claim_id"] in self.claims:
            return
        self.claims.append(sketch["claim_id"])
        anchors = sketch["sources"].split(SOURCE_SEPARATOR)
        self.sources.update(dict.fromkeys(anchors))
        self.added.update(anchors)
        self.mixed = self.mixed or sketch["facets"] != self.facets
        self.first_known = min(self.first_known, sketch["known_since"])
        self.last_known = max(self.last_known, sketch["known_since"])
        if (-sketch["confidence"], sketch["claim_id"]) < (-self.confidence, self.best):
            self.best, self.confidence = sketch["claim_id"], sketch["confidence"]
            # the best claim's facets whatever the order claims came in (they differ only
            # when mixed, and a mixed fact is read from its sketches)
            self.facets = sketch["facets"]

    def count_stories(self, story_of: Mapping[str, str]) -> None:
        """Place the sources added (all of them, if never counted) in their stories;
        ``story_of`` maps their documents to their stories (unknown ones: their own)."""
        if self.stories is None:
            self.stories, self.added = {}, set(self.sources)
        place_in_stories(self.stories, self.added, story_of)
        self.added = set()

    def row(self) -> dict[str, Any]:
        found = self._row()
        if self.stories is not None:  # absent before schema 0016 (migration 0008 builds rows)
            found["stories"] = stories_column(self.stories)
        return found

    def _row(self) -> dict[str, Any]:
        return {
            "fact": self.fact,
            "type": self.type,
            "best": self.best,
            "confidence": self.confidence,
            "facets": self.facets,
            "mixed": self.mixed,
            "reviewed": self.reviewed,
            "first_known": self.first_known,
            "last_known": self.last_known,
            "claims": IDS.join(sorted(self.claims)),
            "sources": SOURCE_SEPARATOR.join(sorted(self.sources)),
        }


STORY = "\t"
"""Between a story and its first source in ``summaries.stories`` (neither holds a tab)."""


def place_in_stories(
    stories: dict[str, str], anchors: Iterable[str], story_of: Mapping[str, str]
) -> None:
    """Place sources in ``stories`` (story -> its first source, the smallest)."""
    for anchor in anchors:
        key = story_key(anchor, story_of)
        if key not in stories or anchor < stories[key]:
            stories[key] = anchor


def stories_column(stories: Mapping[str, str]) -> str:
    """The ``summaries.stories`` text: story and first source, in source order."""
    entries = sorted(stories.items(), key=lambda item: item[1])
    return SOURCE_SEPARATOR.join(f"{key}{STORY}{anchor}" for key, anchor in entries)


def independent(text: str | None) -> tuple[str, ...] | None:
    """The first source of each story, in source order, from a ``stories`` column."""
    found = _entries(text)
    return None if found is None else tuple(found.values())  # stored in source order


def _new(sketch: dict[str, Any]) -> Summary:
    anchors = sketch["sources"].split(SOURCE_SEPARATOR)
    return Summary(
        fact=sketch["fact"],
        type=sketch["type"],
        best=sketch["claim_id"],
        confidence=sketch["confidence"],
        facets=sketch["facets"],
        mixed=False,
        reviewed=False,
        first_known=sketch["known_since"],
        last_known=sketch["known_since"],
        claims=[sketch["claim_id"]],
        sources=dict.fromkeys(anchors),
        stories={},
        added=set(anchors),
    )


def _loaded(row: Any) -> Summary:
    return Summary(
        fact=row["fact"],
        type=row["type"],
        best=row["best"],
        confidence=row["confidence"],
        facets=row["facets"],
        mixed=row["mixed"],
        reviewed=row["reviewed"],
        first_known=row["first_known"],
        last_known=row["last_known"],
        claims=row["claims"].split(IDS),
        sources=dict.fromkeys(row["sources"].split(SOURCE_SEPARATOR)),
        stories=_entries(row["stories"]),
    )


def _entries(text: str | None) -> dict[str, str] | None:
    if text is None:
        return None
    pairs = (entry.split(STORY, 1) for entry in text.split(SOURCE_SEPARATOR) if entry)
    return {pair[0]: pair[1] for pair in pairs}


def summaries_of(
    sketches: Iterable[dict[str, Any]],
    reviewed: set[str],
    story_of: Mapping[str, str] | None = None,
) -> list[Summary]:
    """Summaries built from sketch rows in fact order (for filling the table at once), their
    sources placed in stories by ``story_of`` (None: not counted, before schema 0016)."""
    found: list[Summary] = []
    for sketch in sketches:
        if found and found[-1].fact == sketch["fact"]:
            found[-1].add(sketch)
        else:
            found.append(_new(sketch))
            found[-1].reviewed = sketch["fact"] in reviewed
    for summary in found:
        if story_of is None:
            summary.stories = None
        else:
            summary.count_stories(story_of)
    return found


def summarise(
    connection: Connection, sketches: Sequence[dict[str, Any]], reviewed: Iterable[str] = ()
) -> None:
    """Fold new claims' sketch rows (and the facts of claims that come with reviews) into the
    summaries, in the caller's transaction."""
    facts = sorted({s["fact"] for s in sketches})
    if not facts:
        return
    statement = select(summaries).where(summaries.c.fact.in_(facts))
    if connection.dialect.name == "postgresql":
        statement = statement.with_for_update()
    known = {row["fact"]: _loaded(row) for row in connection.execute(statement).mappings()}
    fresh: dict[str, Summary] = {}
    for sketch in sketches:
        found = known.get(sketch["fact"]) or fresh.get(sketch["fact"])
        if found is None:
            fresh[sketch["fact"]] = _new(sketch)
        else:
            found.add(sketch)
    marked = set(reviewed)
    every = [*known.values(), *fresh.values()]
    story_of = stories_of(connection, sorted(documents_of(_uncounted(every))))
    for summary in every:
        summary.reviewed = summary.reviewed or summary.fact in marked
        summary.count_stories(story_of)
    if fresh:
        connection.execute(insert(summaries), [s.row() for s in fresh.values()])
    if known:
        connection.execute(
            update(summaries).where(summaries.c.fact == bindparam("key")),
            [{"key": s.fact, **s.row()} for s in known.values()],
        )


def _uncounted(found: Iterable[Summary]) -> Iterator[str]:
    """The sources whose stories counting these summaries needs."""
    for summary in found:
        yield from summary.sources if summary.stories is None else summary.added


def mark_reviewed(connection: Connection, claim_id: str) -> None:
    """A claim of the fact was reviewed: read the fact from its sketches from now on."""
    fact = select(claim_actors.c.fact).where(claim_actors.c.claim_id == claim_id).limit(1)
    connection.execute(
        update(summaries).where(summaries.c.fact == fact.scalar_subquery()).values(reviewed=True)
    )


LIGHT = [c for c in summaries.columns if c.name not in ("claims", "sources")]
"""A summary without its lists of claims and sources (the long columns), for listing facts."""


def usable(
    connection: Connection, facts: Sequence[str], known_on: dt.date | None, *, whole: bool = True
) -> tuple[list[Any], list[str]]:
    """The summary rows of ``facts`` that show them as known on ``known_on``, and the ids of
    the facts to read from their sketches (facts not yet known then are in neither). Unless
    ``whole``, without their claims and sources, and with the ``valid_from`` and
    ``arrangement`` of the claim each shows."""
    if whole:
        statement = select(summaries)
    else:  # with the date and arrangement of the claim shown, to sort and filter facts by
        shown = claims.c.id == summaries.c.best
        statement = select(*LIGHT, claims.c.valid_from, claims.c.arrangement).join(claims, shown)
    # As mappings: reading a SQLAlchemy row's columns by attribute costs ten times more.
    rows = connection.execute(statement.where(summaries.c.fact.in_(list(facts)))).mappings().all()
    found, others = [], []
    listed = set()
    for row in rows:
        fact = row["fact"]
        listed.add(fact)
        if known_on is not None and row["first_known"] > known_on:
            continue
        if (
            row["mixed"]
            or row["reviewed"]
            or (known_on is not None and row["last_known"] > known_on)
        ):
            others.append(fact)
        else:
            found.append(row)
    others += [fact for fact in facts if fact not in listed]
    return found, others
