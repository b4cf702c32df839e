"""The HTML report: one self-contained file (styles and charts inline, no script, no network)
with the roster of each arrangement, commitments and their states, coverage matrices, a
timeline chart, conflicts, and every fact's evidence, each row linked to it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from pactwatch.api import Ledger
from pactwatch.errors import InputError
from pactwatch.model import CitationEvidence, Document, MembershipClaim, SpanEvidence
from pactwatch.reason import (
    Fact,
    Member,
    Scenario,
    commitment_rows,
    coverage_of,
    describe,
    fact_date,
    timeline_of,
)
from pactwatch.reference import load_catalog
from pactwatch.report.svg import COLOURS, timeline_svg
from pactwatch.store import ClaimQuery

__all__ = ["Written", "write_report"]


@dataclass(frozen=True, slots=True)
class Written:
    """What a report holds and how big it is."""

    facts: int
    bytes: int


def write_report(
    ledger: Ledger,
    out: Path,
    *,
    as_of: dt.date | None = None,
    known_on: dt.date | None = None,
    scenario: Scenario | None = None,
    beneficiary: str | None = None,
) -> Written:
    """Render the report of the ledger as of a date, under a scenario, to ``out``."""
    html = render_report(
        ledger, as_of=as_of, known_on=known_on, scenario=scenario, beneficiary=beneficiary
    )
    try:
        out.write_text(html, encoding="utf-8")
    except OSError as error:
        raise InputError(f"Cannot write {out}: {error.strerror}; choose another --out.") from None
    return Written(facts=html.count('class="fact"'), bytes=len(html.encode("utf-8")))


def render_report(
    ledger: Ledger,
    *,
    as_of: dt.date | None = None,
    known_on: dt.date | None = None,
    scenario: Scenario | None = None,
    beneficiary: str | None = None,
) -> str:
    """The report as an HTML string: everything about ``beneficiary`` (default: the whole
    ledger), as of a day, as known on a day, under a scenario."""
    day = as_of or dt.date.today()
    scenario = scenario or Scenario()
    catalog = load_catalog()
    shown = ledger.facts(ClaimQuery(actor=beneficiary, known_on=known_on), examples=EVIDENCE_SHOWN)
    commitments = commitment_rows(
        ledger,
        [f for f in shown if beneficiary in (None, getattr(f.claim, "beneficiary", None))],
        as_of=day,
        known_on=known_on,
        scenario=scenario,
    )
    arrangements = sorted(
        {f.claim.arrangement for f in shown if isinstance(f.claim, MembershipClaim)}
        | {row.arrangement for row in commitments if row.arrangement}
    )
    wanted = [
        item.document
        for fact in shown
        for item in _first_evidence(fact)
        if isinstance(item, SpanEvidence)
    ]
    documents = ledger.documents_by_id(wanted)
    anchors = {fact.id for fact in shown}
    context = {
        "day": day,
        "known_on": known_on,
        "scenario": scenario.text(),
        "generated": dt.date.today(),
        "names": {actor: item.name for actor, item in catalog.actors.items()},
        "arrangement_names": {a: item.name for a, item in catalog.arrangements.items()},
        "rosters": [
            (a, [_member_view(m, anchors) for m in members])
            for a in arrangements
            if (members := ledger.roster(a, as_of=day, known_on=known_on))
        ],
        "commitments": commitments,
        "coverages": [
            coverage_of(commitments, b, day, scenario.text())
            for b in sorted({row.beneficiary for row in commitments})
        ],
        "chart": timeline_svg(timeline_of(shown, scenario)),
        "colours": COLOURS,
        "conflicts": [(fact, conflict) for fact in shown for conflict in fact.conflicts],
        "facts": [_fact_view(fact, documents) for fact in shown],
    }
    return _template().render(**context)


EVIDENCE_SHOWN = 3
"""Sentences shown per fact (the count of all its sources is shown beside them)."""


def _member_view(member: Member, anchors: set[str]) -> dict[str, Any]:
    """A roster row: links to the facts of the page behind it (at most a few), and how many
    claims there are in all."""
    linked = [claim for claim in member.claims if claim in anchors][:EVIDENCE_SHOWN]
    return {"member": member, "links": linked, "claims": len(member.claims)}


def _first_evidence(fact: Fact) -> list[Any]:
    return [item for claim in fact.examples for item in claim.evidence][:EVIDENCE_SHOWN]


@cache
def _template() -> jinja2.Template:
    """The report's template, compiled once per process (compiling takes 70 ms)."""
    text = (resources.files("pactwatch.report") / "templates" / "report.html").read_text(
        encoding="utf-8"
    )
    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    return environment.from_string(text)


def _fact_view(fact: Fact, documents: dict[str, Document]) -> dict[str, Any]:
    evidence: list[dict[str, Any]] = []
    for item in _first_evidence(fact):
        if isinstance(item, CitationEvidence):
            evidence.append({"text": item.note, "source": item.url, "url": item.url, "span": None})
            continue
        document = documents.get(item.document)
        source = document.source if document else item.document
        title = document.title if document and document.title else source
        link = source if source.startswith(("http://", "https://")) else ""
        span = (item.start, item.end)
        evidence.append({"text": item.text, "source": title, "url": link, "span": span})
    return {
        "id": fact.id,
        "type": str(fact.type),
        "date": fact_date(fact),
        "summary": describe(fact),
        "review": str(fact.status),
        "sources": len(fact.sources),
        "claims": fact.claim_ids,
        "evidence": evidence,
    }
