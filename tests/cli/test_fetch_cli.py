"""`pactwatch fetch`: pages from a loopback site, previewed or ingested; failures one line each."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from pactwatch.store import Store
from tests.conftest import run
from tests.loopback import ARTICLE_TITLE, Site, dead_url, serving

FAST = ("--delay", "0", "--timeout", "0.5")


@pytest.fixture
def site() -> Iterator[Site]:
    with serving() as running:
        yield running


def test_fetch_prints_each_page_and_the_document_it_gives(
    capsys: pytest.CaptureFixture[str], site: Site
) -> None:
    code, out, err = run(
        capsys, "fetch", f"{site.url}/article", f"{site.url}/plain", *FAST, "--format", "json"
    )
    assert code == 0, err
    pages = json.loads(out)
    assert [page["url"] for page in pages] == [f"{site.url}/article", f"{site.url}/plain"]
    assert pages[0]["title"] == ARTICLE_TITLE
    assert pages[0]["published"] == "2024-02-24"
    assert pages[0]["characters"] > 400
    assert len(pages[0]["document_id"]) == 64
    assert err.strip().endswith("2 page(s) read, 0 failure(s)")


def test_fetch_failures_get_one_line_each_and_exit_1(
    capsys: pytest.CaptureFixture[str], site: Site
) -> None:
    dead = dead_url()
    code, out, err = run(
        capsys,
        "fetch",
        f"{site.url}/missing",
        dead,
        f"{site.url}/image",
        f"{site.url}/private/article",
        f"{site.url}/article",
        *FAST,
        "--format",
        "csv",
    )
    assert code == 1
    assert out.splitlines()[0] == "url,title,published,characters,source,document_id"
    assert len(out.splitlines()) == 2
    failed = [line for line in err.splitlines() if line.startswith("Failed: ")]
    assert failed == [
        f"Failed: {site.url}/missing: HTTP 404 Not Found: no page at this URL; check it",
        f"Failed: {dead}: cannot connect to {dead.split('/')[2]} (Connection refused): "
        "check the host, or try later",
        f"Failed: {site.url}/image: content type 'image/png' is not a page (application/"
        "xhtml+xml, text/html, text/plain): give the article's HTML page, or save the text "
        "and use pactwatch ingest",
        f"Failed: {site.url}/private/article: refused by {site.url}/robots.txt (disallowed "
        "for pactwatch): not fetched",
    ]


def test_fetch_ingest_stores_pages_and_claims_and_a_second_run_fetches_nothing(
    capsys: pytest.CaptureFixture[str], site: Site, db: str
) -> None:
    urls = (f"{site.url}/article", f"{site.url}/plain", f"{site.url}/missing")
    code, _, err = run(capsys, "fetch", *urls, "--ingest", "--db", db, *FAST)
    assert code == 1, err
    assert f"Failed: {site.url}/missing: HTTP 404" in err
    with Store.open(db) as ledger:
        counts = ledger.counts()
        sources = {document.source for document in ledger.documents()}
    assert counts["documents"] == 2
    assert sum(n for kind, n in counts.items() if kind not in ("documents", "reviews")) > 0
    assert sources == {f"{site.url}/article", f"{site.url}/plain"}

    asked = len(site.requests)
    code, _, err = run(capsys, "fetch", *urls[:2], "--ingest", "--db", db, *FAST)
    assert code == 0, err
    assert len(site.requests) == asked  # nothing fetched, not even robots.txt
    assert "0 document(s) read" in err
    assert "2 URL(s) already in the ledger (not fetched)" in err
    with Store.open(db) as ledger:
        assert ledger.counts() == counts


def test_fetch_ingest_refresh_fetches_again_and_stores_nothing_new(
    capsys: pytest.CaptureFixture[str], site: Site, db: str
) -> None:
    url = f"{site.url}/article"
    assert run(capsys, "fetch", url, "--ingest", "--db", db, *FAST)[0] == 0
    code, _, err = run(capsys, "fetch", url, "--ingest", "--refresh", "--db", db, *FAST)
    assert code == 0, err
    assert site.hits("/article") == 2
    assert "1 document(s) read" in err and "new document" not in err


def test_the_same_text_from_two_urls_is_stored_once(
    capsys: pytest.CaptureFixture[str], site: Site, db: str
) -> None:
    code, _, err = run(
        capsys, "fetch", f"{site.url}/article", f"{site.url}/gzip", "--ingest", "--db", db, *FAST
    )
    assert code == 0, err
    assert "2 document(s) read" in err and "1 new document(s)" in err
    with Store.open(db) as ledger:
        assert ledger.counts()["documents"] == 1


def test_fetch_sends_the_contact_from_the_environment(
    capsys: pytest.CaptureFixture[str], site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PACTWATCH_CONTACT", "desk@example.org")
    assert run(capsys, "fetch", f"{site.url}/plain", *FAST)[0] == 0
    assert all(agent.endswith("(contact: desk@example.org)") for agent in site.agents)


def test_fetch_help_has_examples(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "fetch", "--help")
    assert code == 0
    assert "Examples:" in out and "--ingest" in out and "PACTWATCH_CONTACT" in out


def test_group_help_does_not_import_httpx() -> None:
    import subprocess
    import sys

    code = (
        "import sys\nfrom pactwatch.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print('httpx' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "False"
