"""Members a report states without an event: 'the coalition, led by France and Britain',
'a coalition of some 29 nations, including Canada and New Zealand', 'Canada and Ukraine's other
allies in the coalition', and the list that answers a count ('10 countries joined the
declaration today. These are Denmark, Spain, ...').

Being a member is a fact with no day of its own here: such memberships carry no date (the
report's day is not the day they joined).
"""

from __future__ import annotations

from pactwatch.extract.context import subject_actors
from pactwatch.extract.engine import Mention, Sentence
from pactwatch.extract.grammar import pattern
from pactwatch.model import ActorKind, ArrangementKind
from pactwatch.reference import Catalog

LED_OR_INCLUDING = pattern("members", "led_or_including")
OTHER_MEMBERS = pattern("members", "other_members")
LEADING = pattern("members", "leading")
CONTINUES = pattern("members", "continues")
COUNTED = pattern("members", "counted")
LIST_GAP = pattern("members", "list_gap")
REACH = 160
"""How far after an arrangement's name its members may be listed."""
GROUPS = frozenset({ArrangementKind.COALITION, ArrangementKind.DECLARATION, ArrangementKind.TREATY})


def open_groups(catalog: Catalog) -> frozenset[str]:
    """Arrangements with members of their own (coalitions, declarations, alliances), not
    texts of fixed parties."""
    return frozenset(
        a.id for a in catalog.arrangements.values() if a.kind in GROUPS and not a.parties
    )


def listed_after(sentence: Sentence, start: int) -> list[Mention]:
    """States and organisations listed from ``start`` on: names separated by commas and 'and'."""
    found: list[Mention] = []
    position = start
    for mention in sorted(sentence.mentions, key=lambda m: m.start):
        if mention.start < start or mention.kind != "actor":
            continue
        gap = sentence.text[position - sentence.start : mention.start - sentence.start]
        if found and not LIST_GAP.match(gap):
            break
        if not found and gap.strip() not in ("", "the"):
            break
        if mention.actor_kind in (ActorKind.STATE, ActorKind.ORGANISATION):
            found.append(mention)
        position = mention.end
    return found


def stated_members(sentence: Sentence, arrangements: frozenset[str]) -> list[tuple[str, list[str]]]:
    """(arrangement, members) the sentence states: a list led by 'led by' or 'including'
    after the arrangement's name, or 'X and other allies in' before it."""
    found: list[tuple[str, list[str]]] = []
    for named in sentence.mentions:
        if named.target not in arrangements:
            continue
        after = sentence.text[named.end - sentence.start : named.end - sentence.start + REACH]
        members: list[str] = []
        for match in LED_OR_INCLUDING.finditer(after):
            members = [m.acting_for for m in listed_after(sentence, named.end + match.end())]
            if members:
                break
        before = sentence.text[: named.start - sentence.start]
        leading = LEADING.search(before)
        if leading and not members:
            at = sentence.start + leading.start()
            members = [m.acting_for for m in subject_actors(sentence, at)]
        other = OTHER_MEMBERS.search(before)
        if other:
            ahead = [m for m in sentence.mentions if m.kind == "actor" and m.end <= other.start()]
            if ahead:
                members.insert(0, ahead[-1].acting_for)
        if members:
            found.append((named.target, list(dict.fromkeys(members))))
    return found


def is_count(sentence: Sentence) -> bool:
    """'10 countries have joined the declaration': members counted, not named."""
    return COUNTED.search(sentence.text) is not None


def continues_a_list(sentence: Sentence) -> bool:
    return CONTINUES.match(sentence.text) is not None
