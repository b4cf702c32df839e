"""How firm one pledge is, read from its own clause.

A refusal ('does not supply weapons', 'no U.S. troops', 'rejected sending') is ``ruled_out``; a
hedge or speculation before the pledge ('may', 'could', 'is likely to', 'is considering', 'an
initiative to') leaves no pledge at all (None): it never becomes a commitment row; a plan
('plans to', 'is ready to') is ``intended``. A refusal never turns into an intention, and
what one clause says does not reach into the next ('will give humanitarian help, but will not
ship weapons').
"""

from __future__ import annotations

import re

from pactwatch.extract.engine import Sentence
from pactwatch.model import Modality

CLAUSE_BREAK = re.compile(
    r";|:\s|\s[-\u2013\u2014]\s|,\s*(?:but|while|whereas|although|though|yet|and)\s|"
    r"\s(?:but|while|whereas|although|though)\s",
    re.IGNORECASE,
)
NEGATOR = re.compile(
    r"\b(?:not|never|no|none|nor|neither|without)\b|n['’]t\b|"
    r"\b(?:refus|reject|declin|exclu|oppos|veto)\w*|\brul(?:e|es|ed|ing) out\b|"
    r"\bagainst (?:sending|deploying|providing|supplying|giving)\b",
    re.IGNORECASE,
)
NOT_A_NEGATION = re.compile(
    r"\b(?:declin|refus)\w* to (?:list|say|comment|specify|name|detail|disclose|elaborate|"
    r"confirm|reveal|give details|be drawn)\b|\bnot only\b|"
    r"\bno (?:doubt|longer than|later than|less than|fewer than|more than)\b|"
    r"\bwhether or not\b|\bnon-\w+",
    re.IGNORECASE,
)
NOT_RULED_OUT = re.compile(
    r"\b(?:not|n['’]t|never)\s+(?:yet\s+)?(?:been\s+)?rul(?:ed|e|ing)\s+out\b|"
    r"\bnot\s+(?:be\s+)?exclud\w*",
    re.IGNORECASE,
)
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


PREDICATE_AFTER = re.compile(
    r"^[^;:.]{0,80}?\b(?:is|are|was|were|remains?|remained|would be|will be|seems?)\s+"
    r"(?:(?P<no>not|never|no longer|ruled out|excluded|off the table|out of the question)|"
    r"(?P<hedge>(?:highly |very |still )?(?:unlikely|likely|possible|under consideration|"
    r"being (?:considered|discussed|studied)|under discussion|premature|unclear|uncertain|"
    r"an option|one option|a possibility)))\b",
    re.IGNORECASE,
)
"""'Sending troops to Ukraine is not planned', '... is highly unlikely': the predicate comes
after what is pledged."""


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
