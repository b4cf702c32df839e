"""The cue lexicon is data, validated on load."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from pactwatch.extract.lexicon import Lexicon, load_lexicon


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
