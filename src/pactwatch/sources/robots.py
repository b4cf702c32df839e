"""robots.txt, read once per host and obeyed.

The rule (as common crawlers and RFC 9309 do): a robots.txt answered with 2xx is parsed and
obeyed for the agent token ``pactwatch``; a 4xx answer (no robots.txt) allows everything; a
5xx answer or a host that cannot be reached refuses everything on that host for this run,
since the site may be down or asking crawlers to wait. Its ``Crawl-delay`` (of the group
naming ``pactwatch``, else of the ``*`` group) is kept, at most :data:`MAX_CRAWL_DELAY`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from urllib.robotparser import RobotFileParser

AGENT_TOKEN = "pactwatch"
"""The product token robots.txt groups are matched against (``User-agent: pactwatch``)."""
ROBOTS_MAX_BYTES = 512_000
"""Bytes of robots.txt read (RFC 9309 asks crawlers to parse at least 500 KiB)."""
MAX_CRAWL_DELAY = 60.0
"""Seconds: a larger Crawl-delay is taken as this (a site cannot stall a run for hours)."""


@dataclass(frozen=True, slots=True)
class RobotsAnswer:
    """What fetching a host's robots.txt gave: a status and body, or why it failed."""

    status: int | None
    """HTTP status; None when the host could not be reached."""
    body: bytes = b""
    """The file (2xx only), at most :data:`ROBOTS_MAX_BYTES`."""
    failure: str = ""
    """Why the host could not be reached (status None), in one line: every URL of the host
    is refused with it."""


class Robots:
    """Per-host robots.txt rules, each host's file fetched once through ``get``."""

    def __init__(self, get: Callable[[str], RobotsAnswer]) -> None:
        self._get = get
        self._hosts: dict[str, RobotFileParser | str | None] = {}
        """origin -> its parsed rules, a refusal reason, or None (everything allowed)."""
        self._delays: dict[str, float] = {}
        """origin -> its Crawl-delay for us (capped), when it gives one."""

    def refusal(self, url: str, origin: str) -> str | None:
        """Why robots.txt forbids ``url`` (on ``origin``, like ``https://host:port``), or None."""
        if origin not in self._hosts:
            self._read(origin)
        rules = self._hosts[origin]
        if isinstance(rules, str):
            return rules
        if rules is not None and not rules.can_fetch(AGENT_TOKEN, url):
            return f"refused by {origin}/robots.txt (disallowed for {AGENT_TOKEN}): not fetched"
        return None

    def _read(self, origin: str) -> None:
        answer = self._get(f"{origin}/robots.txt")
        rules = self._hosts[origin] = _rules(origin, answer)
        delay = crawl_delay(_text(answer)) if isinstance(rules, RobotFileParser) else None
        if delay is not None:
            self._delays[origin] = min(delay, MAX_CRAWL_DELAY)

    def crawl_delay(self, origin: str) -> float:
        """The seconds ``origin``'s robots.txt asks between our requests (0 when it asks
        none or was not read yet), at most :data:`MAX_CRAWL_DELAY`."""
        return self._delays.get(origin, 0.0)


def crawl_delay(text: str, agent: str = AGENT_TOKEN) -> float | None:
    """The Crawl-delay robots.txt ``text`` sets for ``agent``: from the groups whose
    User-agent is ``agent`` (case-insensitive) when there are any (as for Allow and Disallow,
    the ``*`` groups then do not apply), else from the ``*`` groups; the largest when several
    are given, None when none is (or none is a number of seconds). Not
    ``RobotFileParser.crawl_delay``: it reads whole seconds only and matches agents by
    substring."""
    delays: dict[str, list[float]] = {}
    agents: list[str] = []
    named: set[str] = set()
    in_rules = False
    for raw in text.splitlines():
        key, colon, value = raw.split("#", 1)[0].partition(":")
        key, value = key.strip().lower(), value.strip()
        if not colon:
            continue
        if key == "user-agent":
            if in_rules:
                agents, in_rules = [], False
            agents.append(value.lower())
            named.add(value.lower())
        elif agents:
            in_rules = True
            seconds = _seconds(value) if key == "crawl-delay" else None
            if seconds is not None:
                for name in agents:
                    delays.setdefault(name, []).append(seconds)
    found = delays.get(agent.lower()) if agent.lower() in named else delays.get("*")
    return max(found) if found else None


def _seconds(value: str) -> float | None:
    try:
        seconds = float(value)
    except ValueError:
        return None
    return seconds if math.isfinite(seconds) and seconds >= 0 else None


def _text(answer: RobotsAnswer) -> str:
    return answer.body.decode("utf-8", errors="replace")


def _rules(origin: str, answer: RobotsAnswer) -> RobotFileParser | str | None:
    if answer.status is None:
        return answer.failure
    if answer.status >= 500:
        return (
            f"{origin}/robots.txt answered HTTP {answer.status}: the site may be down or "
            "asking crawlers to wait, so nothing is fetched from it; try again later"
        )
    if answer.status >= 400:
        return None
    parser = RobotFileParser()
    parser.parse(_text(answer).splitlines())
    return parser
