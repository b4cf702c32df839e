"""Archives read record by record: JSONL.gz, Parquet, WARC and WARC.gz, each in constant
memory, each skipped record with its one-line reason, a damaged archive keeping the records
read before the damage. Every archive is written here from our own short articles."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pytest

from pactwatch.documents import ReadOptions, Rejected, archives, read_inputs
from pactwatch.documents.reader import suffix_of
from pactwatch.model import Document
from tests.documents.archive_files import (
    ARTICLES,
    Capture,
    capture,
    page,
    write_jsonl_gz,
    write_parquet,
    write_warc,
)

Read = Document | Rejected


def read(path: Path, **options: object) -> list[Read]:
    found = list(read_inputs([path], ReadOptions(**options)))  # type: ignore[arg-type]
    for item in found:
        if isinstance(item, Rejected):
            assert item.source.startswith(str(path)) and "\n" not in item.reason, item
    return found


def documents(found: list[Read]) -> list[Document]:
    return [item for item in found if isinstance(item, Document)]


def reasons(found: list[Read]) -> list[tuple[str, str]]:
    return [(item.source, item.reason) for item in found if isinstance(item, Rejected)]


def assert_articles(found: list[Document], *, html: bool = False) -> None:
    assert [d.source for d in found] == [a["url"] for a in ARTICLES]
    for document, article in zip(found, ARTICLES, strict=True):
        assert document.title == article["title"]
        assert document.published == dt.date.fromisoformat(article["published"])
        if html:
            assert document.text.endswith(article["text"])
        else:
            assert document.text == article["text"]


@pytest.mark.parametrize(
    ("name", "suffix"),
    [
        ("news.jsonl.gz", ".jsonl.gz"),
        ("NEWS.NDJSON.GZ", ".ndjson.gz"),
        ("crawl.warc.gz", ".warc.gz"),
        ("crawl.warc", ".warc"),
        ("table.parquet", ".parquet"),
        ("news.tar.gz", ".gz"),
        ("notes.txt.gz", ".gz"),
        (".warc", ""),
    ],
)
def test_suffix_of_reads_an_archive_format_whole(name: str, suffix: str) -> None:
    assert suffix_of(Path(name)) == suffix


# ---------------------------------------------------------------- JSONL.gz


def test_jsonl_gz_gives_each_record_and_a_reason_per_bad_one(tmp_path: Path) -> None:
    path = write_jsonl_gz(
        tmp_path / "news.jsonl.gz",
        [ARTICLES[0], {"text": "  "}, ARTICLES[1], {**ARTICLES[2], "title": 5}, *ARTICLES[2:]],
    )
    found = read(path)
    assert_articles(documents(found))
    assert reasons(found) == [
        (f"{path}, line 2", "empty text: nothing to read"),
        (
            f"{path}, line 4",
            '"title" must be a JSON string or null, not int 5: write it in quotes',
        ),
    ]


def test_truncated_jsonl_gz_keeps_the_records_before_the_cut(tmp_path: Path) -> None:
    records = [{**ARTICLES[i % 4], "url": f"https://example.org/{i}"} for i in range(200)]
    whole = write_jsonl_gz(tmp_path / "whole.jsonl.gz", records).stat().st_size
    path = write_jsonl_gz(tmp_path / "cut.jsonl.gz", records, cut=whole // 2)
    found = read(path)
    kept = documents(found)
    assert 0 < len(kept) < 200
    assert [d.source for d in kept] == [r["url"] for r in records[: len(kept)]]
    assert reasons(found) == [
        (
            str(path),
            f"the archive is truncated after record {len(kept)}: the records before it were "
            "read; copy or download the file again for the rest",
        )
    ]


def test_a_file_named_jsonl_gz_that_is_not_gzip_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl.gz"
    path.write_bytes(json.dumps(ARTICLES[0]).encode())
    [(_, reason)] = reasons(read(path))
    assert reason.startswith("not a gzip file (Not a gzipped file")


def test_jsonl_gz_record_limit_is_per_record(tmp_path: Path) -> None:
    path = write_jsonl_gz(
        tmp_path / "news.jsonl.gz", [ARTICLES[0], {"text": "word " * 2000}, ARTICLES[1]]
    )
    found = read(path, max_bytes=2000)
    assert [d.source for d in documents(found)] == [ARTICLES[0]["url"], ARTICLES[1]["url"]]
    assert reasons(found) == [
        (
            f"{path}, line 2",
            "record over the 2,000-byte limit: raise it with --max-bytes, or split the record",
        )
    ]


def test_a_gzip_bomb_is_refused_in_one_line_past_its_decompressed_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A megabyte of gzip may hold a gigabyte: the decompressed bytes of an archive are bounded
    (here lowered from 1 GiB to keep the test small), and the reason is one line."""
    monkeypatch.setattr(archives, "GZIP_FLOOR", 1_000_000)
    path = tmp_path / "bomb.jsonl.gz"
    path.write_bytes(gzip.compress(json.dumps(ARTICLES[0]).encode() + b"\n" + b"x" * 3_000_000))
    found = read(path)
    assert [d.source for d in documents(found)] == [ARTICLES[0]["url"]]
    [(source, reason)] = reasons(found)
    assert source == str(path)
    assert reason == (
        "decompresses to over 1,000,000 bytes after record 1 (the limit: 100 times the "
        f"archive's {path.stat().st_size:,} bytes, at least 1 GiB), as a decompression bomb "
        "does: the records before were read; if the archive is genuine, unpack it with gunzip "
        "and give the file it holds"
    )


def test_the_gzip_limit_is_a_gibibyte_or_a_hundred_times_the_archive(tmp_path: Path) -> None:
    small, large = tmp_path / "small.gz", tmp_path / "large.gz"
    small.write_bytes(b"x" * 10)
    with large.open("wb") as out:
        out.truncate(20_000_000)  # sparse: no 20 MB written
    with small.open("rb") as stream:
        assert archives.gzip_limit(stream) == (1 << 30, 10)
    with large.open("rb") as stream:
        assert archives.gzip_limit(stream) == (2_000_000_000, 20_000_000)


def test_a_warc_gz_bomb_is_refused_past_its_decompressed_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(archives, "GZIP_FLOOR", 1_000_000)
    path = write_warc(
        tmp_path / "bomb.warc.gz",
        [
            capture(ARTICLES[0]),
            Capture("https://example.org/big", b"x" * 3_000_000, content_type="text/plain"),
            capture(ARTICLES[1]),
        ],
        gz=True,
    )
    found = read(path)
    [(source, reason)] = reasons(found)
    assert source == str(path)
    assert reason.startswith("decompresses to over 1,000,000 bytes"), reason


# ---------------------------------------------------------------- Parquet


def columns(records: list[dict[str, object]]) -> dict[str, list[object]]:
    return {key: [r.get(key) for r in records] for key in ("url", "title", "published", "text")}


def test_parquet_gives_each_row_and_a_reason_per_bad_one(tmp_path: Path) -> None:
    table = columns([ARTICLES[0], {"text": None}, ARTICLES[1], {"text": ""}, *ARTICLES[2:]])
    table["published"] = [
        None if p is None else dt.date.fromisoformat(str(p)) for p in table["published"]
    ]
    table["extra"] = list(range(6))
    path = write_parquet(tmp_path / "news.parquet", table, row_group=2)
    found = read(path)
    assert_articles(documents(found))
    assert reasons(found) == [
        (f"{path}, row 2", 'no text (null in column "text"): nothing to read'),
        (f"{path}, row 4", "empty text: nothing to read"),
    ]


def test_parquet_column_of_the_wrong_type_refuses_its_rows(tmp_path: Path) -> None:
    table = columns(ARTICLES[:2])
    table["title"] = [None, 7]
    path = write_parquet(tmp_path / "news.parquet", table)
    found = read(path)
    assert [d.source for d in documents(found)] == [ARTICLES[0]["url"]]
    assert reasons(found) == [
        (
            f"{path}, row 2",
            "\"title\" is int '7', not a string: write the title column as strings "
            "(or dates, for published)",
        )
    ]


@pytest.mark.parametrize(
    ("table", "reason"),
    [
        (
            {"url": ["https://example.org/a"], "body": ["Some words."]},
            'no "text" column (columns found: url, body): a Parquet archive needs "text" and '
            'may have "url", "title", "published", "publisher"',
        ),
        (
            {"text": [1, 2]},
            'column "text" holds int64, not strings: write the texts as a string column',
        ),
        ({"text": pa.array([], pa.string())}, "empty file: no rows to read"),
    ],
)
def test_parquet_without_a_text_column_of_strings_is_refused_whole(
    tmp_path: Path, table: dict[str, list[object]], reason: str
) -> None:
    path = write_parquet(tmp_path / "news.parquet", table)
    assert reasons(read(path)) == [(str(path), reason)]


def test_corrupt_parquet_is_refused_in_one_line(tmp_path: Path) -> None:
    good = write_parquet(tmp_path / "good.parquet", columns(ARTICLES)).read_bytes()
    path = tmp_path / "news.parquet"
    path.write_bytes(good[: len(good) // 2])
    [(source, reason)] = reasons(read(path))
    assert source == str(path)
    assert reason.startswith("not a readable Parquet file (") and "check or rewrite" in reason


def test_parquet_damaged_inside_keeps_the_rows_before(tmp_path: Path) -> None:
    records = [{**ARTICLES[i % 4], "url": f"https://example.org/{i}"} for i in range(2000)]
    path = write_parquet(tmp_path / "news.parquet", columns(records), row_group=500)
    import pyarrow.parquet as pq

    third = pq.ParquetFile(path).metadata.row_group(2).column(3)  # the texts of rows 1001-1500
    assert third.path_in_schema == "text"
    data = bytearray(path.read_bytes())
    start = third.data_page_offset + 100
    data[start : start + 500] = b"\xff" * 500
    path.write_bytes(bytes(data))
    found = read(path)
    kept = documents(found)
    [(source, reason)] = reasons(found)
    assert 0 < len(kept) < 2000 and source == str(path)
    assert reason.startswith(f"the archive is corrupt after record {len(kept)} (")


def test_parquet_text_damaged_into_bad_utf8_is_refused_in_one_line(tmp_path: Path) -> None:
    """The page still parses; its strings do not decode (found by tests/fuzz)."""
    import pyarrow.parquet as pq

    path = tmp_path / "news.parquet"
    pq.write_table(pa.table(columns(ARTICLES)), path, compression="none", use_dictionary=False)
    texts = pq.ParquetFile(path).metadata.row_group(0).column(3)
    assert texts.path_in_schema == "text"
    data = path.read_bytes()
    at = data.index(ARTICLES[2]["text"][:40].encode(), texts.data_page_offset)
    path.write_bytes(data[:at] + b"\x80" + data[at + 1 :])
    found = read(path)
    [(source, reason)] = reasons(found)
    assert source == str(path)
    assert reason.startswith("the archive is corrupt after record 0 (") and "\n" not in reason


# ---------------------------------------------------------------- WARC


def crawl() -> list[Capture]:
    """Our four pages with the records a crawl holds beside them."""
    return [
        capture(ARTICLES[0]),
        Capture(
            url="https://example.org/report.pdf", body=b"%PDF-1.7", content_type="application/pdf"
        ),
        capture(ARTICLES[1]),
        capture(ARTICLES[0], status="404 Not Found", url="https://example.org/gone"),
        Capture(url="https://example.org/blank", body=b"   \n"),
        capture(ARTICLES[2]),
        Capture(url="https://example.org/menu", body=b"<html><body><nav>Home</nav></body></html>"),
        Capture(
            url="https://example.org/de",
            body=(
                "<html><body><article><p>"
                + "Der Minister traf die Kanzlerin. " * 20
                + "</p></article></body></html>"
            ).encode(),
        ),
        capture(ARTICLES[3]),
    ]


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_warc_gives_each_page_and_a_reason_per_skipped_record(tmp_path: Path, gz: bool) -> None:
    path = write_warc(tmp_path / ("crawl.warc.gz" if gz else "crawl.warc"), crawl(), gz=gz)
    found = read(path)
    assert_articles(documents(found), html=True)
    assert {d.retrieved for d in documents(found)} == {
        dt.datetime(2026, 11, 30, 8, 15, tzinfo=dt.UTC)
    }
    assert reasons(found) == [
        (
            f"{path}, record 4 (https://example.org/report.pdf)",
            "content type 'application/pdf', not HTML or plain text: not an article",
        ),
        (
            f"{path}, record 8 (https://example.org/gone)",
            "HTTP status 404, not 200: only pages served whole are read",
        ),
        (f"{path}, record 10 (https://example.org/blank)", "empty text: nothing to read"),
        (
            f"{path}, record 14 (https://example.org/menu)",
            "HTML without article text (no main text found): save the article as .txt, or "
            "check that the page is not a menu or login page",
        ),
        (
            f"{path}, record 16 (https://example.org/de)",
            "skipped: not English (0% common English words); pactwatch reads English news",
        ),
    ]


def test_warc_resource_of_plain_text_is_read_and_a_large_record_refused(tmp_path: Path) -> None:
    text = ARTICLES[1]["text"]
    path = write_warc(
        tmp_path / "crawl.warc.gz",
        [
            Capture(
                url="https://example.org/note.txt",
                body=text.encode(),
                content_type="text/plain",
                kind="resource",
            ),
            Capture(
                url="https://example.org/long", body=page({**ARTICLES[0], "text": "word " * 2000})
            ),
        ],
        gz=True,
    )
    found = read(path, max_bytes=5000, published=dt.date(2023, 4, 4))
    [document] = documents(found)
    assert (document.source, document.text, document.published) == (
        "https://example.org/note.txt",
        text,
        dt.date(2023, 4, 4),
    )
    assert reasons(found) == [
        (
            f"{path}, record 3 (https://example.org/long)",
            "record over the 5,000-byte limit: raise it with --max-bytes",
        )
    ]


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
@pytest.mark.parametrize("share", [0.3, 0.55, 0.8, 0.99])
def test_truncated_warc_keeps_the_whole_records_before_the_cut(
    tmp_path: Path, gz: bool, share: float
) -> None:
    whole = write_warc(tmp_path / "whole.warc", [capture(a) for a in ARTICLES], gz=gz).read_bytes()
    path = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    path.write_bytes(whole[: int(len(whole) * share)])
    found = read(path)
    kept = documents(found)
    [(source, reason)] = reasons(found)
    assert [d.source for d in kept] == [a["url"] for a in ARTICLES[: len(kept)]]
    assert len(kept) < 4 and source == str(path)
    assert reason.startswith("the archive is truncated after record ")
    records = int(reason.split("record ")[1].split(":")[0])
    assert records // 2 == len(kept)  # a request and a response per page


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("a.warc", b"", "empty file: no WARC records"),
        ("a.warc", b"Some notes, not an archive.\n", "not a WARC archive (it reads as ARC"),
        ("a.warc", b"Some notes\n", "not a WARC archive (Unknown archive format"),
        ("a.warc.gz", b"Some notes.\n", "not a gzip file ("),
        ("a.warc.gz", gzip.compress(b"Some notes.\n"), "not a WARC archive ("),
    ],
)
def test_a_file_that_is_no_warc_is_refused_in_one_line(
    tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    [(source, said)] = reasons(read(path))
    assert source == str(path) and said.startswith(reason)


def test_archives_in_a_folder_are_read_and_other_gzip_files_left_alone(tmp_path: Path) -> None:
    write_jsonl_gz(tmp_path / "a.jsonl.gz", ARTICLES[:1])
    write_parquet(tmp_path / "b.parquet", columns(ARTICLES[1:2]))
    write_warc(tmp_path / "c.warc.gz", [capture(ARTICLES[2])], gz=True)
    (tmp_path / "d.tar.gz").write_bytes(b"\x1f\x8b\x08")
    found = read(tmp_path)
    assert [d.source for d in documents(found)] == [a["url"] for a in ARTICLES[:3]]
    assert reasons(found) == []  # other names in a folder are left alone, as before


# ---------------------------------------------------------------- constant memory

RECORDS = 10_000


def small_records() -> list[dict[str, str]]:
    return [
        {
            **ARTICLES[i % 4],
            "url": f"https://example.org/{i}",
            "text": f"{ARTICLES[i % 4]['text']} Item {i}.",
        }
        for i in range(RECORDS)
    ]


def big_jsonl_gz(folder: Path) -> Path:
    return write_jsonl_gz(folder / "big.jsonl.gz", small_records())


def big_parquet(folder: Path) -> Path:
    """Row groups of 500: Arrow holds about one row group's texts while it reads (0.5 MB
    here, 3 MB for one group of all 10,000 rows), so the bound is the writer's row group."""
    return write_parquet(folder / "big.parquet", columns(small_records()), row_group=500)


def big_warc_gz(folder: Path) -> Path:
    pages = (
        Capture(url=r["url"], body=r["text"].encode(), content_type="text/plain", kind="resource")
        for r in small_records()
    )
    return write_warc(folder / "big.warc.gz", pages, gz=True)


@pytest.mark.parametrize("make", [big_jsonl_gz, big_parquet, big_warc_gz])
def test_an_archive_streams_in_a_fraction_of_its_size(
    tmp_path: Path, make: Callable[[Path], Path]
) -> None:
    path = make(tmp_path)
    decoded = sum(len(json.dumps(r)) for r in small_records())
    count, arrow_peak = 0, 0
    tracemalloc.start()
    try:
        for item in read_inputs([path], ReadOptions()):
            assert isinstance(item, Document), item
            count += 1
            arrow_peak = max(arrow_peak, pa.total_allocated_bytes())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == RECORDS
    assert peak < decoded * 0.2, (peak, decoded)
    assert arrow_peak < decoded * 0.2, (arrow_peak, decoded)


def test_a_warc_with_no_page_record_says_so(tmp_path: Path) -> None:
    """Requests and metadata only (here: a crawl's requests, their responses cut away) give
    one line, never silence."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "requests.warc"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=False)
        for article in ARTICLES[:2]:
            headers = StatusAndHeaders(
                f"GET {article['url']} HTTP/1.1", [("Host", "example.org")], is_http_request=True
            )
            writer.write_record(
                writer.create_warc_record(
                    article["url"], "request", payload=io.BytesIO(b""), http_headers=headers
                )
            )
    [(source, said)] = reasons(read(path))
    assert (source, said) == (
        str(path),
        "no response or resource record among its 2 record(s): no page to read",
    )
