"""Two events stay two events (issue 11.3): taking part since 2025 and joining again in Paris
in 2026 are two dated events of one membership, each with its own place and sources, and a
row whose sources disagree says so (CLI, API and page; SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import json

from click.testing import CliRunner
from fastapi.testclient import TestClient

from pactwatch.api import Ledger
from pactwatch.cli import cli
from pactwatch.web.app import create_app
from tests.conftest import citation, seed_membership

LONDON = seed_membership(
    date=dt.date(2025, 3, 2),
    place=None,
    evidence=(citation("2025-03-02", url="https://example.org/london-summit"),),
)
PARIS = seed_membership()  # 2026-01-06 in Paris


def test_the_roster_row_shows_each_event_with_its_own_place(ledger: Ledger) -> None:
    ledger.add_claims([LONDON, PARIS])
    [member] = ledger.roster("coalition-of-the-willing")
    assert (member.since, member.place) == (dt.date(2025, 3, 2), None)
    assert [(e.date, e.place, e.claims) for e in member.events] == [
        (dt.date(2025, 3, 2), None, (LONDON.id,)),
        (dt.date(2026, 1, 6), "Paris", (PARIS.id,)),
    ]
    assert member.conflicts == ("date",)
    events = [e for e in ledger.timeline("CAN") if e.kind == "joined"]
    assert [(e.date, e.summary.endswith("in Paris"), e.conflicts) for e in events] == [
        (dt.date(2025, 3, 2), False, ("date",)),
        (dt.date(2026, 1, 6), True, ("date",)),
    ]


def test_one_event_told_twice_is_no_disagreement(ledger: Ledger) -> None:
    again = seed_membership(evidence=(citation(url="https://example.org/other-report"),))
    ledger.add_claims([PARIS, again])
    [member] = ledger.roster("coalition-of-the-willing")
    assert member.conflicts == ()
    assert [(e.place, len(e.claims)) for e in member.events] == [("Paris", 2)]


def test_the_cli_and_the_page_show_both_events_and_the_badge(ledger_url: str) -> None:
    with Ledger.open(ledger_url) as ledger:
        ledger.add_claims([LONDON, PARIS])
    runner = CliRunner()
    result = runner.invoke(
        cli, ["--db", ledger_url, "roster", "coalition-of-the-willing", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    [row] = json.loads(result.output)
    assert row["place"] is None
    assert [(e["date"], e["place"]) for e in row["events"]] == [
        ("2025-03-02", None),
        ("2026-01-06", "Paris"),
    ]
    assert row["conflicts"] == ["date"]
    table = runner.invoke(
        cli, ["--db", ledger_url, "roster", "coalition-of-the-willing", "--format", "csv"]
    )
    assert "2025-03-02 join; 2026-01-06 join (Paris)" in table.output
    assert "pactwatch conflicts --actor CAN" in table.output
    with TestClient(create_app(ledger_url)) as client:
        page = client.get("/arrangements/coalition-of-the-willing")
        api = client.get("/api/arrangements/coalition-of-the-willing/roster").json()
    assert page.status_code == 200
    assert page.text.count('class="event"') == 2
    assert "in Paris" in page.text
    assert "sources disagree: date" in page.text
    members = api["items"] if isinstance(api, dict) else api
    assert members[0]["conflicts"] == ["date"]


def test_the_badge_links_to_a_page_with_each_side_and_its_evidence(ledger_url: str) -> None:
    with Ledger.open(ledger_url) as ledger:
        ledger.add_claims([LONDON, PARIS])
    with TestClient(create_app(ledger_url)) as client:
        roster = client.get("/arrangements/coalition-of-the-willing")
        link = roster.text.split('class="badge conflict" href="')[1].split('"')[0]
        assert link == "/conflicts?subject=CAN&amp;arrangement=coalition-of-the-willing"
        page = client.get(link.replace("&amp;", "&"))
        elsewhere = client.get("/conflicts?subject=CAN&arrangement=north-atlantic-treaty")
        everyone = client.get("/conflicts")
        unknown = client.get("/conflicts?subject=Narnia")
    assert page.status_code == 200
    assert page.text.count('<section class="conflict"') == 1
    assert '<td class="value">2025-03-02</td>' in page.text
    assert '<td class="value">2026-01-06</td>' in page.text
    assert f'href="/evidence/{LONDON.id}"' in page.text
    assert f'href="/evidence/{PARIS.id}"' in page.text
    assert "No fact about Canada has sources that disagree" in elsewhere.text
    assert everyone.text.count('<section class="conflict"') == 1
    assert unknown.status_code == 422 and "Narnia" in unknown.text  # a bad query value
