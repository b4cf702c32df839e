"""A stream of news does not grow the extractor: past the first ``WARM_CHARS`` characters, the
strings texts add to the spaCy vocabulary (their numbers, their names) are freed every
``ZONE_TEXTS`` texts."""

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
    monkeypatch.setattr(engine_module, "WARM_CHARS", 1_000)
    engine = Engine()
    strings = engine.nlp.vocab.strings
    found = extract(report(0), engine=engine)
    assert any(claim.type == "commitment" for claim in found)  # the texts are really read
    before = len(strings)
    for number in range(1, 300):  # each text brings about four strings of its own
        extract(report(number), engine=engine)
    assert len(strings) < before + 100
    assert "Zorvath57" not in strings


def test_the_first_texts_words_stay_and_the_later_ones_go(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Inside a zone spaCy's tokenizer caches none of the zone's words, so the words of the first
    # texts are kept (up to WARM_CHARS characters): later texts then hit the cache.
    monkeypatch.setattr(engine_module, "ZONE_TEXTS", 10)
    monkeypatch.setattr(engine_module, "WARM_CHARS", 3 * len(report(100).text) + 10)
    engine = Engine()
    for number in range(100, 130):
        extract(report(number), engine=engine)
    strings = engine.nlp.vocab.strings
    assert {"Zorvath100", "Zorvath101", "Zorvath102"} <= set(strings)
    assert "Zorvath103" not in strings
    assert "Zorvath115" not in strings


def test_what_a_text_yields_is_the_same_read_alone_or_after_many() -> None:
    engine = default_engine()
    alone = extract(report(7), engine=engine)
    for number in range(300, 340):
        extract(report(number), engine=engine)
    assert extract(report(7), engine=engine) == alone
    assert alone[0].evidence[0].text.startswith("Canada pledged")
