"""The cue lexicon is data, validated on load."""

from __future__ import annotations

import re

import pytest
from pydantic import ValidationError

from pactwatch.extract.lexicon import Lexicon, load_lexicon
from pactwatch.extract.patterns import compile_cue


def test_packaged_lexicon_loads_with_every_group() -> None:
    lexicon = load_lexicon()
    labels = lexicon.labelled()
    assert {
        "MEMBER:join",
        "AGREE:verb",
        "COMMIT:verb",
        "CAT:military_training",
        "COND:peace_agreement",
        "MOD:ruled_out",
    } <= set(labels)
    assert all(phrases for phrases in labels.values())
    assert lexicon.compiled()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"patterns": {"MEET:": ["(unclosed"]}}, "is not a regex"),
        ({"patterns": {"MEET:": ["(?i)\\bMet\\b"]}}, "write it in lower case"),
        (
            {"membership": {"enter_join": [], "enter_sign": ["x"], "leave": ["y"]}},
            "at least one phrase",
        ),
    ],
)
def test_bad_lexicon_is_refused_with_the_place(change: dict[str, object], message: str) -> None:
    data = load_lexicon().model_dump() | change
    with pytest.raises(ValidationError, match=message):
        Lexicon.model_validate(data)


def test_every_regex_cue_starts_with_a_word_so_that_it_runs_fast() -> None:
    for cue in load_lexicon().compiled():
        assert cue.pattern.pattern[:1].isalpha(), f"{cue.label}: {cue.pattern.pattern!r}"


@pytest.mark.parametrize(
    ("expression", "text", "expected"),
    [
        ("(?i)\\bmet\\b", "They met; the summit MET again; helmet", ["met", "MET"]),
        ("\\bbec(?:ame)\\b", "It became so. Became no.", ["became"]),
        ("(?i)\\bmet\\b", "İstanbul: leaders met", ["met"]),
    ],
)
def test_fast_cues_find_what_the_pattern_as_written_finds(
    expression: str, text: str, expected: list[str]
) -> None:
    cue = compile_cue("X", expression)
    assert [text[start:end] for start, end in cue.spans(text, text.lower())] == expected
    assert [m.group(0) for m in re.finditer(expression, text)] == expected


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"categories": {"air_defense": ["patriot"]}}, "unknown key 'air_defense'"),
        ({"modality": {"hedge": ["may"]}}, "unknown key 'hedge'"),
        ({"conditions": {"peace": ["peace deal"]}}, "use one of"),
        ({"patterns": {"CAT:airdefence": ["(?i)\\bsam\\b"]}}, "names no categories key"),
        ({"patterns": {"FOO:x": ["(?i)\\bx\\b"]}}, "unknown prefix"),
    ],
)
def test_a_misspelled_key_is_refused_at_load_naming_it_and_the_fix(
    change: dict[str, object], message: str
) -> None:
    data = load_lexicon().model_dump()
    for table, value in change.items():
        data[table] = {**data[table], **value}  # type: ignore[dict-item]
    with pytest.raises(ValidationError, match=message):
        Lexicon.model_validate(data)
