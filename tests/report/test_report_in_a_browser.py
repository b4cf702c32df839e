"""The HTML report opens in a real browser (headless Chromium) with the network cut off."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from pactwatch.api import Ledger
from pactwatch.extract import extract
from pactwatch.model import Document
from pactwatch.reason import parse_scenario
from pactwatch.report import write_report

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTICLE = (
    "PARIS, Jan 6 - Canada formally joined the Coalition of the Willing on Tuesday. Canada "
    "pledged military training and intelligence sharing for Ukraine, contingent upon a formal "
    "peace deal. Italy ruled out sending troops to Ukraine."
)


def chromium(*arguments: str, profile: Path) -> subprocess.CompletedProcess[str]:
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (.ci/run installs Debian's chromium)")
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--proxy-server=127.0.0.1:9",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            f"--user-data-dir={profile}",
            *arguments,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def report(sqlite_path: Path, tmp_path: Path) -> Path:
    document = Document(text=ARTICLE, source="https://example.org/a", published=dt.date(2026, 1, 6))
    out = tmp_path / "report.html"
    with Ledger.open(sqlite_path) as ledger:
        ledger.add_document(document, extract(document))
        write_report(
            ledger,
            out,
            as_of=dt.date(2026, 6, 2),
            scenario=parse_scenario("peace_agreement=2026-06-01"),
        )
    return out


def test_the_report_renders_offline_with_its_chart_and_tables(report: Path, tmp_path: Path) -> None:
    done = chromium("--dump-dom", report.as_uri(), profile=tmp_path / "profile")
    assert done.returncode == 0, done.stderr[-500:]
    page = done.stdout
    assert "<svg" in page and "<circle" in page
    assert "Coalition of the Willing" in page
    assert 'class="state active"' in page
    assert "ruled_out" in page


def test_the_report_paints_a_picture(report: Path, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    done = chromium(
        f"--screenshot={shot}", "--window-size=1200,1600", report.as_uri(), profile=tmp_path / "p"
    )
    assert done.returncode == 0, done.stderr[-500:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000
