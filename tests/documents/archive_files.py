"""Archives written for the tests and the bench, from short articles in our own words: JSONL.gz,
Parquet and WARC (plain or gzip, built with warcio's WARCWriter)."""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ARTICLES: list[dict[str, str]] = [
    {
        "url": "https://example.org/news/uk-ukraine-security-agreement",
        "title": "Britain and Ukraine sign a security agreement in Kyiv",
        "published": "2024-01-12",
        "text": (
            "Britain and Ukraine signed an agreement on security co-operation in Kyiv on "
            "Friday. Prime Minister Rishi Sunak and President Volodymyr Zelensky signed the "
            "document, which runs for ten years. Under the agreement Britain will provide "
            "military assistance to Ukraine and will consult with Ukraine within 24 hours if "
            "Russia attacks it again."
        ),
    },
    {
        "url": "https://example.org/news/finland-joins-nato",
        "title": "Finland becomes the 31st member of NATO",
        "published": "2023-04-04",
        "text": (
            "Finland joined NATO on Tuesday, becoming the alliance's 31st member. The foreign "
            "minister handed the instrument of accession to the United States in Brussels, "
            "and the Finnish flag was raised outside the alliance's headquarters later in the "
            "afternoon. Finland shares a long border with Russia."
        ),
    },
    {
        "url": "https://example.org/news/germany-ukraine-agreement",
        "title": "Germany signs a ten-year security agreement with Ukraine",
        "published": "2024-02-16",
        "text": (
            "Germany and Ukraine signed a bilateral security agreement in Berlin on Friday. "
            "Chancellor Olaf Scholz and President Volodymyr Zelensky signed the agreement, "
            "under which Germany commits to provide military aid to Ukraine for ten years and "
            "to support its path towards membership of the European Union."
        ),
    },
    {
        "url": "https://example.org/news/sweden-joins-nato",
        "title": "Sweden joins NATO as its 32nd member",
        "published": "2024-03-07",
        "text": (
            "Sweden joined NATO on Thursday as the alliance's 32nd member, after the "
            "parliament of Hungary approved its accession. Prime Minister Ulf Kristersson "
            "handed the documents to the United States in Washington, ending two centuries "
            "of military non-alignment for the country."
        ),
    },
]
"""Facts of real agreements and accessions, told in our own words."""


def page(article: dict[str, str]) -> bytes:
    """An article as a small news page, its date in the page's metadata."""
    return (
        "<!DOCTYPE html><html><head>"
        f"<title>{article['title']}</title>"
        f'<meta property="article:published_time" content="{article["published"]}">'
        "</head><body><nav>Home | World | Sport</nav><article>"
        f"<h1>{article['title']}</h1><p>{article['text']}</p>"
        "</article><footer>Example News</footer></body></html>"
    ).encode()


def write_jsonl_gz(path: Path, records: Iterable[Any], *, cut: int | None = None) -> Path:
    """Records as gzip-compressed JSON lines; ``cut`` keeps only that many compressed bytes."""
    data = gzip.compress(
        b"".join(json.dumps(record).encode() + b"\n" for record in records), mtime=0
    )
    path.write_bytes(data if cut is None else data[:cut])
    return path


def write_parquet(path: Path, columns: dict[str, list[Any]], *, row_group: int = 1000) -> Path:
    """Columns as a Parquet file, in row groups of ``row_group`` rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table(columns), path, row_group_size=row_group)
    return path


@dataclass(frozen=True)
class Capture:
    """One WARC record to write: a page fetched over HTTP, or a resource (no HTTP)."""

    url: str
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: str = "200 OK"
    kind: str = "response"
    date: str = "2026-11-30T08:15:00Z"


def capture(article: dict[str, str], **changes: Any) -> Capture:
    return Capture(**{"url": article["url"], "body": page(article), **changes})


def write_warc(path: Path, captures: Iterable[Capture], *, gz: bool) -> Path:
    """Captures as a WARC file, each response after its request (as a crawler writes them)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gz)
        for item in captures:
            headers = {"WARC-Date": item.date}
            if item.kind == "resource":
                record = writer.create_warc_record(
                    item.url,
                    "resource",
                    payload=io.BytesIO(item.body),
                    warc_content_type=item.content_type,
                    warc_headers_dict=headers,
                )
                writer.write_record(record)
                continue
            request = writer.create_warc_record(
                item.url,
                "request",
                payload=io.BytesIO(b""),
                http_headers=StatusAndHeaders(
                    f"GET {item.url} HTTP/1.1", [("Host", "example.org")], is_http_request=True
                ),
                warc_headers_dict=headers,
            )
            writer.write_record(request)
            http = StatusAndHeaders(
                item.status, [("Content-Type", item.content_type)], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    item.url,
                    "response",
                    payload=io.BytesIO(item.body),
                    http_headers=http,
                    warc_headers_dict=headers,
                )
            )
    return path
