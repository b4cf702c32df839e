"""Hypothesis strategies for documents, claims and reviews the ledger must keep intact."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from pactwatch.model import (
    AgreementClaim,
    Amount,
    ArrangementKind,
    Category,
    CitationEvidence,
    Claim,
    ClaimWithReviews,
    CommitmentClaim,
    Condition,
    ConditionKind,
    Document,
    Duration,
    MeetingClaim,
    MembershipAction,
    MembershipClaim,
    Modality,
    Review,
    ReviewStatus,
    SpanEvidence,
)

STATES = ("CAN", "UKR", "GBR", "FRA", "DEU", "USA", "JPN", "POL")
PEOPLE = ("person:mark-carney", "person:mark-rutte")
ARRANGEMENTS = ("coalition-of-the-willing", "g7-joint-declaration-2023", "bsa-2024-ukr-gbr")

text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=40)
days = st.dates(dt.date(1949, 1, 1), dt.date(2040, 12, 31))
moments = st.datetimes(
    dt.datetime(2020, 1, 1), dt.datetime(2030, 1, 1), timezones=st.just(dt.UTC)
).map(lambda t: t.replace(microsecond=0))
citations = st.builds(
    CitationEvidence,
    url=st.from_regex(r"https://example\.org/[a-z0-9]{1,12}", fullmatch=True),
    note=text,
    published=st.none() | days,
)
durations = st.builds(
    Duration,
    years=st.none() | st.integers(0, 30),
    months=st.none() | st.integers(0, 11),
    days=st.none(),
    until=st.none() | text,
)
amounts = st.builds(
    Amount,
    value=st.integers(0, 10**11).map(float),
    currency=st.sampled_from(["EUR", "USD", "GBP", "CAD", "JPY"]),
    text=text,
)
conditions = st.builds(
    Condition,
    kind=st.sampled_from(ConditionKind),
    text=text,
    deadline_hours=st.none() | st.integers(0, 96),
)


@st.composite
def documents(draw: st.DrawFn) -> Document:
    body = draw(
        st.text(
            st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1, max_size=200
        ).filter(lambda s: s.strip() != "")
    )
    return Document(
        text=body,
        source=draw(st.sampled_from(["a.txt", "https://example.org/n"])),
        title=draw(st.none() | text),
        publisher=draw(st.none() | text),
        published=draw(st.none() | days),
        retrieved=draw(st.none() | moments),
    )


def spans(document: Document) -> st.SearchStrategy[SpanEvidence]:
    size = len(document.text)
    return st.tuples(st.integers(0, size), st.integers(0, size)).map(
        lambda pair: SpanEvidence(
            document=document.id,
            start=min(pair),
            end=max(pair),
            text=document.text[min(pair) : max(pair)],
        )
    )


def common(evidence: st.SearchStrategy[object]) -> dict[str, st.SearchStrategy[object]]:
    return {
        "evidence": st.lists(evidence, min_size=1, max_size=3).map(tuple),
        "confidence": st.floats(0, 1, allow_nan=False),
        "producer": st.sampled_from(["analyst:curated", "pactwatch-extract/0.1.0"]),
    }


@st.composite
def commitments(draw: st.DrawFn, evidence: st.SearchStrategy[object]) -> CommitmentClaim:
    start = draw(st.none() | days)
    end = draw(st.none() | days.filter(lambda d: start is None or d >= start))
    return draw(
        st.builds(
            CommitmentClaim,
            guarantor=st.sampled_from(STATES),
            beneficiary=st.sampled_from(STATES),
            category=st.sampled_from(Category),
            arrangement=st.none() | st.sampled_from(ARRANGEMENTS),
            condition=conditions,
            modality=st.sampled_from(Modality),
            amount=st.none() | amounts,
            duration=st.none() | durations,
            start=st.just(start),
            end=st.just(end),
            **common(evidence),
        )
    )


def claims(evidence: st.SearchStrategy[object]) -> st.SearchStrategy[Claim]:
    parties = st.lists(st.sampled_from(STATES), min_size=1, max_size=4).map(tuple)
    return st.one_of(
        st.builds(
            MembershipClaim,
            actor=st.sampled_from(STATES),
            arrangement=st.sampled_from(ARRANGEMENTS),
            action=st.sampled_from(MembershipAction),
            date=st.none() | days,
            place=st.none() | text,
            **common(evidence),
        ),
        commitments(evidence),
        st.builds(
            AgreementClaim,
            parties=parties,
            kind=st.sampled_from(ArrangementKind),
            name=st.none() | text,
            arrangement=st.none() | st.sampled_from(ARRANGEMENTS),
            date=st.none() | days,
            place=st.none() | text,
            duration=st.none() | durations,
            **common(evidence),
        ),
        st.builds(
            MeetingClaim,
            participants=st.lists(st.sampled_from(STATES + PEOPLE), min_size=1, max_size=3).map(
                tuple
            ),
            place=st.none() | text,
            date=st.none() | days,
            **common(evidence),
        ),
    )


reviews = st.builds(
    Review,
    status=st.sampled_from([ReviewStatus.ACCEPTED, ReviewStatus.REJECTED]),
    reviewer=st.from_regex(r"[a-z]{1,8}", fullmatch=True),
    at=moments,
    note=text,
)


@st.composite
def ledger_contents(draw: st.DrawFn) -> list[Document | ClaimWithReviews]:
    """Documents, then claims citing them or URLs, each with a review history."""
    docs = draw(st.lists(documents(), max_size=3, unique_by=lambda d: d.id))
    evidence: st.SearchStrategy[object] = citations
    if docs:
        evidence = st.one_of(citations, *[spans(doc) for doc in docs])
    found = draw(st.lists(claims(evidence), max_size=8, unique_by=lambda c: c.id))
    histories = [
        tuple(sorted(draw(st.lists(reviews, max_size=3)), key=lambda r: r.at)) for _ in found
    ]
    return [*docs, *(ClaimWithReviews(c, h) for c, h in zip(found, histories, strict=True))]
