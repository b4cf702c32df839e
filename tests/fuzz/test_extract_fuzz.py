"""The extractor on any text: claims whose evidence offsets point at their text, or our own
error, never another exception; and texts with long runs of symbols among claim sentences in
time linear in their length (issue 12)."""

from __future__ import annotations

import datetime as dt
import time

from hypothesis import given
from hypothesis import strategies as st

from pactwatch.errors import PactwatchError
from pactwatch.extract import default_engine, extract
from pactwatch.model import Document, SpanEvidence
from tests.fuzz.strategies import FUZZ, any_text, near_articles

PUBLISHED = st.none() | st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31))

SYMBOLS = st.characters(categories=["P", "S"]) | st.sampled_from(
    ["_", "'s", "US$", "\u200d", "\ufe0f", "\U0001f1fa\U0001f1e6", " ", "\n"]
)
"""Characters spaCy's tokenizer strips one at a time (punctuation, symbols, emoji and their
joiners), the affixes that hold letters, and the white space a run of them may hold."""
runs = st.one_of(
    st.builds(lambda unit, count: unit * count, SYMBOLS, st.integers(17, 3_000)),
    st.lists(SYMBOLS, min_size=17, max_size=600).map("".join),
)
"""A long run of one symbol, or of many."""
texts_with_runs = st.builds(
    str.join,
    st.sampled_from([" ", "", "\n"]),
    st.lists(near_articles | runs, min_size=1, max_size=8),
)
"""Claim sentences and long runs, apart, touching or on lines of their own."""


def assert_extracts(text: str, published: dt.date | None) -> None:
    document = Document(text=text, source="fuzz", published=published)
    try:
        claims = extract(document)
    except PactwatchError:
        return
    for claim in claims:
        for evidence in claim.evidence:
            if isinstance(evidence, SpanEvidence):
                assert evidence.document == document.id
                assert 0 <= evidence.start <= evidence.end <= len(text)
                assert text[evidence.start : evidence.end] == evidence.text, evidence


@FUZZ
@given(text=any_text, published=PUBLISHED)
def test_any_text_extracts_with_exact_offsets(text: str, published: dt.date | None) -> None:
    assert_extracts(text, published)


@FUZZ
@given(text=near_articles, published=PUBLISHED)
def test_texts_of_cue_words_extract_with_exact_offsets(
    text: str, published: dt.date | None
) -> None:
    assert_extracts(text, published)


@FUZZ
@given(text=texts_with_runs, published=PUBLISHED)
def test_texts_with_long_runs_of_symbols_extract_fast_with_exact_offsets(
    text: str, published: dt.date | None
) -> None:
    default_engine()  # built once, not timed
    started = time.perf_counter()
    assert_extracts(text, published)
    # Linear: well under a second per 100 KB (a 3,000-character run took seconds before).
    assert time.perf_counter() - started < 2 + len(text) / 10_000
