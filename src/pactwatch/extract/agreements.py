"""Agreement rules: who signed which agreement with whom, where, for how long."""

import datetime as dt
from dataclasses import replace

from pactwatch.extract import temporal
from pactwatch.extract.beneficiary import clause_beneficiary
from pactwatch.extract.context import acting_states, is_place, subject_actors
from pactwatch.extract.engine import Mention, Sentence
from pactwatch.extract.grammar import pattern
from pactwatch.extract.merge import PENDING
from pactwatch.extract.modality import clause_bounds
from pactwatch.extract.rules import MULTILATERAL_TEXTS, Rules, signed_then
from pactwatch.model import (
    ActorKind,
    AgreementClaim,
    Arrangement,
    ArrangementKind,
    Claim,
    Duration,
    MembershipAction,
)

MULTILATERAL_NOUNS = ("NOUN:declaration", "NOUN:compact")
"""The nouns of texts that states sign one by one."""
THE_TEXT = pattern("agreements", "the_text")
THE_TWO = pattern("agreements", "the_two")
FUTURE = pattern("agreements", "future")
OWNED_PACT = pattern("agreements", "owned_pact")
PLURAL = pattern("agreements", "plural")
TERM_OF_IT = pattern("agreements", "term_of_it")
SIGNING_OF_IT = pattern("agreements", "signing_of_it")
AGENT = pattern("agreements", "agent")
CONTINUING = pattern("agreements", "continuing")
COUNTERPART = pattern("agreements", "counterpart")


def _its_day(sentence: Sentence, text: Arrangement) -> dt.date | None:
    """'on Friday, January 12' in a report with no date: the catalogued text's signing day,
    if the day the sentence gives without a year is that one."""
    signed = text.established
    if signed is None or (signed.month, signed.day) not in temporal.day_months(sentence.text):
        return None
    return signed


def _future(sentence: Sentence, verb: int) -> bool:
    before = sentence.text[max(0, verb - sentence.start - 40) : verb - sentence.start]
    return FUTURE.search(before) is not None


class AgreementRules(Rules):
    """Agreements: a signing verb, an agreement noun and at least two parties."""

    def agreements(self, sentence: Sentence) -> list[Claim]:
        """Signings of agreements; the caller skips sentences that gave a membership
        ('Greece signed on to the declaration' is a membership, not a new agreement)."""
        if not (sentence.has("AGREE:verb") and sentence.has("AGREE:noun")):
            return []
        verb = sentence.first("AGREE:verb") or sentence.start
        clause = clause_bounds(sentence, verb)
        past = self.past_date(sentence, clause)
        if (
            self.negated(sentence, verb)
            or (past is None and self.is_background(sentence, verb))
            or self.hedged_near(sentence, verb)
            or _future(sentence, verb)
            or self.other_fields_only(sentence)
        ):
            return []
        parties = self._parties(sentence)
        arrangement = self.context.arrangement_for(sentence)
        known = self.context.catalog.arrangements.get(arrangement or "")
        signed_alone = known is not None and self._signs_multilateral(sentence, verb, known)
        if len(parties) < 2 and not signed_alone:
            beneficiary = (
                (known.beneficiary if known else None)
                or clause_beneficiary(sentence, verb, parties)
                or self._bilateral_partner(sentence)
            )
            if beneficiary is None or not parties or parties == [beneficiary]:
                return []
            if set(parties) & set(self.adversaries.get(beneficiary, [])):
                return []
            parties = list(dict.fromkeys([beneficiary, *parties]))
        kind = known.kind if known else self._kind(sentence)
        beneficiary = self.context.beneficiary
        if (
            kind is ArrangementKind.BILATERAL_SECURITY_AGREEMENT
            and beneficiary is not None
            and beneficiary not in parties
            and any(m.acting_for == beneficiary for m in sentence.mentions if m.kind == "actor")
        ):
            parties = [beneficiary, *parties]
        if kind is ArrangementKind.COALITION:
            kind = ArrangementKind.DECLARATION
        years = temporal.duration_years(sentence.text)
        groups = self._separate(sentence, parties, kind)
        self.context.parties = groups[-1]
        claims: list[AgreementClaim] = []
        signed: list[Claim] = []
        for group in groups:
            if any(self._is_coalition(party) for party in group):
                continue
            text = (
                known
                if known is not None and self._signs_multilateral(sentence, verb, known)
                else self.text_for(sentence, group, known)
            )
            if text is not None and text.kind in MULTILATERAL_TEXTS:
                signers = [party for party in group if self._may_sign(party, text)]
                signed.extend(
                    self.membership_claims(sentence, text.id, signers, MembershipAction.SIGN, 0.75)
                )
                continue
            claims.append(
                AgreementClaim(
                    parties=group,
                    kind=text.kind if text else kind,
                    name=text.name if text else None,
                    arrangement=text.id if text else None,
                    # 'signed a security agreement on March 1' in a June report: an earlier
                    # signing told in passing, with its own day.
                    date=past
                    or (
                        None
                        if self.earlier_month(sentence, clause)
                        else self._signed_on(sentence, text)
                    ),
                    place=self.place(sentence),
                    duration=Duration(years=years) if years else None,
                    confidence=0.75,
                    producer=self.producer,
                    id=PENDING,
                    evidence=self.evidence(sentence),
                )
            )
        if claims:
            self.latest_agreement = claims[-1] if len(claims) == 1 else None
        return [*claims, *signed]

    def _signed_on(self, sentence: Sentence, text: Arrangement | None) -> dt.date | None:
        """The sentence's date, unless the catalogued text its words name was signed at
        another time ('pledged on Monday under the agreement the two signed in 2024'): then
        the agreement is stated in passing, dated only by a full date given that fits it."""
        day = self.event_date(sentence)
        if text is not None and day is None:
            return _its_day(sentence, text)
        if text is None or signed_then(text, day):
            return day
        stated = self.stated_date(sentence)
        return stated if stated is not None and signed_then(text, stated) else None

    def _is_coalition(self, party: str) -> bool:
        """A coalition signs nothing with anyone: its members sign its declarations (and
        become members of them), so 'the coalition and Ukraine signed' is no agreement."""
        actor = self.context.catalog.actors.get(party)
        return actor is not None and actor.kind is ActorKind.COALITION

    def _signs_multilateral(self, sentence: Sentence, verb: int, known: Arrangement) -> bool:
        """'Canada signs the Paris Declaration', 'Italy signed the declaration': what the
        verb signs is a declaration or compact that states sign one by one, named or referred
        back to, never the agreement its signer concluded with the beneficiary."""
        if known.kind not in MULTILATERAL_TEXTS:
            return False
        nouns = [span for span in sentence.cues.get("AGREE:noun", []) if span[0] >= verb]
        if not nouns:
            return False
        signed = min(nouns)
        start, end = signed
        if any(
            m.target == known.id and m.start <= start and end <= m.end for m in sentence.mentions
        ):
            return True
        before = sentence.text[max(0, start - sentence.start - 12) : start - sentence.start]
        return THE_TEXT.search(before) is not None and any(
            signed in sentence.cues.get(label, []) for label in MULTILATERAL_NOUNS
        )

    def _may_sign(self, party: str, text: Arrangement) -> bool:
        """A state or organisation signs a declaration or compact, never its own body's text
        (the coalition its declaration); the beneficiary signs where it is a named party or
        the text is a compact."""
        actor = self.context.catalog.actors.get(party)
        if actor is None or text.id in self.owners.get(party, []):
            return False
        if actor.kind not in (ActorKind.STATE, ActorKind.ORGANISATION):
            return False
        return (
            party != text.beneficiary
            or party in text.parties
            or text.kind is ArrangementKind.COMPACT
        )

    def term(self, sentence: Sentence) -> list[Claim]:
        """'The agreement is concluded for ten years': the length of the agreement signed
        before, said in a sentence of its own."""
        latest = self.latest_agreement
        if latest is None or sentence.has("AGREE:verb") or not TERM_OF_IT.search(sentence.text):
            return []
        years = temporal.duration_years(sentence.text)
        if not years:
            return []
        return [
            replace(
                latest,
                duration=Duration(years=years),
                id=PENDING,
                evidence=self.evidence(sentence),
                confidence=0.6,
            )
        ]

    def signing_day(self, sentence: Sentence) -> list[Claim]:
        """'The signing of the agreement took place on Friday, January 12': the day of the
        agreement signed before, said in a sentence of its own (a day without a year is the
        catalogued text's only when it is that text's day)."""
        latest = self.latest_agreement
        if latest is None or latest.date is not None or not SIGNING_OF_IT.search(sentence.text):
            return []
        day = self.sentence_date(sentence)
        text = self.context.catalog.arrangements.get(latest.arrangement or "")
        if day is None and text is not None:
            day = _its_day(sentence, text)
        if day is None:
            return []
        return [replace(latest, date=day, id=PENDING, evidence=self.evidence(sentence))]

    def _bilateral_partner(self, sentence: Sentence) -> str | None:
        """For 'X signed a security agreement' in a story about a beneficiary: that beneficiary."""
        beneficiary = self.context.beneficiary
        if beneficiary is None or not sentence.has("NOUN:bilateral_security_agreement"):
            return None
        if sentence.has("AGREE:security") or beneficiary in self.context.parties:
            return beneficiary
        return None

    def _separate(
        self, sentence: Sentence, parties: list[str], kind: ArrangementKind
    ) -> list[tuple[str, ...]]:
        """'Canada and Italy concluded agreements with Ukraine': one bilateral agreement each
        (a bilateral agreement has two parties)."""
        bilateral = kind is ArrangementKind.BILATERAL_SECURITY_AGREEMENT
        several = PLURAL.search(sentence.text) is not None
        if not (bilateral and several and len(parties) > 2):
            return [tuple(parties)]
        beneficiary = self.context.beneficiary
        pivot = beneficiary if beneficiary in parties else self._lone_side(sentence, parties)
        if pivot is None:
            return [tuple(parties)]
        return [(pivot, other) for other in parties if other != pivot]

    def _lone_side(self, sentence: Sentence, parties: list[str]) -> str | None:
        """The one party on its side of the signing: the lone subject ('Zelensky signed deals
        with Belgium and Portugal'), else the lone counterpart ('Belgium and Portugal signed
        deals with Kyiv'), else None."""
        verb = sentence.first("AGREE:verb") or sentence.end
        subjects = acting_states(subject_actors(sentence, verb, past_aside=True))
        subjects = [s for s in subjects if s in parties]
        counterparts = [p for p in parties if p not in subjects]
        if len(subjects) == 1:
            return subjects[0]
        return counterparts[0] if subjects and len(counterparts) == 1 else None

    def _parties(self, sentence: Sentence) -> list[str]:
        """Who signs: the subject list before the verb, and whoever it is signed with."""
        verb = sentence.first("AGREE:verb") or sentence.end
        named = subject_actors(sentence, verb, past_aside=True)
        if not named and THE_TWO.search(sentence.text[: verb - sentence.start]):
            return self.states_of(self.recent_people[-2:])
        for mention in sentence.mentions:
            if mention.kind != "actor" or is_place(sentence, mention) or mention in named:
                continue
            if self._counterpart(sentence, mention, verb, named) or self._possessive(
                sentence, mention, verb
            ):
                named.append(mention)
        catalog = self.context.catalog
        return [
            p
            for p in acting_states(named)
            if p not in self.owners or catalog.actors[p].kind is ActorKind.COALITION
        ]

    def _counterpart(
        self, sentence: Sentence, mention: Mention, verb: int, named: list[Mention]
    ) -> bool:
        """'with Ukraine', 'with the President of Lithuania', 'between X and Y', 'signed by X',
        '..., and Z', '..., and the Prime Minister of Z'."""
        before = sentence.text[
            max(0, mention.start - sentence.start - 40) : mention.start - sentence.start
        ]
        if (
            COUNTERPART.search(before) or AGENT.search(before)
        ) and 0 <= mention.start - verb <= 120:
            return True
        return any(
            CONTINUING.fullmatch(
                sentence.text[m.end - sentence.start : mention.start - sentence.start]
            )
            for m in named
            if m.end <= mention.start
        )

    def _possessive(self, sentence: Sentence, mention: Mention, verb: int) -> bool:
        """'signed Portugal's security agreement'."""
        after = sentence.text[mention.end - sentence.start : mention.end - sentence.start + 60]
        return 0 < mention.start - verb <= 40 and OWNED_PACT.match(after) is not None

    def _kind(self, sentence: Sentence) -> ArrangementKind:
        text = sentence.text.lower()
        if "declaration" in text:
            return ArrangementKind.DECLARATION
        if "compact" in text:
            return ArrangementKind.COMPACT
        if "treaty" in text or "mutual" in text or "pact" in text:
            return ArrangementKind.TREATY
        return ArrangementKind.BILATERAL_SECURITY_AGREEMENT
