"""Membership rules: who joins, signs or leaves an arrangement."""

from pactwatch.extract.context import acting_states, subject_actors
from pactwatch.extract.engine import Sentence
from pactwatch.extract.merge import PENDING
from pactwatch.extract.rules import Rules
from pactwatch.model import (
    ActorKind,
    ArrangementKind,
    Claim,
    MembershipAction,
    MembershipClaim,
    Modality,
)


class MembershipRules(Rules):
    """Memberships: a join, sign or leave cue, an arrangement, and its acting states."""

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
