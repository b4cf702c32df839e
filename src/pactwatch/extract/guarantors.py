"""Who pledges: the subject of the pledge, a state a text binds, the speaker, the members a
group noun or 'we' stands for, the items after a lead-in, the states named after a count, and
a coalition for the states it counts."""

from __future__ import annotations

from pactwatch.extract.collective import (
    counts_a_group,
    group_subject,
    is_item,
    is_lead_in,
    named_members,
    names_the_counted,
)
from pactwatch.extract.context import acting_states, is_place, subject_actors
from pactwatch.extract.engine import Mention, Sentence
from pactwatch.extract.grammar import pattern, words
from pactwatch.extract.members import listed_after
from pactwatch.extract.modality import clause_bounds
from pactwatch.extract.preamble import says_we
from pactwatch.extract.rules import Rules
from pactwatch.model import ArrangementKind

SPEAKER = pattern("guarantors", "speaker")
GROUP_BETWEEN = pattern("guarantors", "group_between")
DEAL_WITH = pattern("guarantors", "deal_with")
RECEIVES = pattern("guarantors", "receives")
RECEIVED_FROM = pattern("guarantors", "received_from")
GIVEN_BY = pattern("guarantors", "given_by")
BINDS = pattern("guarantors", "binds")
ALLIES = pattern("guarantors", "allies")
REPORTED_LEAD = pattern("guarantors", "reported_lead")
JOINT_TEXT_SUBJECT = pattern("guarantors", "joint_text_subject")
SAID_AFTER = pattern("guarantors", "said_after")
SAID_BEFORE = pattern("guarantors", "said_before")
OWN_READINESS = pattern("guarantors", "own_readiness")
NEW_CLAUSE = pattern("guarantors", "new_clause")
GROUP_WORDS = words("group_noun")


class GuarantorRules(Rules):
    """The guarantors of a pledge, found in the sentence or carried from the document."""

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
        return self._may_pledge(
            [m for m in following.mentions if m.kind == "actor" and not is_place(following, m)]
        )

    def _subjects(self, sentence: Sentence, at: int) -> list[str]:
        """Who commits: the subject of the first commitment verb, else of the first category."""
        verbs = sorted(start for start, _ in sentence.cues.get("COMMIT:verb", []))
        for position in [*verbs[:2], at]:
            named = subject_actors(sentence, position, past_aside=True)
            if named and all(m.acting_for == self.context.beneficiary for m in named):
                named = subject_actors(sentence, named[0].start, past_aside=True)
            if named and self._group_acts(sentence, named[-1].end, max(position, at)):
                return []  # 'Macron announced that 26 countries have pledged': not France
            found = self._may_pledge(named)
            if found:
                return found
        return self._speaker(sentence, at)

    def _group_acts(self, sentence: Sentence, after: int, position: int) -> bool:
        """Whether a group the text counts or names by role ('twenty-six countries', 'many
        nations') is the subject between a named actor and the pledge at ``position``."""
        between = sentence.text[after - sentence.start : position - sentence.start]
        return GROUP_BETWEEN.search(between) is not None

    def _clause_guarantors(
        self, sentence: Sentence, cue: int, at: int, guarantors: list[str]
    ) -> list[str]:
        """'France and the UK would provide troops, while Turkey would secure the Black Sea':
        a later clause (its cue at ``cue``) with a subject of its own pledges for that
        subject."""
        start, _ = clause_bounds(sentence, cue)
        if start <= clause_bounds(sentence, at)[0]:
            return guarantors
        named = [m for m in subject_actors(sentence, cue, past_aside=True) if m.start >= start]
        return self._may_pledge(named) or guarantors

    def _may_pledge(self, named: list[Mention]) -> list[str]:
        """The states or bodies the mentions act for, bar those that never pledge here."""
        excluded = self._never_guarantors()
        return [a for a in acting_states(named) if a not in excluded]

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

    def _deal_with(self, sentence: Sentence, at: int) -> list[str]:
        """'the agreement with the United States contains provisions for Patriots': the
        partner a text is 'with', before the pledge, is its guarantor."""
        head = sentence.text[: at - sentence.start]
        partners: list[str] = []
        for found in DEAL_WITH.finditer(head):
            named = listed_after(sentence, sentence.start + found.end())
            partners += self._may_pledge(named)
        return list(dict.fromkeys(partners))

    def _given_by(self, sentence: Sentence, at: int) -> list[str]:
        """'Ukraine will receive air defence systems from Germany', 'Patriot systems will be
        delivered to Ukraine by Germany': the giver named after 'from' or a passive's 'by'."""
        head = sentence.text[max(0, at - sentence.start - 40) : at - sentence.start]
        tail = sentence.text[at - sentence.start :]
        found = (RECEIVED_FROM.match(tail) if RECEIVES.search(head) else None) or GIVEN_BY.match(
            tail
        )
        if found is None:
            return []
        return self._may_pledge(listed_after(sentence, at + found.end()))

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

    def _its_signers(self, sentence: Sentence, at: int) -> list[str]:
        """'The declaration commits to training Ukrainian troops': a coalition's declaration
        pledges for the coalition; another joint text for the signers the document has named,
        else for the coalition the document is about."""
        if not JOINT_TEXT_SUBJECT.match(sentence.text[: at - sentence.start]):
            return []
        about = [self.context.arrangement_for(sentence), self.current]
        catalog = self.context.catalog
        for text in (a for a in about if a is not None):
            parent = catalog.arrangements[text].parent
            if parent is not None and parent in catalog.actors:
                return [parent]  # a coalition's declaration pledges for the coalition
        return named_members(self.members, about, self._never_guarantors()) or (
            self._the_coalition()
        )

    def _quoted_we(self, sentence: Sentence, at: int) -> list[str]:
        """ "'We will send troops once a ceasefire is agreed,' the French president said": the
        'we' of a quote is the speaker's state, named after the quote or before it."""
        start, _ = clause_bounds(sentence, at)
        if self.we or not says_we(sentence, start, at):
            return []
        text = sentence.text
        after = SAID_AFTER.search(text, at - sentence.start)
        before = SAID_BEFORE.search(text[: start - sentence.start + 1])
        span = after.span(1) if after else before.span(1) if before else None
        if span is None:
            return []
        speakers = [
            m
            for m in sentence.mentions
            if m.kind == "actor" and span[0] <= m.start - sentence.start < span[1]
        ]
        return self._may_pledge(speakers)

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
        ) or NEW_CLAUSE.search(gap):
            return []
        catalog = self.context.catalog
        chain = [arrangement, catalog.arrangements[arrangement].parent]
        return [a for a in chain if a is not None and a in catalog.actors][:1]

    def _its_readiness(self, sentence: Sentence, at: int) -> list[str]:
        """'The UK government emphasised the alliance's readiness to deploy a force': the
        group whose readiness or commitment it is pledges, not who speaks of it; in a document
        about one coalition, 'the alliance' or 'the coalition' is that coalition."""
        found = OWN_READINESS.search(sentence.text[: at - sentence.start])
        if found is None:
            return []
        return self._the_coalition()

    def _the_coalition(self) -> list[str]:
        """The coalition the document is about, when it names exactly one."""
        catalog = self.context.catalog
        coalitions = [
            a
            for a in self.context.arrangements
            if catalog.arrangements[a].kind is ArrangementKind.COALITION and a in catalog.actors
        ]
        return coalitions[:1] if len(coalitions) == 1 else []

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
        return self._the_coalition()
