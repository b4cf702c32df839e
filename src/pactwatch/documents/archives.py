"""Reading archives record by record: JSONL.gz, Parquet and WARC (plain or gzip).

Each archive streams through in constant memory: a gzip stream is decompressed as it is read,
Parquet comes in batches of :data:`BATCH_ROWS` rows of the columns we use, a WARC archive one
record at a time with at most ``max_bytes`` of its payload read. Every record gives a
:class:`Document` or a :class:`Rejected` naming the archive and the record
(``news.warc.gz, record 17 (https://...)``); an archive cut short or corrupt keeps what was
read before the damage and ends with one reason saying after which record it broke. A gzip
stream may decompress to :data:`GZIP_FLOOR` bytes, or :data:`GZIP_RATIO` times its own size if
that is more; past that it is refused as a likely decompression bomb, in one line.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import os
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO, cast

from pactwatch.documents.encoding import UnreadableError, decode
from pactwatch.documents.reader import (
    STRING_FIELDS,
    Deferred,
    Pending,
    Read,
    ReadOptions,
    Rejected,
    _checked,
    _records,
    _text_document,
    jsonl_encoding_refused,
    read_record,
    streamed,
)

BATCH_ROWS = 256
"""Parquet rows decoded at a time: memory holds one batch of the columns read."""
PARQUET_COLUMNS = ("url", "title", "published", "publisher", "text")
"""The Parquet columns read (``text`` required); any other column is never decoded."""
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
PAGE_RECORDS = frozenset({"response", "resource"})
"""WARC record types that hold a page; requests, metadata, revisits and warcinfo hold none
and are passed over without a reason (they are not documents)."""
GZIP_FLOOR = 1 << 30
"""Bytes any gzip archive may decompress to (1 GiB)."""
GZIP_RATIO = 100
"""Times its own size a gzip archive may decompress to, when that is more than
:data:`GZIP_FLOOR`: news text gzips to a fifth or a tenth of its size, a bomb (a gigabyte of
newlines in a megabyte) to a thousandth."""


class GzipBombError(Exception):
    """A gzip stream that decompressed to more than its limit."""

    def __init__(self, limit: int, size: int) -> None:
        super().__init__(f"over {limit:,} bytes")
        self.limit = limit
        self.size = size


GZIP_ERRORS = (EOFError, gzip.BadGzipFile, zlib.error, GzipBombError)


def gzip_limit(stream: BinaryIO) -> tuple[int, int]:
    """(the bytes the gzip file open as ``stream`` may decompress to, its own size)."""
    size = os.fstat(stream.fileno()).st_size
    return max(GZIP_FLOOR, GZIP_RATIO * size), size


def read_archive(path: Path, kind: str, options: ReadOptions) -> Iterator[Pending]:
    """The records of one archive, ``kind`` being its format's ending (``.warc.gz``)."""
    source = str(path)
    yield from streamed(path, lambda stream: READERS[kind](source, stream, options))


# ---------------------------------------------------------------- JSONL.gz


class _CountedGzip(gzip.GzipFile):
    """A gzip stream that counts the whole lines it has given, and raises
    :class:`GzipBombError` past :func:`gzip_limit`."""

    lines = 0
    given = 0
    limit = GZIP_FLOOR
    size = 0

    def readline(self, size: int | None = -1) -> bytes:
        line = super().readline(size)
        self.given += len(line)
        if self.given > self.limit:
            raise GzipBombError(self.limit, self.size)
        if line.endswith(b"\n"):
            self.lines += 1
        return line


def _jsonl_gz(source: str, stream: BinaryIO, options: ReadOptions) -> Iterator[Read]:
    refused = jsonl_encoding_refused(source, options)
    if refused is not None:
        yield refused
        return
    lines = _CountedGzip(fileobj=stream, mode="rb")
    lines.limit, lines.size = gzip_limit(stream)
    try:
        yield from _records(source, cast(BinaryIO, lines), options)
    except GZIP_ERRORS as error:
        yield Rejected(source, _broken(error, lines.lines))


def _broken(error: BaseException, records: int) -> str:
    """One line for an archive that breaks after ``records`` whole records."""
    if isinstance(error, GzipBombError):
        return (
            f"decompresses to over {error.limit:,} bytes after record {records} (the limit: "
            f"{GZIP_RATIO} times the archive's {error.size:,} bytes, at least 1 GiB), as a "
            "decompression bomb does: the records before were read; if the archive is "
            "genuine, unpack it with gunzip and give the file it holds"
        )
    if isinstance(error, EOFError):
        return (
            f"the archive is truncated after record {records}: the records before it were "
            "read; copy or download the file again for the rest"
        )
    said = " ".join(str(error).split())[:120] or type(error).__name__
    if records == 0 and isinstance(error, gzip.BadGzipFile):
        return f"not a gzip file ({said}): compress it with gzip, or drop the .gz ending"
    return (
        f"the archive is corrupt after record {records} ({said}): the records before it "
        "were read; copy or download the file again for the rest"
    )


# ---------------------------------------------------------------- Parquet


def _parquet(source: str, stream: BinaryIO, options: ReadOptions) -> Iterator[Read]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(stream, buffer_size=1 << 16)
    except (pa.ArrowException, ValueError) as error:
        yield Rejected(
            source, f"not a readable Parquet file ({_said(error)}): check or rewrite the file"
        )
        return
    schema = parquet.schema_arrow
    refusal = _text_column_refusal(schema)
    if refusal:
        yield Rejected(source, refusal)
        return
    columns = [name for name in PARQUET_COLUMNS if name in schema.names]
    row = 0
    try:
        for batch in parquet.iter_batches(batch_size=BATCH_ROWS, columns=columns):
            for record in batch.to_pylist():
                row += 1
                yield _parquet_row(f"{source}, row {row}", record, options)
    except (pa.ArrowException, OSError, UnicodeDecodeError) as error:
        # a damaged string page can still parse: its bytes then fail as UTF-8 in to_pylist
        yield Rejected(
            source,
            f"the archive is corrupt after record {row} ({_said(error)}): the records before "
            "it were read; copy or download the file again for the rest",
        )
        return
    if not row:
        yield Rejected(source, "empty file: no rows to read")


def _text_column_refusal(schema: Any) -> str | None:
    import pyarrow as pa

    if "text" not in schema.names:
        found = ", ".join(schema.names) or "none"
        return (
            f'no "text" column (columns found: {found}): a Parquet archive needs "text" and '
            'may have "url", "title", "published", "publisher"'
        )
    kind = schema.field("text").type
    if pa.types.is_dictionary(kind):
        kind = kind.value_type
    if not (pa.types.is_string(kind) or pa.types.is_large_string(kind)):
        return f'column "text" holds {kind}, not strings: write the texts as a string column'
    return None


def _parquet_row(where: str, record: dict[str, Any], options: ReadOptions) -> Read:
    text = record.get("text")
    if text is None:
        return Rejected(where, 'no text (null in column "text"): nothing to read')
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > options.max_bytes:
        return Rejected(
            where,
            f"record over the {options.max_bytes:,}-byte limit ({size:,} bytes of text): "
            "raise it with --max-bytes",
        )
    if isinstance(record.get("published"), dt.date):
        record["published"] = record["published"].isoformat()
    for key in STRING_FIELDS:
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            return Rejected(
                where,
                f'"{key}" is {type(value).__name__} {str(value)[:40]!r}, not a string: '
                f"write the {key} column as strings (or dates, for published)",
            )
    return read_record(record, where, options)


def _said(error: BaseException) -> str:
    return " ".join(str(error).split())[:160] or type(error).__name__


# ---------------------------------------------------------------- WARC


class _Gunzipped:
    """A gzip stream for warcio that ends, rather than raising, where its data is cut short
    or corrupt (warcio takes any error there for the end of the archive); ``error`` keeps
    why it ended. ``read1`` keeps every byte decompressed before the damage."""

    def __init__(self, stream: BinaryIO) -> None:
        self._gzip = gzip.GzipFile(fileobj=stream, mode="rb")
        self.error: BaseException | None = None
        self._limit, self._size = gzip_limit(stream)
        self._given = 0

    def read(self, size: int = -1) -> bytes:
        if self.error is not None:
            return b""
        try:
            data = self._gzip.read1(size)
        except GZIP_ERRORS as error:
            self.error = error
            return b""
        self._given += len(data)
        if self._given > self._limit:
            self.error = GzipBombError(self._limit, self._size)
            return b""
        return data

    def tell(self) -> int:
        return self._gzip.tell()


def _warc(source: str, stream: BinaryIO, options: ReadOptions, *, gz: bool) -> Iterator[Pending]:
    from warcio.archiveiterator import ArchiveIterator

    class Records(ArchiveIterator):  # type: ignore[misc]
        INC_RECORD = ""
        """warcio prints a warning of many lines to stderr on a record not followed by a blank
        line: the record is read all the same, and damage gets our own one-line reason."""

    readable = _Gunzipped(stream) if gz else stream
    records = Records(readable)
    whole = 0
    given = 0
    damage: BaseException | None = None
    while True:
        try:
            record = next(records, None)
        except Exception as error:  # warcio meets damage with errors of many kinds
            damage = error
            break
        if record is None:
            break
        if record.format != "warc":
            said = _broken(ValueError("a record that is not WARC"), whole) if whole else _NOT_WARC
            yield Rejected(source, said)
            return
        read = _warc_record(f"{source}, record {whole + 1}", record, options)
        try:
            records.read_to_end()
        except Exception as error:
            damage = error
            break
        if _cut_short(record):
            damage = ValueError("a record cut short or without Content-Length")
            break
        whole += 1
        if read is not None:
            given += 1
            yield read
    if isinstance(readable, _Gunzipped) and readable.error is not None:
        damage = readable.error
    elif damage is None and records.offset < readable.tell():
        damage = EOFError()  # the file ends inside a record's headers (warcio stops there)
    if damage is not None:
        yield Rejected(source, _damaged(damage, whole, at_end=not readable.read(1)))
    elif not whole:
        yield Rejected(source, "empty file: no WARC records")
    elif not given:
        yield Rejected(
            source,
            f"no response or resource record among its {whole} record(s): no page to read",
        )


_NOT_WARC = "not a WARC archive (it reads as ARC, or as no archive): give a .warc or .warc.gz file"


def _cut_short(record: Any) -> bool:
    """Whether the file misses bytes a record's Content-Length promised, or the record has no
    Content-Length (its headers cut short): WARC requires one."""
    length = record.rec_headers.get_header("Content-Length") or ""
    limit = getattr(record.raw_stream, "limit", None)
    return not length.strip().isdigit() or limit is None or limit > 0


def _damaged(error: BaseException, whole: int, *, at_end: bool) -> str:
    """One line for a WARC archive that breaks after ``whole`` whole records."""
    from warcio.exceptions import ArchiveLoadFailed

    if isinstance(error, GZIP_ERRORS):
        return _broken(error, whole)
    if not whole and isinstance(error, ArchiveLoadFailed):
        return f"not a WARC archive ({_said(error)}): give a .warc or .warc.gz file"
    return _broken(EOFError() if at_end else error, whole)


def _warc_record(where: str, record: Any, options: ReadOptions) -> Pending | None:
    """A page record's document, a reason, or None for a record that holds no page."""
    if record.rec_type not in PAGE_RECORDS:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    where = f"{where} ({url})" if url else where
    headers = record.http_headers
    if headers is not None and headers.get_statuscode() != "200":
        return Rejected(
            where,
            f"HTTP status {headers.get_statuscode()}, not 200: only pages served whole are read",
            skipped=True,
        )
    media, charset = _media_type((headers or record.rec_headers).get_header("Content-Type"))
    if media not in HTML_TYPES and media != "text/plain":
        return Rejected(
            where,
            f"content type {media or '(none)'!r}, not HTML or plain text: not an article",
            skipped=True,
        )
    try:
        data = record.content_stream().read(options.max_bytes + 1)
    except Exception as error:  # a damaged chunked or compressed payload
        return Rejected(where, f"cannot read the payload ({_said(error)}): check the archive")
    if len(data) > options.max_bytes:
        return Rejected(
            where,
            f"record over the {options.max_bytes:,}-byte limit: raise it with --max-bytes",
        )
    if not data.strip():
        return Rejected(where, "empty text: nothing to read")
    try:
        text = decode(data, options.encoding) if options.encoding else _decoded(data, charset)
    except UnreadableError as error:
        return Rejected(where, str(error))
    retrieved = _warc_date(record.rec_headers.get_header("WARC-Date"))
    if media in HTML_TYPES:
        return Deferred(where, text, options, url, retrieved)
    found = _checked(_text_document(where, text, options))
    if isinstance(found, Rejected):
        return found
    return dataclasses.replace(found, source=url or where, retrieved=retrieved or found.retrieved)


def _media_type(header: str | None) -> tuple[str, str | None]:
    """(media type, charset) of a Content-Type header: ``text/html; charset=utf-8``."""
    media, *parameters = (header or "").split(";")
    charset = None
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return media.strip().lower(), charset


def _decoded(data: bytes, charset: str | None) -> str:
    """The payload decoded by the charset it names, if that reads it, else detected."""
    if charset:
        try:
            return data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data)


def _warc_date(value: str | None) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


READERS: dict[str, Callable[[str, BinaryIO, ReadOptions], Iterator[Pending]]] = {
    ".jsonl.gz": _jsonl_gz,
    ".ndjson.gz": _jsonl_gz,
    ".parquet": _parquet,
    ".warc": lambda source, stream, options: _warc(source, stream, options, gz=False),
    ".warc.gz": lambda source, stream, options: _warc(source, stream, options, gz=True),
}
