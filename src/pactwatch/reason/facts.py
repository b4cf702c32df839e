"""Facts over sources: the claims of many documents that say the same thing become one fact.

A fact keeps the ids of every claim behind it, counts its independent sources (a document is
its story, so copies of one syndicated text, even lightly edited, count once; a citation is its
URL) beside its copies (every document and citation), and shows a conflict
wherever its claims disagree on a value (a date, an amount, a duration, a party) instead of
picking one silently. Rejected claims never count; accepted claims outrank proposed ones when
a value is shown.

Facts are grouped from sketches (``pactwatch.model.facts``): :func:`facts_of` reads them from
the ledger and decodes only the claims each fact shows; :func:`facts` groups claims already
in hand the same way. Stories are known to the ledger only (``pactwatch.model.stories``): for
claims in hand each document is its own story, so there a fact's sources are its copies.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pactwatch.model import Claim, ClaimType, CommitmentClaim, ReviewStatus
from pactwatch.model.facts import (
    Digest,
    Sketch,
    documents_of,
    fact_id,
    fact_key,
    sketch,
    sources,
)
from pactwatch.model.grouping import (
    Conflict,
    Fact,
    Group,
    Side,
    by_story,
    fact_date,
    fact_of_group,
    group,
)
from pactwatch.model.pledges import place, pledge_of
from pactwatch.store import ClaimQuery, Store

__all__ = [
    "Conflict",
    "Fact",
    "Side",
    "by_story",
    "counted",
    "fact_date",
    "fact_key",
    "facts",
    "facts_of",
]


def facts(
    claims: Iterable[Claim],
    *,
    accepted_only: bool = False,
    placed_among: Iterable[Claim] | None = None,
) -> list[Fact]:
    """Group claims in hand into facts; rejected claims are left out, and with
    ``accepted_only`` so are facts that no reviewer accepted.

    A commitment that names no arrangement is placed beside the claims of its family in
    ``placed_among`` (by default, the claims given): the ledger places a claim among all it
    holds, so facts as known on an earlier day keep the ids they have today."""
    decoded = {claim.id: claim for claim in claims}
    among = list(placed_among) if placed_among is not None else list(decoded.values())
    placed = placed_sketches(decoded.values(), among)
    groups = group(placed, accepted_only=accepted_only)
    return _ordered([fact_of_group(g, [decoded[i] for i in g.claim_ids]) for g in groups])


def placed_sketches(claims: Iterable[Claim], among: Iterable[Claim]) -> list[Sketch]:
    """The sketches of claims in hand, each commitment placed beside the claims of its family
    in ``among`` that no reviewer rejected, the way the ledger places stored ones
    (``pactwatch.model.pledges``)."""
    found = [sketch(claim) for claim in claims]
    placements = place(
        pledge_of(claim, fact_id(claim), sources(claim))
        for claim in {c.id: c for c in among}.values()
        if isinstance(claim, CommitmentClaim) and claim.status is not ReviewStatus.REJECTED
    )
    return [
        item._replace(fact=placements[item.id].fact, attached=placements[item.id].attached)
        if item.id in placements
        else item
        for item in found
    ]


def facts_of(
    ledger: Store,
    query: ClaimQuery,
    *,
    accepted_only: bool = False,
    examples: int = 1,
) -> list[Fact]:
    """The facts of the claims ``query`` selects, as known on ``query.known_on``: read from
    the ledger's per-fact summaries where they hold, grouped from sketches elsewhere, decoding
    only the first ``examples`` claims of each fact.

    A fact is selected whole: when any of its claims matches the query's actor, type,
    arrangement or category, all its claims (known on the day) count."""
    found = listed(ledger, query, accepted_only=accepted_only)
    return decoded(ledger, found, query, examples=examples)


@dataclass(frozen=True, slots=True)
class Listed:
    """A fact found and not decoded yet: enough to sort it, to tell whether it existed on a
    day, and to page through many (decode only a page with :func:`decoded`)."""

    type: ClaimType
    best: str
    """The claim it shows (the fact's id as shown)."""
    start: dt.date | None
    """When the claim it shows starts or happened (its valid time): the fact's date."""
    known_since: dt.date | None
    group: Group | None = None
    digest: Digest | None = None

    def order(self) -> tuple[str, dt.date, str]:
        return (str(self.type), self.start or dt.date.min, self.best)


def listed(ledger: Store, query: ClaimQuery, *, accepted_only: bool = False) -> list[Listed]:
    """The facts of the claims ``query`` selects (see :func:`facts_of`) in the order facts
    are shown, without decoding a claim; filtered by the query's arrangement, not yet by its
    category (:func:`decoded` does that)."""
    reading = ledger.reading
    matching = reading.facts_matching(query)
    digested, others = reading.digest_heads(matching, known_on=query.known_on)
    found = reading.sketches(others, known_on=query.known_on)
    if query.type is not None:
        found = [s for s in found if s.type is query.type]
        digested = [d for d in digested if d[0].type is query.type]
    if accepted_only:
        digested = []  # a digest's claims were never reviewed
    groups = group(found, accepted_only=accepted_only)
    heads = reading.claim_heads([g.claim_ids[0] for g in groups])
    heads.update({digest.best: (start, where) for digest, start, where in digested})
    items = [
        Listed(g.members[0].type, g.claim_ids[0], heads[g.claim_ids[0]][0], g.known_since, group=g)
        for g in groups
    ]
    items += [Listed(d.type, d.best, start, d.known_since, digest=d) for d, start, _ in digested]
    if query.arrangement is not None:
        items = [item for item in items if heads[item.best][1] == query.arrangement]
    return sorted(items, key=Listed.order)


def decoded(
    ledger: Store,
    items: Sequence[Listed],
    query: ClaimQuery,
    *,
    examples: int = 1,
    sourced: bool = True,
) -> list[Fact]:
    """The facts of ``items`` (from :func:`listed`), in their order, each with its first
    ``examples`` claims decoded and its sources counted by story. Without ``sourced``, a
    fact read from its summary lists only the claim it shows, and no fact lists its sources:
    for answers that show what facts say, not who says it (a coverage matrix)."""
    if sourced:
        whole = _whole(ledger, items, query.known_on)
        items = [dataclasses.replace(i, digest=whole.get(i.best, i.digest)) for i in items]
    wanted = [
        claim
        for item in items
        for claim in (item.group.claim_ids if item.group else _claims(item))[:examples]
    ]
    claims = {
        c.id: c
        for c in ledger.claims_by_id(
            wanted, known_on=query.known_on, evidence_text=query.evidence_text
        )
    }
    chosen = [
        fact_of_group(item.group, [claims[c] for c in item.group.claim_ids[:examples]])
        if item.group
        else _digested(_digest(item), [claims[c] for c in _claims(item)[:examples]])
        for item in items
    ]
    chosen = [fact for fact in chosen if _matches(fact.claim, query)]
    if not sourced:
        return [dataclasses.replace(fact, sources=(), copies=(), conflicts=()) for fact in chosen]
    counted = {i.digest.fact for i in items if i.digest and i.digest.independent is not None}
    anchors = documents_of(a for f in chosen if f.key not in counted for a in f.copies)
    stories = ledger.reading.stories(sorted(anchors)) if anchors else {}
    return [fact if fact.key in counted else by_story(fact, stories) for fact in chosen]


def _whole(ledger: Store, items: Sequence[Listed], known_on: dt.date | None) -> dict[str, Digest]:
    """The whole digests (claims and sources) of the listed facts that have one, by best claim."""
    facts = [item.digest.fact for item in items if item.digest is not None]
    if not facts:
        return {}
    found, _ = ledger.reading.digests(facts, known_on=known_on)
    return {digest.best: digest for digest in found}


def _digest(item: Listed) -> Digest:
    assert item.digest is not None
    return item.digest


def _claims(item: Listed) -> tuple[str, ...]:
    return _digest(item).claims


def counted(sources: int, copies: int) -> str:
    """How many independent sources, and copies when there are more: '2 independent sources,
    31 copies'."""
    if copies <= sources:
        return str(sources)
    return f"{sources} independent source{'s' if sources != 1 else ''}, {copies} copies"


def _digested(found: Digest, decoded: Sequence[Claim]) -> Fact:
    """The fact of a digest; its sources counted by story when the ledger kept them so."""
    return Fact(
        key=found.fact,
        claim=decoded[0],
        claim_ids=found.claims,
        sources=found.independent if found.independent is not None else found.sources,
        status=ReviewStatus.PROPOSED,
        conflicts=(),
        known_since=found.known_since,
        examples=tuple(decoded),
        copies=found.sources,
    )


def _matches(claim: Claim, query: ClaimQuery) -> bool:
    """Whether the claim a fact shows fits the query's arrangement and category (a fact's
    claims share them, except an agreement's parties, which the fact id does not hold)."""
    if query.arrangement is not None and getattr(claim, "arrangement", None) != query.arrangement:
        return False
    return query.category is None or str(getattr(claim, "category", "")) == query.category


def _ordered(found: list[Fact]) -> list[Fact]:
    return sorted(found, key=lambda fact: (str(fact.type), fact_date(fact) or dt.date.min, fact.id))
