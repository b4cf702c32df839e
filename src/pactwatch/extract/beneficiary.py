"""Who a pledge is for, read from its own clause: aid *to* X, troops *for* X, *defend* X,
X's security, Ukrainian forces. A document may hold pledges to several beneficiaries."""

from __future__ import annotations

from collections.abc import Iterable

from pactwatch.extract.engine import Mention, Sentence
from pactwatch.extract.grammar import pattern
from pactwatch.model import ActorKind

_BEFORE = pattern("beneficiary", "before")
_AFTER = pattern("beneficiary", "after")
_PROTECTS = pattern("beneficiary", "protects")
_PROTECTED = pattern("beneficiary", "protected")
_SUPPLIES = pattern("beneficiary", "supplies")
_MOTION = pattern("beneficiary", "motion")
_POSSESSIVE = pattern("beneficiary", "possessive")
_CLAUSE_END = pattern("beneficiary", "clause_end")
_OPENS = pattern("beneficiary", "opens")
_RECEIVES = pattern("beneficiary", "receives")
_LIST_GAP = pattern("members", "list_gap")


def in_beneficiary_position(sentence: Sentence, mention: Mention) -> bool:
    """Whether a state is named as the one helped: by name after 'to', 'for', 'defend'...
    ('in Paris' and 'with Chinese vessels' name places and owners), or before "'s
    security", 'forces' or 'armed forces'."""
    if mention.kind != "actor" or mention.actor_kind is not ActorKind.STATE:
        return False
    offset = mention.start - sentence.start
    before = sentence.text[max(0, offset - 40) : offset]
    after = sentence.text[mention.end - sentence.start : mention.end - sentence.start + 40]
    if _RECEIVES.match(after):
        return True
    if _AFTER.match(after) and not _leads_as_subject(sentence, mention):
        return True
    if _PROTECTED.match(after) and _PROTECTS.search(before):
        return True
    if is_supplied(sentence, mention):
        return True
    if mention.via in ("capital", "demonym") or _POSSESSIVE.match(after) or _MOTION.search(before):
        return False
    return _BEFORE.search(before) is not None


def is_supplied(sentence: Sentence, mention: Mention) -> bool:
    """'will provide Warsaw with missiles': the state a verb of supply names before 'with'."""
    offset = mention.start - sentence.start
    before = sentence.text[max(0, offset - 40) : offset]
    after = sentence.text[mention.end - sentence.start : mention.end - sentence.start + 6]
    return after.startswith(" with ") and _SUPPLIES.search(before) is not None


def _leads_as_subject(sentence: Sentence, mention: Mention) -> bool:
    """'The Turkish Navy will protect Somali waters', 'Biden said U.S. forces would defend
    Taiwan': a state's forces named at the head of the sentence (or of what a speaker says)
    act; they are not the ones helped."""
    return mention.via != "capital" and bool(
        _OPENS.fullmatch(sentence.text[: mention.start - sentence.start])
    )


def clause_beneficiary(sentence: Sentence, at: int, excluded: Iterable[str]) -> str | None:
    """The state a pledge at ``at`` is for, named in the pledge's own clause (after the
    guarantor), or None when the clause names none."""
    found = beneficiary_mention(sentence, at, excluded)
    return found.target if found is not None else None


def beneficiary_mention(sentence: Sentence, at: int, excluded: Iterable[str]) -> Mention | None:
    """The mention of the state a pledge at ``at`` is for (see clause_beneficiary)."""
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
    return found[0]


def _clause_start(sentence: Sentence, at: int) -> int:
    head = sentence.text[: at - sentence.start]
    ends = [match.end() for match in _CLAUSE_END.finditer(head)]
    return sentence.start + (ends[-1] if ends else 0)


def _clause_end(sentence: Sentence, at: int) -> int:
    tail = sentence.text[at - sentence.start :]
    match = _CLAUSE_END.search(tail)
    return at + (match.start() if match else len(tail))


def clause_beneficiaries(sentence: Sentence, at: int, excluded: list[str]) -> list[str]:
    """The states a pledge at ``at`` is for, named in its own clause: the one nearest the
    pledge and the states listed with it ('troops to Lithuania and Latvia', 'patrol boats to
    Vietnam, Indonesia and the Philippines', 'Ukrainian and Moldovan soldiers')."""
    found = beneficiary_mention(sentence, at, excluded)
    if found is None:
        return []
    listed = [
        m.acting_for
        for m in list_around(sentence, found)
        if m.actor_kind is ActorKind.STATE and m.acting_for not in excluded
    ]
    return list(dict.fromkeys([found.target, *listed]))


def list_around(sentence: Sentence, mention: Mention) -> list[Mention]:
    """The actors listed with ``mention`` ('to Lithuania and Latvia', 'Ukrainian and Moldovan
    soldiers'), itself included, in order."""
    actors = sorted((m for m in sentence.mentions if m.kind == "actor"), key=lambda m: m.start)
    if mention not in actors:
        return [mention]
    first = last = actors.index(mention)

    def joined(left: Mention, right: Mention) -> bool:
        gap = sentence.text[left.end - sentence.start : right.start - sentence.start]
        return left.end <= right.start and _LIST_GAP.match(gap) is not None

    while first > 0 and joined(actors[first - 1], actors[first]):
        first -= 1
    while last + 1 < len(actors) and joined(actors[last], actors[last + 1]):
        last += 1
    return actors[first : last + 1]
