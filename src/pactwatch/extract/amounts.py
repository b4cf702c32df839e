"""Which sum a pledge carries when its sentence names several (issue 11, point 1).

Sums that a text gives apart are apart pledges ("EUR 1.9bn in March and a further EUR 300m in
June": the sentence's first sum, as for any list of sums). A text that ties two sums makes
them one pledge, which carries the newer sum only:

- a revision or correction: after a revising word ("raised", "increased", "doubled",
  "revised", "corrected", "cut"...), the sum after "to" is the new one and the sum after
  "from", or between the word and the new sum, is the old one ("raised its pledge from EUR
  1.9bn to EUR 2.2bn", "raised its EUR 1.9bn pledge to EUR 2.2bn", "to EUR 2.2bn from EUR
  1.9bn"); the sum after "by" is the change, no pledge's sum;
- a replaced sum said without a verb: "EUR 2.2bn, up from EUR 1.9bn" (the sum before "up
  from" is the new one).

A running total is no pledge's sum: "a further EUR 300m, bringing the total to EUR 2.2bn" is a
pledge of EUR 300m; the pledges it adds to stay separate facts with their own sums (taking the
total as the pledge's sum would count them twice). The words are data: ``[amounts]`` in
``data/lexicon.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from functools import cache

from pactwatch.extract import temporal
from pactwatch.extract.grammar import pattern
from pactwatch.extract.lexicon import Amounts
from pactwatch.extract.temporal import Money

FILLER = r"(?:\s+[a-z][a-z'’-]*){0,3}"
"""Up to three small words between a marker and its sum ('up from an earlier EUR 1.9bn')."""
VERB_REACH = 160
"""How far before a sum a revising word may stand and still revise it."""
OBJECT = pattern("amounts", "object")


class Role(Enum):
    """What a sum is in its sentence."""

    PLAIN = "plain"
    NEW = "new"
    OLD = "old"
    CHANGE = "change"
    TOTAL = "total"


@dataclass(frozen=True, slots=True)
class Reading:
    """The sum a sentence's pledge carries, and the sum it says that one replaced."""

    pledged: Money | None
    replaced: Money | None = None
    verb: tuple[int, int] | None = None
    """The span of the word that revised the pledged sum, when it takes an object ('raised
    its pledge'): the pledge's verb if the sentence has no other."""


def _words(phrases: Sequence[str]) -> str:
    ordered = sorted(phrases, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(word) for word in phrase.split()) for phrase in ordered)


@cache
def _before(phrases: tuple[str, ...], filler: str = FILLER) -> re.Pattern[str]:
    """A marker and its few small words right before a sum (matched at the text's end);
    built once per word list (a reader is made for every document)."""
    return re.compile(rf"\b(?i:{_words(phrases)}){filler}\s*$")


@cache
def _revising(phrases: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{_words(phrases)})\b", re.IGNORECASE)


class AmountReader:
    """Reads the sums of a sentence with the words of the lexicon's ``[amounts]`` table."""

    def __init__(self, words: Amounts) -> None:
        self.revise = _revising(tuple(words.revise))
        self.revised_from = _before(tuple(words.revised_from))
        self.revised_to = _before(tuple(words.revised_to))
        self.increment = _before(tuple(words.increment))
        self.replaced = _before(tuple(words.replaced))
        self.total = _before(tuple(words.running_total), r"(?:\s+[a-z][a-z'’-]*){0,4}")

    def read(self, text: str) -> Reading:
        """The pledge's sum: the first new one, else the first sum the text does not tie to
        another (no old sum, change or running total); a single sum is the pledge's."""
        found = temporal.amounts(text)
        if not found:
            return Reading(None)
        roles = [self._role(text, money) for money in found]
        new = [m for m, role in zip(found, roles, strict=True) if role is Role.NEW]
        if new:
            verb = self._verb(text, new[0].start)
            old = [
                m
                for m, role in zip(found, roles, strict=True)
                if role is Role.OLD
                or (role is Role.PLAIN and verb is not None and verb[0] < m.start < new[0].start)
            ]
            acts = verb is not None and OBJECT.match(text, verb[1]) is not None
            return Reading(new[0], old[0] if old else None, verb if acts else None)
        if len(found) == 1:
            return Reading(found[0])
        plain = [m for m, role in zip(found, roles, strict=True) if role is Role.PLAIN]
        old = [m for m, role in zip(found, roles, strict=True) if role is Role.OLD]
        if plain:
            return Reading(plain[0], old[0] if old else None)
        return Reading(None)

    def _role(self, text: str, money: Money) -> Role:
        """A running total or a replaced sum by the words before it; after a revising word,
        by the nearest of 'from' (old), 'to' (new) and 'by' (the change)."""
        head = text[: money.start]
        if self.total.search(head):
            return Role.TOTAL
        if self.replaced.search(head):
            return Role.OLD
        if self._verb(text, money.start) is None:
            return Role.PLAIN
        markers = [
            (found.start(), role)
            for pattern, role in (
                (self.revised_from, Role.OLD),
                (self.revised_to, Role.NEW),
                (self.increment, Role.CHANGE),
            )
            if (found := pattern.search(head)) is not None
        ]
        return max(markers, key=lambda marker: marker[0])[1] if markers else Role.PLAIN

    def _verb(self, text: str, at: int) -> tuple[int, int] | None:
        """The span of the revising word nearest before ``at``, if one is near enough."""
        found = [m.span() for m in self.revise.finditer(text, max(0, at - VERB_REACH), at)]
        return found[-1] if found else None
