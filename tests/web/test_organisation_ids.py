"""An organisation's id names the arrangement it is the body of, in the API as in the CLI."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fastapi.testclient import TestClient

from pactwatch.api import Ledger
from pactwatch.store import init_ledger
from pactwatch.web.app import create_app
from tests.conftest import citation, seed_membership


def test_nato_names_the_north_atlantic_treaty(tmp_path: Path) -> None:
    path = tmp_path / "nato.db"
    init_ledger(path)
    sweden = seed_membership(
        actor="SWE",
        arrangement="north-atlantic-treaty",
        date=dt.date(2024, 3, 7),
        place="Washington",
        evidence=(citation("2024-03-07", url="https://example.org/sweden"),),
    )
    with Ledger.open(path) as ledger:
        ledger.add_claims([sweden])
        assert [m.actor for m in ledger.roster("NATO")] == ["SWE"]
    with TestClient(create_app(str(path))) as client:
        treaty = client.get("/api/arrangements/NATO").json()
        roster = client.get("/api/arrangements/NATO/roster").json()
        page = client.get("/arrangements/NATO")
    assert treaty["id"] == "north-atlantic-treaty"
    assert [m["actor"] for m in roster["items"]] == ["SWE"]
    assert page.status_code == 200 and "Sweden" in page.text
