"""Reference data: states, organisations, people with their offices, arrangements.

Packaged CSV files, validated on load; every row cites the URL of its fact.
"""

from pactwatch.reference.catalog import Alias, Catalog, load_catalog
from pactwatch.reference.parties import REFERENCE_PRODUCER, party_claims
from pactwatch.reference.resolve import Resolution, normalise, resolve

__all__ = [
    "REFERENCE_PRODUCER",
    "Alias",
    "Catalog",
    "Resolution",
    "load_catalog",
    "normalise",
    "party_claims",
    "resolve",
]
