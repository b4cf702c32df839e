"""From what the engine found to claims: one small rule per claim type.

Each rule skips a sentence it cannot decide; it never guesses. Confidence grows with the
number of independent cues that agree.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

from pactwatch.extract import temporal
from pactwatch.extract.context import Context, acting_states, is_place, subject_actors
from pactwatch.extract.engine import Mention, Sentence
from pactwatch.extract.lexicon import Lexicon
from pactwatch.extract.merge import PENDING
from pactwatch.model import (
    ActorKind,
    AgreementClaim,
    Amount,
    ArrangementKind,
    Category,
    Claim,
    CommitmentClaim,
    Condition,
    ConditionKind,
    Duration,
    MeetingClaim,
    MembershipAction,
    MembershipClaim,
    Modality,
    SpanEvidence,
)

REFERS_BACK = re.compile(
    r"\b(?:the|this|that)\s+(?:pact|agreement|deal|declaration|pledge|document|accord|treaty|text|"
    r"package|compact)\b|\bunder (?:it|its terms)\b|^\s*it\b|"
    r"\bit (?:also )?(?:covers|includes|commits|records|names|sets out|formalises|provides)|"
    r"\b(?:the two|both) (?:governments|countries|sides|leaders|nations)\b",
    re.IGNORECASE,
)
TRIGGERED = frozenset(
    {
        "consultation",
        "mutual_defence",
        "security_assistance",
        "air_defence",
        "multinational_force",
        "security_guarantee",
    }
)
POST_WAR = frozenset({"multinational_force", "ceasefire_monitoring", "security_guarantee"})
NEGATED_FORCE = re.compile(
    r"\b(?:not|never|no|none of)\b(?!\s+(?:every|all)\b)[^.;]{0,60}"
    r"\b(?:troops|soldiers|forces|boots)\b|"
    r"\b(?:troops|soldiers|forces)\b[^.;]{0,40}\b(?:will|would)\s+not\b",
    re.IGNORECASE,
)
PRONOUN_SUBJECT = re.compile(
    r"^(?:[A-Z][a-z]+,\s+)?(?:it|they|the group|the bloc|the allies|the partners)\b", re.IGNORECASE
)
FUTURE_MEETING = re.compile(
    r"\bwill (?:meet|hold)|plans? to meet|expected to meet|due to meet", re.IGNORECASE
)
THE_TWO = re.compile(r"\bthe two (?:leaders|men|women|presidents|prime ministers)\b", re.IGNORECASE)
COUNTERPART = re.compile(r"\b(?:with|between)\s+(?:the\s+)?(?:(?:[A-Z][\w.-]*|of)\s+){0,4}$")
NOT_RULED_OUT = re.compile(
    r"\b(?:not|n't|never)\s+(?:yet\s+)?rul(?:ed|e|ing)\s+out\b", re.IGNORECASE
)
CONDITIONAL = re.compile(
    r"\b(?:after|once|when|following|upon|on|until|if|unless|contingent|conditional|"
    r"in the event of|in case of|subject to|dependent on|depends on|tied to|only with)\b",
    re.IGNORECASE,
)
ASPIRATION = re.compile(
    r"\b(?:bids?|hopes?|aspirations?|ambitions?|path|wants?|seeks?|seeking|application|"
    r"efforts?|desire|right)\s+(?:of\s+\w+\s+)?to\s*$",
    re.IGNORECASE,
)
HYPOTHETICAL = re.compile(r"\b(?:if|until|once|unless|whether)\b[^,.;:]{0,60}$", re.IGNORECASE)


class Builder:
    """Builds the claims of one document, sentence by sentence."""

    def __init__(self, document_id: str, producer: str, context: Context, lexicon: Lexicon) -> None:
        self.following: dict[int, Sentence] = {}
        self.last_guarantors: tuple[str, ...] = ()
        self.recent_people: tuple[str, ...] = ()
        self.owners = lexicon.owners
        self.adversaries = lexicon.adversaries
        self.document_id = document_id
        self.producer = producer
        self.context = context

    def evidence(self, sentence: Sentence) -> tuple[SpanEvidence, ...]:
        return (
            SpanEvidence(
                document=self.document_id,
                start=sentence.start,
                end=sentence.end,
                text=sentence.text,
            ),
        )

    # ------------------------------------------------------------ gates

    def is_background(self, sentence: Sentence, at: int | None = None) -> bool:
        """History, not news: a background phrase near the cue, or only old dates."""
        near = sentence.start if at is None else at
        if any(near - 80 <= start <= near + 15 for start, _ in sentence.cues.get("BACK:", [])):
            return True
        published = self.context.published
        if published is None:
            return False
        old = [
            f.value
            for f in temporal.dates(sentence.text, published)
            if isinstance(f.value, dt.date) and published - f.value > dt.timedelta(days=31)
        ]
        if old and not self.sentence_date(sentence):
            return True
        years = temporal.years_mentioned(sentence.text)
        return bool(years) and max(years) < published.year - 0 and not self.sentence_date(sentence)

    def hedged_near(self, sentence: Sentence, at: int) -> bool:
        """'plans to sign', 'could sign': a hedge right before the verb."""
        return any(at - 30 <= end <= at for _, end in sentence.cues.get("MOD:intended", []))

    def hypothetical(self, sentence: Sentence, at: int) -> bool:
        """A cue inside an 'if', 'until' or 'once' clause, or an aspiration ('bid to join'),
        describes no event."""
        before = sentence.text[: at - sentence.start]
        return bool(HYPOTHETICAL.search(before) or ASPIRATION.search(before))

    def _named_here(self, sentence: Sentence, arrangement: str) -> bool:
        """An alliance's treaty is joined only where the alliance or its treaty is named."""
        owners = [
            o
            for o, owned in self.owners.items()
            if arrangement in owned
            and self.context.catalog.actors[o].kind is ActorKind.ORGANISATION
        ]
        if not owners:
            return True
        return any(m.target in (arrangement, *owners) for m in sentence.mentions) or sentence.has(
            "NOUN:treaty"
        )

    def negated(self, sentence: Sentence, at: int) -> bool:
        """A negation in the cue's neighbourhood ("did not sign", "ended without agreement")."""
        return any(at - 60 <= start <= at + 40 for start, _ in sentence.cues.get("NEG:", []))

    def sentence_date(self, sentence: Sentence) -> dt.date | None:
        found = temporal.dates(sentence.text, self.context.published)
        published = self.context.published
        recent = [
            f.value
            for f in found
            if isinstance(f.value, dt.date)
            and (
                published is None or dt.timedelta(0) <= published - f.value <= dt.timedelta(days=31)
            )
        ]
        return recent[0] if recent else None

    def event_date(self, sentence: Sentence) -> dt.date | None:
        return self.sentence_date(sentence) or self.context.published

    def link(self, sentences: list[Sentence], text: str) -> None:
        """Remember which sentence follows which within a paragraph (for places said next)."""
        for current, following in itertools.pairwise(sentences):
            if "\n" not in text[current.end : following.start]:
                self.following[current.start] = following

    def place(self, sentence: Sentence) -> str | None:
        """Where: a capital after 'in' or 'at' in the sentence, else in the next one."""
        found = self._place_in(sentence)
        following = self.following.get(sentence.start)
        if found is None and following is not None:
            found = self._place_in(following)
        return found

    def _place_in(self, sentence: Sentence) -> str | None:
        for mention in sentence.mentions:
            before = sentence.text[: mention.start - sentence.start].rstrip().lower()
            if mention.via == "capital" and before.endswith((" in", " at")):
                return sentence.text[mention.start - sentence.start : mention.end - sentence.start]
        return None

    # ------------------------------------------------------------ membership

    def memberships(self, sentence: Sentence) -> list[Claim]:
        actions = [
            ("MEMBER:leave", MembershipAction.LEAVE),
            ("MEMBER:sign", MembershipAction.SIGN),
            ("MEMBER:join", MembershipAction.JOIN),
        ]
        cue = next(((label, action) for label, action in actions if sentence.has(label)), None)
        if cue is None:
            return []
        at = sentence.first(cue[0]) or sentence.start
        if (
            self.negated(sentence, at)
            or self.is_background(sentence, at)
            or self.hypothetical(sentence, at)
        ):
            return []
        arrangement = self.context.arrangement_for(sentence, after=at)
        if arrangement is None:
            arrangement = self._organisation_arrangement(sentence)
        if arrangement is None:
            return []
        kind = self.context.catalog.arrangements[arrangement].kind
        if kind is ArrangementKind.BILATERAL_SECURITY_AGREEMENT:
            return []
        if kind is ArrangementKind.TREATY and cue[1] is MembershipAction.SIGN:
            return []
        if not self._named_here(sentence, arrangement):
            return []
        members = [
            a
            for a in acting_states(subject_actors(sentence, at))
            if self._can_be_member(a, arrangement)
        ]
        if not members:
            return []
        modal = self.modality(sentence)
        if modal is not Modality.COMMITTED:
            return []
        return [
            MembershipClaim(
                actor=actor,
                arrangement=arrangement,
                action=cue[1],
                date=self.event_date(sentence),
                place=self.place(sentence),
                confidence=0.8,
                producer=self.producer,
                id=PENDING,
                evidence=self.evidence(sentence),
            )
            for actor in members
        ]

    def _organisation_arrangement(self, sentence: Sentence) -> str | None:
        for mention in sentence.mentions:
            owned = self.owners.get(mention.target)
            if owned:
                return owned[0]
        return None

    def _can_be_member(self, actor: str, arrangement: str) -> bool:
        found = self.context.catalog.actors.get(actor)
        if found is None or arrangement in self.owners.get(actor, []):
            return False
        if found.kind not in {ActorKind.STATE, ActorKind.ORGANISATION}:
            return False
        target = self.context.catalog.arrangements[arrangement]
        if target.kind is ArrangementKind.TREATY and found.kind is not ActorKind.STATE:
            return False
        return actor != target.beneficiary or target.kind is ArrangementKind.COMPACT

    # ------------------------------------------------------------ agreements

    def agreements(self, sentence: Sentence) -> list[Claim]:
        """Signings of agreements; the caller skips sentences that gave a membership
        ('Greece signed on to the declaration' is a membership, not a new agreement)."""
        if not (sentence.has("AGREE:verb") and sentence.has("AGREE:noun")):
            return []
        verb = sentence.first("AGREE:verb") or sentence.start
        if (
            self.negated(sentence, verb)
            or self.is_background(sentence, verb)
            or self.hedged_near(sentence, verb)
        ):
            return []
        parties = self._parties(sentence)
        arrangement = self.context.arrangement_for(sentence)
        known = self.context.catalog.arrangements.get(arrangement or "")
        if len(parties) < 2:
            beneficiary = (known.beneficiary if known else None) or self._bilateral_partner(
                sentence
            )
            if beneficiary is None or not parties or parties == [beneficiary]:
                return []
            parties = list(dict.fromkeys([beneficiary, *parties]))
        kind = known.kind if known else self._kind(sentence)
        if kind is ArrangementKind.COALITION:
            kind = ArrangementKind.DECLARATION
        years = temporal.duration_years(sentence.text)
        groups = self._separate(sentence, parties, kind)
        self.context.parties = groups[-1]
        return [
            AgreementClaim(
                parties=group,
                kind=kind,
                name=known.name if known else None,
                arrangement=arrangement,
                date=self.event_date(sentence),
                place=self.place(sentence),
                duration=Duration(years=years) if years else None,
                confidence=0.75,
                producer=self.producer,
                id=PENDING,
                evidence=self.evidence(sentence),
            )
            for group in groups
        ]

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
        beneficiary = self.context.beneficiary
        others = [other for other in parties if other != beneficiary]
        bilateral = kind is ArrangementKind.BILATERAL_SECURITY_AGREEMENT
        if bilateral and beneficiary in parties and len(others) > 1:
            return [(beneficiary, other) for other in others]
        return [tuple(parties)]

    def _parties(self, sentence: Sentence) -> list[str]:
        """Who signs: the subject list before the verb, and whoever it is signed with."""
        verb = sentence.first("AGREE:verb") or sentence.end
        named = subject_actors(sentence, verb)
        if not named and THE_TWO.search(sentence.text[: verb - sentence.start]):
            return self._states_of(self.recent_people[-2:])
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
        """'with Ukraine', 'with the President of Lithuania', 'between X and Y', '..., and Z'."""
        before = sentence.text[
            max(0, mention.start - sentence.start - 40) : mention.start - sentence.start
        ]
        if COUNTERPART.search(before) and 0 <= mention.start - verb <= 120:
            return True
        continuing = [m for m in named if 0 <= mention.start - m.end <= 8]
        return bool(continuing) and bool(re.search(r"(?:,|\band)\s*(?:the\s+)?$", before))

    def _possessive(self, sentence: Sentence, mention: Mention, verb: int) -> bool:
        """'signed Portugal's security agreement'."""
        after = sentence.text[mention.end - sentence.start : mention.end - sentence.start + 3]
        return mention.start > verb and after.startswith(("'s", "’s"))

    def _states_of(self, people: tuple[str, ...]) -> list[str]:
        found = []
        for person in people:
            actor = self.context.catalog.actors.get(person)
            held = (
                actor.offices_on(self.context.published) if actor and self.context.published else ()
            )
            if held:
                found.append(held[-1].actor)
        return list(dict.fromkeys(found))

    def _kind(self, sentence: Sentence) -> ArrangementKind:
        text = sentence.text.lower()
        if "declaration" in text:
            return ArrangementKind.DECLARATION
        if "compact" in text:
            return ArrangementKind.COMPACT
        if "treaty" in text or "mutual" in text or "pact" in text:
            return ArrangementKind.TREATY
        return ArrangementKind.BILATERAL_SECURITY_AGREEMENT

    # ------------------------------------------------------------ commitments

    def modality(self, sentence: Sentence, until: int | None = None) -> Modality:
        """Committed unless a refusal or a hedge governs the pledge; with ``until`` (the
        position of what is pledged) only hedges before it count, not those of a later clause
        ("the mechanism that the United States would lead")."""
        limit = sentence.end if until is None else until + 10
        if NOT_RULED_OUT.search(sentence.text):
            return Modality.INTENDED
        if sentence.has("MOD:ruled_out"):
            return Modality.RULED_OUT
        intended = any(start < limit for start, _ in sentence.cues.get("MOD:intended", []))
        if intended or self._hedged(sentence, limit):
            return Modality.INTENDED
        return Modality.COMMITTED

    def _hedged(self, sentence: Sentence, limit: int) -> bool:
        """'The coalition would back a force' hedges; 'X said it would give' reports a pledge."""
        hedges = [start for start, _ in sentence.cues.get("HEDGE:conditional", []) if start < limit]
        if not hedges:
            return False
        reported = sentence.cues.get("HEDGE:reported", [])
        return not any(start < min(hedges) for start, _ in reported)

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
        stated = self.context.conditions.get(arrangement) or self.context.conditions.get(None)
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

    def _trigger(self, sentence: Sentence, condition: Condition, category: str) -> Condition:
        """Consultations fall due on an attack: 'consult within 24 hours should Russia attack'."""
        if category != "consultation" or condition.kind is ConditionKind.ARMED_ATTACK:
            return condition
        if re.search(r"\b(?:attack|aggression|invade|invasion)", sentence.text, re.IGNORECASE):
            return Condition(
                kind=ConditionKind.ARMED_ATTACK,
                text=condition.text or "attack",
                deadline_hours=temporal.deadline_hours(sentence.text),
            )
        return condition

    def _applies(self, condition: Condition, category: str) -> Condition:
        """An attack triggers consultation and assistance, not training or political support."""
        if condition.kind is ConditionKind.ARMED_ATTACK and category not in TRIGGERED:
            return Condition()
        return condition

    def _post_war(self, condition: Condition, category: str) -> Condition:
        """A force, monitoring or guarantee pledge with no condition of its own takes the
        document's ceasefire or peace condition: such pledges are made for after the war."""
        if condition.kind is not ConditionKind.NONE or category not in POST_WAR:
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
        if not re.search(
            r"contingent|conditional|only (?:once|when|after)|switch(?:es)? on|take effect|"
            r"come into (?:play|force)",
            sentence.text,
            re.I,
        ):
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
        self._drop_own_forces(sentence)
        categories = sentence.labels("CAT:")
        if (
            not categories
            and sentence.has("COND:armed_attack")
            and temporal.deadline_hours(sentence.text)
        ):
            categories = ["consultation"]
            sentence.cues.setdefault("CAT:consultation", sentence.cues["COND:armed_attack"])
        if not categories or not sentence.has("COMMIT:verb"):
            return []
        at = min(
            start
            for label in sentence.cues
            if label.startswith("CAT:")
            for start, _ in sentence.cues[label]
        )
        if self.is_background(sentence, at) or (
            self.negated(sentence, at) and not sentence.has("MOD:ruled_out")
        ):
            return []
        guarantors = self._subjects(sentence, at)
        if not guarantors and PRONOUN_SUBJECT.search(sentence.text[: at - sentence.start]):
            guarantors = list(self.last_guarantors)
        if not guarantors and REFERS_BACK.search(sentence.text):
            guarantors = self._parties_in_context()
        guarantors = [
            g
            for g in guarantors
            if g not in self.adversaries.get(self.context.beneficiary or "", [])
        ]
        arrangement = self.context.arrangement_for(sentence)
        if "mutual_defence" in categories:
            return self._mutual(sentence, arrangement, guarantors)
        if not guarantors:
            guarantors = self._collective(sentence, arrangement, at)
        if not guarantors:
            return []
        self.last_guarantors = tuple(guarantors)
        known = self.context.catalog.arrangements.get(arrangement or "")
        beneficiary = (
            known.beneficiary if known and known.beneficiary else None
        ) or self.context.beneficiary
        categories = _specific(categories)
        modality = self.modality(sentence, until=at)
        condition = self.condition(sentence, arrangement)
        amount = self._amount(sentence, categories)
        claims: list[Claim] = []
        for guarantor in guarantors:
            targets = (
                [beneficiary]
                if beneficiary and beneficiary != guarantor
                else [g for g in guarantors if g != guarantor]
            )
            for target in targets:
                for category in categories:
                    claims.append(
                        CommitmentClaim(
                            guarantor=guarantor,
                            beneficiary=target,
                            category=Category(category),
                            arrangement=arrangement,
                            condition=self._trigger(
                                sentence,
                                self._post_war(self._applies(condition, category), category),
                                category,
                            ),
                            modality=self._force_refusal(sentence, modality, category),
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
        return claims

    def _subjects(self, sentence: Sentence, at: int) -> list[str]:
        """Who commits: the subject of the first commitment verb, else of the first category."""
        verbs = sorted(start for start, _ in sentence.cues.get("COMMIT:verb", []))
        for position in [*verbs[:2], at]:
            found = [
                a
                for a in acting_states(subject_actors(sentence, position))
                if a != self.context.beneficiary
            ]
            if found:
                return found
        return []

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

    def _amount(self, sentence: Sentence, categories: list[str]) -> Amount | None:
        found = temporal.amounts(sentence.text)
        if not found:
            return None
        return Amount(value=found[0].value, currency=found[0].currency, text=found[0].text)

    # ------------------------------------------------------------ meetings

    def observe(self, sentence: Sentence) -> None:
        """Remember the people a sentence names, for 'the two leaders' in the next ones."""
        people = _people(sentence)
        if people:
            self.recent_people = (*[p for p in self.recent_people if p not in people], *people)[-4:]

    def meetings(self, sentence: Sentence) -> list[Claim]:
        if not sentence.has("MEET:") or sentence.has("MOD:intended"):
            return []
        at = sentence.first("MEET:") or sentence.start
        if self.is_background(sentence, at) or FUTURE_MEETING.search(sentence.text):
            return []
        people = _people(sentence)
        if len(people) < 2 and THE_TWO.search(sentence.text) and len(self.recent_people) >= 2:
            people = list(self.recent_people[-2:])
        if len(people) < 2:
            return []
        return [
            MeetingClaim(
                participants=tuple(people),
                place=self.place(sentence),
                date=self.event_date(sentence),
                confidence=0.7,
                producer=self.producer,
                id=PENDING,
                evidence=self.evidence(sentence),
            )
        ]


def _people(sentence: Sentence) -> list[str]:
    return list(
        dict.fromkeys(
            m.target
            for m in sentence.mentions
            if m.kind == "actor" and m.actor_kind is ActorKind.PERSON
        )
    )


def _specific(categories: list[str]) -> list[str]:
    """Drop the catch-all categories when a specific one is present."""
    chosen = list(dict.fromkeys(categories))
    if len(chosen) > 1 and "security_guarantee" in chosen:
        chosen.remove("security_guarantee")
    if "ceasefire_monitoring" in chosen and "consultation" in chosen:
        chosen.remove("consultation")
    return chosen
