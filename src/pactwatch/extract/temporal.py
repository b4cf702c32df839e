"""Dates, durations and amounts in news language, anchored at the published date."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from pactwatch.documents.dating import MONTHS
from pactwatch.extract.grammar import pattern

# The patterns of data/grammar/temporal.toml spell out these words and dating.MONTHS.
WEEKDAYS = {
    name: number
    for number, name in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}
NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "fifteen": 15,
    "twenty": 20,
    "twenty-five": 25,
    "thirty": 30,
    "fifty": 50,
}

DATE_PATTERNS = [pattern("temporal", "month_day_date"), pattern("temporal", "day_month_date")]
WEEKDAY = pattern("temporal", "weekday")
RELATIVE = pattern("temporal", "relative")
YEAR_ONLY = pattern("temporal", "year_only")
_ANY_YEAR = pattern("temporal", "any_year")
MONTH_YEAR = pattern("temporal", "month_year")
DURATION = pattern("temporal", "duration")
HOURS = pattern("temporal", "hours")

_SYMBOLS = {
    "£": "GBP",
    "€": "EUR",
    "$": "USD",
    "c$": "CAD",
    "ca$": "CAD",
    "us$": "USD",
    "a$": "AUD",
    "¥": "JPY",
}
_CODES = {
    "eur": "EUR",
    "euros": "EUR",
    "euro": "EUR",
    "usd": "USD",
    "dollars": "USD",
    "gbp": "GBP",
    "pounds": "GBP",
    "cad": "CAD",
    "nok": "NOK",
    "sek": "SEK",
    "dkk": "DKK",
    "jpy": "JPY",
    "yen": "JPY",
    "chf": "CHF",
    "pln": "PLN",
    "isk": "ISK",
    "aud": "AUD",
}
_SCALE = {
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "trillion": 1e12,
    "thousand": 1e3,
}
AMOUNT = pattern("temporal", "amount")
_WORD_CURRENCY = {
    "euro": "EUR",
    "euros": "EUR",
    "dollars": "USD",
    "canadian dollars": "CAD",
    "australian dollars": "AUD",
    "new zealand dollars": "NZD",
    "us dollars": "USD",
    "u.s. dollars": "USD",
    "american dollars": "USD",
    "pounds": "GBP",
    "yen": "JPY",
    "kronor": "SEK",
    "kroner": "NOK",
    "crowns": "CZK",
}


@dataclass(frozen=True, slots=True)
class Found:
    """Something found in a text, with its character span in that text."""

    start: int
    end: int
    value: object


@lru_cache(maxsize=4096)
def dates(text: str, published: dt.date | None) -> tuple[Found, ...]:
    """Calendar dates in ``text``; a missing year takes the published year (or the one before)."""
    found: list[Found] = []
    for date_pattern in DATE_PATTERNS:
        for match in date_pattern.finditer(text):
            day = _calendar(match, published)
            if day is not None and not _overlaps(found, match.start(), match.end()):
                found.append(Found(match.start(), match.end(), day))
    if published is not None:
        for match in WEEKDAY.finditer(text):
            if not _overlaps(found, match.start(), match.end()):
                found.append(Found(match.start(), match.end(), _weekday(match, published)))
        for match in RELATIVE.finditer(text):
            shift = 1 if match.group("word").lower() == "yesterday" else 0
            found.append(Found(match.start(), match.end(), published - dt.timedelta(days=shift)))
    return tuple(sorted(found, key=lambda item: item.start))


def day_months(text: str) -> tuple[tuple[int, int], ...]:
    """(month, day) of the dates ``text`` gives without a year ('on Friday, January 12')."""
    found = []
    for date_pattern in DATE_PATTERNS:
        for match in date_pattern.finditer(text):
            if not match.group("year"):
                found.append((MONTHS[match.group("month").lower()], int(match.group("day"))))
    return tuple(found)


def _calendar(match: re.Match[str], published: dt.date | None) -> dt.date | None:
    month = MONTHS[match.group("month").lower()]
    day = int(match.group("day"))
    year_text = match.group("year")
    year = int(year_text) if year_text else (published.year if published else None)
    if year is None:
        return None
    try:
        result = dt.date(year, month, day)
    except ValueError:
        return None
    if not year_text and published is not None and result > published + dt.timedelta(days=7):
        result = result.replace(year=year - 1)
    return result


def _weekday(match: re.Match[str], published: dt.date) -> dt.date:
    target = WEEKDAYS[match.group("weekday").lower()]
    back = (published.weekday() - target) % 7
    return published - dt.timedelta(days=back)


def _overlaps(found: list[Found], start: int, end: int) -> bool:
    return any(item.start < end and start < item.end for item in found)


@lru_cache(maxsize=4096)
def years_mentioned(text: str) -> tuple[int, ...]:
    """Years named on their own ("in 2019", "since July 2023")."""
    if not _ANY_YEAR.search(text):
        return ()
    return tuple(int(match.group("year")) for match in YEAR_ONLY.finditer(text))


@dataclass(frozen=True, slots=True)
class NamedYear:
    """A year a text names, with the month named right before it, if any."""

    start: int
    end: int
    year: int
    month: int | None


@lru_cache(maxsize=4096)
def years_named(text: str) -> tuple[NamedYear, ...]:
    """Every year the text names: 'the 2024 agreement' gives 2024, 'signed in February 2024'
    gives 2024 and February."""
    if not _ANY_YEAR.search(text):
        return ()
    return tuple(
        NamedYear(
            match.start(),
            match.end(),
            int(match.group("year")),
            MONTHS[match.group("month").lower()] if match.group("month") else None,
        )
        for match in MONTH_YEAR.finditer(text)
    )


def duration_years(text: str) -> int | None:
    """A duration in years ("ten-year", "for 10 years", "decade-long")."""
    match = DURATION.search(text)
    if match is None:
        return None
    if match.group("n") is None:
        return 10
    raw = match.group("n").lower()
    return int(raw) if raw.isdigit() else NUMBERS.get(raw)


def deadline_hours(text: str) -> int | None:
    """A response deadline ("within 24 hours")."""
    match = HOURS.search(text)
    if match is None:
        return None
    raw = match.group("n").lower()
    return int(raw) if raw.isdigit() else NUMBERS.get(raw)


@dataclass(frozen=True, slots=True)
class Money:
    """A sum of money found in a text."""

    start: int
    end: int
    value: float
    currency: str
    text: str


@lru_cache(maxsize=1024)
def amounts(text: str) -> tuple[Money, ...]:
    """Sums of money with ISO currencies: "C$3 billion", "EUR 1.13bn", "£2.5 billion"."""
    found: list[Money] = []
    for match in AMOUNT.finditer(text):
        groups = match.groupdict()
        if groups["symbol"]:
            currency = _SYMBOLS[groups["symbol"].lower()]
            value, scale = groups["value"], groups["scale"]
        elif groups["code"]:
            currency, value, scale = (
                _CODES[groups["code"].lower()],
                groups["value2"],
                groups["scale2"],
            )
        else:
            currency = _WORD_CURRENCY[" ".join(groups["word"].lower().split())]
            value, scale = groups["value3"], groups["scale3"]
        number = float(value.replace(",", "")) * _SCALE.get((scale or "").lower(), 1.0)
        if number >= 1e5:
            found.append(Money(match.start(), match.end(), number, currency, match.group(0)))
    return tuple(found)
