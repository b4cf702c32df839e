"""List items: lines of names (bulleted, numbered or dated) under a sentence that says what
they are a list of ('Ukraine has already signed similar agreements:')."""

from __future__ import annotations

from pactwatch.extract.engine import Sentence
from pactwatch.extract.grammar import pattern

BULLET = pattern("lists", "bullet")
ITEM_FILLER = pattern("lists", "item_filler")


def is_list_item(sentence: Sentence, text: str) -> bool:
    """A line of its own that is an item of a list: bulleted, or little but names and dates
    ('February 16 - with Germany and France.', 'United Kingdom')."""
    own_line = sentence.start == 0 or "\n" in text[max(0, sentence.start - 3) : sentence.start]
    if not own_line or len(sentence.text) > 120 or not sentence.mentions:
        return False
    if BULLET.match(sentence.text):
        return True
    rest = sentence.text
    for mention in sorted(sentence.mentions, key=lambda m: -m.start):
        rest = rest[: mention.start - sentence.start] + rest[mention.end - sentence.start :]
    return len(ITEM_FILLER.sub(" ", rest).split()) <= 1
