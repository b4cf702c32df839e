"""What every claim rule leans on: evidence, dates, places, and the gates that keep
history, negation, hypotheticals and hedges out of the claims."""

import datetime as dt
import itertools

from pactwatch.extract import temporal
from pactwatch.extract.amounts import AmountReader
from pactwatch.extract.context import ASIDE, DATELINE, Context
from pactwatch.extract.engine import Sentence
from pactwatch.extract.grammar import pattern
from pactwatch.extract.lexicon import Lexicon
from pactwatch.extract.lists import is_list_item
from pactwatch.extract.merge import PENDING
from pactwatch.extract.stated import day_of_the_year, earlier_month, stated_date
from pactwatch.model import (
    ActorKind,
    AgreementClaim,
    Amount,
    Arrangement,
    ArrangementKind,
    Claim,
    MembershipAction,
    MembershipClaim,
    Modality,
    SpanEvidence,
)

NOT_RULED_OUT = pattern("rules", "not_ruled_out")
ASPIRATION = pattern("rules", "aspiration")
DEALS_SUBJECT = pattern("rules", "deals_subject")
MULTILATERAL_TEXTS = frozenset({ArrangementKind.DECLARATION, ArrangementKind.COMPACT})
"""Texts that states sign one by one: signing one is a membership ('sign'), not a new
agreement between the signers (the coding rules of the real-news corpus)."""
TEXT_DATE_SLACK_DAYS = 31
"""How far the date a sentence states may be from a catalogued text's signing for the
sentence to report that text (a date given to the month still fits)."""
NEW_NOUN_GAP = 30
"""At most this many characters between 'new' and the agreement noun it qualifies."""
YEAR_BEFORE_NOUN = 30
"""How far before an agreement noun a year may stand and still date it ('the 2024 security
agreement')."""
YEAR_AFTER_NOUN = 60
"""How far after an agreement noun a year may stand and still date it ('the security
agreement Germany and Ukraine signed in 2024')."""
HYPOTHETICAL = pattern("rules", "hypothetical")
SECURITY_QUALIFIER = pattern("rules", "security_qualifier")


class Rules:
    """State and gates shared by the claim rules of one document."""

    def __init__(self, document_id: str, producer: str, context: Context, lexicon: Lexicon) -> None:
        self.dated: set[int] = set()
        """Where the sentences that state their own date start (their date beats the
        report's day when claims merge)."""
        self.following: dict[int, Sentence] = {}
        """The next sentence of the same paragraph, by a sentence's start."""
        self.after: dict[int, Sentence] = {}
        """The next sentence of the document, by a sentence's start."""
        self.last_guarantors: tuple[str, ...] = ()
        self.last_categories: tuple[int, tuple[str, ...]] = (-1, ())
        """Where the last pledge's sentence starts and its kinds, for 'also pledged additional
        support' in the sentence after it."""
        self.recent_people: tuple[str, ...] = ()
        self.current: str | None = None
        """The arrangement the latest sentences were about ("it", "the signatories")."""
        self.members: dict[str, list[str]] = {}
        """The members of each arrangement this document has named so far."""
        self.latest_agreement: AgreementClaim | None = None
        """The agreement the document last reported signed, for a length said after it."""
        self.listing = False
        """The previous sentence asked who signed: this one answers with a list."""
        self.list_items: set[int] = set()
        """Where the document's list items start (lines of names, bulleted or dated)."""
        self.list_header: Sentence | None = None
        """The sentence that introduced the list being read, if it was about agreements."""
        self.about_deals = False
        """The last sentence was about the agreements as a group ('All the signed agreements
        run for ten years'): its 'they' is their partners."""
        self.partners: list[str] = []
        """The partners of the agreements the document stated in passing or listed, for 'the
        agreements reaffirm...' after them."""
        self.we: tuple[str, ...] = ()
        """Who 'we' are: the states and bodies the preamble of a joint text named."""
        self.lead_in: tuple[str, ...] = ()
        """Who pledges the numbered items after a lead-in ('the signatory states undertake
        to:')."""
        self.counted: tuple[str, MembershipAction] | None = None
        """An arrangement whose new members the last sentence counted but did not name."""
        self.amount_reader = AmountReader(lexicon.amounts)
        self.revised: dict[tuple[float, str], Amount] = {}
        """Sums this document says a pledge's new sum replaced (old value, currency -> new)."""
        self.owners = lexicon.owners
        self.adversaries = lexicon.adversaries
        self.other_fields = frozenset(lexicon.agreement.other_fields)
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

    def is_background(
        self, sentence: Sentence, at: int | None = None, spare: tuple[int, int] | None = None
    ) -> bool:
        """History, not news: a background phrase near the cue, or only old dates. A phrase,
        date or year inside ``spare`` (document offsets) dates something else: the sum a
        pledge replaced ('EUR 2.2bn, up from EUR 1.9bn last year')."""

        near = sentence.start if at is None else at
        local = near - sentence.start
        asides = [
            found.span()
            for found in ASIDE.finditer(sentence.text)
            if not found.start() <= local < found.end()
        ]

        def counted(start: int) -> bool:
            if any(first <= start < end for first, end in asides):
                return False
            return spare is None or not spare[0] <= sentence.start + start < spare[1]

        if any(
            near - 80 <= start <= near + 60 and counted(start - sentence.start)
            for start, _ in sentence.cues.get("BACK:", [])
        ):
            return True
        published = self.context.published
        if published is None:
            return False
        old = [
            f.value
            for f in temporal.dates(sentence.text, published)
            if isinstance(f.value, dt.date)
            and published - f.value > dt.timedelta(days=31)
            and counted(f.start)
        ]
        if old and not self.sentence_date(sentence):
            return True
        years = (
            temporal.years_mentioned(sentence.text)
            if spare is None and not asides
            else tuple(
                int(match.group("year"))
                for match in temporal.YEAR_ONLY.finditer(sentence.text)
                if counted(match.start())
            )
        )
        return bool(years) and max(years) < published.year - 0 and not self.sentence_date(sentence)

    def other_fields_only(self, sentence: Sentence) -> bool:
        """Every agreement the sentence names is one of another field than security: a
        lexicon word of ``other_fields`` among the few words before its noun ('signed a free
        trade agreement', 'the minerals deal was signed'), and no security word among them."""
        nouns = sentence.cues.get("AGREE:noun", [])
        return bool(nouns) and all(self._other_field(sentence, start) for start, _ in nouns)

    def _other_field(self, sentence: Sentence, noun: int) -> bool:
        at = noun - sentence.start
        words = _words_before(sentence.text[max(0, at - 60) : at])
        if any(SECURITY_QUALIFIER.fullmatch(word) for word in words):
            return False
        return not self.other_fields.isdisjoint(words)

    def hedged_near(self, sentence: Sentence, at: int) -> bool:
        """'plans to sign', 'could sign': a hedge right before the verb."""
        return any(at - 30 <= end <= at for _, end in sentence.cues.get("MOD:intended", []))

    def hypothetical(self, sentence: Sentence, at: int) -> bool:
        """A cue inside an 'if', 'until' or 'once' clause, or an aspiration ('bid to join'),
        describes no event."""
        before = sentence.text[max(0, at - sentence.start - 90) : at - sentence.start]
        return bool(HYPOTHETICAL.search(before) or ASPIRATION.search(before))

    def negated(self, sentence: Sentence, at: int) -> bool:
        """A negation in the cue's neighbourhood ("did not sign", "ended without agreement")."""
        return any(at - 60 <= start <= at + 40 for start, _ in sentence.cues.get("NEG:", []))

    def sentence_date(self, sentence: Sentence) -> dt.date | None:
        found = temporal.dates(sentence.text, self.context.reference or self.context.published)
        published = self.context.published
        recent = [
            f.value
            for f in found
            if isinstance(f.value, dt.date)
            and (
                published is None or dt.timedelta(0) <= published - f.value <= dt.timedelta(days=31)
            )
            and not DATELINE.fullmatch(sentence.text[: f.start])
            and not (
                f.start <= 40
                and f.value == self.context.reference
                and DATELINE.match(sentence.text) is not None
            )
        ]
        return recent[0] if recent else None

    def past_date(
        self, sentence: Sentence, within: tuple[int, int] | None = None
    ) -> dt.date | None:
        """The one date a sentence states when it lies more than a month before the report
        ('Finland joined NATO on 4 April 2023' in a 2025 report): an earlier event told in
        passing, with its own day, not background to leave out. With ``within`` (a clause's
        document offsets), the one date of that clause comes first ('Finland joined on 4
        April 2023, while Sweden joined on 7 March 2024'); a day and month without a year
        take the report's year (``stated.day_of_the_year``)."""
        published = self.context.published
        stated = (
            (stated_date(sentence, within) if within else None)
            or stated_date(sentence)
            or day_of_the_year(sentence, within, self.context.reference or published)
        )
        if published is None or stated is None or published - stated <= dt.timedelta(days=31):
            return None
        return stated

    def earlier_month(self, sentence: Sentence, within: tuple[int, int]) -> bool:
        """Whether the clause puts its event in a month before the report's (``stated``)."""
        return earlier_month(sentence, within, self.context.reference or self.context.published)

    def stated_date(
        self, sentence: Sentence, within: tuple[int, int] | None = None
    ) -> dt.date | None:
        """A full date the sentence (or the part ``within``) states, never the report's own."""
        return stated_date(sentence, within)

    def event_date(self, sentence: Sentence) -> dt.date | None:
        stated = self.sentence_date(sentence)
        if stated is not None:
            self.dated.add(sentence.start)
        return stated or self.context.published

    def link(self, sentences: list[Sentence], text: str) -> None:
        """Remember which sentence follows which within a paragraph (for places said next)."""
        for current, following in itertools.pairwise(sentences):
            self.after[current.start] = following
            if "\n" not in text[current.end : following.start]:
                self.following[current.start] = following
        self.list_items = {s.start for s in sentences if is_list_item(s, text)}

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

    def modality(self, sentence: Sentence, until: int | None = None) -> Modality:
        """Committed unless a refusal or a hedge governs the pledge; with ``until`` (the
        position of what is pledged) only hedges before it count, not those of a later clause
        ("the mechanism that the United States would lead"); a stated hedge reaches a little
        past it ("a force that could be sent")."""
        limit = sentence.end if until is None else until + 10
        if NOT_RULED_OUT.search(sentence.text):
            return Modality.INTENDED
        if sentence.has("MOD:ruled_out"):
            return Modality.RULED_OUT
        reach = limit if until is None else limit + 50
        intended = any(
            start < reach
            for label in ("MOD:intended", "MOD:hedged")
            for start, _ in sentence.cues.get(label, [])
        )
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

    def states_of(self, people: tuple[str, ...]) -> list[str]:
        """The states the people served on the document's date."""
        found = []
        for person in people:
            actor = self.context.catalog.actors.get(person)
            held = (
                actor.offices_on(self.context.published) if actor and self.context.published else ()
            )
            if held:
                found.append(held[-1].actor)
        return list(dict.fromkeys(found))

    def text_for(
        self, sentence: Sentence, parties: tuple[str, ...], guessed: Arrangement | None
    ) -> Arrangement | None:
        """Which catalogued text was signed: the one these parties concluded together, else
        the one the sentence names or refers to, unless its own fixed parties are others
        (in a story about two agreements, 'the agreement' of Italy is not that of the US)."""
        catalogued = self.context.catalog.arrangement_between(parties)
        if catalogued is not None:
            return catalogued if self.fits_text(sentence, catalogued) else None
        if guessed is None or not self.fits_text(sentence, guessed):
            return None
        named = any(m.target == guessed.id for m in sentence.mentions)
        if guessed.parties and set(guessed.parties) != set(parties):
            return None
        if not named and guessed.kind is ArrangementKind.TREATY and not guessed.parties:
            return None
        return guessed

    def fits_text(self, sentence: Sentence, text: Arrangement) -> bool:
        """Whether a sentence can report the catalogued ``text``: it names it, or the year it
        gives the agreement is the text's ('the 2024 agreement', 'signed in February 2024'),
        or the date it states falls within a month of the text's signing; else, unless it
        calls the agreement new, the claim's own date must fit: the report's day for a
        signing it reports as news (a 2027 deal of two states is not their 2024 one), any for
        an agreement it only refers to ('under the agreement') and for a declaration or
        compact, which states sign one by one long after it was made."""
        if text.established is None or any(m.target == text.id for m in sentence.mentions):
            return True
        dated = self.dated_as(sentence, text)
        if dated is not None:
            return dated
        day = self.sentence_date(sentence) or self.stated_date(sentence)
        if day is not None:
            return signed_then(text, day)
        if self._called_new(sentence):
            return False
        return text.kind in MULTILATERAL_TEXTS or signed_then(text, self.reported_day(sentence))

    def dated_as(self, sentence: Sentence, text: Arrangement) -> bool | None:
        """Whether the years the sentence gives the agreement it is about fit the catalogued
        ``text``'s signing; None when it gives none. That agreement is the noun the signing
        verb is followed by, else the first; a year dates the noun it stands right before
        ('the 2024 security agreement'), else the one it follows ('the agreement the two
        signed in February 2024'), so 'a deal replacing their 2024 accord' dates no deal."""
        nouns = sorted(sentence.cues.get("AGREE:noun", []))
        if not nouns:
            return None
        verb = sentence.first("AGREE:verb")
        about = next((n for n in nouns if verb is not None and n[0] >= verb), nouns[0])
        named = [
            found
            for found in temporal.years_named(sentence.text)
            if _dated_noun(sentence.start + found.start, sentence.start + found.end, nouns) == about
        ]
        if not named:
            return None
        return any(in_month_of(text, found.year, found.month) for found in named)

    def reported_day(self, sentence: Sentence) -> dt.date | None:
        """The date of a signing the sentence reports as news (a signing verb that is not
        history): the report's day; None when it reports none."""
        verb = sentence.first("AGREE:verb")
        if verb is None or self.is_background(sentence, verb):
            return None
        return self.context.published

    def _called_new(self, sentence: Sentence) -> bool:
        """'a new security agreement': a lower-case 'new' word shortly before an agreement
        noun ('New Zealand' is a name, not a new deal)."""
        nouns = [start for start, _ in sentence.cues.get("AGREE:noun", [])]
        for start, end in sentence.cues.get("AGREE:new", []):
            word = sentence.text[start - sentence.start : end - sentence.start]
            if word.islower() and any(0 <= noun - end <= NEW_NOUN_GAP for noun in nouns):
                return True
        return False

    def membership_claims(
        self,
        sentence: Sentence,
        arrangement: str,
        members: list[str],
        action: MembershipAction,
        confidence: float,
        dated: bool = True,
        on: dt.date | None = None,
    ) -> list[Claim]:
        """One membership per actor, remembered as the arrangement's members so far; dated
        ``on`` if given, else by the sentence unless it states membership without an event
        (``dated=False``)."""
        if on is not None:
            self.dated.add(sentence.start)  # its own day beats a headline's report day
        if action is not MembershipAction.LEAVE:
            known = self.members.setdefault(arrangement, [])
            known.extend(m for m in members if m not in known)
            if members:
                self.current = arrangement
        return [
            MembershipClaim(
                actor=actor,
                arrangement=arrangement,
                action=action,
                date=on or (self.event_date(sentence) if dated else None),
                place=self.place(sentence) if dated else None,
                confidence=confidence,
                producer=self.producer,
                id=PENDING,
                evidence=self.evidence(sentence),
            )
            for actor in members
        ]

    def observe(self, sentence: Sentence) -> None:
        """Remember the people a sentence names, for 'the two leaders' in the next ones, and
        the arrangement it names, for 'it' and 'the signatories' in the next ones."""
        named = [
            m.target for m in sentence.mentions if m.target in self.context.catalog.arrangements
        ]
        if named:
            self.current = named[-1]
        self.listing = sentence.has("LIST:question")
        self.about_deals = DEALS_SUBJECT.match(sentence.text) is not None
        people = people_in(sentence)
        if people:
            self.recent_people = (*[p for p in self.recent_people if p not in people], *people)[-4:]


def people_in(sentence: Sentence) -> list[str]:
    return list(
        dict.fromkeys(
            m.target
            for m in sentence.mentions
            if m.kind == "actor" and m.actor_kind is ActorKind.PERSON
        )
    )


def signed_then(text: Arrangement, day: dt.date | None) -> bool:
    """Whether a catalogued text can be the one signed on ``day``: within a month of its
    signing (any, when either date is unknown)."""
    if day is None or text.established is None:
        return True
    return abs((day - text.established).days) <= TEXT_DATE_SLACK_DAYS


def _dated_noun(start: int, end: int, nouns: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The agreement noun a year at ``start``-``end`` dates: the one it stands right before,
    else the nearest one it follows."""
    following = [n for n in nouns if 0 <= n[0] - end <= YEAR_BEFORE_NOUN]
    if following:
        return following[0]
    preceding = [n for n in nouns if 0 <= start - n[1] <= YEAR_AFTER_NOUN]
    return preceding[-1] if preceding else None


def in_month_of(text: Arrangement, year: int, month: int | None) -> bool:
    """Whether a catalogued text can be the one a sentence dates to ``year`` (and ``month``):
    its signing falls in that year, or within a month of that month."""
    if text.established is None:
        return True
    if month is None:
        return text.established.year == year
    signed = text.established.year * 12 + text.established.month
    return abs(signed - (year * 12 + month)) <= 1


def _words_before(head: str, most: int = 4) -> list[str]:
    """The last few words of ``head`` (letters, digits, hyphens, apostrophes), lower case,
    last first, up to a token that holds other characters ('a free trade' -> trade, free, a)."""
    found: list[str] = []
    for token in reversed(head.split()[-most:]):
        if not token.replace("-", "").replace("'", "").replace("\u2019", "").isalnum():
            break
        found.append(token.lower())
    return found
