"""Commitments as of a date under a scenario, and the guarantor x category coverage matrix."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from pactwatch.model import (
    Category,
    ClaimType,
    CommitmentClaim,
    ReviewStatus,
)
from pactwatch.model.commitment_facts import CommitmentFact
from pactwatch.reason.facts import Fact, Listed, decoded, facts_of, listed
from pactwatch.reason.lifecycle import (
    IN_FORCE,
    Duty,
    Standing,
    State,
    Term,
    as_commitment_fact,
    standing,
)
from pactwatch.reason.scenario import Scenario
from pactwatch.store import ClaimQuery, Store
from pactwatch.store.commitment_facts import Kept


@dataclass(frozen=True, slots=True, kw_only=True)
class CommitmentRow:
    """A commitment fact with its lifecycle state on the day asked about."""

    id: str
    guarantor: str
    beneficiary: str
    category: str
    arrangement: str | None
    condition: str
    deadline_hours: int | None
    modality: str
    amount: float | None
    currency: str | None
    duration_years: int | None
    start: dt.date | None
    until: dt.date | None
    status: State
    """The lifecycle state: announced, dormant, active, triggered, expired, withdrawn,
    ruled_out or intended."""
    since: dt.date | None
    """Since when the state holds (when known)."""
    review: ReviewStatus
    """accepted when a reviewer accepted a claim behind it, else proposed."""
    sources: int
    conflicts: tuple[str, ...]
    """Fields on which its sources disagree (see ``pactwatch conflicts``)."""
    claims: tuple[str, ...]
    duties: tuple[Duty, ...] = ()
    copies: int = 0
    """Every document and citation behind it; more than ``sources`` when some documents are
    copies of one story."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Coverage:
    """Who guarantees what to a beneficiary on a day: guarantor x category states, and gaps."""

    beneficiary: str
    day: dt.date
    scenario: str
    guarantors: tuple[str, ...]
    categories: tuple[str, ...]
    cells: dict[tuple[str, str], State] = field(default_factory=dict)
    gaps: tuple[str, ...] = ()
    """Categories someone pledged for which no guarantor is in force on the day."""
    duties: tuple[Duty, ...] = ()


PRECEDENCE = [
    State.TRIGGERED,
    State.ACTIVE,
    State.DORMANT,
    State.ANNOUNCED,
    State.INTENDED,
    State.WITHDRAWN,
    State.EXPIRED,
    State.RULED_OUT,
]
"""Which state a coverage cell shows when a guarantor has several commitments there."""


def commitment_facts(
    ledger: Store,
    *,
    guarantor: str | None = None,
    beneficiary: str | None = None,
    category: str | None = None,
    arrangement: str | None = None,
    known_on: dt.date | None = None,
    accepted_only: bool = False,
) -> list[Fact]:
    """Commitment facts (claims grouped over sources), as known on ``known_on``."""
    query = _query(guarantor, beneficiary, category, arrangement, known_on)
    found = facts_of(ledger, query, accepted_only=accepted_only)
    return [fact for fact in found if _between(fact, guarantor, beneficiary)]


@dataclass(frozen=True, slots=True)
class CommitmentPage:
    """One page of commitment rows, and how many rows all pages hold."""

    rows: tuple[CommitmentRow, ...]
    total: int


def commitments_page(
    ledger: Store,
    *,
    guarantor: str | None = None,
    beneficiary: str | None = None,
    category: str | None = None,
    arrangement: str | None = None,
    as_of: dt.date | None = None,
    known_on: dt.date | None = None,
    scenario: Scenario | None = None,
    accepted_only: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> CommitmentPage:
    """Each commitment with its lifecycle state on ``as_of`` (default: today) under a
    scenario, commitments not yet made on that day left out: the rows from ``offset``, at most
    ``limit`` of them (all with None), and the number of all rows. Only the page is run
    through its lifecycle. About today's knowledge (no ``known_on``) the page is read from the
    commitment facts the ledger keeps at write time; about an earlier day the facts are
    sorted and counted from the summaries and sketches, and only the page is decoded (with a
    category, or with both a guarantor and a beneficiary, all are)."""
    day = as_of or dt.date.today()
    if known_on is None:  # today's knowledge: the rows the ledger keeps at write time
        wanted = Kept(
            guarantor=guarantor,
            beneficiary=beneficiary,
            category=category,
            arrangement=arrangement,
            made_by=day,
            accepted_only=accepted_only,
        )
        kept, total = ledger.reading.commitment_facts(wanted, limit=limit, offset=offset)
        rows = rows_of(ledger, kept, as_of=day, scenario=scenario, inputs_kept=True)
        return CommitmentPage(tuple(rows), total)
    query = _query(guarantor, beneficiary, category, arrangement, known_on)
    items = _made_by(ledger, query, day, accepted_only)
    end = None if limit is None else offset + limit
    exact = category is None and not (guarantor and beneficiary)
    chosen = items[offset:end] if exact else items
    found = [
        fact for fact in decoded(ledger, chosen, query) if _between(fact, guarantor, beneficiary)
    ]
    rows = commitment_rows(ledger, found, as_of=day, known_on=known_on, scenario=scenario)
    if exact:
        return CommitmentPage(tuple(rows), len(items))
    return CommitmentPage(tuple(rows[offset:end]), len(rows))


def _query(
    guarantor: str | None,
    beneficiary: str | None,
    category: str | None,
    arrangement: str | None,
    known_on: dt.date | None,
) -> ClaimQuery:
    return ClaimQuery(
        type=ClaimType.COMMITMENT,
        actor=guarantor or beneficiary,
        role="guarantor" if guarantor else "beneficiary" if beneficiary else None,
        category=category,
        arrangement=arrangement,
        known_on=known_on,
        include_rejected=False,
        evidence_text=False,
    )


def _between(fact: Fact, guarantor: str | None, beneficiary: str | None) -> bool:
    return (
        isinstance(fact.claim, CommitmentClaim)
        and (guarantor is None or fact.claim.guarantor == guarantor)
        and (beneficiary is None or fact.claim.beneficiary == beneficiary)
    )


def _made_by(ledger: Store, query: ClaimQuery, day: dt.date, accepted_only: bool) -> list[Listed]:
    """The commitment facts ``query`` selects that were made by ``day``, listed in order."""
    return [
        item
        for item in listed(ledger, query, accepted_only=accepted_only)
        if item.type is ClaimType.COMMITMENT and not _listed_later(item, day)
    ]


def _listed_later(item: Listed, day: dt.date) -> bool:
    """Whether a listed fact was not yet made on ``day`` (known before it is decoded)."""
    return _made_after(item.start, item.known_since, day)


def commitment_rows(
    ledger: Store,
    found: list[Fact],
    *,
    as_of: dt.date | None = None,
    known_on: dt.date | None = None,
    scenario: Scenario | None = None,
) -> list[CommitmentRow]:
    """The commitment facts among ``found`` (facts known on ``known_on``) with their states
    on ``as_of`` under a scenario; those not yet made on that day are left out."""
    kept = [as_commitment_fact(f) for f in found if isinstance(f.claim, CommitmentClaim)]
    return rows_of(ledger, kept, as_of=as_of, known_on=known_on, scenario=scenario)


def rows_of(
    ledger: Store,
    found: Sequence[CommitmentFact],
    *,
    as_of: dt.date | None = None,
    known_on: dt.date | None = None,
    scenario: Scenario | None = None,
    inputs_kept: bool = False,
) -> list[CommitmentRow]:
    """:func:`commitment_rows` of commitment facts already reduced to their rows. With
    ``inputs_kept`` the facts are rows the ledger keeps, holding their departures and terms
    as the ledger knows them now; else those are read for ``known_on``."""
    day = as_of or dt.date.today()
    if inputs_kept:
        departures, terms = _kept_inputs(found)
    else:
        departures, terms = _departures(ledger, found, known_on), _terms(ledger, found, known_on)
    rows = []
    for fact in found:
        if _made_after(fact.start, fact.known_since, day):
            continue
        term = terms.get(f"{fact.arrangement}|{fact.guarantor}")
        rows.append(_row(fact, standing(fact, day, scenario, departures, term)))
    return rows


def _kept_inputs(
    found: Sequence[CommitmentFact],
) -> tuple[dict[tuple[str, str | None], dt.date], dict[str, Term]]:
    """The departures and terms kept with each fact, keyed as :func:`_departures` and
    :func:`_terms` key them."""
    departures: dict[tuple[str, str | None], dt.date] = {}
    terms: dict[str, Term] = {}
    for fact in found:
        if fact.departed is not None:
            departures[(fact.guarantor, fact.arrangement)] = fact.departed
        if fact.signed is not None or fact.signed_years is not None:
            terms[f"{fact.arrangement}|{fact.guarantor}"] = Term(fact.signed, fact.signed_years)
    return departures, terms


def _terms(
    ledger: Store, found: Sequence[CommitmentFact], known_on: dt.date | None
) -> dict[str, Term]:
    """The signing date and length of the agreement each commitment was made under: the
    earliest signing of its arrangement that its guarantor is party to."""
    pairs = {(f.arrangement, f.guarantor) for f in found if f.arrangement}
    if not pairs:
        return {}
    signed = ledger.reading.agreement_terms(sorted(pairs), known_on=known_on)
    return {
        f"{arrangement}|{party}": Term(signed=day, years=years)
        for (arrangement, party), (day, years) in signed.items()
    }


def coverage(
    ledger: Store,
    beneficiary: str,
    *,
    as_of: dt.date | None = None,
    known_on: dt.date | None = None,
    scenario: Scenario | None = None,
    accepted_only: bool = False,
) -> Coverage:
    """The guarantor x category matrix of commitment states for one beneficiary."""
    day = as_of or dt.date.today()
    if known_on is None:
        rows = commitments_page(
            ledger,
            beneficiary=beneficiary,
            as_of=day,
            scenario=scenario,
            accepted_only=accepted_only,
        ).rows
        return coverage_of(list(rows), beneficiary, day, scenario.text() if scenario else "")
    query = _query(None, beneficiary, None, None, known_on)
    items = _made_by(ledger, query, day, accepted_only)
    # the matrix shows states, not sources: the facts are decoded without them
    found = [
        f for f in decoded(ledger, items, query, sourced=False) if _between(f, None, beneficiary)
    ]
    found_rows = commitment_rows(ledger, found, as_of=day, known_on=known_on, scenario=scenario)
    return coverage_of(found_rows, beneficiary, day, scenario.text() if scenario else "")


def coverage_of(
    rows: list[CommitmentRow], beneficiary: str, day: dt.date, scenario: str = ""
) -> Coverage:
    """The coverage matrix of one beneficiary from commitment rows already computed."""
    rows = [row for row in rows if row.beneficiary == beneficiary]
    cells: dict[tuple[str, str], State] = {}
    for row in rows:
        key = (row.guarantor, row.category)
        current = cells.get(key)
        if current is None or PRECEDENCE.index(row.status) < PRECEDENCE.index(current):
            cells[key] = row.status
    order = [c.value for c in Category]
    categories = tuple(sorted({row.category for row in rows}, key=order.index))
    in_force = {category for (_, category), state in cells.items() if state in IN_FORCE}
    return Coverage(
        beneficiary=beneficiary,
        day=day,
        scenario=scenario,
        guarantors=tuple(sorted({row.guarantor for row in rows})),
        categories=categories,
        cells=cells,
        gaps=tuple(c for c in categories if c not in in_force),
        duties=tuple(duty for row in rows for duty in row.duties),
    )


def _made_after(start: dt.date | None, made: dt.date | None, day: dt.date) -> bool:
    starts_later = start is not None and start > day
    return starts_later and (made is None or made > day)


def _departures(
    ledger: Store, found: Sequence[CommitmentFact], known_on: dt.date | None
) -> dict[tuple[str, str | None], dt.date]:
    """When the ledger says each guarantor left each arrangement."""
    if not found:
        return {}
    left = ledger.reading.departures([f.guarantor for f in found], known_on=known_on)
    return {(member, arrangement): day for (member, arrangement), day in left.items()}


def _row(fact: CommitmentFact, state: Standing) -> CommitmentRow:
    return CommitmentRow(
        id=fact.id,
        guarantor=fact.guarantor,
        beneficiary=fact.beneficiary,
        category=str(fact.category),
        arrangement=fact.arrangement,
        condition=str(fact.condition),
        deadline_hours=fact.deadline_hours,
        modality=str(fact.modality),
        amount=fact.amount,
        currency=fact.currency,
        duration_years=fact.duration.years if fact.duration else None,
        start=fact.start,
        until=state.until,
        status=state.state,
        since=state.since,
        review=fact.review,
        sources=fact.sources,
        conflicts=fact.conflicts,
        claims=fact.claims,
        duties=state.duties,
        copies=fact.copies,
    )
