"""The JSON API: everything the library answers, under /api. Reads are open; writes (ingest
an article, review a claim) need a bearer token of the editor role or above."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, HTTPException, Path, Query
from pydantic import BaseModel, Field, field_validator

from pactwatch.api import coverage_record, plain_row
from pactwatch.documents import Rejected
from pactwatch.errors import ClaimNotFoundError, InputError
from pactwatch.model import ClaimType, Decision, ReviewStatus
from pactwatch.pipeline import ingest_record
from pactwatch.reference import load_catalog
from pactwatch.store import ClaimQuery, Role
from pactwatch.web import views
from pactwatch.web.deps import (
    AsOf,
    FieldError,
    KnownOn,
    LedgerDep,
    Limit,
    Offset,
    ScenarioText,
    page,
    page_body,
    require,
    scenario,
)
from pactwatch.web.edge import CONTROL
from pactwatch.web.errors import ErrorResponse

ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorResponse} for code in (401, 403, 404, 413, 414, 422, 431)
}
router = APIRouter(prefix="/api", responses=ERRORS)
Id = Annotated[str, Path(max_length=200, description="An actor or arrangement id.")]
Filter = Annotated[str | None, Query(max_length=200)]
Editor = Annotated[Role, require(Role.EDITOR)]
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {408: {"model": ErrorResponse}}
"""A write's body may also come too slowly (web/limits.py)."""


def _actor(value: str | None, field: str) -> str | None:
    if value is not None:
        load_catalog().actor(value, field_name=field)
    return value


@router.get("/actors", tags=["reference"])
def actors(
    q: Annotated[str | None, Query(max_length=200, description="Part of an id or name.")] = None,
    kind: Filter = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """States, organisations and people the ledger knows, filtered by id or name."""
    needle = (q or "").casefold()
    found = [
        views.actor_view(actor)
        for actor in sorted(load_catalog().actors.values(), key=lambda a: a.id)
        if (not needle or needle in actor.id.casefold() or needle in actor.name.casefold())
        and (kind is None or str(actor.kind) == kind)
    ]
    return page(found, limit, offset)


@router.get("/actors/{actor_id}", tags=["reference"])
def actor(actor_id: Id) -> dict[str, Any]:
    """One actor."""
    return views.actor_view(load_catalog().actor(actor_id, field_name="actor_id"))


@router.get("/arrangements", tags=["reference"])
def arrangements(limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    """Alliances, coalitions, declarations and agreements."""
    found = [views.arrangement_view(a) for _, a in sorted(load_catalog().arrangements.items())]
    return page(found, limit, offset)


@router.get("/arrangements/{arrangement_id}", tags=["reference"])
def arrangement(arrangement_id: Id) -> dict[str, Any]:
    """One arrangement."""
    catalog = load_catalog()
    return views.arrangement_view(catalog.arrangement(arrangement_id, field_name="arrangement_id"))


@router.get("/arrangements/{arrangement_id}/roster", tags=["reasoning"])
def roster(
    ledger: LedgerDep, arrangement_id: Id, as_of: AsOf = None, known_on: KnownOn = None
) -> dict[str, Any]:
    """Members of an arrangement on a day, as known on a day, and since when."""
    load_catalog().arrangement(arrangement_id, field_name="arrangement_id")
    members = ledger.roster(arrangement_id, as_of=as_of, known_on=known_on)
    return page(members, len(members) or 1, 0)


@router.get("/commitments", tags=["reasoning"])
def commitments(
    ledger: LedgerDep,
    guarantor: Filter = None,
    beneficiary: Filter = None,
    category: Filter = None,
    arrangement: Filter = None,
    as_of: AsOf = None,
    known_on: KnownOn = None,
    scenario_text: Annotated[ScenarioText, Query(alias="scenario")] = None,
    accepted_only: bool = False,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Commitments with their lifecycle state (``status``) on ``as_of`` under a scenario."""
    found = ledger.commitments_page(
        guarantor=guarantor,
        beneficiary=beneficiary,
        category=category,
        arrangement=arrangement,
        as_of=as_of,
        known_on=known_on,
        scenario=scenario(scenario_text),
        accepted_only=accepted_only,
        limit=limit,
        offset=offset,
    )
    items = [plain_row(row) for row in found.rows]
    more = offset + limit < found.total
    return page_body(items, total=found.total, limit=limit, offset=offset, more=more)


@router.get("/coverage/{beneficiary}", tags=["reasoning"])
def coverage(
    ledger: LedgerDep,
    beneficiary: Id,
    as_of: AsOf = None,
    known_on: KnownOn = None,
    scenario_text: Annotated[ScenarioText, Query(alias="scenario")] = None,
    accepted_only: bool = False,
) -> dict[str, Any]:
    """Guarantor x category states for a beneficiary, and the categories left uncovered."""
    found = ledger.coverage(
        beneficiary,
        as_of=as_of,
        known_on=known_on,
        scenario=scenario(scenario_text),
        accepted_only=accepted_only,
    )
    return coverage_record(found)


@router.get("/timeline/{subject}", tags=["reasoning"])
def timeline(
    ledger: LedgerDep,
    subject: Id,
    known_on: KnownOn = None,
    scenario_text: Annotated[ScenarioText, Query(alias="scenario")] = None,
    limit: Limit = 1000,
    offset: Offset = 0,
) -> dict[str, Any]:
    """The dated history of an actor or an arrangement."""
    catalog = load_catalog()
    if subject not in catalog.arrangements:
        catalog.actor(subject, field_name="subject")
    events = ledger.timeline(subject, known_on=known_on, scenario=scenario(scenario_text))
    return page(events, limit, offset)


@router.get("/diff", tags=["reasoning"])
def diff(
    ledger: LedgerDep,
    since: Annotated[dt.date, Query(description="Knowledge date to start from (YYYY-MM-DD).")],
    until: KnownOn = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """What the ledger learned after ``since``, up to ``until``."""
    learned = ledger.diff(since, until)
    return page([views.learned_view(item) for item in learned], limit, offset)


@router.get("/conflicts", tags=["reasoning"])
def conflicts(
    ledger: LedgerDep,
    known_on: KnownOn = None,
    subject: Filter = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Facts whose sources disagree, with each side."""
    found = ledger.conflicts(known_on=known_on, subject=subject)
    by_fact = {fact.key: fact for fact, _ in found}
    return page([views.fact_view(fact) for fact in by_fact.values()], limit, offset)


@router.get("/facts", tags=["evidence"])
def facts(
    ledger: LedgerDep,
    actor: Filter = None,
    type: Annotated[ClaimType | None, Query()] = None,
    arrangement: Filter = None,
    known_on: KnownOn = None,
    accepted_only: bool = False,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Facts over sources, each with the sentences of its first claims."""
    _actor(actor, "actor")
    if arrangement is not None:
        arrangement = load_catalog().arrangement(arrangement).id
    query = ClaimQuery(actor=actor, type=type, arrangement=arrangement, known_on=known_on)
    found = ledger.facts(query, accepted_only=accepted_only, examples=3)
    return page([views.fact_view(fact) for fact in found], limit, offset)


@router.get("/claims", tags=["evidence"])
def claims(
    ledger: LedgerDep,
    status: Annotated[ReviewStatus | None, Query()] = None,
    type: Annotated[ClaimType | None, Query()] = None,
    actor: Filter = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Claims with their evidence, newest known first; ``status=proposed`` is the review
    queue. ``total`` is null here (counting would read the whole ledger): follow
    ``next_offset`` until it is null."""
    _actor(actor, "actor")
    query = ClaimQuery(status=status, type=type, actor=actor, limit=limit + 1, offset=offset)
    found = ledger.claims(query)
    items = [views.claim_view(claim) for claim in found[:limit]]
    return page_body(items, total=None, limit=limit, offset=offset, more=len(found) > limit)


@router.get("/claims/{claim_id}", tags=["evidence"])
def claim(ledger: LedgerDep, claim_id: Annotated[str, Path(max_length=64)]) -> dict[str, Any]:
    """One claim with its evidence and review history."""
    found = views.claim_view(ledger.claim(claim_id))
    found["history"] = [plain_row(review) for review in ledger.history(claim_id)]
    return found


@router.get("/documents/{document_id}", tags=["evidence"])
def document(ledger: LedgerDep, document_id: Annotated[str, Path(max_length=64)]) -> dict[str, Any]:
    """A stored document (its text is what evidence offsets index into)."""
    return views.document_view(ledger.document(document_id))


TEXT_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
"""Control characters a text may not hold: all of C0 but tab, line feed and carriage return."""


def _printable(value: str | None, controls: re.Pattern[str]) -> str | None:
    """``value``, or ValueError naming its first control character (NUL never reaches the
    ledger: PostgreSQL cannot store it)."""
    found = controls.search(value) if value is not None else None
    if found is not None:
        fix = (
            "a text may hold tabs and line breaks, no other control character"
            if controls is TEXT_CONTROLS
            else "send printable text"
        )
        raise ValueError(
            f"holds a control character (U+{ord(found.group()):04X}) at character "
            f"{found.start()}: {fix}"
        )
    return value


MAX_TEXT = 200_000
"""Characters of article text one request may send (a long article is 30,000); the library and
`pactwatch ingest` read longer texts, outside any request."""


class Article(BaseModel):
    """An article to read: its text, where it comes from, when it was published."""

    text: str = Field(
        min_length=1, description=f"At most {MAX_TEXT:,} characters (413 beyond: use the CLI)."
    )
    url: str | None = Field(default=None, max_length=2000)
    title: str | None = Field(default=None, max_length=1000)
    publisher: str | None = Field(default=None, max_length=200)
    published: str | None = Field(default=None, max_length=40, description="YYYY-MM-DD")

    @field_validator("text", "title")
    @classmethod
    def _text(cls, value: str | None) -> str | None:
        return _printable(value, TEXT_CONTROLS)

    @field_validator("url", "publisher", "published")
    @classmethod
    def _one_line(cls, value: str | None) -> str | None:
        return _printable(value, CONTROL)

    @field_validator("published")
    @classmethod
    def _a_date(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                dt.date.fromisoformat(value[:10])
            except ValueError:
                raise ValueError(f"{value!r} is not a date: write YYYY-MM-DD") from None
        return value


@router.post("/documents", status_code=201, tags=["writes"], responses=WRITE_ERRORS)
def ingest(ledger: LedgerDep, article: Annotated[Article, Body()], _: Editor) -> dict[str, Any]:
    """Read a posted article, extract its claims and store both (editor token). A text over
    200,000 characters is refused (413): `pactwatch ingest` reads longer ones."""
    if len(article.text) > MAX_TEXT:
        raise HTTPException(
            413,
            f"text: {len(article.text):,} characters; a request may send at most {MAX_TEXT:,}: "
            "ingest longer texts with `pactwatch ingest FILE`.",
        )
    record = article.model_dump(exclude_none=True)
    done = ingest_record(ledger, record, where=article.url or "posted article")
    if isinstance(done, Rejected):
        raise FieldError(f"{done.reason}.", "text")
    return {
        "document": done.document.id,
        "claims": [views.claim_view(claim) for claim in done.claims],
    }


class Verdict(BaseModel):
    """A review decision."""

    decision: Literal["accept", "reject"]
    note: str = Field(default="", max_length=2000)
    reviewer: str = Field(default="web", min_length=1, max_length=200)

    @field_validator("note")
    @classmethod
    def _text(cls, value: str) -> str:
        _printable(value, TEXT_CONTROLS)
        return value

    @field_validator("reviewer")
    @classmethod
    def _one_line(cls, value: str) -> str:
        _printable(value, CONTROL)
        return value


@router.post("/claims/{claim_id}/review", tags=["writes"], responses=WRITE_ERRORS)
def review(
    ledger: LedgerDep,
    claim_id: Annotated[str, Path(max_length=64)],
    verdict: Annotated[Verdict, Body()],
    _: Editor,
) -> dict[str, Any]:
    """Accept or reject a claim (editor token); earlier decisions stay in its history."""
    try:
        done = ledger.review(
            claim_id, Decision(verdict.decision), reviewer=verdict.reviewer, note=verdict.note
        )
    except ClaimNotFoundError:
        raise
    except InputError as error:
        raise FieldError(str(error), "decision") from error
    return {"claim": claim_id, "review": plain_row(done)}
