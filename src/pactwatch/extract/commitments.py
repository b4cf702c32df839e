"""Commitment rules: guarantor, beneficiary, category, condition, modality, amount."""

from dataclasses import replace

from pactwatch.extract import temporal
from pactwatch.extract.amounts import Reading
from pactwatch.extract.beneficiary import clause_beneficiaries, is_supplied
from pactwatch.extract.collective import is_item
from pactwatch.extract.context import names_a_deal
from pactwatch.extract.defence import defends_on_attack, on_attack
from pactwatch.extract.engine import Sentence
from pactwatch.extract.grammar import pattern
from pactwatch.extract.guarantors import GuarantorRules
from pactwatch.extract.merge import PENDING
from pactwatch.extract.modality import clause_bounds, firmness
from pactwatch.extract.unpledged import drop_own_forces, drop_unpledged, fresh_clause
from pactwatch.model import (
    RESPONDS_TO_ATTACK,
    ActorKind,
    Amount,
    ArrangementKind,
    Category,
    Claim,
    CommitmentClaim,
    Condition,
    ConditionKind,
    Modality,
    SpanEvidence,
)

REFERS_BACK = pattern("commitments", "refers_back")
POST_WAR = frozenset({"multinational_force", "ceasefire_monitoring", "security_guarantee"})
NEGATED_FORCE = pattern("commitments", "negated_force")
PRONOUN_SUBJECT = pattern("commitments", "pronoun_subject")
PASSIVE_AFTER = pattern("commitments", "passive_after")
THE_GROUP = pattern("commitments", "the_group")
AGREEMENTS = pattern("commitments", "agreements")
STATED_ONCE = pattern("commitments", "stated_once")
REPLACED_REACH = 30
"""How near a replaced sum a background phrase, date or year dates that sum, not the pledge
('up from EUR 1.9bn last year', 'up from EUR 1.9bn in 2025')."""
PAIRWISE = frozenset({ArrangementKind.BILATERAL_SECURITY_AGREEMENT, ArrangementKind.TREATY})
THAT_FORCE = pattern("commitments", "that_force")
ALLIANCE_WIDE = pattern("commitments", "alliance_wide")
CONDITIONAL = pattern("commitments", "conditional")
ATTACK_WORDS = pattern("commitments", "attack_words")


class CommitmentRules(GuarantorRules):
    """Commitments, one per guarantor, beneficiary and category a sentence pledges."""

    def condition(self, sentence: Sentence, arrangement: str | None) -> Condition:
        for kind in (
            ConditionKind.ARMED_ATTACK,
            ConditionKind.CEASEFIRE,
            ConditionKind.PEACE_AGREEMENT,
        ):
            spans = [
                span
                for span in sentence.cues.get(f"COND:{kind}", [])
                if kind is ConditionKind.ARMED_ATTACK or self._introduced(sentence, span[0])
            ]
            if spans:
                start, end = spans[0]
                hours = (
                    temporal.deadline_hours(sentence.text)
                    if kind is ConditionKind.ARMED_ATTACK
                    else None
                )
                return Condition(
                    kind=kind,
                    text=sentence.text[start - sentence.start : end - sentence.start],
                    deadline_hours=hours,
                )
        stated = self.context.conditions.get(arrangement) if arrangement else None
        if stated is None and self.sentence_date(sentence) in (None, self.context.published):
            stated = self.context.conditions.get(None)
        if stated is not None:
            return Condition(kind=stated[0], text=stated[1])
        return Condition()

    def _introduced(self, sentence: Sentence, at: int) -> bool:
        """'after a peace deal', 'once a ceasefire': a condition, not a mere mention of peace."""
        before = sentence.text[max(0, at - sentence.start - 45) : at - sentence.start]
        return bool(CONDITIONAL.search(before))

    def _trigger(self, sentence: Sentence, condition: Condition, category: str) -> Condition:
        """Consultations fall due on an attack: 'consult within 24 hours should Russia attack';
        the category means consulting after an attack, so one with no condition said takes it."""
        if category != "consultation" or condition.kind is ConditionKind.ARMED_ATTACK:
            return condition
        if condition.kind is ConditionKind.NONE or ATTACK_WORDS.search(sentence.text):
            return Condition(
                kind=ConditionKind.ARMED_ATTACK,
                text=condition.text or "attack",
                deadline_hours=temporal.deadline_hours(sentence.text),
            )
        return condition

    def _applies(self, condition: Condition, category: str) -> Condition:
        """An attack triggers consultation and assistance, not training or political support."""
        if condition.kind is ConditionKind.ARMED_ATTACK and category not in RESPONDS_TO_ATTACK:
            return Condition()
        return condition

    def _condition_for(
        self, sentence: Sentence, condition: Condition, category: str, modality: Modality
    ) -> Condition:
        post_war = self._post_war(sentence, self._applies(condition, category), category, modality)
        return self._trigger(sentence, post_war, category)

    def _post_war(
        self, sentence: Sentence, condition: Condition, category: str, modality: Modality
    ) -> Condition:
        """A force, monitoring or guarantee pledge with no condition of its own takes the
        document's ceasefire or peace condition: such pledges are made for after the war. A
        flat refusal ('no plans to send soldiers') keeps none, unless it refuses that very
        force ('troops for such a force')."""
        if condition.kind is not ConditionKind.NONE or category not in POST_WAR:
            return condition
        if category == "ceasefire_monitoring":
            return Condition(kind=ConditionKind.CEASEFIRE, text="ceasefire monitoring")
        if modality is Modality.RULED_OUT and not THAT_FORCE.search(sentence.text):
            return condition
        first = self.context.first_condition
        return Condition(kind=first[0], text=first[1]) if first else condition

    def _force_refusal(self, sentence: Sentence, modality: Modality, category: str) -> Modality:
        """'No troops will be stationed', 'would not send soldiers': a refusal."""
        if (
            category == "multinational_force"
            and modality is not Modality.RULED_OUT
            and NEGATED_FORCE.search(sentence.text)
        ):
            return Modality.RULED_OUT
        return modality

    def note_condition(self, sentence: Sentence) -> None:
        """'The guarantees are contingent upon a formal peace deal': remember it for the pact."""
        if not (
            sentence.has("COND:ceasefire") or sentence.has("COND:peace_agreement")
        ) or not STATED_ONCE.search(sentence.text):
            return
        arrangement = self.context.arrangement_for(sentence)
        for kind in (ConditionKind.CEASEFIRE, ConditionKind.PEACE_AGREEMENT):
            spans = sentence.cues.get(f"COND:{kind}")
            if spans:
                start, end = spans[0]
                phrase = sentence.text[start - sentence.start : end - sentence.start]
                self.context.conditions.setdefault(arrangement, (kind, phrase))
                self.context.conditions.setdefault(None, (kind, phrase))
                return

    def commitments(self, sentence: Sentence) -> list[Claim]:
        reading = self.amount_reader.read(sentence.text)
        self._revising_verb(sentence, reading)
        if not sentence.has("COMMIT:verb") and not (self.lead_in and is_item(sentence)):
            return self._signed_mutual(sentence)
        drop_own_forces(sentence, self.context.beneficiary)
        drop_unpledged(sentence, self.adversaries.get(self.context.beneficiary or "", []))
        categories = sentence.labels("CAT:")
        if (
            not categories
            and sentence.has("COND:armed_attack")
            and temporal.deadline_hours(sentence.text)
        ):
            categories = ["consultation"]
            sentence.cues.setdefault("CAT:consultation", sentence.cues["COND:armed_attack"])
        if not categories:
            categories = defends_on_attack(sentence)
        if not categories and sentence.has("COMMIT:more") and self._follows_a_pledge(sentence):
            _, kinds = self.last_categories
            categories = list(kinds)
            for category in categories:
                sentence.cues["CAT:" + category] = sentence.cues["COMMIT:more"]
        if not categories:
            return []
        at = min(
            start
            for label in sentence.cues
            if label.startswith("CAT:")
            for start, _ in sentence.cues[label]
        )
        if self.is_background(sentence, at, _replaced_span(sentence, reading)):
            at = fresh_clause(sentence, at)
            categories = sentence.labels("CAT:")
        if at < 0 or (self.negated(sentence, at) and not sentence.has("MOD:ruled_out")):
            return []
        guarantors = (
            self._bound(sentence, at)
            or self._deal_with(sentence, at)
            or self._given_by(sentence, at)
            or self._its_readiness(sentence, at)
            or self._subjects(sentence, at)
            or self._group(sentence, at)
            or self._as_a_group(sentence, at)
            or self._its_signers(sentence, at)
            or self._quoted_we(sentence, at)
        )
        several = False
        pronoun = PRONOUN_SUBJECT.search(sentence.text[: at - sentence.start])
        if pronoun and PASSIVE_AFTER.match(sentence.text[pronoun.end() :]):
            pronoun = None  # 'They would be adopted ...': things done, not states pledging
        if not guarantors and pronoun:
            deals = AGREEMENTS.search(pronoun.group()) or (
                pronoun.group().lower() == "they" and self.about_deals
            )
            guarantors = list(self.partners if deals and self.partners else self.last_guarantors)
            several = _singular(pronoun.group()) and len(guarantors) > 1
            if several:
                guarantors = []  # 'It coordinates ...' after 'France and Britain pledged'
            if not guarantors and THE_GROUP.match(pronoun.group()):
                guarantors = self._the_coalition()
        if not guarantors and REFERS_BACK.search(sentence.text) and not several:
            guarantors = self._parties_in_context()
        guarantors = [
            g
            for g in guarantors
            if g not in self.adversaries.get(self.context.beneficiary or "", [])
        ]
        arrangement = self.context.arrangement_for(sentence)
        if arrangement is None and REFERS_BACK.search(sentence.text):
            arrangement = self.current
        if "mutual_defence" in categories:
            signing = sentence.first("AGREE:verb")
            return self._mutual(sentence, arrangement, guarantors, until=signing)
        named_next = [] if guarantors else self._named_next(sentence, at)
        if named_next:
            claims = self._pledges(sentence, reading, categories, at, arrangement, named_next)
            following = self.evidence(self.after[sentence.start])
            return [replace(claim, evidence=(*claim.evidence, *following)) for claim in claims]
        if not guarantors:
            guarantors = self._collective(sentence, arrangement, at) or self._allies(sentence, at)
        if not guarantors:
            return []
        return self._pledges(sentence, reading, categories, at, arrangement, guarantors)

    def _follows_a_pledge(self, sentence: Sentence) -> bool:
        """Whether the sentence just before this one made a pledge."""
        start, kinds = self.last_categories
        before = self.after.get(start)
        return bool(kinds) and before is not None and before.start == sentence.start

    def _pledges(
        self,
        sentence: Sentence,
        reading: Reading,
        categories: list[str],
        at: int,
        arrangement: str | None,
        guarantors: list[str],
    ) -> list[Claim]:
        """One claim per category, guarantor and beneficiary of a pledge whose guarantors
        are known."""
        self.last_guarantors = tuple(guarantors)
        self.last_categories = (sentence.start, tuple(_specific(categories)))
        known = self.context.catalog.arrangements.get(arrangement or "")
        hostile = self.adversaries.get(self.context.beneficiary or "", [])
        named = clause_beneficiaries(sentence, at, [*guarantors, *hostile])
        if not named and self._supplies_itself(sentence, at, guarantors):
            return []
        fallback = (known.beneficiary if known and known.beneficiary else None) or (
            None if self._parties_pledge(sentence, guarantors) else self.context.beneficiary
        )
        beneficiaries = named or ([fallback] if fallback else [])
        categories = _specific(categories)
        condition = self.condition(sentence, arrangement)
        amount = (
            self._amount(reading)
            if {"security_assistance", "economic_support"}.intersection(categories)
            else None
        )
        claims: list[Claim] = []
        for category in categories:
            cue = cue_at(sentence, category)
            stated = firmness(sentence, cue)
            if stated is None:
                continue
            modality = self._force_refusal(sentence, stated, category)
            pledging = self._clause_guarantors(sentence, cue, at, guarantors)
            # 'military aid to Mozambique ... and humanitarian aid to Sudan': each category's
            # own clause may name its own beneficiary.
            own = beneficiaries
            if cue != at:
                own = clause_beneficiaries(sentence, cue, [*guarantors, *hostile]) or beneficiaries
            condition_of = self._condition_for(sentence, condition, category, modality)
            kind = on_attack(category, condition_of)
            for guarantor in pledging:
                targets = [b for b in own if b != guarantor] or [
                    g for g in pledging if g != guarantor
                ]
                for target in targets:
                    claims.append(
                        CommitmentClaim(
                            guarantor=guarantor,
                            beneficiary=target,
                            category=kind,
                            arrangement=self._text_id(sentence, guarantor, target, arrangement),
                            condition=condition_of,
                            modality=modality,
                            # one sum for several states is no state's sum
                            amount=amount
                            if category in {"security_assistance", "economic_support"}
                            and len(targets) == 1
                            else None,
                            start=self.event_date(sentence),
                            confidence=0.7,
                            producer=self.producer,
                            id=PENDING,
                            evidence=self.evidence(sentence),
                        )
                    )
        if amount is not None and reading.replaced is not None and claims:
            old = reading.replaced
            self.revised[(old.value, old.currency)] = amount
        return claims

    def _supplies_itself(self, sentence: Sentence, at: int, guarantors: list[str]) -> bool:
        """'... Poland's state defence concern PGZ ... will provide Warsaw with missiles': the
        one supplied is the guarantor itself, so the pledge is no one else's to receive."""
        start, end = clause_bounds(sentence, at)
        return any(
            m.target in guarantors and start <= m.start < end and is_supplied(sentence, m)
            for m in sentence.mentions
        )

    def _two_named(self, sentence: Sentence) -> list[str]:
        """'an armed attack on Philippine vessels would invoke US mutual defense commitments
        under the Philippines-US treaty': the two states a mutual clause's sentence names (no
        adversary of the document's beneficiary) are its parties."""
        hostile = set(self.adversaries.get(self.context.beneficiary or "", []))
        states = list(
            dict.fromkeys(
                m.acting_for
                for m in sentence.mentions
                if m.actor_kind is ActorKind.STATE and m.acting_for not in hostile
            )
        )
        return states if len(states) == 2 else []

    def _parties_pledge(self, sentence: Sentence, guarantors: list[str]) -> bool:
        """'Germany and Lithuania have reached an agreement to station a brigade in the Baltic
        country': the parties of an agreement this sentence reports pledge to each other, not
        to the beneficiary the rest of the document is about."""
        latest = self.latest_agreement
        return (
            len(guarantors) >= 2
            and latest is not None
            and any(
                isinstance(e, SpanEvidence) and e.start == sentence.start for e in latest.evidence
            )
            and set(guarantors) <= set(latest.parties)
        )

    def _text_id(
        self, sentence: Sentence, guarantor: str, beneficiary: str, guessed: str | None
    ) -> str | None:
        """The text a pledge falls under: a bilateral agreement only when the sentence or its
        context is about one; a coalition's or declaration's pledge keeps its arrangement."""
        known = self.context.catalog.arrangements.get(guessed or "")
        latest = self.latest_agreement
        if (
            latest is not None
            and latest.arrangement is None
            and {guarantor, beneficiary} <= set(latest.parties)
            and (known is None or known.kind in PAIRWISE)
        ):
            return None  # the deal the report is about is not a catalogued one
        pair = self.context.catalog.arrangement_between((guarantor, beneficiary))
        if known is not None and pair is not None and pair.parent == known.id:
            return pair.id
        if known is not None and known.kind not in PAIRWISE:
            return guessed
        about_a_deal = known is not None or names_a_deal(sentence)
        text = self.text_for(sentence, (guarantor, beneficiary), known) if about_a_deal else None
        return text.id if text else None

    def _bilateral_pact(self, sentence: Sentence) -> bool:
        """A two-state pact is what the sentence is about, not an alliance such as NATO."""
        if any(m.actor_kind is ActorKind.ORGANISATION for m in sentence.mentions):
            return False
        catalog = self.context.catalog
        alliances = {
            owned
            for owner, arrangements in self.owners.items()
            if catalog.actors[owner].kind is ActorKind.ORGANISATION
            for owned in arrangements
        }
        return sentence.has("NOUN:treaty") or any(
            catalog.arrangements[a].kind is ArrangementKind.TREATY and a not in alliances
            for a in self.context.arrangements
        )

    def _signed_mutual(self, sentence: Sentence) -> list[Claim]:
        """'A and B signed a mutual defence agreement', '... a pact under which an attack on
        either is an attack on both': signing a mutual defence text binds its parties to it."""
        if not sentence.has("AGREE:verb") or "mutual_defence" not in sentence.labels("CAT:"):
            return []
        at = min(start for start, _ in sentence.cues["CAT:mutual_defence"])
        if self.negated(sentence, at) or self.is_background(sentence, at):
            return []
        signers = self._subjects(sentence, at)
        arrangement = self.context.arrangement_for(sentence)
        return self._mutual(sentence, arrangement, signers, until=sentence.first("AGREE:verb"))

    def _mutual(
        self,
        sentence: Sentence,
        arrangement: str | None,
        named: list[str],
        until: int | None = None,
    ) -> list[Claim]:
        """A mutual defence clause binds every party to every other, on an armed attack; with
        ``until`` (a signing verb), the modality is the signing's ('would be a danger to both'
        in the text signed is its wording, not a hedge)."""
        if ALLIANCE_WIDE.search(sentence.text):
            return []
        parties = list(dict.fromkeys(named)) if len(named) >= 2 else list(self.context.parties)
        if len(parties) < 2:
            parties = self._two_named(sentence) or parties
        if len(parties) < 2 and self._bilateral_pact(sentence):
            parties = list(self.context.leading_states[:2])
        if len(parties) < 2 or self.modality(sentence, until=until) is not Modality.COMMITTED:
            return []
        condition = Condition(kind=ConditionKind.ARMED_ATTACK, text=sentence.text.strip()[:200])
        return [
            CommitmentClaim(
                guarantor=a,
                beneficiary=b,
                category=Category.MUTUAL_DEFENCE,
                arrangement=arrangement,
                condition=condition,
                start=self.event_date(sentence),
                confidence=0.75,
                producer=self.producer,
                id=PENDING,
                evidence=self.evidence(sentence),
            )
            for a in parties
            for b in parties
            if a != b
        ]

    def _amount(self, reading: Reading) -> Amount | None:
        """The sum the pledge carries: a revised pledge's new sum (extract/amounts.py)."""
        found = reading.pledged
        if found is None:
            return None
        return Amount(value=found.value, currency=found.currency, text=found.text)

    def _revising_verb(self, sentence: Sentence, reading: Reading) -> None:
        """'Britain increased its military aid from X to Y': the word that revises a pledged
        sum is the pledge's verb when the sentence has no other."""
        if reading.verb is None or sentence.has("COMMIT:verb"):
            return
        start, end = reading.verb
        sentence.cues["COMMIT:verb"] = [(sentence.start + start, sentence.start + end)]


def _replaced_span(sentence: Sentence, reading: Reading) -> tuple[int, int] | None:
    """Where the sum a pledge replaced is told, with its time ('up from EUR 1.9bn last year'):
    a background phrase, date or year there dates that sum, not the pledge."""
    old = reading.replaced
    if old is None or reading.pledged is None:
        return None
    start = sentence.start + old.start
    return start - REPLACED_REACH, sentence.start + old.end + REPLACED_REACH


def cue_at(sentence: Sentence, category: str) -> int:
    """Where the sentence first names a category (the consultation a deadline implies has
    no cue of its own: the sentence's start)."""
    return sentence.first("CAT:" + category) or sentence.start


def _singular(subject: str) -> bool:
    """'It', not 'they' or 'the allies': one actor, never the several who pledged last."""
    return subject.split()[-1].lower() == "it"


def _specific(categories: list[str]) -> list[str]:
    """Drop the catch-all categories when a specific one is present."""
    chosen = list(dict.fromkeys(categories))
    if len(chosen) > 1 and "security_guarantee" in chosen:
        chosen.remove("security_guarantee")
    if "ceasefire_monitoring" in chosen and "consultation" in chosen:
        chosen.remove("consultation")
    return chosen
