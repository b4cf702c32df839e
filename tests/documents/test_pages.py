"""Fetched pages into documents: decoding by the header's charset, HTML and plain text."""

from __future__ import annotations

import datetime as dt

import pytest

from pactwatch.documents import Rejected, read_page
from pactwatch.model import Document
from pactwatch.sources import Fetched
from tests.loopback import ARTICLE_HTML, PLAIN_TEXT

AT = dt.datetime(2026, 12, 3, 2, 0, tzinfo=dt.UTC)


def page(body: bytes, content_type: str = "text/html", charset: str | None = None) -> Fetched:
    return Fetched(
        url="https://news.example/a",
        final_url="https://news.example/b",
        status=200,
        content_type=content_type,
        charset=charset,
        body=body,
        fetched_at=AT,
    )


def test_read_page_takes_the_final_url_and_the_fetch_time() -> None:
    document = read_page(page(ARTICLE_HTML, charset="utf-8"))
    assert isinstance(document, Document)
    assert (document.source, document.retrieved) == ("https://news.example/b", AT)


@pytest.mark.parametrize("charset", ["cp1252", None, "no-such-charset", "utf-8"])
def test_read_page_decodes_by_the_header_else_detects(charset: str | None) -> None:
    body = PLAIN_TEXT.replace(b"pounds", "£ sterling — pounds".encode("cp1252"))
    document = read_page(page(body, "text/plain", charset))
    assert isinstance(document, Document)
    assert "£ sterling — pounds" in document.text


def test_read_page_refuses_a_page_without_article_text() -> None:
    read = read_page(page(b"<html><body><nav>Home | Login</nav></body></html>"))
    assert isinstance(read, Rejected) and read.reason.startswith("HTML without article text")
