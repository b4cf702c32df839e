"""Who a pledge is for, read from its own clause: aid *to* X, troops *for* X, *defend* X,
X's security, Ukrainian forces. A document may hold pledges to several beneficiaries."""

from __future__ import annotations

import re
from collections.abc import Iterable

from pactwatch.extract.engine import Mention, Sentence
from pactwatch.model import ActorKind

_BEFORE = re.compile(
    r"\b(?:to|for|into|towards?|in support of|on behalf of|"
    r"defend(?:s|ed|ing)?|protect(?:s|ed|ing)?|help(?:s|ed|ing)?|support(?:s|ed|ing)?|"
    r"arm(?:s|ed|ing)?|train(?:s|ed|ing)?|assist(?:s|ed|ing)?|aid(?:s|ed|ing)?|"
    r"back(?:s|ed|ing)?|guarantee(?:s|d|ing)?|reassure|reassuring|supply(?:ing)?|"
    r"security of|defen[cs]e of|sovereignty of|(?:deploy|deployed|stationed|based|"
    r"troops|soldiers|forces?|mission|presence|peacekeepers|peacekeeping|contingent|"
    r"battalion|brigade)\s+(?:in|to))"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_AFTER = re.compile(
    r"^(?:(?:['’]s?)?\s+(?:own\s+|long-term\s+|future\s+)?(?:security|defen[cs]es?|sovereignty|"
    r"armed forces|forces|military|army|troops|soldiers|pilots|air force|navy|"
    r"territorial integrity|reconstruction|recovery|economy|budget)|"
    r"['’]s?\s+(?:own\s+)?(?:borders|airspace|waters|coast|coastline|territory))\b"
    r"(?!\s+(?:minister|secretary|ministry|chiefs?|officials?|department|council|committee|"
    r"industry|spending|policy|doctrine|procurement|exports?))",
    re.IGNORECASE,
)
_PROTECTS = re.compile(
    r"\b(?:defend|protect|help|support|assist|reinforce|secure|escort)\w*\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_PROTECTED = re.compile(
    r"^\s+(?:vessels|ships|boats|aircraft|territory|people|citizens|units|personnel|"
    r"coast guard|coastguard|islands|outposts)\b",
    re.IGNORECASE,
)
"""'defend Philippine vessels': what a state's vessels or people are given is given to it."""
_SUPPLIES = re.compile(r"\b(?:provid|suppl|equip|furnish)\w*\s+(?:the\s+)?$", re.IGNORECASE)
"""'will provide Warsaw with missiles': the one supplied, even named by its capital."""
_MOTION = re.compile(
    r"\b(?:heading|headed|bound|flying|flew|travel(?:l)?ing|travel(?:l)?ed|left|leaving|departed|"
    r"returned|returning|fled|fleeing|exports?|exported|exporting|sold|selling)\s+(?:for|to|into)"
    r"\s+(?:the\s+)?$",
    re.IGNORECASE,
)
"""'missiles heading for Poland', 'flying to Paris': motion and trade, not help."""
_POSSESSIVE = re.compile(r"^['’]s?\s")
"""'for Russia's war': a possessive names what the state owns, not whom a pledge is for."""
_CLAUSE_END = re.compile(r"[;:]|\.\s|\b(?:while|whereas|but|although)\b", re.IGNORECASE)


def in_beneficiary_position(sentence: Sentence, mention: Mention) -> bool:
    """Whether a state is named as the one helped: by name after 'to', 'for', 'defend'...
    ('in Paris' and 'with Chinese vessels' name places and owners), or before "'s
    security", 'forces' or 'armed forces'."""
    if mention.kind != "actor" or mention.actor_kind is not ActorKind.STATE:
        return False
    offset = mention.start - sentence.start
    before = sentence.text[max(0, offset - 40) : offset]
    after = sentence.text[mention.end - sentence.start : mention.end - sentence.start + 40]
    if _AFTER.match(after) or (_PROTECTED.match(after) and _PROTECTS.search(before)):
        return True
    if after.startswith(" with ") and _SUPPLIES.search(before):
        return True
    if mention.via in ("capital", "demonym") or _POSSESSIVE.match(after) or _MOTION.search(before):
        return False
    return _BEFORE.search(before) is not None


def clause_beneficiary(sentence: Sentence, at: int, excluded: Iterable[str]) -> str | None:
    """The state a pledge at ``at`` is for, named in the pledge's own clause (after the
    guarantor), or None when the clause names none."""
    skip = set(excluded)
    start = _clause_start(sentence, at)
    end = _clause_end(sentence, at)
    found = [
        m
        for m in sentence.mentions
        if start <= m.start < end and m.target not in skip and in_beneficiary_position(sentence, m)
    ]
    if not found:
        return None
    found.sort(key=lambda m: abs(m.start - at))
    return found[0].target


def _clause_start(sentence: Sentence, at: int) -> int:
    head = sentence.text[: at - sentence.start]
    ends = [match.end() for match in _CLAUSE_END.finditer(head)]
    return sentence.start + (ends[-1] if ends else 0)


def _clause_end(sentence: Sentence, at: int) -> int:
    tail = sentence.text[at - sentence.start :]
    match = _CLAUSE_END.search(tail)
    return at + (match.start() if match else len(tail))
