"""The extractor on any text: claims whose evidence offsets point at their text, or our own
error, never another exception."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from pactwatch.errors import PactwatchError
from pactwatch.extract import extract
from pactwatch.model import Document, SpanEvidence
from tests.fuzz.strategies import FUZZ, any_text, near_articles

PUBLISHED = st.none() | st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31))


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
