"""Agreements a report states in passing: 'such agreements have already been signed with A,
B and C', and lists of them ('Ukraine has already signed similar agreements:' followed by
'February 16 - with Germany and France.' or by bulleted names under a heading).

What a report says was concluded earlier is a fact about that agreement, with its own date
where the text gives one (a list item's date), else none: the report's day is not its day.
"""

from __future__ import annotations

import datetime as dt
import re

from pactwatch.extract import temporal
from pactwatch.extract.context import acting_states, is_place, subject_actors
from pactwatch.extract.engine import Mention, Sentence
from pactwatch.extract.grammar import pattern
from pactwatch.extract.members import LIST_GAP, listed_after
from pactwatch.extract.merge import PENDING
from pactwatch.extract.modality import firmness
from pactwatch.extract.rules import Rules, signed_then
from pactwatch.model import (
    ActorKind,
    AgreementClaim,
    Arrangement,
    ArrangementKind,
    Claim,
    Modality,
)

CONCLUDED = pattern("earlier", "concluded")
PLURAL_DEALS = pattern("earlier", "plural_deals")
LATEST = pattern("earlier", "latest")
AFTER = pattern("earlier", "after")
WITH = pattern("earlier", "with")
SIMILAR = pattern("earlier", "similar")
PAIR_NAMED = pattern("earlier", "pair_named")
AGENT = pattern("earlier", "agent")
TO_BE_SIGNED = pattern("earlier", "to_be_signed")
PROSPECT = pattern("earlier", "prospect")
BETWEEN = pattern("earlier", "between")
WHICH_SIGNED = pattern("earlier", "which_signed")


ORDINALS = ("latest", "newest", "last", "first", "second", "third", "fourth", "fifth", "th ")
SIGNING_WORDS = ("sign", "conclu", "struck", "sealed", "inked", "agreed")


def _concluded(text: str) -> re.Match[str] | None:
    """CONCLUDED in the text, tried only where a signing word occurs (the regex cannot start
    with a literal, so it is slow to scan)."""
    lower = text.lower()
    if not any(word in lower for word in SIGNING_WORDS):
        return None
    return CONCLUDED.search(text)


class EarlierAgreementRules(Rules):
    """Agreements named in passing, one per partner, and lists of them."""

    def earlier_agreements(self, sentence: Sentence) -> list[Claim]:
        if sentence.start in self.list_items:
            header = self.list_header
            if header is None:
                return []
            return self._pairs(sentence, self._party_of(header), dated=True)
        if not sentence.has("AGREE:noun") or self.other_fields_only(sentence):
            return []
        named = self._named_pair(sentence) or self._between(sentence)
        if named:
            return named
        lower = sentence.text.lower()
        latest = LATEST.search(sentence.text) if any(w in lower for w in ORDINALS) else None
        if latest and self._introduces_deals(sentence, concluded=False):
            return self._latest(sentence, latest.end())
        if not self._states_deals(sentence):
            return self._two_signed_earlier(sentence)
        return self._pairs(sentence, self._party_of(sentence), dated=False)

    def _named_pair(self, sentence: Sentence) -> list[Claim]:
        """'the UK-Ukraine Agreement on Security Cooperation', 'the 1951 U.S.-Philippines
        Mutual Defense Treaty': an agreement named by its two parties."""
        found: list[Claim] = []
        for match in PAIR_NAMED.finditer(sentence.text):
            first = [m for m in sentence.mentions if m.end == sentence.start + match.start(1)]
            second = [m for m in sentence.mentions if m.start == sentence.start + match.end(1)]
            pair = [m.acting_for for m in (*first, *second) if m.actor_kind is ActorKind.STATE]
            stated = firmness(sentence, sentence.start + match.start(1))
            if len(pair) == 2 and pair[0] != pair[1] and stated is Modality.COMMITTED:
                found.extend(self._pairs(sentence, pair[0], dated=False, partners=pair[1:]))
        return found

    def _between(self, sentence: Sentence) -> list[Claim]:
        """'the AUKUS pact between Australia, Britain and the United States': an agreement
        named by the states it is between, in passing (no date of its own)."""
        found = BETWEEN.search(sentence.text)
        if (
            found is None
            or sentence.has("MOD:hedged")
            or TO_BE_SIGNED.search(sentence.text)
            or PROSPECT.search(sentence.text[max(0, found.start() - 60) : found.start()])
        ):
            return []
        states = list(
            dict.fromkeys(
                m.acting_for
                for m in listed_after(sentence, sentence.start + found.end())
                if m.actor_kind is ActorKind.STATE
            )
        )
        if len(states) < 2 or firmness(sentence, sentence.start + found.start()) is not (
            Modality.COMMITTED
        ):
            return []
        if len(states) == 2:
            return self._pairs(sentence, states[0], dated=False, partners=states[1:])
        return [
            AgreementClaim(
                parties=tuple(states),
                kind=ArrangementKind.TREATY,
                confidence=0.6,
                producer=self.producer,
                id=PENDING,
                evidence=self.evidence(sentence),
            )
        ]

    def _latest(self, sentence: Sentence, after: int) -> list[Claim]:
        """'Poland is the latest country to sign an agreement with Ukraine, following the
        United States and the UK': the states that signed before it; 'Japan became the first
        country to sign a pact with Ukraine': the two that signed."""
        before = AFTER.search(sentence.text, after)
        if before is None:
            first = next((m for m in sentence.mentions if m.actor_kind is ActorKind.STATE), None)
            party = self._party_of(sentence, after=after)
            if first is None or party is None or first.acting_for == party:
                return []
            return self._pairs(sentence, party, dated=False, partners=[first.acting_for])
        earlier = listed_after(sentence, sentence.start + before.end())
        party = self._party_of(sentence, after=after)
        return self._pairs(sentence, party, dated=False, partners=[m.acting_for for m in earlier])

    def _two_signed_earlier(self, sentence: Sentence) -> list[Claim]:
        """'Earlier this year, Turkey and Somalia signed a defence agreement', 'with Denmark
        and Finland having signed earlier this year, every Nordic country has an agreement
        with Kyiv': agreements stated in passing, dated only by a full date the sentence
        gives."""
        verb = _concluded(sentence.text)
        if verb is None or not self._introduces_deals(sentence):
            return []
        if not (sentence.has("BACK:") or SIMILAR.search(sentence.text)):
            return []
        signers = [
            a
            for a in acting_states(subject_actors(sentence, sentence.start + verb.start()))
            if self.context.catalog.actors[a].kind is ActorKind.STATE
        ]
        counterpart = WITH.search(sentence.text, verb.end())
        named = listed_after(sentence, sentence.start + counterpart.end()) if counterpart else []
        if len(named) == 1:
            return self._pairs(sentence, named[0].acting_for, dated=False, partners=signers)
        if len(signers) != 2:
            return []
        return self._pairs(sentence, signers[0], dated=False, partners=signers[1:])

    def note_list_header(self, sentence: Sentence) -> None:
        """Remember a sentence that introduces a list of agreements until the list ends."""
        if sentence.start in self.list_items:
            return
        self.list_header = sentence if self._introduces_deals(sentence) else None

    def _introduces_deals(self, sentence: Sentence, concluded: bool = True) -> bool:
        """An agreement noun, a signing verb in the past (unless ``concluded`` is False), no
        negation or hedge: the sentence speaks of agreements signed."""
        at = sentence.first("AGREE:noun")
        if at is None:
            return False
        if self.negated(sentence, at) or self.hedged_near(sentence, at):
            return False
        return not concluded or _concluded(sentence.text) is not None

    def _states_deals(self, sentence: Sentence) -> bool:
        """'Such agreements have already been signed with the UK, France and Germany.'"""
        return (
            self._introduces_deals(sentence)
            and PLURAL_DEALS.search(sentence.text) is not None
            and (sentence.has("BACK:") or self.is_background(sentence))
        )

    def _party_of(self, sentence: Sentence, after: int | None = None) -> str | None:
        """The state on the other side of every listed agreement: the agent ('those already
        signed by France with...') or the subject of the signing ('France concluded
        comparable treaties with...'), a state named 'with' after it, else the document's
        beneficiary ('such agreements have been signed with...')."""
        verb = _concluded(sentence.text)
        if verb is not None:
            agent = AGENT.match(sentence.text, verb.end())
            if agent is not None:
                named = listed_after(sentence, sentence.start + agent.end())
                if len(named) == 1:
                    return named[0].acting_for
            subjects = [
                m.acting_for
                for m in subject_actors(sentence, sentence.start + verb.start())
                if m.actor_kind is ActorKind.STATE
                or (m.actor_kind is ActorKind.PERSON and m.represents)
            ]
            if len(subjects) == 1 and after is None:
                return subjects[0]
        if after is not None:
            counterpart = WITH.search(sentence.text, after)
            named = (
                listed_after(sentence, sentence.start + counterpart.end()) if counterpart else []
            )
            if len(named) == 1:
                return named[0].acting_for
        return self.context.beneficiary

    def _pairs(
        self,
        sentence: Sentence,
        party: str | None,
        dated: bool,
        partners: list[str] | None = None,
    ) -> list[Claim]:
        if party is None:
            return []
        hostile = set(self.adversaries.get(party, []))
        if partners is None:
            partners = [m.acting_for for m in self._partners(sentence)]
        partners = [p for p in partners if p not in (party, *hostile)]
        day = self._item_date(sentence) if dated else self.stated_date(sentence)
        claims: list[Claim] = []
        for partner in dict.fromkeys(partners):
            if partner in self.owners:
                continue
            parties = (party, partner)
            text = self.context.catalog.arrangement_between(parties)
            if text is not None and not self._dated_then(sentence, text, day, dated):
                text = None
            claims.append(
                AgreementClaim(
                    parties=parties,
                    kind=text.kind if text else ArrangementKind.BILATERAL_SECURITY_AGREEMENT,
                    name=text.name if text else None,
                    arrangement=text.id if text else None,
                    date=day,
                    confidence=0.6,
                    producer=self.producer,
                    id=PENDING,
                    evidence=self.evidence(sentence),
                )
            )
        named = [p for claim in claims if isinstance(claim, AgreementClaim) for p in claim.parties]
        self.partners.extend(p for p in named if p != party and p not in self.partners)
        return claims

    def _dated_then(
        self, sentence: Sentence, text: Arrangement, day: dt.date | None, dated: bool
    ) -> bool:
        """Whether a catalogued text can be the agreement stated in passing: signed within a
        month of the date given (a list item's, or a full date in the sentence), else in the
        year the sentence gives the agreements ('such agreements were signed in 2024')."""
        if day is not None or dated:
            return signed_then(text, day)
        return self.dated_as(sentence, text) is not False

    def _partners(self, sentence: Sentence) -> list[Mention]:
        """Every state or organisation the sentence names (not as a place), or only the list
        a relative clause says signed ('A, B and C, which have signed similar deals')."""
        named = [
            m
            for m in sentence.mentions
            if m.kind == "actor"
            and m.actor_kind in (ActorKind.STATE, ActorKind.ORGANISATION)
            and not is_place(sentence, m)
            and m.via != "capital"
        ]
        relative = WHICH_SIGNED.search(sentence.text)
        if relative is None:
            return named
        ahead = [m for m in named if m.end <= sentence.start + relative.start()]
        if not ahead:
            return named
        listed = [ahead[-1]]
        for mention in reversed(ahead[:-1]):
            gap = sentence.text[mention.end - sentence.start : listed[0].start - sentence.start]
            if not LIST_GAP.match(gap):
                break
            listed.insert(0, mention)
        return listed

    def _item_date(self, sentence: Sentence) -> dt.date | None:
        found = [
            f.value
            for f in temporal.dates(sentence.text, self.context.published)
            if isinstance(f.value, dt.date)
        ]
        return found[0] if found else None
