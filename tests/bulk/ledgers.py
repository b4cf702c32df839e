"""Inputs for bulk runs and a dump of everything a ledger holds, to compare two ledgers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import DateTime, select
from sqlalchemy.types import TypeDecorator

from pactwatch.extract.evaluate import load_articles
from pactwatch.store import Store
from pactwatch.store.schema import metadata
from tests.documents.archive_files import ARTICLES, Capture, capture, write_warc

DEVSET = Path(__file__).parents[1] / "extract" / "devset" / "articles"
LEFT_OUT = {"ledger_state", "tokens", "feeds", "feed_entries", "alembic_version"}
"""Tables a bulk run does not write (or that count writes, which a batch does fewer of)."""


def records() -> list[dict[str, Any]]:
    """Our own articles (the development set and four short reports), a lightly re-edited
    copy of one (a syndicated story) and a record with no text; a broken line is put among
    them by :func:`write_inputs`."""
    found = [
        {
            "url": article.document.source,
            "title": article.document.title,
            "published": article.document.published.isoformat()
            if article.document.published
            else None,
            "text": article.document.text,
        }
        for article in load_articles(DEVSET)
    ]
    found += [dict(article) for article in ARTICLES]
    copy = dict(ARTICLES[0])
    copy["url"] = "https://example.net/reprint/uk-ukraine"
    copy["text"] = copy["text"].replace("on Friday", "on Friday, officials said")
    found.append(copy)
    found.append({"url": "https://example.org/no-text", "title": "A record with no text"})
    return found


def write_inputs(folder: Path) -> list[Path]:
    """The records as a JSONL file (with a broken line) and the four short reports again as a
    gzip WARC with an image record (skipped, no failure): two shards."""
    jsonl = folder / "news.jsonl"
    lines = [json.dumps(record) for record in records()]
    lines.insert(10, "{not json")
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    captures = [capture(article) for article in ARTICLES]
    captures.insert(2, Capture("https://example.org/logo.png", b"\x89PNG", "image/png"))
    warc = write_warc(folder / "crawl.warc.gz", captures, gz=True)
    return [jsonl, warc]


def dump(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table a bulk run writes, without the columns that tell when it was
    written, sorted: equal dumps, equal ledgers."""
    found: dict[str, list[tuple[Any, ...]]] = {}
    with Store.open(url) as ledger, ledger.engine.connect() as connection:
        for table in metadata.sorted_tables:
            if table.name in LEFT_OUT:
                continue
            columns = [column for column in table.columns if not _is_time(column.type)]
            statement = select(*columns)
            if table.name == "ledger_changes":  # versions count writes: what they touched
                statement = select(table.c.scope).distinct()
            rows = connection.execute(statement).all()
            found[table.name] = sorted((tuple(_plain(v) for v in row) for row in rows), key=repr)
    return found


def _is_time(kind: Any) -> bool:
    inner = kind.impl if isinstance(kind, TypeDecorator) else kind
    return isinstance(inner, DateTime)


def _plain(value: Any) -> Any:
    return json.dumps(value, sort_keys=True) if isinstance(value, dict | list) else value
