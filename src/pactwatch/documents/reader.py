"""Reading inputs into documents: text, Markdown, HTML, JSONL records and folders of them.

Every input either becomes a :class:`Document` or a :class:`Rejected` with a one-line
reason that says what to do; a batch never stops at a bad file.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from pactwatch.documents.dating import published_in
from pactwatch.documents.encoding import (
    UnreadableError,
    ascii_compatible,
    check_encoding,
    decode,
    decode_json_line,
)
from pactwatch.documents.language import english_share, looks_english
from pactwatch.model import Document

TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".text"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
DEFAULT_MAX_BYTES = 5_000_000
MIN_ARTICLE_WORDS = 20


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input that gave no document, and why, in words that say what to do."""

    source: str
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ReadOptions:
    """How to read inputs."""

    published: dt.date | None = None
    """Publication date for inputs that carry none, in their record or at the top of their
    text (anchors relative dates)."""
    max_bytes: int = DEFAULT_MAX_BYTES
    """Larger files are refused with a message saying how to raise the limit."""
    encoding: str | None = None
    """The inputs' text encoding as the user named it (``cp1252``), used strictly, JSONL
    files included; None detects it (see :mod:`pactwatch.documents.encoding`)."""

    def __post_init__(self) -> None:
        if self.encoding is not None:
            check_encoding(self.encoding)


Read = Document | Rejected


def read_inputs(paths: Iterable[Path], options: ReadOptions | None = None) -> Iterator[Read]:
    """Documents (or rejections) from files and folders, folders walked recursively in order."""
    options = options or ReadOptions()
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.suffix.lower() in SUPPORTED:
                    yield from read_file(child, options)
        else:
            yield from read_file(path, options)


def read_file(path: Path, options: ReadOptions) -> Iterator[Read]:
    """One file: a document, the documents of a JSONL file, or a rejection."""
    source = str(path)
    suffix = path.suffix.lower()
    if not path.exists():
        yield Rejected(source, "no such file: check the path")
        return
    if suffix not in SUPPORTED:
        yield Rejected(
            source,
            f"unsupported file type {suffix or '(none)'!r}: give .txt, .md, "
            ".html or .jsonl files, or a folder of them",
        )
        return
    if suffix in JSONL_SUFFIXES:
        yield from _jsonl_documents(path, options)
        return
    size = path.stat().st_size
    if size > options.max_bytes:
        yield Rejected(
            source,
            f"{size:,} bytes, over the {options.max_bytes:,}-byte limit: "
            f"raise it with --max-bytes {size + 1}",
        )
        return
    try:
        decoded = decode(path.read_bytes(), options.encoding)
    except UnreadableError as error:
        yield Rejected(source, str(error))
        return
    yield _checked(
        _html_document(source, decoded, options)
        if suffix in HTML_SUFFIXES
        else _text_document(source, decoded, options)
    )


def _text_document(source: str, text: str, options: ReadOptions) -> Read:
    first = next(
        (line.strip().lstrip("# ").strip() for line in text.splitlines() if line.strip()), ""
    )
    title = first if len(first) <= 150 else None
    return Document(
        text=text,
        source=source,
        title=title,
        published=published_in(text) or options.published,
        retrieved=dt.datetime.now(dt.UTC),
    )


def _html_document(source: str, html: str, options: ReadOptions) -> Read:
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False)
    if not text or len(text.split()) < MIN_ARTICLE_WORDS:
        return Rejected(
            source,
            "HTML without article text (no main text found): save the "
            "article as .txt, or check that the page is not a menu or login page",
        )
    metadata = trafilatura.extract_metadata(html)
    published = options.published
    if metadata is not None and metadata.date:
        published = _date_or(metadata.date, published)
    return Document(
        text=text,
        source=source,
        title=metadata.title if metadata else None,
        publisher=metadata.sitename if metadata else None,
        published=published,
        retrieved=dt.datetime.now(dt.UTC),
    )


def _jsonl_documents(path: Path, options: ReadOptions) -> Iterator[Read]:
    """Records of a JSONL file, read line by line in constant memory: the size limit and
    every reason belong to one record (its line), never to the whole archive."""
    source = str(path)
    if options.encoding and not ascii_compatible(options.encoding):
        yield Rejected(
            source,
            f"--encoding {options.encoding} cannot apply to JSON lines, which are split on "
            "newlines: re-save the file as UTF-8 and leave --encoding out",
        )
        return
    try:
        stream = path.open("rb")
    except OSError as error:
        yield Rejected(source, f"cannot read ({error.strerror}): check the file's permissions")
        return
    records = 0
    with stream:
        for number, line in _bounded_lines(stream, options.max_bytes):
            where = f"{source}, line {number}"
            if number == 1 and line is not None and b"\x00" in line[:8192]:
                yield Rejected(source, _binary_jsonl(line))
                return
            if line is None:
                yield Rejected(
                    where,
                    f"record over the {options.max_bytes:,}-byte limit: "
                    "raise it with --max-bytes, or split the record",
                )
                continue
            if line is not None and line.strip():
                records += 1
                yield _jsonl_record(where, line, options)
    if not records:
        yield Rejected(source, "empty file: nothing to read")


def _bounded_lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) pairs; a line longer than ``limit`` bytes comes as None and is
    skipped without being held in memory."""
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = stream.readline(1 << 20)
            yield number, None
            continue
        yield number, line


def _binary_jsonl(first_line: bytes) -> str:
    if first_line.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)):
        return "UTF-16 or UTF-32 file: JSON lines must be UTF-8: re-save the file as UTF-8"
    return "binary file, not text: give a .jsonl file of JSON lines"


def _jsonl_record(where: str, line: bytes, options: ReadOptions) -> Read:
    try:
        text = decode_json_line(line, options.encoding, first=where.endswith(" line 1"))
    except UnreadableError as error:
        return Rejected(where, str(error))
    try:
        record = json.loads(text)
    except json.JSONDecodeError as error:
        return Rejected(
            where,
            f"not valid JSON ({error.msg}): each line must be one object "
            'like {"url", "title", "published", "text"}',
        )
    return _checked(_record_document(where, record, options))


def read_record(record: Any, where: str, options: ReadOptions | None = None) -> Read:
    """A document from one record ({"text", "url", "title", "published", "publisher"}), or
    the reason it is rejected (no text, a bad date, not English)."""
    return _checked(_record_document(where, record, options or ReadOptions()))


def _record_document(where: str, record: Any, options: ReadOptions) -> Read:
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        return Rejected(where, 'needs a "text" string (and "url", "title", "published")')
    if not record["text"].strip():
        return Rejected(where, "empty text: nothing to read")
    published = published_in(record["text"], str(record.get("url") or "")) or options.published
    if record.get("published"):
        try:
            published = dt.date.fromisoformat(str(record["published"])[:10])
        except ValueError:
            return Rejected(
                where, f"published {record['published']!r} is not a date: write YYYY-MM-DD"
            )
    return Document(
        text=record["text"],
        source=str(record.get("url") or where),
        title=record.get("title"),
        publisher=record.get("publisher"),
        published=published,
        retrieved=dt.datetime.now(dt.UTC),
    )


def _checked(read: Read) -> Read:
    if isinstance(read, Document) and not looks_english(read.text):
        share, _ = english_share(read.text)
        return Rejected(
            read.source,
            f"skipped: not English ({share:.0%} common English words); "
            "pactwatch reads English news",
        )
    return read


def _date_or(text: str, fallback: dt.date | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return fallback
