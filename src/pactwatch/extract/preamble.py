"""Who 'we' are in a joint text: 'We, the leaders of A, B and C, together with the President of
the European Council, ...:' or a statement 'released by the leaders of A, B and C'.

The states and bodies such a preamble names sign the text the document is about, and they are
the 'we' of every pledge that follows ('we intend to support Ukraine until it prevails').
"""

from __future__ import annotations

import re

from pactwatch.extract.context import acting_states, is_place
from pactwatch.extract.engine import Sentence

END = re.compile(r"[:;]|\.\s")
WE = re.compile(r"(?:^|[\s,;:(])we\b", re.IGNORECASE)
"""'we' as the subject of a clause of the joint text."""


def preamble_signers(sentence: Sentence) -> list[str]:
    """The states and bodies the preamble names, in order (the people named act for theirs)."""
    spans = sentence.cues.get("LIST:preamble", [])
    if not spans:
        return []
    start = spans[0][1]
    end = END.search(sentence.text, start - sentence.start)
    stop = sentence.start + end.start() if end else sentence.end
    return acting_states(
        [
            m
            for m in sentence.mentions
            if m.kind == "actor" and start <= m.start < stop and not is_place(sentence, m)
        ]
    )


def says_we(sentence: Sentence, start: int, at: int) -> bool:
    """Whether 'we' is said between ``start`` and ``at`` (the clause before a pledge)."""
    return WE.search(sentence.text[start - sentence.start : at - sentence.start]) is not None
