"""Who 'we' are in a joint text: 'We, the leaders of A, B and C, together with the President of
the European Council, ...:' or a statement 'released by the leaders of A, B and C'.

The states and bodies such a preamble names sign the text the document is about, and they are
the 'we' of every pledge that follows ('we intend to support Ukraine until it prevails').
"""

from __future__ import annotations

from pactwatch.extract.context import acting_states, is_place
from pactwatch.extract.engine import Sentence
from pactwatch.extract.grammar import pattern

END = pattern("preamble", "end")
WE = pattern("preamble", "we")
WORD = pattern("preamble", "word")


LIST_WORDS = frozenset(
    [
        "and",
        "the",
        "of",
        "together",
        "with",
        "as",
        "well",
        "along",
        "alongside",
        "president",
        "presidents",
        "prime",
        "minister",
        "ministers",
        "chancellor",
        "leaders",
        "leader",
        "heads",
        "head",
        "state",
        "government",
        "governments",
    ]
)
"""Words that may stand between two names of the preamble's list; any other word ends it
('We, the Leaders of the G7, reaffirm ... Ukraine': Ukraine is not in the list)."""


def preamble_signers(sentence: Sentence) -> list[str]:
    """The states and bodies the preamble lists, in order (the people named act for theirs)."""
    spans = sentence.cues.get("LIST:preamble", [])
    if not spans:
        return []
    position = spans[0][1]
    end = END.search(sentence.text, position - sentence.start)
    stop = sentence.start + end.start() if end else sentence.end
    listed = []
    for mention in sorted(sentence.mentions, key=lambda m: m.start):
        if mention.kind != "actor" or not position <= mention.start < stop:
            continue
        gap = sentence.text[position - sentence.start : mention.start - sentence.start]
        if any(word.lower() not in LIST_WORDS for word in WORD.findall(gap)):
            break
        if not is_place(sentence, mention):
            listed.append(mention)
        position = mention.end
    return acting_states(listed)


def says_we(sentence: Sentence, start: int, at: int) -> bool:
    """Whether 'we' is said between ``start`` and ``at`` (the clause before a pledge)."""
    return WE.search(sentence.text[start - sentence.start : at - sentence.start]) is not None
