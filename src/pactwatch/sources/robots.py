"""robots.txt, read once per host and obeyed.

The rule (as common crawlers and RFC 9309 do): a robots.txt answered with 2xx is parsed and
obeyed for the agent token ``pactwatch``; a 4xx answer (no robots.txt) allows everything; a
5xx answer or a host that cannot be reached refuses everything on that host for this run,
since the site may be down or asking crawlers to wait.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.robotparser import RobotFileParser

AGENT_TOKEN = "pactwatch"
"""The product token robots.txt groups are matched against (``User-agent: pactwatch``)."""
ROBOTS_MAX_BYTES = 512_000
"""Bytes of robots.txt read (RFC 9309 asks crawlers to parse at least 500 KiB)."""


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

    def refusal(self, url: str, origin: str) -> str | None:
        """Why robots.txt forbids ``url`` (on ``origin``, like ``https://host:port``), or None."""
        if origin not in self._hosts:
            self._hosts[origin] = _rules(origin, self._get(f"{origin}/robots.txt"))
        rules = self._hosts[origin]
        if isinstance(rules, str):
            return rules
        if rules is not None and not rules.can_fetch(AGENT_TOKEN, url):
            return f"refused by {origin}/robots.txt (disallowed for {AGENT_TOKEN}): not fetched"
        return None


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
    parser.parse(answer.body.decode("utf-8", errors="replace").splitlines())
    return parser
