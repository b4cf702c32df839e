"""A stream of news does not grow the extractor: the strings texts add to the spaCy vocabulary
(their numbers, their names) are freed every ``ZONE_TEXTS`` texts."""

from __future__ import annotations

import pytest

from pactwatch.extract import default_engine, extract
from pactwatch.extract import engine as engine_module
from pactwatch.extract.engine import Engine
from pactwatch.model import Document


def report(number: int) -> Document:
    text = (
        f"Canada pledged air defence for Ukraine on Tuesday, officials said in note {number}-X. "
        f"Minister Zorvath{number} told reporters in Quillport{number} that the package was "
        f"worth {number * 7919} dollars."
    )
    return Document(text=text, source=f"https://example.org/our-words/{number}")


def test_the_vocabulary_does_not_grow_with_the_texts_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(engine_module, "ZONE_TEXTS", 10)
    engine = Engine()
    strings = engine.nlp.vocab.strings
    found = extract(report(0), engine=engine)
    assert any(claim.type == "commitment" for claim in found)  # the texts are really read
    before = len(strings)
    for number in range(1, 300):  # each text brings about four strings of its own
        extract(report(number), engine=engine)
    assert len(strings) < before + 100
    assert "Zorvath57" not in strings


def test_what_a_text_yields_is_the_same_read_alone_or_after_many() -> None:
    engine = default_engine()
    alone = extract(report(7), engine=engine)
    for number in range(300, 340):
        extract(report(number), engine=engine)
    assert extract(report(7), engine=engine) == alone
    assert alone[0].evidence[0].text.startswith("Canada pledged")
