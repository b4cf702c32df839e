"""The published date a text or its address states, for records that carry none.

Only a full date (day, month and year) in a place where pages print their own date counts: a
line that is little but a date ('12 July 2023 - 18:29', 'date 2024-05-03'), a labelled line
('Posted: Jan 05, 2026 4:00 AM EST', 'Published 7 January 2026', 'Published: 14.06.2024', day
first), a dateline with its year ('PARIS, Jan. 6, 2026 (AP) -'), a byline ('News Desk, 07
Jan, 2026 10:31 AM') or a date in the URL's path (/2024/06/27/). A date inside a sentence
('on 12 July 2023 the G7 agreed') is an event, not the page's date, and is never taken; where
nothing fits, the date stays unknown.
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
"""Month names and abbreviations of English news, by number (the extractor reads them too)."""
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
FULL_DATES = (
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<nmonth>[01]\d)-(?P<day>[0-3]\d)\b"),
    # Day first with full stops, as European sites print it ('Published: 14.06.2024'); never
    # with slashes, which American sites write month first.
    re.compile(r"\b(?P<day>[0-3]?\d)\.(?P<nmonth>[01]?\d)\.(?P<year>(?:19|20)\d\d)\b"),
)
LABEL = re.compile(
    r"^\W*(?:date|posted|published|updated|last updated|first published|created|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b",
    re.IGNORECASE,
)
FILLER = re.compile(
    r"\b(?:date|posted|published|updated|last|first|on|at|am|pm|a\.m\.|p\.m\.|gmt|utc|"
    r"[ecmp][sd]t|cet|cest|bst|kyiv|time|(?:mon|tues|wednes|thurs|fri|satur|sun)day|"
    r"[0-2]?\d[:.][0-5]\d)\b|[^\w\s]|\d+",
    re.IGNORECASE,
)
DATELINE = re.compile(r"^[A-Z][A-Z .'/-]{2,},\s+(?:[A-Z][a-z]+,\s+)?$")
URL_DATE = re.compile(r"/(?P<year>20\d\d)[/-](?P<nmonth>[01]?\d)[/-](?P<day>[0-3]?\d)(?:/|$|\D)")
HEAD = 600
"""Pages print their date near the top: only so many characters are looked at."""


def published_in(text: str, url: str | None = None, today: dt.date | None = None) -> dt.date | None:
    """The page's own date, from its top lines or its URL, or None."""
    latest = today or dt.date.today()
    for line in text[:HEAD].splitlines():
        found = _line_date(line.strip())
        if found is not None and found <= latest:
            return found
    if url:
        match = URL_DATE.search(url)
        found = _date(match) if match else None
        if found is not None and found <= latest:
            return found
    return None


def _line_date(line: str) -> dt.date | None:
    """The first date of a line that is a date line (labelled, bare, a dateline, a byline)."""
    matches = sorted(
        (match for pattern in FULL_DATES for match in pattern.finditer(line)),
        key=lambda match: match.start(),
    )
    for match in matches:
        day = _date(match)
        if day is None:
            continue
        before, after = line[: match.start()], line[match.end() :]
        rest = FILLER.sub(" ", before + " " + after).split()
        byline = len(rest) <= 6 and not line.rstrip().endswith(".")
        if LABEL.match(line) or len(rest) <= 2 or DATELINE.match(before) or byline:
            return day
    return None


def _date(match: re.Match[str]) -> dt.date | None:
    parts = match.groupdict()
    month = int(parts["nmonth"]) if parts.get("nmonth") else MONTHS[parts["month"].lower()]
    try:
        return dt.date(int(parts["year"]), month, int(parts["day"]))
    except ValueError:
        return None
