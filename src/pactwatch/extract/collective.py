"""Guarantors a pledge names as a group: 'we' of a joint text, 'the countries' a report has
just listed, and the numbered obligations that follow a lead-in ('the signatory states
undertake to: (1) support ...; (2) ...').

Each function is pure: it reads the sentence and the members already named, and says who.
"""

from __future__ import annotations

import re

from pactwatch.extract.engine import Sentence
from pactwatch.extract.grammar import pattern

GROUP_SUBJECT = pattern("collective", "group_subject")
ITEM = pattern("collective", "item")
LEAD_IN = pattern("collective", "lead_in")
COUNTED = pattern("collective", "counted")
NAMED_NEXT = pattern("collective", "named_next")
QUALIFIER = pattern("collective", "qualifier")


def group_subject(sentence: Sentence, clause_start: int, at: int) -> bool:
    """Whether a group noun ('the countries') is the subject of the clause before ``at``,
    with no actor named between them."""
    return _unnamed_group(sentence, GROUP_SUBJECT, clause_start, at, qualified=False)


def counts_a_group(sentence: Sentence, clause_start: int, at: int) -> bool:
    """Whether the clause before ``at`` counts states without naming one ('six countries');
    a name that only says which group ('from the coalition') may stand between."""
    return _unnamed_group(sentence, COUNTED, clause_start, at, qualified=True)


def _unnamed_group(
    sentence: Sentence, group: re.Pattern[str], clause_start: int, at: int, qualified: bool
) -> bool:
    head = sentence.text[clause_start - sentence.start : at - sentence.start]
    found = group.search(head)
    if found is None:
        return False
    group_at = clause_start + found.start()
    return not any(
        m.kind == "actor"
        and group_at <= m.start < at
        and not (qualified and _qualifies(sentence, m.start))
        for m in sentence.mentions
    )


def _qualifies(sentence: Sentence, start: int) -> bool:
    offset = start - sentence.start
    return QUALIFIER.search(sentence.text[max(0, offset - 12) : offset]) is not None


def names_the_counted(sentence: Sentence) -> bool:
    return NAMED_NEXT.match(sentence.text) is not None


def named_members(
    members: dict[str, list[str]], about: list[str | None], excluded: set[str | None]
) -> list[str]:
    """The members named so far of the first arrangement in ``about`` that has any, else of
    the only arrangement with members."""
    chosen = next((a for a in about if a in members), None)
    if chosen is None and len(members) == 1:
        chosen = next(iter(members))
    return [m for m in members.get(chosen or "", []) if m not in excluded]


def is_item(sentence: Sentence) -> bool:
    return ITEM.match(sentence.text) is not None


def is_lead_in(sentence: Sentence) -> bool:
    """A sentence that ends with a colon introduces what follows it."""
    return LEAD_IN.search(sentence.text) is not None
