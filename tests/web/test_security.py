"""Hostile input stays text in every page, and a fuzzer finds no server error in the API."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.web.conftest import Served


class Elements(HTMLParser):
    """Every element of a page with its attributes, as a browser's parser would see them."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


def assert_no_active_markup(html: str, where: str) -> None:
    for tag, attributes in Elements(html).found:
        assert not [name for name in attributes if name.startswith("on")], (where, tag)
        if tag == "script":
            assert attributes == {"src": "/static/app.js"}, where
        assert not (tag == "img" and attributes.get("src") == "x"), where


def pages(served: Served) -> list[str]:
    with served.client() as client:
        hostile = client.get("/api/claims", params={"actor": "FRA"}).json()["items"]
    claim = next(c for c in hostile if c["evidence"][0].get("document") == served.hostile_document)
    return [
        "/?as_of=2026-03-01",
        "/review",
        f"/evidence/{claim['id']}",
        "/actors/FRA?as_of=2026-03-01",
        "/coverage/UKR?as_of=2026-03-01",
        "/scenario?as_of=2026-03-01",
        "/arrangements/coalition-of-the-willing?as_of=2026-03-01",
    ]


def test_article_markup_shows_as_text_in_every_page(served_sqlite: Served) -> None:
    escaped = []
    with served_sqlite.client() as client:
        for path in pages(served_sqlite):
            response = client.get(path)
            assert response.status_code == 200, path
            html = response.text
            assert_no_active_markup(html, path)
            if "&lt;script&gt;alert(" in html:
                escaped.append(path.split("/")[1])
            assert "default-src 'self'" in response.headers["content-security-policy"]
    assert escaped == ["evidence"]  # the one page that shows the article's whole text


def test_markup_in_the_url_is_not_reflected(served_sqlite: Served) -> None:
    with served_sqlite.client() as client:
        response = client.get("/actors/<img src=x onerror=alert(1)>")
    assert response.status_code == 404
    assert_no_active_markup(response.text, "404 page")
    assert "&lt;img src=x onerror=alert(1)&gt;" in response.text


SCHEMATHESIS = shutil.which("schemathesis", path=str(Path(sys.executable).parent))


@pytest.mark.parametrize("with_token", [False, True], ids=["anonymous", "editor"])
def test_a_fuzzer_finds_no_server_error(
    served_sqlite: Served, with_token: bool, tmp_path: Path
) -> None:
    assert SCHEMATHESIS, "schemathesis is a test dependency: pip install -e '.[test]'"
    headers = ["-H", f"Authorization: Bearer {served_sqlite.editor}"] if with_token else []
    done = subprocess.run(
        [
            SCHEMATHESIS,
            "run",
            f"{served_sqlite.url}/openapi.json",
            "--checks",
            "not_a_server_error",
            "--max-examples",
            "10" if with_token else "15",
            "--generation-deterministic",
            "--request-timeout",
            "60",
            *headers,
        ],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
        cwd=tmp_path,  # schemathesis keeps its cache in the working folder
    )
    summary = done.stdout[-3000:]
    assert done.returncode == 0, summary
    assert re.search(r"\d+ generated, \d+ passed", summary), summary
