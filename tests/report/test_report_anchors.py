"""Every claim id of the report lands on its fact's evidence (links from the CLI or the API
name claims, the report's sections name facts)."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser
from pathlib import Path

from pactwatch.api import Ledger
from pactwatch.extract import extract
from pactwatch.model import Document
from pactwatch.report import render_report

ARTICLE = (
    "PARIS, Jan 6 - Canada formally joined the Coalition of the Willing on Tuesday. Canada "
    "pledged military training for Ukraine, contingent upon a formal peace deal."
)


class _Ids(HTMLParser):
    """The id of each element, with the id of the fact block (``div.fact``) it sits in."""

    def __init__(self) -> None:
        super().__init__()
        self.fact_of: dict[str, str | None] = {}
        self._fact: str | None = None
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "div":
            self._depth += 1
            if found.get("class") == "fact":
                self._fact, self._depth = found.get("id"), 1
        if found.get("id"):
            self.fact_of[str(found["id"])] = self._fact

    def handle_endtag(self, tag: str) -> None:
        if tag == "div":
            self._depth -= 1
            if self._depth == 0:
                self._fact = None


def test_each_claim_of_a_fact_is_an_anchor_in_its_evidence(sqlite_path: Path) -> None:
    with Ledger.open(sqlite_path) as ledger:
        for number in range(3):  # three sources of the same facts: three claims each
            document = Document(
                text=f"{ARTICLE} Filed by desk {number}.",
                source=f"https://example.org/{number}",
                published=dt.date(2026, 1, 6 + number),
            )
            ledger.add_document(document, extract(document))
        facts = ledger.facts()
        html = render_report(ledger, as_of=dt.date(2026, 6, 2))
    ids = _Ids()
    ids.feed(html)
    assert facts and all(len(fact.claim_ids) == 3 for fact in facts)
    for fact in facts:
        assert ids.fact_of[fact.id] == fact.id
        for claim in fact.claim_ids:
            assert ids.fact_of[claim] == fact.id, (claim, fact.id)
