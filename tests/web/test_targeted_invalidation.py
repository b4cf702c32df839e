"""A write drops only the cached answers that depend on what it touched, and a kept answer is
always the answer the ledger gives now: the app with its cache answers every read exactly as the
app without one, after any mix of writes and reviews made by another connection."""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pactwatch.api import Ledger
from pactwatch.errors import PactwatchError
from pactwatch.model import (
    AgreementClaim,
    ArrangementKind,
    Claim,
    Decision,
    Duration,
    MembershipAction,
)
from pactwatch.store import init_ledger
from pactwatch.store.changes import recording
from pactwatch.web.app import CACHE_BYTES, create_app
from pactwatch.web.cache import POLL_SECONDS
from tests.conftest import citation, seed_commitment, seed_membership
from tests.postgres import fresh_database

COALITION = "coalition-of-the-willing"
GUARANTORS = ["CAN", "FRA", "ITA", "DEU"]
DAY = "as_of=2026-06-01"
READS = [
    f"/api/commitments?guarantor=CAN&{DAY}",
    f"/api/commitments?guarantor=ITA&{DAY}&scenario=peace_agreement=2026-03-01",
    f"/api/commitments?beneficiary=UKR&{DAY}&limit=2",
    f"/api/coverage/UKR?{DAY}&scenario=peace_agreement=2026-03-01",
    f"/api/coverage/MDA?{DAY}",
    f"/api/arrangements/{COALITION}/roster?{DAY}",
    "/api/arrangements/paris-declaration-2026/roster",
    "/api/timeline/FRA",
    f"/api/timeline/{COALITION}",
    "/api/facts?actor=DEU",
    f"/api/facts?arrangement={COALITION}",
    "/api/facts?arrangement=paris-declaration-2026&type=commitment",
    "/api/claims?actor=CAN",
    "/api/conflicts",
    "/api/actors/ITA",
    f"/coverage/UKR?{DAY}",
    "/actors/CAN?as_of=2026-06-01",
    f"/arrangements/{COALITION}?{DAY}",
    f"/scenario?beneficiary=UKR&guarantor=CAN&peace_agreement=2026-03-01&{DAY}",
]


@dataclass
class Apps:
    db: str
    cached: TestClient
    plain: TestClient


@contextmanager
def apps(postgres_admin: str | None = None) -> Iterator[Apps]:
    """The app with its cache and without one, over one new ledger (SQLite, or a new
    PostgreSQL database on the server at ``postgres_admin``)."""
    with tempfile.TemporaryDirectory() as folder:
        db = fresh_database(postgres_admin) if postgres_admin else str(Path(folder) / "ledger.db")
        init_ledger(db)
        with (
            TestClient(create_app(db, cache_bytes=CACHE_BYTES)) as cached,
            TestClient(create_app(db, cache_bytes=0)) as plain,
        ):
            yield Apps(db, cached, plain)


def commitment(guarantor: str, beneficiary: str, arrangement: str | None, source: int) -> Claim:
    return seed_commitment(
        "intelligence_sharing" if source % 2 else "military_training",
        guarantor=guarantor,
        beneficiary=beneficiary,
        arrangement=arrangement,
        start=dt.date(2026, 1, 1) + dt.timedelta(days=source),
        evidence=(citation(url=f"https://example.org/our-words/{source}"),),
    )


def membership(actor: str, arrangement: str, leave: bool, source: int) -> Claim:
    return seed_membership(
        actor=actor,
        arrangement=arrangement,
        action=MembershipAction.LEAVE if leave else MembershipAction.JOIN,
        date=dt.date(2026, 1, 1) + dt.timedelta(days=source * 7),
        evidence=(citation(url=f"https://example.org/our-words/m{source}"),),
    )


def agreement(party: str, source: int) -> Claim:
    return AgreementClaim(
        parties=("UKR", party),
        kind=ArrangementKind.BILATERAL_SECURITY_AGREEMENT,
        arrangement=COALITION if source % 3 == 0 else None,
        date=dt.date(2025, 12, 1) + dt.timedelta(days=source * 11),
        duration=Duration(years=10),
        evidence=(citation(url=f"https://example.org/our-words/a{source}"),),
    )


sources = st.integers(min_value=0, max_value=40)
guarantors = st.sampled_from(GUARANTORS)
writes = st.one_of(
    st.builds(
        commitment,
        guarantors,
        st.sampled_from(["UKR", "MDA"]),
        st.sampled_from([COALITION, None, "paris-declaration-2026"]),
        sources,
    ),
    st.builds(
        membership,
        guarantors,
        st.sampled_from([COALITION, "paris-declaration-2026"]),
        st.booleans(),
        sources,
    ),
    st.builds(agreement, guarantors, sources),
    st.tuples(st.sampled_from(list(Decision)), st.integers(min_value=0)),  # review a claim
)


def apply(db: str, write: Claim | tuple[Decision, int]) -> None:
    """One write from another connection (as another process would make it)."""
    with Ledger.open(db) as ledger:
        if isinstance(write, tuple):
            decision, pick = write
            stored = ledger.claims()
            if stored:
                claim = stored[pick % len(stored)]
                ledger.review(claim.id, decision, reviewer="tests")
        else:
            ledger.add_claims([write])


def check_reads(
    both: Apps, first: list[Claim | tuple[Decision, int]], then: list[Claim | tuple[Decision, int]]
) -> None:
    for write in first:
        apply(both.db, write)
    time.sleep(POLL_SECONDS * 1.5)
    for path in READS:  # fill the cache
        assert both.cached.get(path).status_code == 200, path
    for write in then:
        apply(both.db, write)
        time.sleep(POLL_SECONDS * 1.5)  # another process's write shows after the poll
        for path in READS:
            kept, fresh = both.cached.get(path), both.plain.get(path)
            assert kept.status_code == fresh.status_code == 200, path
            assert kept.content == fresh.content, f"{path} after {write!r}"


SLOW = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
first_writes = st.lists(writes, min_size=1, max_size=4)
then_writes = st.lists(writes, max_size=6)


@settings(max_examples=12, deadline=None, suppress_health_check=SLOW)
@given(first=first_writes, then=then_writes)
def test_the_cached_app_answers_every_read_as_the_uncached_one(
    first: list[Claim | tuple[Decision, int]], then: list[Claim | tuple[Decision, int]]
) -> None:
    with apps() as both:
        check_reads(both, first, then)


@pytest.mark.postgres
@settings(max_examples=5, deadline=None, suppress_health_check=SLOW)
@given(first=first_writes, then=then_writes)
def test_the_same_on_postgresql(
    postgres_admin_url: str,
    first: list[Claim | tuple[Decision, int]],
    then: list[Claim | tuple[Decision, int]],
) -> None:
    with apps(postgres_admin_url) as both:
        check_reads(both, first, then)


@pytest.fixture
def filled() -> Iterator[Apps]:
    with apps() as both:
        apply(both.db, commitment("CAN", "UKR", COALITION, 1))
        apply(both.db, commitment("FRA", "MDA", None, 2))
        apply(both.db, membership("CAN", COALITION, False, 1))
        time.sleep(POLL_SECONDS * 1.5)
        yield both


def tag(client: TestClient, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, response.text
    found: str = response.headers["etag"]
    return found


def test_a_write_about_others_keeps_the_answer_and_its_tag(filled: Apps) -> None:
    canada = f"/api/commitments?guarantor=CAN&{DAY}"
    before = tag(filled.cached, canada)
    apply(filled.db, commitment("ITA", "MDA", None, 3))
    time.sleep(POLL_SECONDS * 1.5)
    assert tag(filled.cached, canada) == before  # kept: made on the old version
    assert tag(filled.plain, canada) != before  # without a cache, every write moves tags on
    response = filled.cached.get(canada, headers={"If-None-Match": before})
    assert response.status_code == 304


def test_a_write_about_it_replaces_the_answer(filled: Apps) -> None:
    canada = f"/api/commitments?guarantor=CAN&{DAY}"
    before = filled.cached.get(canada).json()
    apply(filled.db, commitment("CAN", "MDA", None, 4))
    time.sleep(POLL_SECONDS * 1.5)
    after = filled.cached.get(canada).json()
    assert len(after["items"]) == len(before["items"]) + 1


def test_a_departure_reaches_the_coverage_of_a_beneficiary_it_does_not_name(filled: Apps) -> None:
    coverage = f"/api/coverage/UKR?{DAY}&scenario=peace_agreement=2026-03-01"
    before = filled.cached.get(coverage).json()
    apply(filled.db, membership("CAN", COALITION, True, 8))  # Canada leaves in February
    time.sleep(POLL_SECONDS * 1.5)
    after = filled.cached.get(coverage).json()
    assert after != before
    assert after == filled.plain.get(coverage).json()


@pytest.mark.parametrize(
    ("read", "depends_on"),
    [
        (lambda ledger: ledger.commitments(guarantor="CAN"), {"CAN"}),
        (lambda ledger: ledger.roster(COALITION), {COALITION}),
        (lambda ledger: ledger.counts(), None),
        (lambda ledger: ledger.claims(), None),
        (lambda ledger: ledger.document("0" * 64), None),  # by id alone: everything
        (lambda ledger: None, frozenset()),  # read nothing: depends on nothing
    ],
    ids=["commitments", "roster", "counts", "all-claims", "document", "nothing"],
)
def test_reads_note_what_they_depend_on(read: object, depends_on: set[str] | None) -> None:
    with apps() as both, Ledger.open(both.db) as ledger:
        apply(both.db, commitment("CAN", "UKR", COALITION, 1))
        apply(both.db, agreement("CAN", 0))
        with recording() as reads, suppress(PactwatchError):  # an unknown document counts too
            read(ledger)  # type: ignore[operator]
        found = reads.scopes()
        if depends_on is None:
            assert found is None
        else:
            assert found is not None and depends_on <= found
            assert found <= {"CAN", "UKR", COALITION}
