"""One pledge, one fact: which fact a commitment claim belongs to, seen beside its family.

A commitment's *family* is its guarantor, beneficiary, category, modality and condition.
Within a family, :func:`place` decides the fact of every claim, the same way wherever claims
are grouped (the ledger's stored fact ids and summaries, and claims grouped in hand). The
result depends only on the claims, never on the order they come in: claims are always taken
by day, then by claim id.

Issue 11.1: pledges with different amounts or dates are separate facts unless a text ties
them; a conflict is for two sources that disagree about the same pledge. A claim's day is its
start date (the extractor falls back to the report's publication day when the sentence gives
none), so one announcement reported over a few days carries a few days. Hence
:data:`SAME_EVENT_DAYS`.

1. **Pledges.** The claims of one arrangement (or those of no arrangement that joined none) are
   grouped into pledges:

   a. Claims with an amount and a day, by day: a claim of the same amount dated on the day a
      pledge of that amount was first reported, or up to ``SAME_EVENT_DAYS`` (3) days after it,
      reports that pledge; one dated later is a new pledge (GBP 2.5 billion on 2025-10-09 and
      GBP 2.5 billion on 2026-03-12 are two pledges, even though the sum is the same). The day
      is counted from the pledge's first report, not from the latest, so reports every other
      day do not chain into one pledge over months.
   b. Pledges of different amounts first reported on the same day are one pledge whose sources
      disagree about its amount (a conflict on ``amount``), unless a text gives amounts of
      both: one text giving two amounts names two pledges. Amounts first reported on different
      days are different pledges, even within the window of a.
   c. A claim with an amount but no day joins the earliest pledge with its amount; claims of
      one amount that no pledge gives form a pledge of their own (claims of other amounts and
      no day stay apart: no day ties them).
   d. A claim without an amount joins the pledge first reported on its day, else the latest
      first reported up to ``SAME_EVENT_DAYS`` days before it, else the earliest pledge
      (undated pledges count as earliest).

   No claim field records a revision or a correction, so a text that ties two amounts or two
   days together ("raised from GBP 2.5 to 3 billion") cannot merge them here: they stay two
   pledges, and a reviewer decides.

2. **Claims that name no arrangement.** Such a claim *fits* an arrangement of its family when
   it lies within the span of that arrangement's claims (from the earliest start to the latest
   end, open where a claim does not say) and, where it gives an amount, it is the same pledge
   as one of the arrangement's by the rules of 1, formed from the claims naming the
   arrangement alone: with a day, the same amount dated 0 to ``SAME_EVENT_DAYS`` days after the
   first report of a pledge that gives it, or another amount dated on a pledge's first day by
   a text that gives none of that pledge's amounts; without a day, an amount some claim of the
   arrangement gives. A dated amount does not fit a pledge that no claim of the arrangement
   dates (nothing says it reports that one rather than a new one of the same sum). An agreement
   running ten years fits a dated claim without an amount for those ten years, but a package
   announced on another day is a new pledge, not a report of the agreement's. A claim joins
   the one arrangement that fits it; when several fit it stays apart, and its placement lists
   them (``fits``) for a reviewer; when none fits it stays apart quietly, among the claims
   that name no arrangement. So does one that fits but, placed among the arrangement's claims
   by the rules of 1, forms a pledge with none of them (its text also gives another amount
   that joined the arrangement's pledge of that day: 1b keeps the two apart).

The first pledge of an arrangement (or of none) keeps the fact id of its claims; each other
pledge's id adds the amount and day of its first claim.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pactwatch.model.claims import CommitmentClaim

Money = tuple[float, str]

SAME_EVENT_DAYS = 3
"""How many days after a pledge's first report a claim of the same amount still reports it.

A claim's day is its start date, which falls back to the publication day of the report when
the sentence gives no date: one announcement is then dated the day it was made by the wire,
a day later by the next morning's papers and those in other time zones, and up to three days
later when made on a Friday and reported on Monday. A new package of the same sum from the
same guarantor within three days of the last is far rarer than those reports, while a longer
window would start to swallow monthly or annual packages of a recurring sum."""


@dataclass(frozen=True, slots=True)
class Pledge:
    """What placing a commitment claim needs to know of it."""

    claim: str
    family: str
    own: str
    """Its own fact id (from its own fields, before it is seen beside others)."""
    arrangement: str | None
    start: dt.date | None
    end: dt.date | None
    amount: Money | None
    sources: frozenset[str]


@dataclass(frozen=True, slots=True)
class Placement:
    """Where a claim was placed."""

    fact: str
    attached: bool = False
    """It names no arrangement and joined the fact of one that does."""
    fits: tuple[str, ...] = ()
    """It names no arrangement and these several fit it: a reviewer decides."""


def family_of(claim: CommitmentClaim) -> str:
    """The id of a commitment's family (every field of its fact but the arrangement)."""
    key = [
        claim.guarantor,
        claim.beneficiary,
        str(claim.category),
        str(claim.modality),
        str(claim.condition.kind),
    ]
    return "fam_" + _digest(key)


def pledge_of(claim: CommitmentClaim, own: str, sources: Iterable[str]) -> Pledge:
    """The pledge of a commitment claim whose own fact id is ``own``."""
    start, end = claim.valid_span()
    amount = (claim.amount.value, claim.amount.currency) if claim.amount else None
    return Pledge(
        claim=claim.id,
        family=family_of(claim),
        own=own,
        arrangement=claim.arrangement,
        start=start,
        end=end,
        amount=amount,
        sources=frozenset(sources),
    )


def place(pledges: Iterable[Pledge]) -> dict[str, Placement]:
    """The placement of every pledge, by claim id (pledges of many families may be mixed)."""
    families: dict[str, list[Pledge]] = defaultdict(list)
    for pledge in pledges:
        families[pledge.family].append(pledge)
    found: dict[str, Placement] = {}
    for members in families.values():
        found.update(_place_family(members))
    return found


def _place_family(members: Sequence[Pledge]) -> dict[str, Placement]:
    named: dict[str, list[Pledge]] = defaultdict(list)
    for pledge in members:
        if pledge.arrangement is not None:
            named[pledge.arrangement].append(pledge)
    spans = {name: _span(items) for name, items in named.items()}
    made = {name: [_made(c) for c in _pledges(items)] for name, items in named.items()}
    buckets: dict[str | None, list[Pledge]] = defaultdict(list)
    fits: dict[str, tuple[str, ...]] = {}
    for pledge in sorted(members, key=lambda p: p.claim):
        if pledge.arrangement is not None:
            buckets[pledge.arrangement].append(pledge)
            continue
        fitting = tuple(
            sorted(
                name
                for name in named
                if _within(pledge.start, spans[name]) and _fits(pledge, made[name])
            )
        )
        if len(fitting) == 1:
            buckets[fitting[0]].append(pledge)
        else:
            buckets[None].append(pledge)
            fits[pledge.claim] = fitting if len(fitting) > 1 else ()
    grouped: dict[str | None, list[list[Pledge]]] = {}
    for arrangement in sorted(named):
        grouped[arrangement], strays = _keeping_named(buckets[arrangement])
        buckets[None] += strays
    if buckets[None]:
        grouped[None] = _pledges(buckets[None])
    found: dict[str, Placement] = {}
    for name, clusters in grouped.items():
        base = named[name][0].own if name is not None else clusters[0][0].own
        for index, cluster in enumerate(clusters):
            fact = base if index == 0 else _split_id(base, cluster[0])
            for pledge in cluster:
                found[pledge.claim] = Placement(
                    fact=fact,
                    attached=pledge.arrangement is None and name is not None,
                    fits=fits.get(pledge.claim, ()),
                )
    return found


def _keeping_named(items: Sequence[Pledge]) -> tuple[list[list[Pledge]], list[Pledge]]:
    """The pledges of an arrangement's claims and of those that joined it, but for the claims
    that joined it and form pledges without any claim naming it (returned apart)."""
    strays: list[Pledge] = []
    while True:
        gone = {p.claim for p in strays}
        clusters = _pledges([p for p in items if p.claim not in gone])
        lost = [p for c in clusters if all(o.arrangement is None for o in c) for p in c]
        if not lost:
            return clusters, strays
        strays += lost


Span = tuple[dt.date | None, dt.date | None]


def _span(items: Sequence[Pledge]) -> Span:
    """From the earliest start to the latest end of an arrangement's claims (open where any
    claim does not say)."""
    starts = [p.start for p in items]
    ends = [p.end for p in items]
    first = None if None in starts else min(d for d in starts if d is not None)
    last = None if None in ends else max(d for d in ends if d is not None)
    return first, last


def _within(day: dt.date | None, span: Span) -> bool:
    if day is None:
        return True
    first, last = span
    return (first is None or first <= day) and (last is None or day <= last)


@dataclass(frozen=True, slots=True)
class _Made:
    """What fitting a claim needs to know of a pledge of the claims naming an arrangement."""

    first: dt.date | None
    """The day of its first report (None when no claim with an amount dates it)."""
    amounts: frozenset[Money]
    texts: frozenset[str]
    """The sources of its claims with an amount and a day (those rule 1b compares)."""


def _made(cluster: Sequence[Pledge]) -> _Made:
    first = cluster[0].start if cluster and cluster[0].amount is not None else None
    amounts = frozenset(p.amount for p in cluster if p.amount is not None)
    texts = frozenset().union(
        *(p.sources for p in cluster if p.amount is not None and p.start is not None)
    )
    return _Made(first, amounts, texts)


def _fits(pledge: Pledge, made: Sequence[_Made]) -> bool:
    """Whether a claim naming no arrangement (already within the arrangement's span) is the
    same pledge as one of ``made``, the pledges of the claims naming the arrangement."""
    if pledge.amount is None:
        return True
    if pledge.start is None:
        return any(pledge.amount in other.amounts for other in made)
    for other in made:
        if other.first is None:
            continue  # a pledge no claim dates: nothing says a dated sum reports it
        lag = (pledge.start - other.first).days
        if pledge.amount in other.amounts and 0 <= lag <= SAME_EVENT_DAYS:
            return True
        if lag == 0 and not pledge.sources & other.texts:
            return True  # another source disagreeing about the amount of that day's pledge
    return False


def _pledges(items: Sequence[Pledge]) -> list[list[Pledge]]:
    """The claims of one arrangement (or of none) grouped into pledges (rule 1 of the module):
    pledges no claim dates first, then by the day of their first report."""
    dated: list[Pledge] = []
    undated: list[Pledge] = []
    bare: list[Pledge] = []
    for pledge in sorted(items, key=lambda p: (p.start or dt.date.min, p.claim)):
        if pledge.amount is None:
            bare.append(pledge)
        elif pledge.start is None:
            undated.append(pledge)
        else:
            dated.append(pledge)
    made = _joined(_runs(dated))
    loose: dict[Money, list[Pledge]] = {}
    for pledge in undated:
        assert pledge.amount is not None
        home = next((c for c in made if _gives(c, pledge.amount)), None)
        if home is None:
            home = loose.setdefault(pledge.amount, [])
        home.append(pledge)
    clusters = [*loose.values(), *made]
    first_on: dict[dt.date, list[Pledge]] = {}
    for cluster in made:
        first_on.setdefault(_day_of(cluster[0]), cluster)
    for pledge in bare:
        if not clusters:
            clusters.append([])
        (_of_day(pledge.start, first_on) or clusters[0]).append(pledge)
    return clusters


def _runs(dated: Sequence[Pledge]) -> list[list[Pledge]]:
    """Claims with an amount and a day (sorted by day, then id) as runs of one amount: each
    from its first report up to ``SAME_EVENT_DAYS`` days after it (rule 1a)."""
    runs: list[list[Pledge]] = []
    latest: dict[Money, list[Pledge]] = {}
    for pledge in dated:
        assert pledge.amount is not None
        run = latest.get(pledge.amount)
        if run is None or (_day_of(pledge) - _day_of(run[0])).days > SAME_EVENT_DAYS:
            run = []
            runs.append(run)
            latest[pledge.amount] = run
        run.append(pledge)
    return runs


def _joined(runs: Sequence[list[Pledge]]) -> list[list[Pledge]]:
    """Runs of other amounts first reported on the same day, by texts that do not give both,
    as one pledge (rule 1b); in the order of their first reports."""
    made: list[list[Pledge]] = []
    on_day: dict[dt.date, list[list[Pledge]]] = defaultdict(list)
    for run in sorted(runs, key=lambda r: (_day_of(r[0]), r[0].claim)):
        day = _day_of(run[0])
        home = next((c for c in on_day[day] if not _shares_source(c, run)), None)
        if home is None:
            home = []
            made.append(home)
            on_day[day].append(home)
        home.extend(run)
    return made


def _of_day(day: dt.date | None, first_on: dict[dt.date, list[Pledge]]) -> list[Pledge] | None:
    """The pledge first reported on ``day``, else the latest up to ``SAME_EVENT_DAYS`` before."""
    if day is None:
        return None
    for back in range(SAME_EVENT_DAYS + 1):
        try:
            found = first_on.get(day - dt.timedelta(days=back))
        except OverflowError:
            return None
        if found is not None:
            return found
    return None


def _day_of(pledge: Pledge) -> dt.date:
    assert pledge.start is not None
    return pledge.start


def _gives(cluster: Sequence[Pledge], amount: Money) -> bool:
    return any(other.amount == amount for other in cluster)


def _shares_source(cluster: Sequence[Pledge], others: Sequence[Pledge]) -> bool:
    """Whether a text behind ``cluster`` is also behind ``others`` (one text giving both)."""
    sources = frozenset().union(*(p.sources for p in cluster))
    return any(p.sources & sources for p in others)


def _split_id(base: str, first: Pledge) -> str:
    """The fact id of a pledge beside the first of its arrangement: its amount and day."""
    assert first.amount is not None
    value, currency = first.amount
    day = first.start.isoformat() if first.start else None
    return "fct_" + _digest([base, value, currency, day])


def _digest(value: object) -> str:
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]
