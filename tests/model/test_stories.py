"""Stories: copies of one syndicated text are one story, other write-ups of the same event are
not (precision and recall of 'same story' pairs on the generated set)."""

from __future__ import annotations

import pytest

from pactwatch.model.stories import MIN_WORDS, StoryIndex, signature, similarity
from tests.model.syndication import RETOLD, STORIES, pairs_quality, syndicated

FLOOR = 0.95


@pytest.mark.parametrize("seed", [1, 2, 13])
def test_copies_are_one_story_and_retellings_stay_apart(seed: int) -> None:
    items = syndicated(copies=30, seed=seed)
    index = StoryIndex()
    for item in items:
        index.add(item.id, item.text)
    precision, recall = pairs_quality(items, index.stories)
    assert precision >= FLOOR and recall >= FLOOR, (precision, recall)
    assert len(set(index.stories.values())) == len(STORIES) + len(RETOLD)


def test_a_retelling_of_the_same_event_is_far_below_the_threshold() -> None:
    wire = signature("\n\n".join(STORIES["uk-ukraine"]))
    other = signature("\n\n".join(RETOLD["uk-ukraine"]))
    assert wire is not None and other is not None
    assert similarity(wire.values, other.values) < 0.15


def test_markup_case_and_spacing_do_not_change_a_signature() -> None:
    text = "\n\n".join(STORIES["aukus"])
    first, second = signature(text), signature("  " + text.upper().replace(".", " ;"))
    assert first is not None and second is not None
    assert first == second


def test_a_short_text_has_no_signature_and_is_its_own_story() -> None:
    short = " ".join(["word"] * (MIN_WORDS - 1))
    assert signature(short) is None
    index = StoryIndex()
    assert index.add("a", short) == "a"
    assert index.add("b", short + " more") == "b"
