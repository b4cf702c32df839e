"""A stream of news does not grow the extractor: the strings each text adds to the spaCy
vocabulary (its numbers, its names) are freed after it."""

from __future__ import annotations

from pactwatch.extract import default_engine, extract
from pactwatch.model import Document


def report(number: int) -> Document:
    text = (
        f"Canada pledged air defence for Ukraine on Tuesday, officials said in note {number}-X. "
        f"Minister Zorvath{number} told reporters in Quillport{number} that the package was "
        f"worth {number * 7919} dollars."
    )
    return Document(text=text, source=f"https://example.org/our-words/{number}")


def test_the_vocabulary_does_not_grow_with_the_texts_read() -> None:
    engine = default_engine()
    strings = engine.nlp.vocab.strings
    found = extract(report(0), engine=engine)
    assert any(claim.type == "commitment" for claim in found)  # the texts are really read
    before = len(strings)
    for number in range(1, 200):
        extract(report(number), engine=engine)
    assert len(strings) == before
    assert "Zorvath57" not in strings


def test_what_a_text_yields_is_the_same_read_alone_or_after_many() -> None:
    engine = default_engine()
    alone = extract(report(7), engine=engine)
    for number in range(300, 340):
        extract(report(number), engine=engine)
    assert extract(report(7), engine=engine) == alone
    assert alone[0].evidence[0].text.startswith("Canada pledged")
