"""The evidence page of a claim shows each piece of its evidence: the sentence of a stored
document, or a cited URL with its note (reference data and imported claims cite URLs)."""

from __future__ import annotations

import json
from html.parser import HTMLParser

from fastapi.testclient import TestClient

from pactwatch.api import Ledger
from pactwatch.store import import_lines
from pactwatch.web.app import create_app
from tests.conftest import MEMBERSHIP_RECORD


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hrefs += [value for name, value in attrs if tag == "a" and name == "href" and value]


def test_a_claim_cited_by_url_has_an_evidence_page(ledger_url: str) -> None:
    with Ledger.open(ledger_url) as ledger:
        import_lines(ledger, [json.dumps(MEMBERSHIP_RECORD)], source="test")
        (claim,) = ledger.claims()
    with TestClient(create_app(ledger_url)) as client:
        answer = client.get(f"/evidence/{claim.id}")
    assert answer.status_code == 200, answer.text[:300]
    links = Links()
    links.feed(answer.text)
    assert MEMBERSHIP_RECORD["evidence"][0]["url"] in links.hrefs  # type: ignore[index]
    assert "Our words." in answer.text


def test_the_timeline_dots_of_an_arrangement_page_open_evidence_pages(ledger_url: str) -> None:
    with Ledger.open(ledger_url) as ledger:
        import_lines(ledger, [json.dumps(MEMBERSHIP_RECORD)], source="test")
        (claim,) = ledger.claims()
    with TestClient(create_app(ledger_url)) as client:
        page = client.get("/arrangements/coalition-of-the-willing")
        links = Links()
        links.feed(page.text)
        dots = [href for href in links.hrefs if claim.id in href]
        assert dots and not [href for href in dots if href.startswith("#")]
        for href in dots:
            assert client.get(href).status_code == 200, href
