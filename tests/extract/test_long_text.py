"""Texts longer than spaCy's 1,000,000-character limit are read in pieces, offsets exact."""

from __future__ import annotations

import datetime as dt

import pytest

from pactwatch.extract import engine, extract
from pactwatch.extract.evaluate import claim_key
from pactwatch.model import Claim, Document, SpanEvidence

PUBLISHED = dt.date(2026, 1, 7)
FILLER = (
    "The weather in the capital stayed mild for the season, and the markets opened "
    "without much movement on a quiet morning for traders and their clients.\n"
) * 4
GREECE = "Greece has signed on to the G7 joint declaration of support for Ukraine."
FINLAND = "Finland formally joined NATO on Tuesday in Brussels."
BRITAIN = "Britain and Ukraine signed a ten-year security agreement in Kyiv on Friday."


def long_text(length: int) -> str:
    """Filler paragraphs with one claim at the start, one in the middle and one at the end."""
    paragraphs = [GREECE]
    while sum(map(len, paragraphs)) < length // 2:
        paragraphs.append(FILLER)
    paragraphs.append(FINLAND)
    while sum(map(len, paragraphs)) < length:
        paragraphs.append(FILLER)
    paragraphs.append(BRITAIN)
    return "\n\n".join(paragraphs)


def assert_offsets_exact(document: Document, claims: list[Claim]) -> None:
    spans = [e for claim in claims for e in claim.evidence if isinstance(e, SpanEvidence)]
    assert spans
    for span in spans:
        assert document.text[span.start : span.end] == span.text, span


@pytest.mark.parametrize(
    ("text", "size", "expected"),
    [
        ("short", 10, [(0, 5)]),
        ("aaaa\n\nbbbb\ncccc", 12, [(0, 6), (6, 15)]),
        ("aaaa\nbbbb\ncccc", 12, [(0, 10), (10, 14)]),
        ("aaaa bbbb cccc", 12, [(0, 10), (10, 14)]),
        ("abcdefghijklmnop", 5, [(0, 5), (5, 10), (10, 15), (15, 16)]),
        ("", 5, [(0, 0)]),
    ],
    ids=["one-piece", "paragraph", "line", "space", "hard-cut", "empty"],
)
def test_pieces_cut_at_paragraphs_then_lines_then_spaces(
    text: str, size: int, expected: list[tuple[int, int]]
) -> None:
    spans = engine.pieces(text, size)
    assert spans == expected
    assert "".join(text[a:b] for a, b in spans) == text


def test_text_over_spacys_limit_gives_its_claims_with_exact_offsets() -> None:
    text = long_text(1_050_000)
    assert len(text) > 1_000_000
    document = Document(text=text, source="long", published=PUBLISHED)
    claims = extract(document)
    found = {claim_key(claim) for claim in claims}
    assert ("membership", "GRC", "g7-joint-declaration-2023", False) in found
    assert ("membership", "FIN", "north-atlantic-treaty", False) in found
    assert ("agreement", frozenset({"GBR", "UKR"})) in found
    assert_offsets_exact(document, claims)
    [britain] = [
        e
        for claim in claims
        for e in claim.evidence
        if isinstance(e, SpanEvidence) and e.text == BRITAIN
    ][:1]
    assert britain.start == len(text) - len(BRITAIN)


def test_pieces_find_what_one_pass_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    text = long_text(30_000)
    document = Document(text=text, source="medium", published=PUBLISHED)
    whole = extract(document)
    monkeypatch.setattr(engine, "PIECE_CHARS", 2_000)
    pieced = extract(document)
    assert pieced == whole
    assert_offsets_exact(document, pieced)
