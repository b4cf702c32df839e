"""Membership rules: who joins, signs or leaves an arrangement."""

from pactwatch.extract.beneficiary import in_beneficiary_position
from pactwatch.extract.context import acting_states, is_place, subject_actors
from pactwatch.extract.engine import Mention, Sentence
from pactwatch.extract.grammar import pattern
from pactwatch.extract.members import (
    continues_a_list,
    is_count,
    listed_after,
    open_groups,
    stated_members,
)
from pactwatch.extract.modality import clause_bounds
from pactwatch.extract.preamble import preamble_signers
from pactwatch.extract.rules import Rules
from pactwatch.model import (
    ActorKind,
    ArrangementKind,
    Claim,
    MembershipAction,
    MembershipClaim,
    Modality,
)

REFERS_TO_IT = pattern("membership", "refers_to_it")
NO_OBJECT = pattern("membership", "no_object")
THE_COUNTRY = pattern("membership", "the_country")
NOT_YET = pattern("membership", "not_yet")
MEETING = pattern("membership", "meeting")
EXCLUDED = pattern("membership", "excluded")
MADE_BY_IT = pattern("membership", "made_by_it")
MADE_BY = pattern("membership", "made_by")
FOLLOWED_BY = pattern("membership", "followed_by")
JOINS_STATES = pattern("membership", "joins_states")
ACTIONS = (
    ("MEMBER:leave", MembershipAction.LEAVE),
    ("MEMBER:sign", MembershipAction.SIGN),
    ("MEMBER:join", MembershipAction.JOIN),
)
SIGNED_BY_BENEFICIARY = frozenset({ArrangementKind.COMPACT, ArrangementKind.DECLARATION})
"""Texts the beneficiary signs beside its guarantors (the Ukraine Compact, the Paris
Declaration); it never joins a coalition or an alliance's treaty for itself."""


def _excluded(sentence: Sentence, mention: Mention) -> bool:
    """'the only signatory from outside NATO': NATO is named, not listed."""
    before = sentence.text[
        max(0, mention.start - sentence.start - 20) : mention.start - sentence.start
    ]
    return EXCLUDED.search(before) is not None


def _made_by(sentence: Sentence, body: Mention) -> bool:
    """'the G7 countries agreed on a declaration', 'the declaration adopted by the G7', 'the
    G7's declaration': the body is named as the one that made the text; inside the text's own
    name ('10 countries joined the G7 declaration') it is not."""
    if any(
        m.kind == "arrangement" and m.start <= body.start and body.end <= m.end
        for m in sentence.mentions
    ):
        return False
    for start, end in sentence.cues.get("NOUN:declaration", []):
        if start >= body.end and MADE_BY_IT.fullmatch(
            sentence.text[body.end - sentence.start : start - sentence.start]
        ):
            return True
        if end <= body.start and MADE_BY.fullmatch(
            sentence.text[end - sentence.start : body.start - sentence.start]
        ):
            return True
    return False


class MembershipRules(Rules):
    """Memberships: a join, sign or leave cue, an arrangement, and its acting states."""

    def memberships(self, sentence: Sentence) -> list[Claim]:
        if sentence.has("LIST:preamble"):
            return self._preamble(sentence)
        cue = next(((label, action) for label, action in ACTIONS if sentence.has(label)), None)
        counted, self.counted = self.counted, None
        found = self.listed(sentence) if cue is None else self._every_cue(sentence)
        found = found or (self.listed(sentence) if cue else [])
        if not found and counted and continues_a_list(sentence):
            found = self._named_in(sentence, *counted)
        if not found and cue and is_count(sentence):
            self._remember_count(sentence, *cue)
        return found + self._stated(sentence, found)

    def _preamble(self, sentence: Sentence) -> list[Claim]:
        """'We, the leaders of A, B and C, ...:': they sign the text the document is about,
        and they are its 'we'."""
        signers = preamble_signers(sentence)
        if not signers:
            return []
        self.we = tuple(signers)
        arrangement = self.context.arrangement_for(sentence) or self.current
        if arrangement is None:
            return []
        kind = self.context.catalog.arrangements[arrangement].kind
        if kind in (ArrangementKind.BILATERAL_SECURITY_AGREEMENT, ArrangementKind.TREATY):
            return []
        members = [a for a in signers if self._can_be_member(a, arrangement)]
        return self.membership_claims(
            sentence, arrangement, members, self._listed_action(arrangement), 0.7
        )

    def _joins_a_meeting(self, sentence: Sentence, at: int, arrangement: str) -> bool:
        """'Albanese joined a phone call of the coalition', 'to join the coalition's summit':
        what is joined is a meeting, not the arrangement."""
        named = [m for m in sentence.mentions if m.target == arrangement and m.start >= at]
        end = named[0].end + 30 if named else at + 60
        return MEETING.search(sentence.text[at - sentence.start : end - sentence.start]) is not None

    def _remember_count(self, sentence: Sentence, label: str, action: MembershipAction) -> None:
        """'10 countries have joined the G7 declaration today': the next sentence may name them."""
        at = sentence.first(label) or sentence.start
        if self.negated(sentence, at) or self.hypothetical(sentence, at):
            return
        arrangement = self.context.arrangement_for(sentence, after=at)
        if arrangement is not None:
            self.counted = (arrangement, action)

    def _named_in(
        self, sentence: Sentence, arrangement: str, action: MembershipAction
    ) -> list[Claim]:
        """'These are Denmark, Spain and the Netherlands.'"""
        members = [
            a
            for a in acting_states([m for m in sentence.mentions if not is_place(sentence, m)])
            if self._can_be_member(a, arrangement)
        ]
        return self.membership_claims(sentence, arrangement, members, action, 0.7)

    def _stated(self, sentence: Sentence, found: list[Claim]) -> list[Claim]:
        """'The coalition, led by France and Britain, ...': members without an event."""
        if not sentence.has("LIST:stated"):
            return []
        groups = open_groups(self.context.catalog)
        at = sentence.start
        if self.negated(sentence, at) or self.hypothetical(sentence, at):
            return []
        already = {(getattr(c, "actor", ""), getattr(c, "arrangement", "")) for c in found}
        claims: list[Claim] = []
        for arrangement, named in stated_members(sentence, groups):
            if not self._named_here(sentence, arrangement):
                continue
            members = [
                a
                for a in named
                if self._can_be_member(a, arrangement) and (a, arrangement) not in already
            ]
            claims.extend(
                self.membership_claims(
                    sentence, arrangement, members, MembershipAction.JOIN, 0.6, dated=False
                )
            )
        return claims

    def issued_by_its_body(self, sentence: Sentence) -> list[Claim]:
        """'The leaders of the G7 countries agreed on a Joint Declaration of Support', 'the
        declaration adopted by the G7 member countries': a body's own declaration, with the
        body named as its maker, was signed by it (dated only by a full date the sentence
        states). A preamble names the signers itself (see _preamble)."""
        at = sentence.first("NOUN:declaration")
        if (
            at is None
            or sentence.has("LIST:preamble")
            or self.negated(sentence, at)
            or self.hypothetical(sentence, at)
        ):
            return []
        catalog = self.context.catalog
        named = [m.target for m in sentence.mentions if m.target in catalog.arrangements]
        claims: list[Claim] = []
        for arrangement in dict.fromkeys([*named, self.context.arrangement_for(sentence)]):
            if (
                arrangement is None
                or catalog.arrangements[arrangement].kind is not ArrangementKind.DECLARATION
            ):
                continue
            bodies = [
                m.target
                for m in sentence.mentions
                if m.actor_kind is ActorKind.ORGANISATION
                and arrangement in self.owners.get(m.target, [])
                and _made_by(sentence, m)
            ]
            claims += self.membership_claims(
                sentence,
                arrangement,
                list(dict.fromkeys(bodies)),
                MembershipAction.SIGN,
                0.6,
                dated=False,
                on=self.stated_date(sentence),
            )
        return claims

    def _every_cue(self, sentence: Sentence) -> list[Claim]:
        """'North Macedonia endorsed the text in mid-month, ..., while Greece signed up
        earlier': each cue of the sentence with its own subject (the first cue for an actor
        wins)."""
        claims: list[Claim] = []
        seen: set[tuple[str, str]] = set()
        for label, action in ACTIONS:
            for at, _ in sorted(sentence.cues.get(label, [])):
                for claim in self._cued(sentence, at, action):
                    assert isinstance(claim, MembershipClaim)
                    if (claim.actor, claim.arrangement) not in seen:
                        seen.add((claim.actor, claim.arrangement))
                        claims.append(claim)
        return claims

    def _cued(self, sentence: Sentence, at: int, action: MembershipAction) -> list[Claim]:
        """'Finland joined NATO': the actors before a join, sign or leave cue (and those a
        'followed by' after it names: 'Finland joined, followed by Sweden')."""
        clause = clause_bounds(sentence, at)
        past = self.past_date(sentence, clause)
        earlier = past is None and (
            self.is_background(sentence, at) or self.earlier_month(sentence, clause)
        )
        if (
            self.negated(sentence, at)
            or self.hypothetical(sentence, at)
            or NOT_YET.search(sentence.text[max(0, at - sentence.start - 30) : at - sentence.start])
        ):
            return []
        arrangement = self.context.arrangement_for(sentence, after=at)
        if arrangement is None:
            arrangement = self._organisation_arrangement(sentence)
        after = sentence.text[at - sentence.start :]
        if arrangement is None and (REFERS_TO_IT.search(after) or NO_OBJECT.match(after)):
            arrangement = self.current
        if (
            arrangement is None
            or self._joins_a_meeting(sentence, at, arrangement)
            or JOINS_STATES.match(after)
        ):
            return []
        kind = self.context.catalog.arrangements[arrangement].kind
        if kind is ArrangementKind.BILATERAL_SECURITY_AGREEMENT:
            return []
        if kind is ArrangementKind.TREATY and action is MembershipAction.SIGN:
            return []
        if not self._named_here(sentence, arrangement):
            return []
        subjects = subject_actors(sentence, at) or self._the_country(sentence, at)
        if subjects:
            subjects += self._followed_by(sentence, at)
        members = [a for a in acting_states(subjects) if self._can_be_member(a, arrangement)]
        if not members:
            return []
        modal = self.modality(sentence, until=at)
        if modal is not Modality.COMMITTED:
            return []
        # 'Finland completed its accession last April': an earlier event told in passing is
        # still a membership, of a day the sentence does not give.
        return self.membership_claims(
            sentence, arrangement, members, action, 0.8, dated=not earlier, on=past
        )

    def _followed_by(self, sentence: Sentence, at: int) -> list[Mention]:
        """'..., followed by Bulgaria and then Estonia and Lithuania': the states listed after
        'followed by' in the cue's own clause did the same."""
        tail = sentence.text[at - sentence.start :]
        found = FOLLOWED_BY.search(tail)
        if found is None:
            return []
        return listed_after(sentence, at + found.end())

    def _the_country(self, sentence: Sentence, at: int) -> list[Mention]:
        """'the Bulgarian cabinet decided that the country would accede': the state named
        last before 'the country'."""
        window = max(0, at - sentence.start - 60)
        found = THE_COUNTRY.search(sentence.text[window : at - sentence.start])
        if found is None:
            return []
        states = [
            m
            for m in sentence.mentions
            if m.actor_kind is ActorKind.STATE and m.end <= sentence.start + window + found.start()
        ]
        return states[-1:]

    def listed(self, sentence: Sentence) -> list[Claim]:
        """'The United States and Japan are among the signatories', or the answer to 'Who
        signed?': every actor the sentence names (not as a place, not excluded) is a member."""
        at = sentence.first("LIST:members")
        if at is None and not self.listing:
            return []
        at = sentence.start if at is None else at
        if self.negated(sentence, at) or self.is_background(sentence, at):
            return []
        arrangement = self.context.arrangement_for(sentence) or self.current
        if (
            arrangement is None
            or self.context.catalog.arrangements[arrangement].kind
            is ArrangementKind.BILATERAL_SECURITY_AGREEMENT
        ):
            return []  # a text of fixed parties is signed as an agreement, not joined
        members = [
            a
            for a in acting_states(
                [
                    m
                    for m in sentence.mentions
                    if m.kind == "actor"
                    and not is_place(sentence, m)
                    and not _excluded(sentence, m)
                    and not in_beneficiary_position(sentence, m)
                ]
            )
            if self._can_be_member(a, arrangement)
        ]
        return self.membership_claims(
            sentence, arrangement, members, self._listed_action(arrangement), 0.7
        )

    def _listed_action(self, arrangement: str) -> MembershipAction:
        """Who a list names joins a coalition and signs any other text."""
        kind = self.context.catalog.arrangements[arrangement].kind
        return MembershipAction.JOIN if kind is ArrangementKind.COALITION else MembershipAction.SIGN

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
        target = self.context.catalog.arrangements[arrangement]
        if actor in self.adversaries.get(target.beneficiary or "", []):
            return False
        if found.kind not in {ActorKind.STATE, ActorKind.ORGANISATION}:
            return False
        if target.kind is ArrangementKind.TREATY and found.kind is not ActorKind.STATE:
            return False
        return actor != target.beneficiary or target.kind in SIGNED_BY_BENEFICIARY

    def _named_here(self, sentence: Sentence, arrangement: str) -> bool:
        """An alliance's treaty is joined only where the alliance or its treaty is named."""
        if self.context.catalog.arrangements[arrangement].kind is not ArrangementKind.TREATY:
            return True
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
