"""The dashboard in a real browser: Playwright driving Debian's Chromium, headless, against a
real server, with every request that is not to the server refused. Screenshots of each page
go to artifacts/screenshots (PACTWATCH_ARTIFACTS overrides)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pactwatch.api import Ledger
from tests.conftest import citation, seed_membership
from tests.web.conftest import Served, serving

playwright = pytest.importorskip("playwright.sync_api")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(
    os.environ.get("PACTWATCH_ARTIFACTS", Path(__file__).parents[2] / "artifacts" / "screenshots")
)
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (.ci/run installs Debian's chromium)")
    with playwright.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield launched
        launched.close()


class Visit:
    """A browser tab on the server that refuses every other address and records them."""

    def __init__(self, browser: Any, served: Served, width: int = 1280) -> None:
        self.served = served
        self.context = browser.new_context(viewport={"width": width, "height": 900})
        self.page = self.context.new_page()
        self.elsewhere: list[str] = []
        self.context.route("**/*", self._only_the_server)

    def _only_the_server(self, route: Any) -> None:
        if route.request.url.startswith(self.served.url):
            route.continue_()
        else:
            self.elsewhere.append(route.request.url)
            route.abort()

    def go(self, path: str) -> Any:
        response = self.page.goto(self.served.url + path)
        assert response is not None and response.ok, path
        return self.page

    def shot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        out = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(out), full_page=True)
        assert out.stat().st_size > 10_000
        return out

    def close(self) -> None:
        assert self.elsewhere == []
        self.context.close()


@pytest.fixture
def visit(browser: Any, served_sqlite: Served) -> Iterator[Visit]:
    opened = Visit(browser, served_sqlite)
    yield opened
    opened.close()


def test_overview_shows_canada_as_a_coalition_member_on_6_january(visit: Visit) -> None:
    page = visit.go("/?as_of=2026-01-06")
    row = page.locator("#roles tr[data-actor='CAN']")
    assert "member" in row.inner_text()
    canada = page.locator("#map-CAN")
    assert canada.get_attribute("data-role") in ("member", "guarantor")
    assert "member" in (canada.locator("title").text_content() or "")
    assert page.locator("path.country").count() > 170
    visit.shot("overview")
    before = visit.go("/?as_of=2026-01-05")
    assert before.locator("#roles tr[data-actor='CAN']").count() == 0
    roster = visit.go("/arrangements/coalition-of-the-willing?as_of=2026-01-06")
    assert roster.locator("#roster tr[data-actor='CAN']").count() == 1
    visit.shot("arrangement")


def test_evidence_page_highlights_the_sentence(visit: Visit) -> None:
    page = visit.go("/arrangements/coalition-of-the-willing?as_of=2026-01-06")
    page.locator("#roster tr[data-actor='CAN'] a", has_text="source 1").click()
    page.wait_for_url("**/evidence/**")
    highlighted = page.locator("mark").first
    assert "Canada formally joined the Coalition of the Willing" in highlighted.inner_text()
    box = highlighted.bounding_box()
    assert box is not None and box["width"] > 0
    visit.shot("evidence")


def test_scenario_turns_canadas_training_active_after_a_peace_agreement(visit: Visit) -> None:
    page = visit.go("/scenario?guarantor=CAN&as_of=2026-06-02")
    training = page.locator("#outcome tr[data-category='military_training']")
    assert training.get_attribute("data-status") == "dormant"
    page.fill("input[name=peace_agreement]", "2026-06-01")
    page.click("form.scenario button[type=submit]")
    page.wait_for_url("**peace_agreement=2026-06-01**")
    training = page.locator("#outcome tr[data-category='military_training']")
    assert training.get_attribute("data-status") == "active"
    assert "changed" in (training.get_attribute("class") or "")
    visit.shot("scenario")


def test_an_attack_makes_duties_fall_due(visit: Visit) -> None:
    page = visit.go("/scenario?as_of=2027-03-02")
    page.fill("input[name=armed_attack]", "2027-03-01")
    page.click("form.scenario button[type=submit]")
    page.wait_for_url("**armed_attack=2027-03-01**")
    duties = page.locator("#duties").inner_text()
    assert "Italy" in duties and "consult" in duties and "2027-03-02" in duties
    visit.shot("scenario-attack")


def test_coverage_and_actor_pages(visit: Visit) -> None:
    page = visit.go("/coverage/UKR?as_of=2026-06-02&scenario=peace_agreement%3D2026-06-01")
    assert page.locator("#matrix td.state-active").count() >= 1
    visit.shot("coverage")
    page = visit.go("/actors/CAN?as_of=2026-01-07")
    assert page.locator("table.commitments tr[data-status='dormant']").count() >= 3
    visit.shot("actor")


def test_review_queue_accepts_a_claim_in_one_click(visit: Visit) -> None:
    page = visit.go("/review")
    page.fill("#token", visit.served.editor)
    page.click("#token-form button")
    first = page.locator("li.claim").first
    claim = first.get_attribute("data-claim")
    first.locator("button.accept").click()
    page.wait_for_function(
        "id => document.querySelector(`li[data-claim='${id}'] .outcome`).textContent !== ''",
        arg=claim,
    )
    assert first.locator(".outcome").inner_text() == "accepted"
    visit.shot("review")
    status = page.request.get(f"{visit.served.url}/api/claims/{claim}").json()["status"]
    assert status == "accepted"


def test_pages_fit_a_phone(browser: Any, served_sqlite: Served) -> None:
    phone = Visit(browser, served_sqlite, width=390)
    try:
        for path, name in (
            ("/?as_of=2026-01-06", "overview-phone"),
            ("/scenario", "scenario-phone"),
        ):
            page = phone.go(path)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 392, (path, width)
            phone.shot(name)
    finally:
        phone.close()


def test_the_api_link_shows_every_endpoint_offline(visit: Visit) -> None:
    problems: list[str] = []
    visit.page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    visit.page.on("pageerror", lambda error: problems.append(str(error)))
    page = visit.go("/")
    page.click("nav >> text=API")
    page.wait_for_url("**/api/docs")
    page.wait_for_selector(".opblock", timeout=20_000)
    schema = visit.context.request.get(visit.served.url + "/openapi.json").json()
    operations = sum(len(methods) for methods in schema["paths"].values())
    assert page.locator(".opblock").count() == operations
    assert page.locator(".opblock-summary-path", has_text="/api/coverage/{beneficiary}").count()
    assert problems == []  # no script, style or font refused by the Content-Security-Policy
    visit.shot("api-docs")


def test_the_roster_badge_opens_the_disagreement_with_each_sides_evidence(
    browser: Any, tmp_path: Path
) -> None:
    london = seed_membership(
        date=dt.date(2025, 3, 2),
        place=None,
        evidence=(citation("2025-03-02", url="https://example.org/london-summit"),),
    )
    with serving(str(tmp_path / "ledger.db")) as served:
        with Ledger.open(served.db) as ledger:
            ledger.add_claims([london])
        visit = Visit(browser, served)
        try:
            page = visit.go("/arrangements/coalition-of-the-willing?as_of=2026-01-06")
            badge = page.locator("#roster tr[data-actor='CAN'] a.badge.conflict")
            assert badge.inner_text() == "sources disagree: date"
            badge.click()
            page.wait_for_url("**/conflicts?subject=CAN**")
            section = page.locator("section.conflict").filter(has_text="coalition-of-the-willing")
            assert section.count() == 1
            values = section.locator("td.value").all_inner_texts()
            assert sorted(values) == ["2025-03-02", "2026-01-06"]
            visit.shot("conflicts")
            section.locator("tr", has_text="2025-03-02").locator("a", has_text="source 1").click()
            page.wait_for_url(f"**/evidence/{london.id}")
            assert "example.org/london-summit" in page.content()
        finally:
            visit.close()
