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
from pactwatch.extract.context import is_place, subject_actors
from pactwatch.extract.engine import Sentence
from pactwatch.extract.merge import PENDING
from pactwatch.extract.rules import Rules
from pactwatch.model import ActorKind, AgreementClaim, ArrangementKind, Claim

CONCLUDED = re.compile(
    r"\b(?:ha(?:s|ve|d)\s+(?:already\s+|so far\s+|now\s+|also\s+)?"
    r"(?:signed|concluded|struck|sealed|inked|agreed)|(?:were|was|been)\s+(?:already\s+)?"
    r"(?:signed|concluded)|signed|concluded)\b",
    re.IGNORECASE,
)
PLURAL_DEALS = re.compile(
    r"\b(?:agreements|deals|accords|pacts|treaties|such (?:an? )?(?:agreement|deal|pact|accord)|"
    r"similar (?:agreement|deal|pact|accord)|(?:agreement|deal|pact|accord)s?\s+(?:has|have) "
    r"(?:also |already )?been signed)\b",
    re.IGNORECASE,
)


class EarlierAgreementRules(Rules):
    """Agreements named in passing, one per partner, and lists of them."""

    def earlier_agreements(self, sentence: Sentence) -> list[Claim]:
        if sentence.start in self.list_items:
            header = self.list_header
            if header is None:
                return []
            return self._pairs(sentence, self._party_of(header), dated=True)
        if not self._states_deals(sentence):
            return []
        return self._pairs(sentence, self._party_of(sentence), dated=False)

    def note_list_header(self, sentence: Sentence) -> None:
        """Remember a sentence that introduces a list of agreements until the list ends."""
        if sentence.start in self.list_items:
            return
        self.list_header = sentence if self._introduces_deals(sentence) else None

    def _introduces_deals(self, sentence: Sentence) -> bool:
        at = sentence.first("AGREE:noun")
        if at is None:
            return False
        if self.negated(sentence, at) or self.hedged_near(sentence, at):
            return False
        return CONCLUDED.search(sentence.text) is not None

    def _states_deals(self, sentence: Sentence) -> bool:
        """'Such agreements have already been signed with the UK, France and Germany.'"""
        return (
            self._introduces_deals(sentence)
            and PLURAL_DEALS.search(sentence.text) is not None
            and (sentence.has("BACK:") or self.is_background(sentence))
        )

    def _party_of(self, sentence: Sentence) -> str | None:
        """The state on the other side of every listed agreement: the subject of the
        signing ('France concluded comparable treaties with...'), else the document's
        beneficiary ('such agreements have been signed with...')."""
        verb = CONCLUDED.search(sentence.text)
        if verb is not None:
            subjects = [
                m.acting_for
                for m in subject_actors(sentence, sentence.start + verb.start())
                if m.actor_kind is ActorKind.STATE
                or (m.actor_kind is ActorKind.PERSON and m.represents)
            ]
            if len(subjects) == 1:
                return subjects[0]
        return self.context.beneficiary

    def _pairs(self, sentence: Sentence, party: str | None, dated: bool) -> list[Claim]:
        if party is None:
            return []
        hostile = set(self.adversaries.get(party, []))
        partners = [
            m.acting_for
            for m in sentence.mentions
            if m.kind == "actor"
            and m.actor_kind in (ActorKind.STATE, ActorKind.ORGANISATION)
            and m.acting_for not in (party, *hostile)
            and not is_place(sentence, m)
            and m.via != "capital"
        ]
        day = self._item_date(sentence) if dated else self._stated_date(sentence)
        claims: list[Claim] = []
        for partner in dict.fromkeys(partners):
            if partner in self.owners:
                continue
            parties = (party, partner)
            text = self.context.catalog.arrangement_between(parties)
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
        return claims

    def _item_date(self, sentence: Sentence) -> dt.date | None:
        found = [
            f.value
            for f in temporal.dates(sentence.text, self.context.published)
            if isinstance(f.value, dt.date)
        ]
        return found[0] if found else None

    def _stated_date(self, sentence: Sentence) -> dt.date | None:
        """A full date said in the sentence ('signed on 12 January 2024'), never the report's."""
        found = [
            f.value for f in temporal.dates(sentence.text, None) if isinstance(f.value, dt.date)
        ]
        return found[0] if len(found) == 1 else None
