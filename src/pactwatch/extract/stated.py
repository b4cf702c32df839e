"""Dates a sentence states for an event told in it: pure functions of the sentence's text, the
clause to read (``within``, document offsets) and the day the report counts from.

A full date ('4 April 2023') is the event's day; a day and month without a year ('March 1')
takes the report's year, or the year before; a month alone ('in March') dates nothing, but
says that the report's day is not the event's when it lies before the report's month.
"""

from __future__ import annotations

import datetime as dt

from pactwatch.documents.dating import MONTHS
from pactwatch.extract import temporal
from pactwatch.extract.engine import Sentence
from pactwatch.extract.grammar import pattern

MONTH_DAY = pattern("rules", "month_day")
MONTH_ONLY = pattern("rules", "month_only")

Span = tuple[int, int]


def _text(sentence: Sentence, within: Span | None) -> str:
    first, last = within or (sentence.start, sentence.end)
    return sentence.text[first - sentence.start : last - sentence.start]


def stated_date(sentence: Sentence, within: Span | None = None) -> dt.date | None:
    """The one full date (day, month and year) the sentence, or the part ``within``, states;
    never the report's own."""
    found = [
        f.value
        for f in temporal.dates(_text(sentence, within), None)
        if isinstance(f.value, dt.date)
    ]
    return found[0] if len(found) == 1 else None


def day_of_the_year(
    sentence: Sentence, within: Span | None, reference: dt.date | None
) -> dt.date | None:
    """'signed a security agreement on March 1' in a June report: the one day and month the
    clause states, in the reference's year (or the year before)."""
    text = _text(sentence, within)
    found = [
        f.value
        for f in temporal.dates(text, reference)
        if isinstance(f.value, dt.date) and MONTH_DAY.search(text[f.start : f.end])
    ]
    return found[0] if len(found) == 1 else None


def earlier_month(sentence: Sentence, within: Span, reference: dt.date | None) -> bool:
    """'signed a security agreement in March' in a June report: the clause names a month
    before the reference's own, so the report's day is not the event's."""
    if reference is None:
        return False
    for found in MONTH_ONLY.finditer(_text(sentence, within)):
        month = MONTHS[found.group("month").lower()]
        year = int(found.group("year")) if found.group("year") else reference.year
        if (year, month) < (reference.year, reference.month):
            return True
    return False
