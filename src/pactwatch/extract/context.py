"""What a document establishes beyond one sentence: its date, the arrangement it is about,
the actor it is about, and conditions stated once for the whole pact."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from pactwatch.extract import temporal
from pactwatch.extract.beneficiary import in_beneficiary_position
from pactwatch.extract.engine import Mention, Sentence
from pactwatch.extract.grammar import pattern
from pactwatch.model import ActorKind, ArrangementKind, ConditionKind
from pactwatch.reference import Catalog

NOUN_KINDS = {
    "coalition": {ArrangementKind.COALITION},
    "declaration": {ArrangementKind.DECLARATION},
    "treaty": {ArrangementKind.TREATY},
    "bilateral_security_agreement": {
        ArrangementKind.BILATERAL_SECURITY_AGREEMENT,
        ArrangementKind.TREATY,
        ArrangementKind.DECLARATION,
    },
    "compact": {ArrangementKind.COMPACT},
}


ALLIANCE_WORDS = frozenset({"alliance", "treaty"})
"""Nouns that can mean an alliance's treaty without naming it ('the pact' cannot)."""


@dataclass(slots=True)
class Context:
    """Document-level facts the sentence rules lean on."""

    catalog: Catalog
    published: dt.date | None
    beneficiary: str | None = None
    focus: str | None = None
    arrangements: list[str] = field(default_factory=list)
    conditions: dict[str | None, tuple[ConditionKind, str]] = field(default_factory=dict)
    leading_states: tuple[str, ...] = ()
    """States by how often the document names them, most first."""
    first_condition: tuple[ConditionKind, str] | None = None
    """The first ceasefire or peace condition the document states."""
    parties: tuple[str, ...] = ()
    """Parties of the latest agreement found: who a mutual clause binds."""
    reference: dt.date | None = None
    """The day 'on Thursday' counts back from: the dateline's ('FASANO, Italy, June 14 -'),
    else the published date."""
    alliances: dict[str, str] = field(default_factory=dict)
    generic_modifiers: frozenset[str] = frozenset()
    """Words that may stand before 'coalition' and still mean the catalogued one ('the
    so-called coalition'); any other ('the drone coalition') names another coalition."""
    """An alliance's treaty -> the organisation (NATO's treaty -> NATO): such a text is what
    'the pact' means only where the alliance or its treaty is named."""

    def arrangement_for(self, sentence: Sentence, after: int | None = None) -> str | None:
        """The arrangement a sentence is about: named in it, referred back to, or inferred.

        With ``after`` (a verb's position), the name or noun that follows the verb most
        closely wins: in "signed on to the coalition's statement" the object is the statement.
        """

        def distance(start: int) -> int:
            return start - after if after is not None and start >= after else 10_000 + start

        named = sorted(
            (m for m in sentence.mentions if m.target in self.catalog.arrangements),
            key=lambda m: distance(m.start),
        )
        if named:
            return named[0].target
        nouns = _heads_first(
            sorted(
                [n for n in sentence.labels("NOUN:") if not _in_condition(sentence, n)],
                key=lambda n: distance(min(s for s, _ in sentence.cues["NOUN:" + n])),
            ),
            sentence,
        )
        for noun in nouns:
            if _another_of_its_kind(sentence, noun, self.generic_modifiers):
                return None
            kinds = NOUN_KINDS.get(noun, set())
            for candidate in reversed(self.arrangements):
                if self.catalog.arrangements[candidate].kind in kinds and self._may_mean(
                    candidate, sentence
                ):
                    return candidate
            inferred = self._infer(kinds, sentence)
            if inferred is not None:
                return inferred
        return None

    def _may_mean(self, candidate: str, sentence: Sentence) -> bool:
        if not self._existed(candidate, sentence):
            return False
        owner = self.alliances.get(candidate)
        if owner is None or any(m.target in (candidate, owner) for m in sentence.mentions):
            return True
        return any(
            sentence.text[start - sentence.start : end - sentence.start].lower() in ALLIANCE_WORDS
            for start, end in sentence.cues.get("NOUN:treaty", [])
        )

    def _existed(self, candidate: str, sentence: Sentence) -> bool:
        """A text is not what a report of an event before it was established speaks of (a
        coalition formed in February 2024 is not the Coalition of the Willing of 2025)."""
        established = self.catalog.arrangements[candidate].established
        if established is None:
            return True
        found = [
            f.value
            for f in temporal.dates(sentence.text, self.published)
            if isinstance(f.value, dt.date)
        ]
        years = temporal.years_mentioned(sentence.text)
        if found:
            return max(found) >= established - dt.timedelta(days=7)
        if years:
            return max(years) >= established.year
        return self.published is None or self.published >= established - dt.timedelta(days=7)

    def _infer(self, kinds: set[ArrangementKind], sentence: Sentence) -> str | None:
        if ArrangementKind.COALITION not in kinds:
            return None
        beneficiary = self.beneficiary or next(
            (m.target for m in sentence.mentions if m.actor_kind is ActorKind.STATE), None
        )
        options = [
            a.id
            for a in self.catalog.arrangements.values()
            if a.kind is ArrangementKind.COALITION
            and a.beneficiary == beneficiary
            and self._existed(a.id, sentence)
        ]
        return options[0] if len(options) == 1 else None


def _pledges(sentence: Sentence) -> bool:
    return sentence.has("COMMIT:verb") and any(label.startswith("CAT:") for label in sentence.cues)


QUALIFIED_AFTER = pattern("context", "qualified_after")
_WORD = pattern("context", "word")
_COMPOUND_GAP = pattern("context", "compound_gap")


def _another_of_its_kind(sentence: Sentence, noun: str, generic: frozenset[str]) -> bool:
    """'the drone coalition', 'the Coalition on F-16': a coalition named by what it does is
    another coalition than the catalogued one the noun alone would suggest."""
    if noun != "coalition":
        return False
    for start, end in sentence.cues.get("NOUN:" + noun, []):
        before = sentence.text[max(0, start - sentence.start - 30) : start - sentence.start]
        words = _WORD.findall(before.lower())
        after = sentence.text[end - sentence.start : end - sentence.start + 30]
        if (words and words[-1] not in generic) or QUALIFIED_AFTER.match(after):
            return True
    return False


def names_a_deal(sentence: Sentence) -> bool:
    """Whether the sentence names an agreement other than the peace deal of a condition."""
    noun = "bilateral_security_agreement"
    return sentence.has("NOUN:" + noun) and not _in_condition(sentence, noun)


def _in_condition(sentence: Sentence, noun: str) -> bool:
    """'once a peace deal is reached': the deal there is the condition, not the pact."""
    conditions = [
        span
        for label, spans in sentence.cues.items()
        if label.startswith("COND:")
        for span in spans
    ]
    return all(
        any(start <= s < end for start, end in conditions) for s, _ in sentence.cues["NOUN:" + noun]
    )


def _heads_first(nouns: list[str], sentence: Sentence) -> list[str]:
    """In 'the coalition statement' the statement is the thing: a noun that modifies the one
    right after it gives way to it."""
    if len(nouns) < 2:
        return nouns
    first = min(sentence.cues["NOUN:" + nouns[0]])
    second = min(sentence.cues["NOUN:" + nouns[1]])
    gap = sentence.text[first[1] - sentence.start : second[0] - sentence.start]
    if _COMPOUND_GAP.fullmatch(gap):
        return [nouns[1], nouns[0], *nouns[2:]]
    return nouns


def _first_condition(sentences: list[Sentence]) -> tuple[ConditionKind, str] | None:
    for sentence in sentences:
        found = sorted(
            (start, end, condition)
            for condition in (ConditionKind.CEASEFIRE, ConditionKind.PEACE_AGREEMENT)
            for start, end in sentence.cues.get(f"COND:{condition}", [])
        )
        if found:
            start, end, condition = found[0]
            return condition, sentence.text[start - sentence.start : end - sentence.start]
    return None


def build_context(
    catalog: Catalog,
    sentences: list[Sentence],
    published: dt.date | None,
    owners: dict[str, list[str]] | None = None,
    generic_modifiers: frozenset[str] = frozenset(),
) -> Context:
    """Read the document once for its beneficiary, focus actor and arrangements."""
    context = Context(catalog=catalog, published=published, generic_modifiers=generic_modifiers)
    states: Counter[str] = Counter()
    beneficiaries: Counter[str] = Counter()
    for sentence in sentences:
        for mention in sentence.mentions:
            if mention.target in catalog.arrangements:
                if mention.target not in context.arrangements:
                    context.arrangements.append(mention.target)
                arrangement = catalog.arrangements[mention.target]
                if arrangement.beneficiary:
                    beneficiaries[arrangement.beneficiary] += 2
            elif owners and mention.target in owners:
                for owned in owners[mention.target]:
                    if owned not in context.arrangements:
                        context.arrangements.append(owned)
                    if mention.actor_kind is ActorKind.ORGANISATION:
                        context.alliances[owned] = mention.target
            elif mention.actor_kind is ActorKind.STATE:
                states[mention.target] += 1
                if _pledges(sentence) and in_beneficiary_position(sentence, mention):
                    beneficiaries[mention.target] += 1
    if "UKR" in states:
        beneficiaries["UKR"] += states["UKR"]
    context.beneficiary = beneficiaries.most_common(1)[0][0] if beneficiaries else None
    context.reference = _dateline_day(sentences[:4], published) or published
    context.first_condition = _first_condition(sentences)
    context.leading_states = tuple(actor for actor, _ in states.most_common())
    others = [
        (actor, count) for actor, count in states.most_common() if actor != context.beneficiary
    ]
    context.focus = others[0][0] if others else None
    return context


def _dateline_day(sentences: list[Sentence], published: dt.date | None) -> dt.date | None:
    """The date of a dateline at the top ('FASANO, Italy, June 14 (Xinhua) --'), when it is
    the published day or the week before it."""
    for sentence in sentences:
        if DATELINE.match(sentence.text) is None:
            continue
        for found in temporal.dates(sentence.text[:80], published):
            day = found.value
            if not isinstance(day, dt.date) or found.start > 40:
                continue
            if published is None or dt.timedelta(0) <= published - day <= dt.timedelta(days=7):
                return day
    return None


_BOUNDARY = pattern("context", "boundary")
ASIDE = pattern("context", "aside")
_LIST = pattern("context", "list")
_SUBJECT_GAP = 70
_AMONG_THOSE = pattern("context", "among_those")
_REPORTED = pattern("context", "reported")
_JOINED_CLAUSES = pattern("context", "joined_clauses")


def subject_actors(sentence: Sentence, cue_at: int, past_aside: bool = False) -> list[Mention]:
    """The actors that do what the cue says: the list of names closest before it, in its
    clause; with ``past_aside``, before a relative clause set off by commas that ends right
    before the cue ('Sweden, which joined NATO last year, pledged ...'). Memberships do not
    look past one: 'Trump, who had pushed for the target, left The Hague' leaves no alliance."""
    aside = _aside_before(sentence, cue_at) if past_aside else None
    if aside is not None:
        return subject_actors(sentence, aside)
    actors = sorted(
        (
            m
            for m in sentence.mentions
            if m.kind == "actor"
            and m.end <= cue_at
            and not is_place(sentence, m)
            and not _modifier(sentence, m)
        ),
        key=lambda m: m.start,
    )
    if not actors:
        return []
    nearest = actors[-1]
    gap = sentence.text[nearest.end - sentence.start : cue_at - sentence.start]
    if _object_of_verb(sentence, nearest) and not _BOUNDARY.search(gap):
        return subject_actors(sentence, _start_of_title(sentence, nearest))
    reported = _REPORTED.match(gap) is not None or _AMONG_THOSE.match(gap) is not None
    if (
        len(gap) > (_SUBJECT_GAP * 2 if _JOINED_CLAUSES.search(gap) else _SUBJECT_GAP)
        or (_BOUNDARY.search(gap) and not reported)
        or _object_of_preposition(sentence, nearest)
    ):
        return []
    chosen = [nearest]
    for mention in reversed(actors[:-1]):
        between = sentence.text[mention.end - sentence.start : chosen[-1].start - sentence.start]
        if mention.end > chosen[-1].start:
            continue
        if not _LIST.match(between) and not _title_between(between):
            break
        chosen.append(mention)
    return list(reversed(chosen))


def _aside_before(sentence: Sentence, cue_at: int) -> int | None:
    """Where a relative clause set off by commas starts, when it ends right before the cue
    (a few words, no clause boundary between): its comma's position, else None."""
    head = sentence.text[: cue_at - sentence.start]
    for found in ASIDE.finditer(head):
        gap = head[found.end() :]
        if len(gap) <= _SUBJECT_GAP and not _BOUNDARY.search(gap):
            return sentence.start + found.start() - 1
    return None


DATELINE = pattern("context", "dateline")
DATELINE_END = pattern("context", "dateline_end")


def is_place(sentence: Sentence, mention: Mention) -> bool:
    """'in Warsaw', 'at Kyiv', the 'Paris' of 'Paris declaration' or 'Paris talks', the
    'Italy' of a dateline ('FASANO, Italy, June 14 -'): named as where, not as who."""
    before = sentence.text[: mention.start - sentence.start]
    after = sentence.text[mention.end - sentence.start : mention.end - sentence.start + 24]
    if DATELINE.fullmatch(before) and DATELINE_END.match(after):
        return True
    if mention.via != "capital":
        return False
    if any(
        m.kind == "arrangement" and m.start <= mention.start and mention.end <= m.end
        for m in sentence.mentions
    ):
        return True
    if EVENT_AFTER.match(after):
        return True
    before = before.rstrip().lower()
    return before.endswith((" in", " at", " to", " from")) or before in {"in", "at"}


EVENT_AFTER = pattern("context", "event_after")


def _title_between(text: str) -> bool:
    """'German Chancellor Olaf Scholz', 'North Korean leader Kim Jong Un': a title between a
    demonym and a name."""
    return bool(TITLE_WORDS.fullmatch(text))


TITLE_WORDS = pattern("context", "title_words")


def _object_of_preposition(sentence: Sentence, mention: Mention) -> bool:
    before = sentence.text[
        max(0, mention.start - sentence.start - 14) : mention.start - sentence.start
    ]
    words = before.strip().lower().split()
    if words and words[-1] == "the":
        words = words[:-1]
    return bool(words) and words[-1] in {
        "with",
        "to",
        "for",
        "from",
        "against",
        "in",
        "of",
        "on",
        "by",
        "at",
        "into",
        "toward",
        "towards",
        "between",
    }


_TITLE_WORDS = pattern("context", "title_start")
OBJECT_VERBS = frozenset(
    {
        "thanked",
        "thanking",
        "thanks",
        "praised",
        "praising",
        "urged",
        "hosted",
        "welcomed",
        "received",
        "commended",
        "commending",
        "congratulated",
        "congratulating",
    }
)
MODIFIER = pattern("context", "modifier")
OF_A_BODY = pattern("context", "of_a_body")


def _modifier(sentence: Sentence, mention: Mention) -> bool:
    """'a US-led monitoring mechanism', '21 other NATO countries': the name describes the
    thing, it is no subject."""
    after = sentence.text[mention.end - sentence.start : mention.end - sentence.start + 20]
    if mention.actor_kind is ActorKind.ORGANISATION and OF_A_BODY.match(after):
        return True
    return MODIFIER.match(after) is not None


def _start_of_title(sentence: Sentence, mention: Mention) -> int:
    """Where 'Greek Prime Minister Kyriakos Mitsotakis' begins, for a mention inside it."""
    offset = mention.start - sentence.start
    before = sentence.text[max(0, offset - 80) : offset]
    title = _TITLE_WORDS.search(before)
    return mention.start - (len(before) - title.start() if title else 0)


def _object_of_verb(sentence: Sentence, mention: Mention) -> bool:
    """'Macron hosted Zelensky', 'Zelensky thanked Greek Prime Minister Mitsotakis': an object."""
    before = sentence.text[: _start_of_title(sentence, mention) - sentence.start].split()
    return bool(before) and before[-1].lower() in OBJECT_VERBS


def acting_states(mentions: list[Mention]) -> list[str]:
    """Distinct ids of the states or bodies that mentions act for, in order."""
    seen: dict[str, None] = {}
    for mention in mentions:
        if mention.actor_kind is ActorKind.PERSON and mention.represents is None:
            continue
        seen.setdefault(mention.acting_for, None)
    return list(seen)
