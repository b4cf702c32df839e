"""Defence obligations: a pledge to support, help or defend a state when it is attacked.

A guarantee that falls due on an armed attack is a defence obligation, one way or both, as
ATOP codes "defense" and as the real-news gold codes 22 of its 24 such guarantees: it takes
``mutual_defence``'s category even where only one side promises ("would defend Taiwan if China
attacked"). Pure functions of one sentence (``defends_on_attack`` notes the cue it reads).
"""

from __future__ import annotations

from pactwatch.extract.engine import Sentence
from pactwatch.extract.grammar import pattern
from pactwatch.model import ActorKind, Category, Condition, ConditionKind

DEFENDS = pattern("commitments", "defends")


def defends_on_attack(sentence: Sentence) -> list[str]:
    """'commitments to support Ukraine if Russia launches a future attack': a pledge to
    support, help or defend a state named right after the verb, on an attack, with no other
    category, guarantees it (and the attack makes it a defence obligation: see on_attack)."""
    spans = sentence.cues.get("COND:armed_attack", [])
    if not spans:
        return []
    start = spans[0][0]
    head = sentence.text[max(0, start - sentence.start - 80) : start - sentence.start]
    found = DEFENDS.search(head)
    if found is None:
        return []
    at = start - len(head) + found.start()
    verb_end = at + len(found.group())
    if not any(
        m.actor_kind is ActorKind.STATE and verb_end <= m.start <= verb_end + 20
        for m in sentence.mentions
    ):
        return []  # 'commits each country to assist the other': the mutual rules' case
    sentence.cues["CAT:security_guarantee"] = [(at, at + len(found.group()))]
    return ["security_guarantee"]


def on_attack(category: str, condition: Condition) -> Category:
    """A guarantee that falls due on an armed attack is a defence obligation, one way or both
    (ATOP's 'defense'): 'would defend Taiwan if China attacked' is mutual defence's category
    even where only one side promises."""
    if category == "security_guarantee" and condition.kind is ConditionKind.ARMED_ATTACK:
        return Category.MUTUAL_DEFENCE
    return Category(category)
