"""Meeting rules: two or more people who met, where and when."""

from pactwatch.extract.engine import Sentence
from pactwatch.extract.grammar import pattern
from pactwatch.extract.merge import PENDING
from pactwatch.extract.rules import Rules, people_in
from pactwatch.model import (
    Claim,
    MeetingClaim,
)

FUTURE_MEETING = pattern("meetings", "future_meeting")
THE_TWO = pattern("meetings", "the_two")


class MeetingRules(Rules):
    """Meetings of two or more named people on the event's date."""

    def meetings(self, sentence: Sentence) -> list[Claim]:
        if not sentence.has("MEET:") or sentence.has("MOD:intended") or sentence.has("MOD:hedged"):
            return []
        at = sentence.first("MEET:") or sentence.start
        if self.is_background(sentence, at) or FUTURE_MEETING.search(sentence.text):
            return []
        people = people_in(sentence)
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
