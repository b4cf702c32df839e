"""Reading inputs into documents: text, Markdown, HTML, JSONL records, archives of records
(:mod:`pactwatch.documents.archives`) and folders of them.

Every input either becomes a :class:`Document` or a :class:`Rejected` with a one-line
reason that says what to do; a batch never stops at a bad file. Only regular files are
opened (a symlink is judged by its target): a FIFO would block for ever and a device never
ends, so both are refused by name before opening, and every read is bounded by the size
limit whatever ``stat`` reports. A folder or file the system will not let us read is one
rejection naming it ("permission denied"), never an error that stops the batch, and no text
field of a document may hold a NUL character (PostgreSQL cannot store one): each is refused
by the field's name, so that every backend stores the same.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
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
ARCHIVE_FORMATS = (".jsonl.gz", ".ndjson.gz", ".warc.gz", ".parquet", ".warc")
"""Archives read record by record (:mod:`pactwatch.documents.archives`), told by the end of
their name (``news.warc.gz`` is a WARC archive, ``news.tar.gz`` an archive not read)."""
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | frozenset(ARCHIVE_FORMATS)
ARCHIVE_SUFFIXES = frozenset({".zip", ".gz", ".tgz", ".bz2", ".xz", ".tar", ".7z", ".rar"})
"""Archives are not read: unpack them and give the folder."""
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
"""O_NONBLOCK: were a path swapped for a FIFO after it was checked, opening it still returns
(and the descriptor is refused as not a regular file); it changes nothing for regular files."""
DEFAULT_MAX_BYTES = 5_000_000
MIN_ARTICLE_WORDS = 20
STRING_FIELDS = ("url", "title", "published", "publisher")
"""Fields of a JSONL record that hold text when given."""
MAX_EMPTY_LINES = 10_000
"""Empty lines in a row after which the rest of a JSONL file (or archive) is refused: a
gigabyte of newlines gzips to a megabyte and would take a quarter of an hour to count."""


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input that gave no document, and why, in words that say what to do."""

    source: str
    reason: str
    skipped: bool = False
    """Passed over by design rather than failed: a record that holds no article (an image or
    a redirect in a web archive). Counted apart from failures; it does not fail a batch."""


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


@dataclass(frozen=True, slots=True)
class Deferred:
    """An HTML page read but not yet searched for its main text. Finding it (trafilatura) is
    most of the cost of reading a web archive, so a bulk run leaves it to its workers;
    :meth:`resolve` gives what reading the page at once gives."""

    where: str
    html: str
    options: ReadOptions
    url: str | None = None
    """The page's own address, its document's source (else ``where``)."""
    retrieved: dt.datetime | None = None
    """When it was fetched, if the input says (a WARC record's date)."""

    def resolve(self) -> Read:
        found = _checked(_html_document(self.where, self.html, self.options))
        if isinstance(found, Rejected):
            return found
        return without_nul(
            replace(
                found, source=self.url or self.where, retrieved=self.retrieved or found.retrieved
            ),
            self.where,
        )


Pending = Read | Deferred
"""What the readers give before HTML pages are searched for their text."""


def read_inputs(paths: Iterable[Path], options: ReadOptions | None = None) -> Iterator[Read]:
    """Documents (or rejections) from files and folders, folders walked recursively in order."""
    return _resolved(read_inputs_deferred(paths, options))


def _resolved(items: Iterable[Pending]) -> Iterator[Read]:
    for item in items:
        yield item.resolve() if isinstance(item, Deferred) else item


def read_inputs_deferred(
    paths: Iterable[Path], options: ReadOptions | None = None
) -> Iterator[Pending]:
    """As :func:`read_inputs`, but HTML pages come as :class:`Deferred`, to be resolved
    elsewhere (in a worker process)."""
    options = options or ReadOptions()
    for path in paths:
        if _is_folder(path):
            yield from _folder(path, options)
        else:
            yield from _read_file(path, options)


def _is_folder(path: Path) -> bool:
    """Whether ``path`` is a folder (a symlink by its target); False where ``stat`` fails,
    which reading it as a file then reports (permission denied, broken symlink)."""
    try:
        return stat.S_ISDIR(path.stat().st_mode)
    except OSError:
        return False


def _folder(folder: Path, options: ReadOptions) -> Iterator[Pending]:
    """The supported files of a folder, recursively in order. An entry with a supported name
    that cannot be read (a broken symlink, a FIFO, a device, a link into a folder we may not
    enter) is reported, never skipped in silence, and so is a folder we may not list; other
    names are left alone."""
    found = False
    for child in _walk(folder):
        found = True
        if isinstance(child, Rejected):
            yield child
        else:
            yield from _read_file(child, options)
    if not found:
        yield Rejected(
            str(folder),
            "no .txt, .md, .html, .jsonl, .parquet or .warc files in this folder: check the path",
        )


def _walk(folder: Path) -> Iterator[Path | Rejected]:
    """The entries of ``folder`` with a supported name that are not folders, depth first with
    names in order (the order of ``sorted(folder.rglob("*"))``: a folder's entries come right
    after its name), symlinks to folders not followed; a folder that cannot be listed comes
    as a rejection naming it. A stack, not recursion: no depth of folders is too deep."""
    stack = [_listing(folder)]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
        elif isinstance(entry, Rejected):
            yield entry
        elif entry[1]:
            stack.append(_listing(entry[0]))
        elif suffix_of(entry[0]) in SUPPORTED and not _is_folder(entry[0]):
            yield entry[0]


def _listing(folder: Path) -> Iterator[tuple[Path, bool] | Rejected]:
    """(path, whether it is a folder and no symlink) for each entry of ``folder`` in name
    order, or one rejection when it cannot be listed."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted((entry.name, _is_real_folder(entry)) for entry in listing)
    except OSError as error:
        yield Rejected(str(folder), _folder_reason(folder, error))
        return
    for name, real_folder in entries:
        yield folder / name, real_folder


def _is_real_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _folder_reason(folder: Path, error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied: cannot list this folder: check its permissions"
    return os_reason(folder, error)


def suffix_of(path: Path) -> str:
    """What decides how a file is read: an archive format's whole ending (``.warc.gz``),
    else the last suffix, in lower case."""
    name = path.name.lower()
    whole = (end for end in ARCHIVE_FORMATS if name.endswith(end) and len(name) > len(end))
    return next(whole, path.suffix.lower())


def read_file(path: Path, options: ReadOptions) -> Iterator[Read]:
    """One file: a document, the documents of a JSONL file or an archive, or a rejection."""
    return _resolved(_read_file(path, options))


def _read_file(path: Path, options: ReadOptions) -> Iterator[Pending]:
    """:func:`read_file` with HTML pages left :class:`Deferred`."""
    source = str(path)
    suffix = suffix_of(path)
    refusal = _refusal(path, suffix)
    if refusal is not None:
        yield Rejected(source, refusal)
        return
    if suffix in ARCHIVE_FORMATS:
        from pactwatch.documents.archives import read_archive  # pyarrow, warcio: when needed

        yield from read_archive(path, suffix, options)
        return
    if suffix in JSONL_SUFFIXES:
        yield from _jsonl_documents(path, options)
        return
    stream = open_regular(path)
    if isinstance(stream, str):
        yield Rejected(source, stream)
        return
    try:
        with stream:
            size = os.fstat(stream.fileno()).st_size
            if size > options.max_bytes:
                yield Rejected(source, _too_large(size, options.max_bytes))
                return
            data = stream.read(options.max_bytes + 1)
    except OSError as error:
        yield Rejected(source, os_reason(path, error))
        return
    if len(data) > options.max_bytes:
        yield Rejected(source, _too_large(None, options.max_bytes))
        return
    try:
        decoded = decode(data, options.encoding)
    except UnreadableError as error:
        yield Rejected(source, str(error))
        return
    if suffix in HTML_SUFFIXES:
        yield Deferred(source, decoded, options)
    else:
        yield _checked(_text_document(source, decoded, options))


def _refusal(path: Path, suffix: str) -> str | None:
    """Why a path is no file to read, judged by ``stat`` before anything is opened (a
    symlink by its target), or None."""
    refusal = not_a_regular_file(
        path, folder="a folder, not a file: give the folder itself to read the files in it"
    )
    if refusal is not None:
        return refusal
    if suffix in ARCHIVE_SUFFIXES:
        return f"archive ({suffix!r}) not read: unpack it and give the folder"
    if suffix not in SUPPORTED:
        return (
            f"unsupported file type {suffix or '(none)'!r}: give .txt, .md, .html, .jsonl, "
            ".jsonl.gz, .parquet, .warc or .warc.gz files, or a folder of them"
        )
    return None


def not_a_regular_file(path: Path, *, folder: str) -> str | None:
    """Why ``path`` is no regular file to open, judged by ``stat`` before anything is opened
    (a symlink by its target), or None: it is missing, cannot be reached (permission
    denied), is a FIFO, a socket or a device, or a folder (``folder`` says what to do)."""
    try:
        mode = path.stat().st_mode
    except OSError as error:
        return os_reason(path, error)
    if stat.S_ISDIR(mode):
        return folder
    if not stat.S_ISREG(mode):
        return _not_regular(mode)
    return None


def _not_regular(mode: int) -> str:
    kind = (
        "a FIFO"
        if stat.S_ISFIFO(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a special file"
    )
    return f"not a regular file but {kind}: save the text to a file and give that"


def os_reason(path: Path, error: OSError) -> str:
    """One line for a file the system will not let us read."""
    if isinstance(error, PermissionError):
        closed = _closed_folder(path)
        if closed is not None:
            return (
                f"permission denied: cannot enter the folder {str(closed)!r}: check its permissions"
            )
        return "permission denied: check the file's permissions"
    if isinstance(error, FileNotFoundError):
        if path.is_symlink():
            return f"broken symlink to {os.readlink(path)!r}: fix or remove the link"
        return "no such file: check the path"
    return f"cannot read ({error.strerror or type(error).__name__}): check the file"


def _closed_folder(path: Path) -> Path | None:
    """The first folder on the way to ``path`` (a symlink's target) that we may not enter,
    if any: the file itself may be readable, its folder is not."""
    target = Path(os.path.realpath(path))
    for folder in reversed(target.parents):
        if not os.access(folder, os.X_OK):
            return folder
    return None


def open_regular(path: Path) -> BinaryIO | str:
    """The file open for binary reading, or why it cannot be: the open descriptor is checked
    again, so a path swapped for a FIFO or device after :func:`_refusal` is still refused."""
    try:
        stream = open(path, "rb", opener=_nonblocking)  # noqa: SIM115 - closed by the caller
    except OSError as error:
        return os_reason(path, error)
    mode = os.fstat(stream.fileno()).st_mode
    if not stat.S_ISREG(mode):
        stream.close()
        return _not_regular(mode)
    return stream


def _nonblocking(name: str, flags: int) -> int:
    return os.open(name, flags | _NONBLOCK)


def _too_large(size: int | None, limit: int) -> str:
    if size is None:
        return f"over the {limit:,}-byte limit: raise it with --max-bytes"
    return f"{size:,} bytes, over the {limit:,}-byte limit: raise it with --max-bytes {size + 1}"


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


def jsonl_encoding_refused(source: str, options: ReadOptions) -> Rejected | None:
    """JSON lines are split on newlines: a named encoding that does not write ASCII as ASCII
    (UTF-16, say) cannot apply to them."""
    if options.encoding and not ascii_compatible(options.encoding):
        return Rejected(
            source,
            f"--encoding {options.encoding} cannot apply to JSON lines, which are split on "
            "newlines: re-save the file as UTF-8 and leave --encoding out",
        )
    return None


def _jsonl_documents(path: Path, options: ReadOptions) -> Iterator[Pending]:
    """Records of a JSONL file, read line by line in constant memory: the size limit and
    every reason belong to one record (its line), never to the whole archive."""
    source = str(path)
    refused = jsonl_encoding_refused(source, options)
    if refused is not None:
        yield refused
        return
    yield from streamed(path, lambda stream: _records(source, stream, options))


def streamed(path: Path, read: Callable[[BinaryIO], Iterator[Pending]]) -> Iterator[Pending]:
    """What ``read`` finds in the file at ``path``, opened as a regular file; a file that
    cannot be opened, or fails while it is read, ends with one rejection naming it."""
    stream = open_regular(path)
    if isinstance(stream, str):
        yield Rejected(str(path), stream)
        return
    with stream:
        try:
            yield from read(stream)
        except OSError as error:
            yield Rejected(str(path), os_reason(path, error))


def _records(source: str, stream: BinaryIO, options: ReadOptions) -> Iterator[Read]:
    """The records of JSON lines, each read or refused; more than :data:`MAX_EMPTY_LINES`
    empty lines in a row refuse the rest of the file in one line."""
    records = 0
    empty = 0
    for number, line in bounded_lines(stream, options.max_bytes):
        where = f"{source}, line {number}"
        if number == 1 and line is not None and b"\x00" in line[:8192]:
            yield Rejected(source, _binary_jsonl(line))
            return
        if line is not None and not line.strip():
            empty += 1
            if empty > MAX_EMPTY_LINES:
                yield Rejected(
                    source,
                    f"over {MAX_EMPTY_LINES:,} empty lines in a row from line "
                    f"{number - MAX_EMPTY_LINES}: not JSON lines; the records before them were "
                    "read: remove the empty lines",
                )
                return
            continue
        empty = 0
        records += 1
        if line is None:
            yield Rejected(
                where,
                f"record over the {options.max_bytes:,}-byte limit: "
                "raise it with --max-bytes, or split the record",
            )
            continue
        yield _jsonl_record(where, line, options)
    if not records:
        yield Rejected(source, "empty file: nothing to read")


def bounded_lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
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
    return _checked(_record_document(where, record, options), where)


def read_record(record: Any, where: str, options: ReadOptions | None = None) -> Read:
    """A document from one record ({"text", "url", "title", "published", "publisher"}), or
    the reason it is rejected (no text, a bad date, not English)."""
    return _checked(_record_document(where, record, options or ReadOptions()), where)


def _record_document(where: str, record: Any, options: ReadOptions) -> Read:
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        return Rejected(where, 'needs a "text" string (and "url", "title", "published")')
    if not record["text"].strip():
        return Rejected(where, "empty text: nothing to read")
    if "\x00" in record["text"]:
        return Rejected(where, 'binary data, not text: "text" holds NUL characters (U+0000)')
    for key in STRING_FIELDS:
        if record.get(key) is not None and not isinstance(record[key], str):
            return Rejected(
                where,
                f'"{key}" must be a JSON string or null, not {type(record[key]).__name__} '
                f"{json.dumps(record[key])[:40]}: write it in quotes",
            )
        if "\x00" in (record.get(key) or ""):
            return Rejected(where, nul_reason(key))
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


NUL_FIELDS = ("text", "source", "title", "publisher")
"""The text fields of a document, none of which may hold a NUL character."""


def nul_reason(field: str) -> str:
    """The reason for a field that holds a NUL character (U+0000), which PostgreSQL cannot
    store in text: refused on every backend alike."""
    return f"NUL character in {field!r}: remove it"


def without_nul(read: Read, where: str | None = None) -> Read:
    """The document, or its refusal (named ``where``, else its source) when one of its text
    fields holds a NUL character."""
    if isinstance(read, Document):
        for field in NUL_FIELDS:
            value = getattr(read, field)
            if value is not None and "\x00" in value:
                return Rejected(where or read.source, nul_reason(field))
    return read


def _checked(read: Read, where: str | None = None) -> Read:
    """The document, or its refusal (NUL characters, not English) named ``where`` (a file's
    line or an archive's record), else by its source."""
    read = without_nul(read, where)
    if isinstance(read, Document) and not looks_english(read.text):
        share, _ = english_share(read.text)
        return Rejected(
            where or read.source,
            f"skipped: not English ({share:.0%} common English words); "
            "pactwatch reads English news",
        )
    return read


def _date_or(text: str, fallback: dt.date | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return fallback
