"""A timeline chart as inline SVG: one lane per kind of event, a dot per fact, linked to its
evidence in the report; hypothetical scenario events drawn hollow. No script, no network."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape

from pactwatch.reason import TimelineEvent

LANES = ("joined", "signed", "left", "agreement", "commitment", "meeting", "scenario")
COLOURS = {
    "joined": "#2b6cb0",
    "signed": "#2c7a7b",
    "left": "#c53030",
    "agreement": "#6b46c1",
    "commitment": "#d69e2e",
    "meeting": "#718096",
    "scenario": "#e53e3e",
}
WIDTH, LANE, LEFT, TOP = 960, 34, 110, 30


def on_the_page(fact: str) -> str:
    """The link of a fact shown on the same page (the report): its anchor."""
    return f"#{fact}"


def timeline_svg(events: list[TimelineEvent], link: Callable[[str], str] = on_the_page) -> str:
    """The chart for dated events (undated ones are left out of the picture), each dot
    linked to ``link(fact id)``."""
    dated = [e for e in events if e.date is not None]
    if not dated:
        return '<p class="empty">No dated events to draw.</p>'
    first = min(e.date for e in dated if e.date)
    last = max(e.date for e in dated if e.date)
    span = max((last - first).days, 1)
    height = TOP + LANE * len(LANES) + 30

    def x(day: dt.date) -> float:
        return LEFT + (WIDTH - LEFT - 20) * (day - first).days / span

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-label="Timeline of {len(dated)} events" class="timeline">'
    ]
    for index, lane in enumerate(LANES):
        y = TOP + LANE * index + LANE / 2
        parts.append(
            f'<text x="{LEFT - 8}" y="{y + 4}" text-anchor="end" class="lane">{lane}</text>'
            f'<line x1="{LEFT}" y1="{y}" x2="{WIDTH - 20}" y2="{y}" class="rule"/>'
        )
    parts.extend(_ticks(first, last, x, height))
    for event in dated:
        parts.append(_dot(event, x, link))
    parts.append("</svg>")
    return "".join(parts)


def _lane(event: TimelineEvent) -> str:
    return "scenario" if event.hypothetical else event.kind if event.kind in LANES else "meeting"


def _dot(event: TimelineEvent, x: Callable[[dt.date], float], link: Callable[[str], str]) -> str:
    assert event.date is not None
    lane = _lane(event)
    y = TOP + LANE * LANES.index(lane) + LANE / 2
    colour = COLOURS[lane]
    fill = "white" if event.hypothetical else colour
    title = escape(f"{event.date.isoformat()} {event.summary}")
    dot = (
        f'<circle cx="{x(event.date):.1f}" cy="{y}" r="6" fill="{fill}" '
        f'stroke="{colour}" stroke-width="2"><title>{title}</title></circle>'
    )
    if event.fact:
        return f'<a href="{escape(link(event.fact))}">{dot}</a>'
    return dot


def _ticks(first: dt.date, last: dt.date, x: Callable[[dt.date], float], height: int) -> list[str]:
    parts = []
    for year in range(first.year, last.year + 2):
        day = dt.date(year, 1, 1)
        if first <= day <= last or year == first.year:
            at = x(max(day, first))
            parts.append(
                f'<text x="{at:.1f}" y="{height - 8}" text-anchor="middle" class="tick">'
                f"{max(day, first).isoformat() if year == first.year else year}</text>"
            )
    return parts
