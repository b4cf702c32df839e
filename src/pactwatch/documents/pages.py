"""Fetched pages into documents: HTML by trafilatura (main text, title, date), plain text as is.

The page's text is decoded with the charset its Content-Type names, else detected as for
files (see :mod:`pactwatch.documents.encoding`); the document's source is the URL where the
page was found (after redirects) and its retrieval time when the response arrived.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from pactwatch.documents.encoding import UnreadableError, decode
from pactwatch.documents.reader import (
    Read,
    ReadOptions,
    Rejected,
    _checked,
    _html_document,
    _text_document,
)
from pactwatch.model import Document

if TYPE_CHECKING:  # the network layer (httpx) is imported only by whoever fetches
    from pactwatch.sources import Fetched


def read_page(page: Fetched, options: ReadOptions | None = None) -> Read:
    """The document a fetched page gives, or why it gives none."""
    source = page.final_url
    try:
        text = _decoded(page)
    except UnreadableError as error:
        return Rejected(source, str(error))
    read = read_text(source, text, html=page.content_type != "text/plain", options=options)
    if isinstance(read, Document):
        return dataclasses.replace(read, retrieved=page.fetched_at)
    return read


def read_text(source: str, text: str, *, html: bool, options: ReadOptions | None = None) -> Read:
    """A document from decoded text already in memory: HTML gives its main text, title and
    date by trafilatura (as an .html file does), plain text its first line as title (as a
    .txt file does); or the reason it is rejected (no article text, not English)."""
    read = _html_document if html else _text_document
    return _checked(read(source, text, options or ReadOptions()))


def _decoded(page: Fetched) -> str:
    if page.charset:
        try:
            return decode(page.body, page.charset)
        except (UnreadableError, LookupError, ValueError):
            pass  # a wrong or unknown charset in the header: detect it as for files
    return decode(page.body)
