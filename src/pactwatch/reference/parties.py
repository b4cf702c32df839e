"""The reference parties of arrangements, as membership claims a ledger can hold."""

from __future__ import annotations

from pactwatch.model import CitationEvidence, MembershipClaim
from pactwatch.reference.catalog import Catalog, load_catalog

REFERENCE_PRODUCER = "reference:pactwatch"


def party_claims(catalog: Catalog | None = None) -> list[MembershipClaim]:
    """One membership claim per row of arrangement_parties.csv, citing the row's source."""
    catalog = catalog or load_catalog()
    claims = []
    for party in catalog.parties:
        arrangement = catalog.arrangements[party.arrangement]
        note = (
            f"{catalog.actors[party.actor].name} {party.action}s {arrangement.name} "
            f"on {party.date.isoformat()} (pactwatch reference data)."
        )
        claims.append(
            MembershipClaim(
                actor=party.actor,
                arrangement=party.arrangement,
                action=party.action,
                date=party.date,
                place=None,
                producer=REFERENCE_PRODUCER,
                evidence=(
                    CitationEvidence(url=party.source, note=note, published=party.published),
                ),
            )
        )
    return claims
