"""A page of commitments is the same slice of the rows that reasoning over every commitment
fact gives, and its total counts them all, whatever the filters, day, sources and reviews:
paging decodes only the page, so it must sort and count the facts before decoding them."""

from __future__ import annotations

import dataclasses
import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pactwatch.api import Ledger
from pactwatch.model import (
    CitationEvidence,
    ClaimWithReviews,
    CommitmentClaim,
    Decision,
    Document,
)
from pactwatch.reason import (
    commitment_facts,
    commitment_rows,
    commitments_page,
    coverage,
    coverage_of,
)
from pactwatch.store import init_ledger
from tests import strategies
from tests.reason.test_facts_in_the_ledger import reported

FILTERS = ["none", "guarantor", "beneficiary", "both", "category"]
WINDOW = st.dates(dt.date(2024, 1, 1), dt.date(2026, 12, 31))


@st.composite
def pledges(draw: st.DrawFn) -> list[Document | ClaimWithReviews]:
    """Several commitments among a few states over three years, reported by sources published
    in the same years (so that some start, or become known, after the day asked about), some
    reported again, besides what ``reported`` makes."""
    found: list[Document | ClaimWithReviews] = list(draw(reported()))
    for _ in range(draw(st.integers(3, 12))):
        claim = draw(
            strategies.commitments(
                st.builds(
                    CitationEvidence,
                    url=st.from_regex(r"https://example\.org/p[a-z0-9]{1,6}", fullmatch=True),
                    note=st.just("Our own note."),
                    published=st.none() | WINDOW,
                )
            )
        )
        claim = dataclasses.replace(
            claim,
            id="",
            guarantor=draw(st.sampled_from(["CAN", "FRA", "ITA"])),
            beneficiary=draw(st.sampled_from(["UKR", "MDA"])),
            start=draw(st.none() | WINDOW),
            end=None,
        )
        found.append(ClaimWithReviews(claim))
    return found


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    contents=pledges(),
    day=WINDOW,
    known_on=st.none() | WINDOW,
    limit=st.integers(1, 4),
    offset=st.integers(0, 5),
    chosen=st.sampled_from(FILTERS),
    pick=st.integers(0, 100),
)
def test_a_page_is_the_slice_of_all_rows_and_counts_them_all(
    contents: list[Document | ClaimWithReviews],
    day: dt.date,
    known_on: dt.date | None,
    limit: int,
    offset: int,
    chosen: str,
    pick: int,
) -> None:
    pledged = [
        item.claim
        for item in contents
        if isinstance(item, ClaimWithReviews)
        if isinstance(item.claim, CommitmentClaim)
    ]
    filters: dict[str, str] = {}
    if pledged:
        claim = pledged[pick % len(pledged)]
        if chosen in ("guarantor", "both"):
            filters["guarantor"] = claim.guarantor
        if chosen in ("beneficiary", "both"):
            filters["beneficiary"] = claim.beneficiary
        if chosen == "category":
            filters["category"] = str(claim.category)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pages.db"
        init_ledger(path)
        with Ledger.open(path) as ledger:
            ledger.add(contents)
            if pledged:
                ledger.review(pledged[0].id, Decision.REJECT, reviewer="test")
            every = commitment_rows(
                ledger,
                commitment_facts(ledger, known_on=known_on, **filters),
                as_of=day,
                known_on=known_on,
            )
            page = commitments_page(
                ledger, as_of=day, known_on=known_on, limit=limit, offset=offset, **filters
            )
            assert page.total == len(every)
            assert list(page.rows) == every[offset : offset + limit]
            whole = commitments_page(ledger, as_of=day, known_on=known_on, **filters)
            assert list(whole.rows) == every
            if "beneficiary" in filters and chosen == "beneficiary":  # read without sources
                matrix = coverage(ledger, filters["beneficiary"], as_of=day, known_on=known_on)
                assert matrix == coverage_of(every, filters["beneficiary"], day)
