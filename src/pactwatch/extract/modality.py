"""How firm one pledge is, read from its own clause.

A refusal ('does not supply weapons', 'no U.S. troops', 'rejected sending') is ``ruled_out``; a
hedge or speculation before the pledge ('may', 'could', 'is likely to', 'is considering', 'an
initiative to') leaves no pledge at all (None): it never becomes a commitment row; a plan
('plans to', 'is ready to') is ``intended``. A refusal never turns into an intention, and
what one clause says does not reach into the next ('will give humanitarian help, but will not
ship weapons').
"""

from __future__ import annotations

from pactwatch.extract.engine import Sentence
from pactwatch.extract.grammar import pattern
from pactwatch.model import Modality

CLAUSE_BREAK = pattern("modality", "clause_break")
NEGATOR = pattern("modality", "negator")
NOT_A_NEGATION = pattern("modality", "not_a_negation")
NOT_RULED_OUT = pattern("modality", "not_ruled_out")
REACH_AFTER = 30
"""A hedge just after the pledged thing makes it a plan ('would head a force that could be
sent'); a plan stated earlier in the sentence ('a declaration of intent: ...') reaches it."""


def clause_bounds(sentence: Sentence, at: int) -> tuple[int, int]:
    """Document offsets of the clause around ``at``."""
    offset = at - sentence.start
    head = sentence.text[:offset]
    breaks = [match.end() for match in CLAUSE_BREAK.finditer(head)]
    start = breaks[-1] if breaks else 0
    tail = CLAUSE_BREAK.search(sentence.text, offset)
    end = tail.start() if tail else len(sentence.text)
    return sentence.start + start, sentence.start + end


PREDICATE_AFTER = pattern("modality", "predicate_after")


def firmness(sentence: Sentence, at: int) -> Modality | None:
    """The modality of what is pledged at ``at``, or None for a hedge (no pledge)."""
    start, end = clause_bounds(sentence, at)
    head = sentence.text[start - sentence.start : at - sentence.start]
    if NOT_RULED_OUT.search(head):
        return None
    predicate = PREDICATE_AFTER.match(sentence.text[at - sentence.start : end - sentence.start])
    if predicate and predicate.group("hedge"):
        return None
    if _spans_in(sentence, "MOD:ruled_out", start, end) or _negated(head) or predicate:
        return Modality.RULED_OUT
    if _spans_in(sentence, "MOD:hedged", start, at) or _spans_in(sentence, "MOD:talk", start, at):
        return None
    reach = min(end, at + REACH_AFTER)
    if _spans_in(sentence, "MOD:hedged", at, reach) or _spans_in(
        sentence, "MOD:intended", sentence.start, reach
    ):
        return Modality.INTENDED
    return Modality.INTENDED if _conditional(sentence, start, at) else Modality.COMMITTED


def _negated(head: str) -> bool:
    cleaned = NOT_A_NEGATION.sub(" ", head)
    return NEGATOR.search(cleaned) is not None


def _spans_in(sentence: Sentence, label: str, start: int, end: int) -> bool:
    return any(start <= s < end for s, _ in sentence.cues.get(label, []))


def _conditional(sentence: Sentence, start: int, at: int) -> bool:
    """'The coalition would back a force' plans; 'X said it would give' reports a pledge."""
    hedges = [s for s, _ in sentence.cues.get("HEDGE:conditional", []) if start <= s < at]
    if not hedges:
        return False
    reported = sentence.cues.get("HEDGE:reported", [])
    return not any(s < min(hedges) for s, _ in reported)
