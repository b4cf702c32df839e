"""Commitment rules: guarantor, beneficiary, category, condition, modality, amount."""

import re
from dataclasses import replace

from pactwatch.extract import temporal
from pactwatch.extract.amounts import Reading
from pactwatch.extract.beneficiary import clause_beneficiary
from pactwatch.extract.collective import (
    counts_a_group,
    group_subject,
    is_item,
    is_lead_in,
    named_members,
    names_the_counted,
)
from pactwatch.extract.context import acting_states, is_place, names_a_deal, subject_actors
from pactwatch.extract.engine import Sentence
from pactwatch.extract.members import listed_after
from pactwatch.extract.merge import PENDING
from pactwatch.extract.modality import clause_bounds, firmness
from pactwatch.extract.preamble import says_we
from pactwatch.extract.rules import Rules
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
)

REFERS_BACK = re.compile(
    r"\b(?:the|this|that)\s+(?:pact|agreement|deal|declaration|pledge|document|accord|treaty|text|"
    r"package|compact)\b|\bunder (?:it|its terms)\b|^\s*it\b|"
    r"\bit (?:also )?(?:covers|includes|commits|records|names|sets out|formalises|provides)|"
    r"\b(?:the two|both) (?:governments|countries|sides|leaders|nations)\b",
    re.IGNORECASE,
)
POST_WAR = frozenset({"multinational_force", "ceasefire_monitoring", "security_guarantee"})
NEGATED_FORCE = re.compile(
    r"\b(?:not|never|no|none of)\b(?!\s+(?:every|all)\b)[^.;]{0,60}"
    r"\b(?:troops|soldiers|forces|boots)\b|"
    r"\b(?:troops|soldiers|forces)\b[^.;]{0,40}\b(?:will|would)\s+not\b",
    re.IGNORECASE,
)
PRONOUN_SUBJECT = re.compile(
    r"^(?:[A-Z][a-z]+,\s+)?(?:it|they|the group|the bloc|the allies|the partners|"
    r"(?:the|these|all the|all these)\s+(?:signed\s+)?(?:security\s+)?(?:agreements|deals))\b",
    re.IGNORECASE,
)
"""Who pledges is who pledged last ('They stipulate...', 'The agreements reaffirm...' after a
list of the agreements and their partners)."""
AGREEMENTS = re.compile(r"\b(?:agreements|deals)$", re.IGNORECASE)
STATED_ONCE = re.compile(
    r"contingent|conditional|only (?:once|when|after)|switch(?:es)? on|take effect|"
    r"come into (?:play|force)",
    re.IGNORECASE,
)
UNPLEDGED = re.compile(
    r"\b(?:rather than|instead of|whose|in place of)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE
)
REPLACED_REACH = 30
"""How near a replaced sum a background phrase, date or year dates that sum, not the pledge
('up from EUR 1.9bn last year', 'up from EUR 1.9bn in 2025')."""
PARTS = frozenset({"CAT:air_defence"})
"""Kinds of hardware that are a part of a military aid package when one is pledged."""
LISTED = re.compile(r"\b(?:including|includes|include|such as|among them)\b[^.;:]{0,80}$", re.I)


def _in_list(sentence: Sentence, start: int) -> bool:
    """A cue inside an 'including ...' or 'such as ...' list."""
    offset = start - sentence.start
    return LISTED.search(sentence.text[max(0, offset - 100) : offset]) is not None


PAIRWISE = frozenset({ArrangementKind.BILATERAL_SECURITY_AGREEMENT, ArrangementKind.TREATY})
THAT_FORCE = re.compile(
    r"\b(?:such an?|the|that|this|any such)\s+(?:\w+\s+)?(?:force|mission|guarantees?)\b|"
    r"\bas part of\b",
    re.IGNORECASE,
)
SPEAKER = re.compile(
    r"(?:^|[,;]\s|\b(?:afternoon|morning|evening|day|week|then|also)\s)(?:he|she)\s+(?:also\s+)?"
    r"(?:announced|pledged|promised|committed|offered|unveiled|confirmed)\b",
    re.IGNORECASE,
)
BINDS = re.compile(
    r"\b(?:commit(?:s|ted|ting)?|oblig(?:es|ed|ing)|bind(?:s|ing)?|requir(?:es|ed|ing))\s+"
    r"(?:the\s+)?(?=[A-Z])",
)
ALLIES = re.compile(
    r"^\W*(?:[\w\u2019']+\s+){0,6}?(?:\d+|all|the|its|their|"
    r"[a-z]+['\u2019]s)\s+(?:\w+\s+)?(?:countries|nations|allies|partners|members|states|"
    r"governments)\b",
    re.IGNORECASE,
)
"""A group of states the text counts or names by role, as the subject of a pledge."""
REPORTED_LEAD = re.compile(
    r"\b(?:said|says|announced|told\s+(?:\w+\s+){0,3}?|added|confirmed|stated)\s+"
    r"(?:on\s+\w+\s+|\w+day\s+|today\s+|yesterday\s+)?that\s+"
)
"""'Macron said on Thursday that 26 countries...': who speaks is not who pledges."""
GROUP_WORDS = ("countries", "nations", "allies", "partners", "members", "states", "governments")
ALLIANCE_WIDE = re.compile(
    r"\b(?:(?:one|any) of its members|them all|all (?:its |the )?(?:members|allies)|"
    r"(?:every|any|each) (?:member|ally))\b",
    re.IGNORECASE,
)
"""'An attack on one of its members is an attack on them all': an alliance's collective
defence, no pledge between two states."""
CONDITIONAL = re.compile(
    r"\b(?:after|once|when|following|upon|until|if|unless|contingent|conditional|"
    r"in the event of|in case of|subject to|dependent on|depends on|tied to|only with)\b",
    re.IGNORECASE,
)


class CommitmentRules(Rules):
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

    def _drop_own_forces(self, sentence: Sentence) -> None:
        """'training Ukrainian soldiers' names the beneficiary's troops, not a foreign force."""
        spans = sentence.cues.get("CAT:multinational_force")
        if not spans or self.context.beneficiary is None:
            return
        own = {m.end for m in sentence.mentions if m.target == self.context.beneficiary}
        kept = [
            (start, end) for start, end in spans if not any(0 <= start - stop <= 1 for stop in own)
        ]
        if kept:
            sentence.cues["CAT:multinational_force"] = kept
        else:
            del sentence.cues["CAT:multinational_force"]

    def _drop_unpledged(self, sentence: Sentence) -> None:
        """Category words that name no pledge: 'rather than troops', 'whose intelligence',
        'Russian missiles', and the parts of a package ('military aid, including air defence
        missiles' is one security-assistance pledge)."""
        adversaries = set(self.adversaries.get(self.context.beneficiary or "", []))
        hostile = {m.end for m in sentence.mentions if m.target in adversaries}
        package = "CAT:security_assistance" in sentence.cues
        for label in [label for label in sentence.cues if label.startswith("CAT:")]:
            kept = [
                (start, end)
                for start, end in sentence.cues[label]
                if not UNPLEDGED.search(
                    sentence.text[max(0, start - sentence.start - 40) : start - sentence.start]
                )
                and not any(0 <= start - stop <= 1 for stop in hostile)
                and not (package and label in PARTS and _in_list(sentence, start))
            ]
            if kept:
                sentence.cues[label] = kept
            else:
                del sentence.cues[label]

    def _trigger(self, sentence: Sentence, condition: Condition, category: str) -> Condition:
        """Consultations fall due on an attack: 'consult within 24 hours should Russia attack';
        the category means consulting after an attack, so one with no condition said takes it."""
        if category != "consultation" or condition.kind is ConditionKind.ARMED_ATTACK:
            return condition
        if condition.kind is ConditionKind.NONE or re.search(
            r"\b(?:attack|aggression|invade|invasion)", sentence.text, re.IGNORECASE
        ):
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
            return []
        self._drop_own_forces(sentence)
        self._drop_unpledged(sentence)
        categories = sentence.labels("CAT:")
        if (
            not categories
            and sentence.has("COND:armed_attack")
            and temporal.deadline_hours(sentence.text)
        ):
            categories = ["consultation"]
            sentence.cues.setdefault("CAT:consultation", sentence.cues["COND:armed_attack"])
        if not categories:
            return []
        at = min(
            start
            for label in sentence.cues
            if label.startswith("CAT:")
            for start, _ in sentence.cues[label]
        )
        if self.is_background(sentence, at, _replaced_span(sentence, reading)):
            at = self._fresh_clause(sentence, at)
            categories = sentence.labels("CAT:")
        if at < 0 or (self.negated(sentence, at) and not sentence.has("MOD:ruled_out")):
            return []
        guarantors = (
            self._bound(sentence, at)
            or self._subjects(sentence, at)
            or self._group(sentence, at)
            or self._as_a_group(sentence, at)
        )
        pronoun = PRONOUN_SUBJECT.search(sentence.text[: at - sentence.start])
        if not guarantors and pronoun:
            deals = AGREEMENTS.search(pronoun.group()) or (
                pronoun.group().lower() == "they" and self.about_deals
            )
            guarantors = list(self.partners if deals and self.partners else self.last_guarantors)
        if not guarantors and REFERS_BACK.search(sentence.text):
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
            return self._mutual(sentence, arrangement, guarantors)
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

    def _named_next(self, sentence: Sentence, at: int) -> list[str]:
        """'Six countries are prepared to send troops. Among the countries named are the
        United Kingdom and France': the states the next sentence names make the pledge."""
        following = self.after.get(sentence.start)
        if (
            following is None
            or not names_the_counted(following)
            or not counts_a_group(sentence, clause_bounds(sentence, at)[0], at)
        ):
            return []
        named = acting_states(
            [m for m in following.mentions if m.kind == "actor" and not is_place(following, m)]
        )
        excluded = self._never_guarantors()
        return [g for g in named if g not in excluded]

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
        known = self.context.catalog.arrangements.get(arrangement or "")
        hostile = self.adversaries.get(self.context.beneficiary or "", [])
        beneficiary = (
            clause_beneficiary(sentence, at, [*guarantors, *hostile])
            or (known.beneficiary if known and known.beneficiary else None)
            or self.context.beneficiary
        )
        categories = _specific(categories)
        condition = self.condition(sentence, arrangement)
        amount = (
            self._amount(reading)
            if {"security_assistance", "economic_support"}.intersection(categories)
            else None
        )
        claims: list[Claim] = []
        for category in categories:
            stated = firmness(sentence, cue_at(sentence, category))
            if stated is None:
                continue
            modality = self._force_refusal(sentence, stated, category)
            pledging = self._clause_guarantors(sentence, category, at, guarantors)
            for guarantor in pledging:
                targets = (
                    [beneficiary]
                    if beneficiary and beneficiary != guarantor
                    else [g for g in pledging if g != guarantor]
                )
                for target in targets:
                    claims.append(
                        CommitmentClaim(
                            guarantor=guarantor,
                            beneficiary=target,
                            category=Category(category),
                            arrangement=self._text_id(sentence, guarantor, target, arrangement),
                            condition=self._condition_for(sentence, condition, category, modality),
                            modality=modality,
                            amount=amount
                            if category in {"security_assistance", "economic_support"}
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

    def _subjects(self, sentence: Sentence, at: int) -> list[str]:
        """Who commits: the subject of the first commitment verb, else of the first category."""
        verbs = sorted(start for start, _ in sentence.cues.get("COMMIT:verb", []))
        excluded = self._never_guarantors()
        for position in [*verbs[:2], at]:
            named = subject_actors(sentence, position)
            if named and all(m.acting_for == self.context.beneficiary for m in named):
                named = subject_actors(sentence, named[0].start)
            found = [a for a in acting_states(named) if a not in excluded]
            if found:
                return found
        return self._speaker(sentence, at)

    def _clause_guarantors(
        self, sentence: Sentence, category: str, at: int, guarantors: list[str]
    ) -> list[str]:
        """'France and the UK would provide troops, while Turkey would secure the Black Sea':
        a later clause with a subject of its own pledges for that subject."""
        cue = cue_at(sentence, category)
        start, _ = clause_bounds(sentence, cue)
        if start <= clause_bounds(sentence, at)[0]:
            return guarantors
        excluded = self._never_guarantors()
        named = [m for m in subject_actors(sentence, cue) if m.start >= start]
        return [a for a in acting_states(named) if a not in excluded] or guarantors

    def _never_guarantors(self) -> set[str | None]:
        """The document's beneficiary and its adversaries: no subject that pledges to it."""
        beneficiary = self.context.beneficiary
        return {beneficiary, *self.adversaries.get(beneficiary or "", [])}

    def _bound(self, sentence: Sentence, at: int) -> list[str]:
        """'The pact commits the UK to consult', 'a deal committing Canada to a package': the
        state a text binds is the guarantor."""
        bound = BINDS.search(sentence.text[: at - sentence.start])
        if bound is None:
            return []
        named = listed_after(sentence, sentence.start + bound.end())
        return [a for a in acting_states(named) if a != self.context.beneficiary]

    def _speaker(self, sentence: Sentence, at: int) -> list[str]:
        """'The same afternoon he announced £1.6 billion': the person named last, for his state."""
        if not self.recent_people or not SPEAKER.search(sentence.text[: at - sentence.start]):
            return []
        return self.states_of(self.recent_people[-1:])

    def _group(self, sentence: Sentence, at: int) -> list[str]:
        """'The signatories will convene': every member this document named, bar the
        beneficiary, when no actor stands between the group noun and the pledge."""
        spans = [start for start, end in sentence.cues.get("GROUP:members", []) if end <= at]
        if not spans:
            return []
        beneficiary = self.context.beneficiary
        if any(
            m.kind == "actor" and m.target != beneficiary and max(spans) <= m.start < at
            for m in sentence.mentions
        ):
            return []
        arrangement = self.context.arrangement_for(sentence) or self.current
        return [m for m in self.members.get(arrangement or "", []) if m != self.context.beneficiary]

    def _fresh_clause(self, sentence: Sentence, at: int) -> int:
        """'44 packages had already been given by Poland, and Warsaw would send more': a later
        clause with no history of its own pledges anew; the history's categories are dropped.
        Where the pledge starts, or -1 when the whole sentence is history."""
        first, end = clause_bounds(sentence, at)
        history = sentence.cues.get("BACK:", [])
        if not any(first <= b < end for b, _ in history):
            return -1  # history by its dates, or said around the clause: the whole sentence
        later = sorted(
            start
            for label in sentence.cues
            if label.startswith("CAT:")
            for start, _ in sentence.cues[label]
            if start >= end
        )
        for start in later:
            clause = clause_bounds(sentence, start)
            if any(clause[0] <= b < clause[1] for b, _ in history):
                continue
            for label in [key for key in sentence.cues if key.startswith("CAT:")]:
                kept = [span for span in sentence.cues[label] if span[0] >= clause[0]]
                if kept:
                    sentence.cues[label] = kept
                else:
                    del sentence.cues[label]
            return start
        return -1

    def _as_a_group(self, sentence: Sentence, at: int) -> list[str]:
        """'We' of a joint text, 'the countries' just listed, an item of the obligations a
        lead-in named ('the signatory states undertake to: (1) ...')."""
        start, _ = clause_bounds(sentence, at)
        excluded = self._never_guarantors()
        if self.we and says_we(sentence, start, at):
            return [w for w in self.we if w not in excluded]
        if group_subject(sentence, start, at):
            about = [self.context.arrangement_for(sentence), self.current]
            found = named_members(self.members, about, excluded)
            if found:
                return found
        return list(self.lead_in) if is_item(sentence) else []

    def note_lead_in(self, sentence: Sentence) -> None:
        """'The signatory states undertake to:': the numbered items that follow pledge for
        them; any sentence that is not an item ends the list."""
        if is_lead_in(sentence) and sentence.has("COMMIT:verb"):
            at = max(start for start, _ in sentence.cues["COMMIT:verb"])
            self.lead_in = tuple(
                self._bound(sentence, at)
                or self._subjects(sentence, at)
                or self._group(sentence, at)
                or self._as_a_group(sentence, at)
            )
        elif not is_item(sentence):
            self.lead_in = ()

    def _parties_in_context(self) -> list[str]:
        """The guarantor of 'the agreement': its non-beneficiary party, else the focus."""
        others = [p for p in self.context.parties if p != self.context.beneficiary]
        if len(others) == 1:
            return others
        return [self.context.focus] if self.context.focus and not others else []

    def _collective(self, sentence: Sentence, arrangement: str | None, at: int) -> list[str]:
        """'The coalition would back a force': the coalition itself is the guarantor."""
        spans = sentence.cues.get("NOUN:coalition", [])
        near = [end for start, end in spans if start < at and at - end <= 60]
        if not near or arrangement is None:
            return []
        gap = sentence.text[max(near) - sentence.start : at - sentence.start]
        if any(
            m.kind == "actor" and max(near) <= m.start < at for m in sentence.mentions
        ) or re.search(r"[;:]|\b(?:which|that|who|while|with)\b", gap):
            return []
        catalog = self.context.catalog
        chain = [arrangement, catalog.arrangements[arrangement].parent]
        return [a for a in chain if a is not None and a in catalog.actors][:1]

    def _allies(self, sentence: Sentence, at: int) -> list[str]:
        """'26 countries pledged...', 'Kyiv's allies will...': states the text does not name,
        in a document about a coalition, pledge as that coalition."""
        start, _ = clause_bounds(sentence, at)
        head = sentence.text[start - sentence.start : at - sentence.start]
        reported = REPORTED_LEAD.search(head)
        if reported:
            start += reported.end()
            head = head[reported.end() :]
        lower = head.lower()
        beneficiary = self.context.beneficiary
        if (
            not any(word in lower for word in GROUP_WORDS)
            or not ALLIES.search(head)
            or any(
                m.kind == "actor" and start <= m.start < at and m.acting_for != beneficiary
                for m in sentence.mentions
            )
        ):
            return []
        catalog = self.context.catalog
        coalitions = [
            a
            for a in self.context.arrangements
            if catalog.arrangements[a].kind is ArrangementKind.COALITION and a in catalog.actors
        ]
        return coalitions[:1] if len(coalitions) == 1 else []

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

    def _mutual(self, sentence: Sentence, arrangement: str | None, named: list[str]) -> list[Claim]:
        """A mutual defence clause binds every party to every other, on an armed attack."""
        if ALLIANCE_WIDE.search(sentence.text):
            return []
        parties = list(dict.fromkeys(named)) if len(named) >= 2 else list(self.context.parties)
        if len(parties) < 2 and self._bilateral_pact(sentence):
            parties = list(self.context.leading_states[:2])
        if len(parties) < 2 or self.modality(sentence) is not Modality.COMMITTED:
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


def _specific(categories: list[str]) -> list[str]:
    """Drop the catch-all categories when a specific one is present."""
    chosen = list(dict.fromkeys(categories))
    if len(chosen) > 1 and "security_guarantee" in chosen:
        chosen.remove("security_guarantee")
    if "ceasefire_monitoring" in chosen and "consultation" in chosen:
        chosen.remove("consultation")
    return chosen
