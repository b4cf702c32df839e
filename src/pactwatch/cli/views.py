"""Rows for people: claims, members and actors in words, names beside ids."""

from __future__ import annotations

from typing import Any

from pactwatch.model import (
    AgreementClaim,
    CitationEvidence,
    Claim,
    CommitmentClaim,
    ConditionKind,
    MeetingClaim,
    MembershipClaim,
)
from pactwatch.reason import Member
from pactwatch.reference import Catalog, Resolution

CLAIM_COLUMNS = ("id", "type", "status", "date", "who", "what", "condition")
MEMBER_COLUMNS = ("actor", "name", "since", "action", "place", "events", "disagree", "claims")
ACTOR_COLUMNS = ("id", "kind", "name", "matched", "via", "office", "represents")


def name_of(actor_id: str, catalog: Catalog) -> str:
    actor = catalog.actors.get(actor_id)
    return actor.name if actor else actor_id


def claim_row(claim: Claim, catalog: Catalog) -> dict[str, Any]:
    """A claim in a few readable columns."""
    start, _ = claim.valid_span()
    evidence = claim.evidence[0]
    source = (
        evidence.url
        if isinstance(evidence, CitationEvidence)
        else f"doc {evidence.document[:10]} @{evidence.start}"
    )
    row = {
        "id": claim.id,
        "type": str(claim.type),
        "status": str(claim.status),
        "date": start.isoformat() if start else "",
        "source": source,
        "condition": "",
    }
    row.update(_describe(claim, catalog))
    return row


def _describe(claim: Claim, catalog: Catalog) -> dict[str, str]:
    if isinstance(claim, MembershipClaim):
        where = f" in {claim.place}" if claim.place else ""
        return {
            "who": name_of(claim.actor, catalog),
            "what": f"{claim.action} {name_of_arrangement(claim.arrangement, catalog)}{where}",
        }
    if isinstance(claim, CommitmentClaim):
        return _describe_commitment(claim, catalog)
    if isinstance(claim, AgreementClaim):
        parties = ", ".join(name_of(p, catalog) for p in claim.parties)
        length = (
            f", {claim.duration.years} years" if claim.duration and claim.duration.years else ""
        )
        return {
            "who": parties,
            "what": f"{claim.kind}: {claim.name or claim.arrangement or ''}"
            f"{' in ' + claim.place if claim.place else ''}{length}",
        }
    assert isinstance(claim, MeetingClaim)
    return {
        "who": ", ".join(name_of(p, catalog) for p in claim.participants),
        "what": f"meeting{' in ' + claim.place if claim.place else ''}",
    }


def _describe_commitment(claim: CommitmentClaim, catalog: Catalog) -> dict[str, str]:
    what = f"{claim.category} to {name_of(claim.beneficiary, catalog)}"
    if claim.modality.value != "committed":
        what += f" ({claim.modality})"
    if claim.amount:
        what += f", {claim.amount.currency} {claim.amount.value:,.0f}"
    condition = ""
    if claim.condition.kind is not ConditionKind.NONE:
        condition = str(claim.condition.kind)
        if claim.condition.deadline_hours is not None:
            condition += f" (within {claim.condition.deadline_hours} h)"
    return {"who": name_of(claim.guarantor, catalog), "what": what, "condition": condition}


def name_of_arrangement(arrangement_id: str, catalog: Catalog) -> str:
    arrangement = catalog.arrangements.get(arrangement_id)
    return arrangement.name if arrangement else arrangement_id


def member_row(member: Member, catalog: Catalog) -> dict[str, Any]:
    """A roster row for a table or CSV: each event of the membership with its own place, and
    where the sources disagree, the command that shows how."""
    events = "; ".join(
        f"{event.date or 'undated'} {event.action}" + (f" ({event.place})" if event.place else "")
        for event in member.events
    )
    disagree = (
        f"{', '.join(member.conflicts)}: pactwatch conflicts --actor {member.actor}"
        if member.conflicts
        else ""
    )
    return {
        "actor": member.actor,
        "name": name_of(member.actor, catalog),
        "since": member.since.isoformat() if member.since else "",
        "action": str(member.action),
        "place": member.place or "",
        "events": events,
        "disagree": disagree,
        "claims": " ".join(member.claims),
    }


def member_record(member: Member, catalog: Catalog) -> dict[str, Any]:
    """A roster row for JSON: the events as objects, the disagreements as field names."""
    return {
        "actor": member.actor,
        "name": name_of(member.actor, catalog),
        "since": member.since.isoformat() if member.since else None,
        "action": str(member.action),
        "place": member.place,
        "events": [
            {
                "date": event.date.isoformat() if event.date else None,
                "action": str(event.action),
                "place": event.place,
                "claims": list(event.claims),
            }
            for event in member.events
        ],
        "conflicts": list(member.conflicts),
        "claims": list(member.claims),
    }


def actor_row(found: Resolution, catalog: Catalog) -> dict[str, Any]:
    office = found.office
    return {
        "id": found.actor.id,
        "kind": str(found.actor.kind),
        "name": found.actor.name,
        "matched": found.matched,
        "via": found.via,
        "office": f"{office.title} ({office.start}..{office.end or ''})" if office else "",
        "represents": f"{name_of(office.actor, catalog)} ({office.actor})" if office else "",
    }
