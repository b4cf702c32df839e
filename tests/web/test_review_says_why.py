"""The review queue says why a pledge naming no arrangement stands apart (issue 11.1)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fastapi.testclient import TestClient

from pactwatch.api import Ledger
from pactwatch.model import Duration
from pactwatch.store import init_ledger
from pactwatch.web.app import create_app
from tests.conftest import citation, seed_commitment


def test_the_queue_names_the_arrangements_that_fit(tmp_path: Path) -> None:
    path = tmp_path / "review.db"
    init_ledger(path)
    vague = seed_commitment(
        arrangement=None,
        start=dt.date(2026, 2, 1),
        evidence=(citation("2026-02-01", url="https://example.org/vague"),),
    )
    treaty = seed_commitment(
        arrangement="bsa-2024-ukr-can",
        start=dt.date(2024, 2, 24),
        duration=Duration(years=10),
        evidence=(citation("2024-02-24", url="https://example.org/treaty"),),
    )
    with Ledger.open(path) as ledger:
        ledger.add_claims([seed_commitment(), treaty, vague])
    with TestClient(create_app(str(path))) as client:
        page = client.get("/review")
    assert page.status_code == 200
    assert "bsa-2024-ukr-can, coalition-of-the-willing" in page.text
    assert page.text.count('class="why"') == 1
    assert "reject it and import the claim naming that arrangement" in page.text
