"""The commitment facts, the membership events and the arrangements' timeline events the
ledger keeps at write time (``commitment_facts``, ``roster_events``, ``timeline_events``) are
what the claims say: after any mix of writes
and reviews, and after the migrations that build them for an existing ledger, each kept
commitment fact equals the fact grouped again from the stored claims' sketches (the path
answers about an earlier knowledge date take) and, but for the day it became known, the fact
grouped from the claims in hand, and its lifecycle inputs (its guarantor's departure from its
arrangement, the terms of their signings) are what the claims say; a roster folded from the
kept events is the roster folded from every membership claim; an arrangement's history read
from its kept events is the history built from its facts."""

from __future__ import annotations

import dataclasses
import datetime as dt
import tempfile
from pathlib import Path

import pytest
from alembic import command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pactwatch.api import Ledger
from pactwatch.model import (
    AgreementClaim,
    ArrangementKind,
    Category,
    CitationEvidence,
    Claim,
    ClaimType,
    ClaimWithReviews,
    CommitmentClaim,
    Decision,
    Document,
    Duration,
    MembershipAction,
    MembershipClaim,
)
from pactwatch.model.commitment_facts import CommitmentFact
from pactwatch.reason import arrangement_history, commitment_facts, roster
from pactwatch.reason.facts import by_story, facts
from pactwatch.reason.lifecycle import as_commitment_fact
from pactwatch.store import ClaimQuery, init_ledger
from pactwatch.store.migrate import _config, make_engine, migrate
from tests import strategies
from tests.postgres import fresh_database
from tests.reason.test_commitment_pages import pledges


@st.composite
def pledges_and_their_inputs(draw: st.DrawFn) -> list[Document | ClaimWithReviews]:
    """``pledges`` with, for some commitments made under an arrangement, their guarantor's
    departure from it or an agreement of it the guarantor signed, at random places (so that a
    later write, or a review, changes the lifecycle inputs of facts written before)."""
    found = draw(pledges())
    pairs = sorted(
        {
            (item.claim.arrangement, item.claim.guarantor)
            for item in found
            if isinstance(item, ClaimWithReviews)
            and isinstance(item.claim, CommitmentClaim)
            and item.claim.arrangement is not None
        }
    )
    for arrangement, guarantor in pairs:
        extra: list[object] = []
        if draw(st.booleans()):
            extra.append(
                draw(
                    st.builds(
                        MembershipClaim,
                        actor=st.just(guarantor),
                        arrangement=st.just(arrangement),
                        action=st.just(MembershipAction.LEAVE),
                        date=st.none() | strategies.days,
                        **strategies.common(strategies.citations),
                    )
                )
            )
        if draw(st.booleans()):
            extra.append(
                draw(
                    st.builds(
                        AgreementClaim,
                        parties=st.just((guarantor, "UKR")),
                        kind=st.sampled_from(ArrangementKind),
                        arrangement=st.just(arrangement),
                        date=st.none() | strategies.days,
                        duration=st.none() | strategies.durations,
                        **strategies.common(strategies.citations),
                    )
                )
            )
        for claim in extra:
            found.insert(draw(st.integers(0, len(found))), ClaimWithReviews(claim))  # type: ignore[arg-type]
    return found


LATER = dt.date(9000, 1, 1)
"""A knowledge date after every write: the sketches path, reading all the ledger knows."""

Review = tuple[int, Decision]


def kept(ledger: Ledger) -> list[CommitmentFact]:
    found, total = ledger.reading.commitment_facts()
    assert total == len(found)
    return sorted(found, key=lambda fact: fact.fact)


def regrouped(ledger: Ledger) -> list[CommitmentFact]:
    """The commitment facts grouped again from the sketches, as known after every write."""
    found = commitment_facts(ledger, known_on=LATER)
    return sorted((as_commitment_fact(fact) for fact in found), key=lambda fact: fact.fact)


def in_hand(ledger: Ledger) -> list[CommitmentFact]:
    """The commitment facts of the stored claims grouped in Python (their review statuses as
    stored, sources counted by the ledger's stories), with no knowledge date."""
    stored = ledger.claims(ClaimQuery(type=ClaimType.COMMITMENT, include_rejected=True))
    grouped = facts(stored)
    anchors = {a[4:] for fact in grouped for a in fact.copies if a.startswith("doc:")}
    stories = ledger.reading.stories(sorted(anchors)) if anchors else {}
    found = [as_commitment_fact(by_story(fact, stories)) for fact in grouped]
    return sorted(
        (dataclasses.replace(fact, known_since=None) for fact in found), key=lambda f: f.fact
    )


def without_inputs(fact: CommitmentFact) -> CommitmentFact:
    return dataclasses.replace(fact, departed=None, signed=None, signed_years=None)


def inputs_of_claims(ledger: Ledger, fact: CommitmentFact) -> tuple[object, ...]:
    """The departure and term of a fact's guarantor and arrangement, read from the claims as
    a page about an earlier knowledge date reads them."""
    if fact.arrangement is None:
        return (None, None, None)
    pair = (fact.arrangement, fact.guarantor)
    left = ledger.reading.departures([fact.guarantor]).get((fact.guarantor, fact.arrangement))
    signed, years = ledger.reading.agreement_terms([pair]).get(pair, (None, None))
    return (left, signed, years)


def check(ledger: Ledger) -> None:
    rows = kept(ledger)
    assert [without_inputs(fact) for fact in rows] == regrouped(ledger)
    assert [
        dataclasses.replace(without_inputs(fact), known_since=None) for fact in rows
    ] == in_hand(ledger)
    for fact in rows:
        kept_inputs = (fact.departed, fact.signed, fact.signed_years)
        assert kept_inputs == inputs_of_claims(ledger, fact), fact.fact
    stored = ledger.claims(ClaimQuery(type=ClaimType.MEMBERSHIP, include_rejected=True))
    for arrangement in sorted({claim.arrangement for claim in stored}):  # type: ignore[attr-defined]
        for day in (None, dt.date(2025, 1, 1)):
            kept_roster = roster(ledger, arrangement, as_of=day)
            assert kept_roster == roster(ledger, arrangement, as_of=day, known_on=LATER)
    named = ledger.claims(ClaimQuery(include_rejected=True))
    for arrangement in sorted({getattr(c, "arrangement", None) or "" for c in named} - {""}):
        kept_history = arrangement_history(ledger, arrangement)
        assert kept_history == arrangement_history(ledger, arrangement, known_on=LATER)
    for day in (dt.date(2020, 1, 1), dt.date(2025, 1, 1), dt.date(2027, 1, 1)):
        assert ledger.roles_on(day) == ledger.roles_on(day, known_on=LATER), day


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)
@given(
    contents=pledges_and_their_inputs(),
    cuts=st.lists(st.integers(0, 60), max_size=3),
    reviews=st.lists(st.tuples(st.integers(0, 100), st.sampled_from(list(Decision))), max_size=4),
)
def test_kept_rows_are_what_the_claims_say_after_writes_reviews_and_migration(
    backend: str,
    request: pytest.FixtureRequest,
    contents: list[Document | ClaimWithReviews],
    cuts: list[int],
    reviews: list[Review],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        if backend == "sqlite":
            url = f"sqlite:///{Path(folder) / 'kept.db'}"
        else:
            url = fresh_database(request.getfixturevalue("postgres_admin_url"))
        init_ledger(url)
        claimed = [item.claim for item in contents if isinstance(item, ClaimWithReviews)]
        with Ledger.open(url) as ledger:
            start = 0
            for cut in [*sorted({min(cut, len(contents)) for cut in cuts}), len(contents)]:
                ledger.add(contents[start:cut])  # documents come before the claims citing them
                start = cut
                check(ledger)
            for index, decision in reviews:  # commitments, departures, signings...
                if claimed:
                    ledger.review(claimed[index % len(claimed)].id, decision, reviewer="test")
                    check(ledger)
            before = kept(ledger)
        engine = make_engine(url, must_exist=True)
        with engine.begin() as connection:
            command.downgrade(_config(connection), "0016")  # before every kept table
        migrate(engine)
        engine.dispose()
        with Ledger.open(url) as ledger:
            assert kept(ledger) == before  # migration 0022 fills the inputs as writes did
            check(ledger)


EVIDENCE = (CitationEvidence(url="https://example.org/inputs", note="Our own note."),)


def _claim(claim: Claim) -> ClaimWithReviews:
    return ClaimWithReviews(claim)


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_a_later_departure_signing_or_review_reaches_the_facts_written_before(
    backend: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'inputs.db'}"
    if backend == "postgresql":
        url = fresh_database(request.getfixturevalue("postgres_admin_url"))
    init_ledger(url)
    arrangement = "coalition-of-the-willing"
    pledge = CommitmentClaim(
        guarantor="CAN",
        beneficiary="UKR",
        category=Category.MILITARY_TRAINING,
        arrangement=arrangement,
        evidence=EVIDENCE,
    )
    leave = MembershipClaim(
        actor="CAN",
        arrangement=arrangement,
        action=MembershipAction.LEAVE,
        date=dt.date(2026, 3, 1),
        evidence=EVIDENCE,
    )
    signing = AgreementClaim(
        parties=("CAN", "UKR"),
        kind=ArrangementKind.BILATERAL_SECURITY_AGREEMENT,
        arrangement=arrangement,
        date=dt.date(2025, 2, 1),
        duration=Duration(years=10),
        evidence=EVIDENCE,
    )
    with Ledger.open(url) as ledger:
        ledger.add([_claim(pledge)])
        assert [(f.departed, f.signed, f.signed_years) for f in kept(ledger)] == [(None,) * 3]
        ledger.add([_claim(leave), _claim(signing)])
        (fact,) = kept(ledger)
        assert (fact.departed, fact.signed, fact.signed_years) == (
            dt.date(2026, 3, 1),
            dt.date(2025, 2, 1),
            10,
        )
        ledger.review(leave.id, Decision.REJECT, reviewer="test")
        ledger.review(signing.id, Decision.REJECT, reviewer="test")
        assert [(f.departed, f.signed, f.signed_years) for f in kept(ledger)] == [(None,) * 3]
        ledger.review(signing.id, Decision.ACCEPT, reviewer="test")
        (fact,) = kept(ledger)
        assert (fact.departed, fact.signed, fact.signed_years) == (None, dt.date(2025, 2, 1), 10)
        check(ledger)
