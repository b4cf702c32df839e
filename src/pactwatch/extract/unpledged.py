"""Category words that name no pledge, dropped from a sentence's cues before the commitment
rules read them: troops that are the beneficiary's own or the ones trained, 'rather than
troops', an adversary's missiles, the parts of a package, what consultations may decide,
'security guarantees' as a topic, and the categories of a clause that is history."""

from __future__ import annotations

from pactwatch.extract.engine import Sentence
from pactwatch.extract.grammar import pattern
from pactwatch.extract.modality import clause_bounds

UNPLEDGED = pattern("unpledged", "unpledged")
LISTED = pattern("unpledged", "listed")
GUARANTEES_NOUN = pattern("unpledged", "guarantees_noun")
GIVEN = pattern("unpledged", "given")
TRAINED = pattern("unpledged", "trained")
NEXT_STEPS = pattern("unpledged", "next_steps")
PARTS = frozenset({"CAT:air_defence"})
"""Kinds of hardware that are a part of a military aid package when one is pledged."""


def _a_topic(sentence: Sentence, start: int, end: int) -> bool:
    """'a declaration on security guarantees', 'these guarantees show', 'the guarantees being
    finalised': the noun names what is talked of, unless a verb of giving governs it
    ('pledged to provide security guarantees')."""
    if not GUARANTEES_NOUN.search(sentence.text[start - sentence.start : end - sentence.start]):
        return False
    before = sentence.text[max(0, start - sentence.start - 50) : start - sentence.start]
    return GIVEN.search(before) is None


def _in_list(sentence: Sentence, start: int) -> bool:
    """A cue inside an 'including ...' or 'such as ...' list."""
    offset = start - sentence.start
    return LISTED.search(sentence.text[max(0, offset - 100) : offset]) is not None


def drop_own_forces(sentence: Sentence, beneficiary: str | None) -> None:
    """'training Ukrainian soldiers', 'train soldiers' name the troops trained (the
    beneficiary's), not a foreign force."""
    spans = sentence.cues.get("CAT:multinational_force")
    if not spans or beneficiary is None:
        return
    own = {m.end for m in sentence.mentions if m.target == beneficiary}
    kept = [
        (start, end)
        for start, end in spans
        if not any(0 <= start - stop <= 1 for stop in own)
        and not TRAINED.search(
            sentence.text[max(0, start - sentence.start - 30) : start - sentence.start]
        )
    ]
    if kept:
        sentence.cues["CAT:multinational_force"] = kept
    else:
        del sentence.cues["CAT:multinational_force"]


def drop_unpledged(sentence: Sentence, adversaries: list[str]) -> None:
    """Category words that name no pledge: 'rather than troops', 'whose intelligence',
    'Russian missiles', the parts of a package ('military aid, including air defence
    missiles' is one security-assistance pledge) and what consultations may decide."""
    hostile = {m.end for m in sentence.mentions if m.target in adversaries}
    package = "CAT:security_assistance" in sentence.cues
    outcomes = NEXT_STEPS.search(sentence.text) if "CAT:consultation" in sentence.cues else None
    for label in [label for label in sentence.cues if label.startswith("CAT:")]:
        kept = [
            (start, end)
            for start, end in sentence.cues[label]
            if not UNPLEDGED.search(
                sentence.text[max(0, start - sentence.start - 40) : start - sentence.start]
            )
            and not any(0 <= start - stop <= 1 for stop in hostile)
            and not (package and label in PARTS and _in_list(sentence, start))
            and not (
                outcomes is not None
                and label != "CAT:consultation"
                and start - sentence.start >= outcomes.end()
            )
            and not (label == "CAT:security_guarantee" and _a_topic(sentence, start, end))
        ]
        if kept:
            sentence.cues[label] = kept
        else:
            del sentence.cues[label]


def fresh_clause(sentence: Sentence, at: int) -> int:
    """'44 packages had already been given by Poland, and Warsaw would send more': a later
    clause with no history of its own pledges anew; the history's categories are dropped.
    Where the pledge starts, or -1 when the whole sentence is history."""
    first, end = clause_bounds(sentence, at)
    history = sentence.cues.get("BACK:", [])
    if not any(first <= b < end for b, _ in history):
        return -1  # history by its dates, or said around the clause: the whole sentence
    later = sorted(
        start
        for label in sentence.cues
        if label.startswith("CAT:")
        for start, _ in sentence.cues[label]
        if start >= end
    )
    for start in later:
        clause = clause_bounds(sentence, start)
        if any(clause[0] <= b < clause[1] for b, _ in history):
            continue
        for label in [key for key in sentence.cues if key.startswith("CAT:")]:
            kept = [span for span in sentence.cues[label] if span[0] >= clause[0]]
            if kept:
                sentence.cues[label] = kept
            else:
                del sentence.cues[label]
        return start
    return -1
