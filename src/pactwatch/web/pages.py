"""The dashboard: server-rendered pages over the same library calls as the API.

Every page works with no network (assets under /static, the map drawn from geometry shipped
in the package) and escapes all text it shows, article text included.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from importlib import resources
from typing import Annotated, Any

import jinja2
from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse

from pactwatch import __version__
from pactwatch.model import ReviewStatus, SpanEvidence
from pactwatch.reason import PRECEDENCE, State, describe, value_text
from pactwatch.reference import load_catalog
from pactwatch.report.svg import timeline_svg
from pactwatch.store import ClaimQuery
from pactwatch.web.deps import AsOf, KnownOn, LedgerDep, scenario
from pactwatch.web.views import claim_view

router = APIRouter(include_in_schema=False)
ROLES = ("beneficiary", "guarantor", "member")
"""The role a country is coloured by when it has several, first first."""
STATES = [str(state) for state in PRECEDENCE]
DateText = Annotated[str | None, Query(max_length=40)]


@cache
def _environment() -> jinja2.Environment:
    folder = resources.files("pactwatch.web") / "templates"
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.globals |= {"version": __version__, "states": STATES}
    return environment


def render(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    catalog = load_catalog()
    context.setdefault("names", {key: actor.name for key, actor in catalog.actors.items()})
    html = _environment().get_template(name).render(**context)
    return HTMLResponse(html, status_code=status)


@cache
def world() -> dict[str, Any]:
    """Country outlines (ISO alpha-3 -> SVG path), shipped with the package."""
    text = (resources.files("pactwatch.web") / "data" / "world.json").read_text("utf-8")
    found: dict[str, Any] = json.loads(text)
    return found


def _day(value: dt.date | None) -> dt.date:
    return value or dt.date.today()


@router.get("/", response_class=HTMLResponse)
def overview(ledger: LedgerDep, as_of: AsOf = None, known_on: KnownOn = None) -> HTMLResponse:
    day = _day(as_of)
    roles = ledger.roles_on(day, known_on=known_on)
    shapes = world()
    countries = []
    for code, shape in sorted(shapes["countries"].items()):
        held = roles.get(code, set())
        shown = next((role for role in ROLES if role in held), "none")
        title = shape["name"] + (": " + ", ".join(r for r in ROLES if r in held) if held else "")
        countries.append({"code": code, "path": shape["path"], "role": shown, "title": title})
    counts = {role: sum(1 for held in roles.values() if role in held) for role in ROLES}
    catalog = load_catalog()
    return render(
        "overview.html",
        day=day,
        known_on=known_on,
        view_box=shapes["viewBox"],
        countries=countries,
        counts=counts,
        roles=ROLES,
        arrangements=sorted(catalog.arrangements.values(), key=lambda a: a.name),
        listed=sorted(
            (code for code, held in roles.items() if held),
            key=lambda code: catalog.actors[code].name if code in catalog.actors else code,
        ),
        held=roles,
    )


@router.get("/arrangements/{arrangement_id}", response_class=HTMLResponse)
def arrangement(
    ledger: LedgerDep, arrangement_id: str, as_of: AsOf = None, known_on: KnownOn = None
) -> HTMLResponse:
    found = load_catalog().arrangement(arrangement_id, field_name="arrangement_id")
    day = _day(as_of)
    members = ledger.roster(arrangement_id, as_of=day, known_on=known_on)
    events = ledger.arrangement_history(found.id, known_on=known_on)
    return render(
        "arrangement.html",
        arrangement=found,
        day=day,
        known_on=known_on,
        members=members,
        chart=timeline_svg(events, link=_evidence_of),
        events=events,
    )


@router.get("/coverage/{beneficiary}", response_class=HTMLResponse)
def coverage(
    ledger: LedgerDep,
    beneficiary: str,
    as_of: AsOf = None,
    known_on: KnownOn = None,
    scenario_text: Annotated[str | None, Query(alias="scenario", max_length=2000)] = None,
) -> HTMLResponse:
    actor = load_catalog().actor(beneficiary, field_name="beneficiary")
    day = _day(as_of)
    found = ledger.coverage(
        beneficiary, as_of=day, known_on=known_on, scenario=scenario(scenario_text)
    )
    return render(
        "coverage.html",
        actor=actor,
        day=day,
        known_on=known_on,
        coverage=found,
        scenario=scenario_text or "",
    )


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor(
    ledger: LedgerDep, actor_id: str, as_of: AsOf = None, known_on: KnownOn = None
) -> HTMLResponse:
    found = load_catalog().actor(actor_id, field_name="actor_id")
    day = _day(as_of)
    given = ledger.commitments(guarantor=actor_id, as_of=day, known_on=known_on)
    received = ledger.commitments(beneficiary=actor_id, as_of=day, known_on=known_on)
    return render(
        "actor.html", actor=found, day=day, known_on=known_on, given=given, received=received
    )


@router.get("/evidence/{claim_id}", response_class=HTMLResponse)
def evidence(ledger: LedgerDep, claim_id: str) -> HTMLResponse:
    claim = ledger.claim(claim_id)
    shown = []
    for item in claim.evidence:
        if isinstance(item, SpanEvidence):
            document = ledger.document(item.document)
            text = document.text
            shown.append(
                {
                    "document": document,
                    "before": text[: item.start],
                    "sentence": text[item.start : item.end],
                    "after": text[item.end :],
                }
            )
        else:
            shown.append({"document": None, "citation": item})
    return render(
        "evidence.html",
        claim=claim,
        view=claim_view(claim),
        shown=shown,
        history=ledger.history(claim_id),
    )


@router.get("/conflicts", response_class=HTMLResponse)
def conflicts(
    ledger: LedgerDep,
    subject: Annotated[str | None, Query(max_length=100)] = None,
    arrangement: Annotated[str | None, Query(max_length=100)] = None,
    known_on: KnownOn = None,
) -> HTMLResponse:
    """Facts whose sources disagree, each side with its value, sources and evidence (the
    page a roster's "sources disagree" badge links to)."""
    catalog = load_catalog()
    if subject:
        catalog.actor(subject, field_name="subject")
    under = catalog.arrangement(arrangement, field_name="arrangement") if arrangement else None
    found = ledger.conflicts(known_on=known_on, subject=subject or None)
    facts = list({fact.key: fact for fact, _ in found}.values())
    if under is not None:
        facts = [fact for fact in facts if getattr(fact.claim, "arrangement", None) == under.id]
    rows = [
        {
            "fact": fact,
            "summary": describe(fact),
            "conflicts": [
                (conflict.field, [(value_text(side.value), side) for side in conflict.sides])
                for conflict in fact.conflicts
            ],
        }
        for fact in facts
    ]
    return render(
        "conflicts.html",
        subject=subject or "",
        arrangement=under,
        known_on=known_on,
        rows=rows,
    )


def _evidence_of(claim_id: str) -> str:
    """The evidence page of the claim a fact shows (a timeline dot's link)."""
    return f"/evidence/{claim_id}"


@router.get("/scenario", response_class=HTMLResponse)
def scenario_page(
    ledger: LedgerDep,
    beneficiary: Annotated[str, Query(max_length=100)] = "UKR",
    guarantor: Annotated[str | None, Query(max_length=100)] = None,
    peace_agreement: DateText = None,
    ceasefire: DateText = None,
    armed_attack: DateText = None,
    as_of: AsOf = None,
) -> HTMLResponse:
    guarantor = guarantor or None
    events = {
        "peace_agreement": peace_agreement,
        "ceasefire": ceasefire,
        "armed_attack": armed_attack,
    }
    text = ",".join(f"{kind}={day}" for kind, day in events.items() if day)
    chosen = scenario(text)
    day = _day(as_of)
    catalog = load_catalog()
    catalog.actor(beneficiary, field_name="beneficiary")
    if guarantor:
        catalog.actor(guarantor, field_name="guarantor")
    before = {
        row.id: row
        for row in ledger.commitments(beneficiary=beneficiary, guarantor=guarantor, as_of=day)
    }
    after = ledger.commitments(
        beneficiary=beneficiary, guarantor=guarantor, as_of=day, scenario=chosen
    )
    rows = [(before.get(row.id), row) for row in after]
    changed = sum(1 for old, new in rows if old is None or old.status is not new.status)
    return render(
        "scenario.html",
        beneficiary=beneficiary,
        guarantor=guarantor or "",
        events=events,
        day=day,
        text=text,
        rows=rows,
        changed=changed,
        duties=[duty for row in after for duty in row.duties],
        active=State.ACTIVE,
    )


@router.get("/review", response_class=HTMLResponse)
def review(
    ledger: LedgerDep,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> HTMLResponse:
    page_size = 50
    queue = ledger.claims(ClaimQuery(status=ReviewStatus.PROPOSED, limit=page_size, offset=offset))
    return render(
        "review.html",
        claims=[claim_view(c) for c in queue],
        undecided=ledger.undecided([c.id for c in queue]),
        offset=offset,
        size=page_size,
    )


def error_page(status: int, message: str, suggestions: list[str]) -> HTMLResponse:
    """The page shown instead of the JSON error when a dashboard page fails."""
    return render("error.html", status, code=status, message=message, suggestions=suggestions)
