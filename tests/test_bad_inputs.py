"""A corpus of bad inputs: each is refused with a one-line reason that names it, never a crash.

Three tables, one per way in: files given to the reader (``pactwatch extract``/``ingest``),
scenario strings (``--scenario``) and lines of the import format (``pactwatch import``). Each
row is ``(input, expected reason fragment)``; the reader must give a :class:`Rejected` and the
parsers our own :class:`PactwatchError`, never another exception. A few go through the CLI too,
in one batch with good files that must still be stored. The texts are our own.
"""

from __future__ import annotations

import codecs
import contextlib
import gzip
import json
import os
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from pactwatch.api import Ledger
from pactwatch.documents import ReadOptions, Rejected, read_file, read_inputs
from pactwatch.errors import PactwatchError
from pactwatch.reason.scenario import parse_scenario
from pactwatch.store.exchange import parse_lines
from tests.conftest import CITE, MEMBERSHIP_RECORD, run

ENGLISH = (
    "Canada has formally joined the coalition of nations that pledged to guarantee the "
    "security of Ukraine after a peace agreement is reached, the prime minister said on "
    "Tuesday in Paris, where he met the leaders of the other countries in the group."
)
RECORD = {"url": "https://example.org/1", "title": "One", "text": ENGLISH}

Make = Callable[[Path], Path]
"""Builds one bad input under a fresh folder and returns the path to give the reader."""


def data(name: str, content: bytes) -> Make:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(content)
        return path

    return make


def lines(name: str, *records: object) -> Make:
    return data(
        name,
        b"\n".join(r if isinstance(r, bytes) else json.dumps(r).encode() for r in records),
    )


def fifo(name: str) -> Make:
    def make(folder: Path) -> Path:
        path = folder / name
        os.mkfifo(path)
        return path

    return make


def link(name: str, target: str) -> Make:
    def make(folder: Path) -> Path:
        path = folder / name
        path.symlink_to(target)
        return path

    return make


def folder_named(name: str, *inside: str) -> Make:
    def make(folder: Path) -> Path:
        path = folder / name
        path.mkdir()
        for child in inside:
            (path / child).write_bytes(b"")
        return path

    return make


def listening_socket(name: str) -> Make:
    def make(folder: Path) -> Path:
        path = folder / name
        if len(str(path)) > 100:
            pytest.skip("socket path too long for AF_UNIX")
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
        server.close()
        return path

    return make


@contextlib.contextmanager
def watching_fifos() -> Iterator[list[Path]]:
    """Paths of FIFOs to watch: should a reader ever block opening one, a writer opens and
    closes it (so the reader gets end-of-file and the test fails instead of hanging)."""
    fifos: list[Path] = []
    blocked: list[Path] = []
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.05):
            for path in fifos:
                try:
                    os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
                    blocked.append(path)
                except OSError:
                    pass

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    yield fifos
    done.set()
    watcher.join()
    assert not blocked, f"a reader blocked on {blocked}"


@pytest.fixture
def unblock() -> Iterator[list[Path]]:
    with watching_fifos() as fifos:
        yield fifos


FILES: list[tuple[str, Make, dict[str, object], str]] = [
    ("empty", data("a.txt", b""), {}, "empty file: nothing to read"),
    ("only-white-space", data("a.md", b" \n\t\n  "), {}, "empty file: nothing to read"),
    ("binary", data("a.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00"), {}, "binary file"),
    ("nul-bytes-in-text", data("a.txt", ENGLISH.encode() + b"\x00" * 40), {}, "binary file"),
    ("bom-only", data("a.txt", codecs.BOM_UTF16_LE), {}, "empty file"),
    (
        "non-utf-8-no-fit",
        data(
            "a.txt",
            "Radosław Sikorski met Lech Wałęsa in Gdańsk on Tuesday.".encode("cp1250"),
        ),
        {},
        "--encoding cp1250",
    ),
    (
        "named-encoding-misfit",
        data("a.txt", "François met the minister.".encode("cp1252")),
        {"encoding": "utf-8"},
        "not utf-8",
    ),
    (
        "not-english",
        data("a.txt", ("Der Minister traf die Kanzlerin. " * 20).encode()),
        {},
        "not English",
    ),
    (
        "html-without-article",
        data("a.html", b"<html><body><nav>Home | News | Login</nav></body></html>"),
        {},
        "HTML without article text",
    ),
    (
        "over-size",
        data("a.txt", ENGLISH.encode() * 10),
        {"max_bytes": 1000},
        "over the 1,000-byte limit: raise it with --max-bytes 2441",
    ),
    (
        "huge-line-over-size",
        data("a.md", b"word " * 50_000),
        {"max_bytes": 100_000},
        "over the 100,000-byte limit",
    ),
    ("unsupported-suffix", data("a.pdf", b"%PDF-1.7"), {}, "unsupported file type '.pdf'"),
    ("no-suffix", data("README", ENGLISH.encode()), {}, "unsupported file type '(none)'"),
    ("zip-archive", data("news.zip", b"PK\x03\x04"), {}, "archive ('.zip') not read"),
    ("tar-gz-archive", data("news.tar.gz", b"\x1f\x8b\x08"), {}, "archive ('.gz') not read"),
    ("fifo-txt", fifo("x.txt"), {}, "not a regular file but a FIFO"),
    ("fifo-jsonl", fifo("x.jsonl"), {}, "not a regular file but a FIFO"),
    ("symlink-to-dev-zero", link("zero.txt", "/dev/zero"), {}, "not a regular file but a device"),
    ("symlink-to-dev-null", link("null.jsonl", "/dev/null"), {}, "not a regular file but a device"),
    ("socket", listening_socket("s.txt"), {}, "not a regular file but a socket"),
    ("broken-symlink", link("gone.txt", "/no/such/target.txt"), {}, "broken symlink to"),
    ("missing", lambda folder: folder / "missing.txt", {}, "no such file: check the path"),
    ("folder-without-inputs", folder_named("x.txt", "notes.pdf"), {}, "no .txt, .md, .html"),
    ("jsonl-empty", data("a.jsonl", b"\n\n"), {}, "empty file: nothing to read"),
    ("jsonl-bad-json", lines("a.jsonl", b"{not json"), {}, "not valid JSON"),
    ("jsonl-array-line", lines("a.jsonl", [1, 2]), {}, 'needs a "text" string'),
    ("jsonl-text-a-number", lines("a.jsonl", {"text": 5}), {}, 'needs a "text" string'),
    ("jsonl-empty-text", lines("a.jsonl", {"text": "  "}), {}, "empty text"),
    (
        "jsonl-title-a-number",
        lines("a.jsonl", {**RECORD, "title": 5}),
        {},
        '"title" must be a JSON string or null, not int 5',
    ),
    (
        "jsonl-publisher-a-list",
        lines("a.jsonl", {**RECORD, "publisher": ["AP"]}),
        {},
        '"publisher" must be a JSON string or null, not list',
    ),
    (
        "jsonl-url-an-object",
        lines("a.jsonl", {**RECORD, "url": {"href": "x"}}),
        {},
        '"url" must be a JSON string or null, not dict',
    ),
    (
        "jsonl-published-not-a-date",
        lines("a.jsonl", {**RECORD, "published": "last Tuesday"}),
        {},
        "is not a date: write YYYY-MM-DD",
    ),
    ("jsonl-nul-bytes", data("a.jsonl", b'{"text": "\x00\x00"}'), {}, "binary file"),
    (
        "jsonl-nul-characters",
        lines("a.jsonl", {**RECORD, "text": ENGLISH + "\u0000"}),
        {},
        'binary data, not text: "text" holds NUL characters',
    ),
    *[
        (
            f"jsonl-nul-in-{key}",
            lines("a.jsonl", {**RECORD, key: "One\u0000two"}),
            {},
            f"NUL character in '{key}': remove it",
        )
        for key in ("title", "url", "publisher", "published")
    ],
    (
        "jsonl-gz-nul-in-title",
        data("a.jsonl.gz", gzip.compress(json.dumps({**RECORD, "title": "\u0000"}).encode())),
        {},
        "NUL character in 'title': remove it",
    ),
    (
        "jsonl-many-empty-lines",
        data("a.jsonl", b"\n" * 10_001 + json.dumps(RECORD).encode()),
        {},
        "over 10,000 empty lines in a row from line 1: not JSON lines",
    ),
    (
        "jsonl-gz-newline-bomb",
        data("a.jsonl.gz", gzip.compress(b"\n" * 1_000_000 + json.dumps(RECORD).encode())),
        {},
        "over 10,000 empty lines in a row from line 1: not JSON lines",
    ),
    (
        "jsonl-gz-one-line-over-size",
        data("a.jsonl.gz", gzip.compress(b"x" * 5000)),
        {"max_bytes": 1000},
        "record over the 1,000-byte limit",
    ),
    (
        "jsonl-utf-16",
        data("a.jsonl", codecs.BOM_UTF16_LE + json.dumps(RECORD).encode("utf-16-le")),
        {},
        "JSON lines must be UTF-8",
    ),
    (
        "jsonl-record-over-size",
        lines("a.jsonl", {"text": ENGLISH * 20}),
        {"max_bytes": 1000},
        "record over the 1,000-byte limit",
    ),
    (
        "jsonl-utf-16-named",
        lines("a.jsonl", RECORD),
        {"encoding": "utf-16"},
        "cannot apply to JSON lines",
    ),
]


@pytest.mark.parametrize(
    ("make", "options", "reason"),
    [pytest.param(make, options, reason, id=name) for name, make, options, reason in FILES],
)
def test_bad_file_is_refused_by_name_in_one_line(
    tmp_path: Path, make: Make, options: dict[str, object], reason: str, unblock: list[Path]
) -> None:
    path = make(tmp_path)
    if path.is_fifo():
        unblock.append(path)
    read = list(read_inputs([path], ReadOptions(**options)))  # type: ignore[arg-type]
    assert read, "nothing read and nothing refused"
    rejected = [item for item in read if isinstance(item, Rejected)]
    assert rejected == read
    assert len(rejected) == 1, [item.reason for item in rejected]  # one input, one line
    assert any(reason in item.reason for item in rejected), [item.reason for item in rejected]
    assert all(item.source.startswith(str(path)) for item in rejected)
    assert all("\n" not in item.reason for item in rejected)


def test_folder_named_like_a_file_given_to_read_file_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "x.txt"
    folder.mkdir()
    [rejected] = read_file(folder, ReadOptions())
    assert isinstance(rejected, Rejected)
    assert "a folder, not a file" in rejected.reason


SCENARIOS = [
    ("peace", "is not an event"),
    ("peace_agreement", "is not an event"),
    ("=2026-01-01", "is not an event"),
    ("peace_agreement=2026-13-01", "is not a date"),
    ("peace_agreement=tomorrow", "is not a date"),
    ("ceasfire=2026-01-01", "did you mean ceasefire"),
    ("invasion=2026-01-01", "unknown event 'invasion'"),
    ("leave=2026-09-01", "say who leaves"),
    ("ceasefire:UKR@coalition-of-the-willing=2026-01-01", "only 'leave' takes an @arrangement"),
    ("ceasefire=2026-01-01,,\x00=1", "Scenario part 3"),
    ("leave:CAN@Coalition=2026-01-01", "is not an event"),
]


@pytest.mark.parametrize(("text", "reason"), SCENARIOS)
def test_bad_scenario_is_refused_by_name(text: str, reason: str) -> None:
    with pytest.raises(PactwatchError) as raised:
        parse_scenario(text)
    assert reason in str(raised.value) and "\n" not in str(raised.value)


IMPORT_LINES = [
    ("not json", "not valid JSON"),
    ('{"type": "membership", "actor": "CAN"', "not valid JSON"),
    ("[1, 2]", "expected a JSON object, got list"),
    ("null", "expected a JSON object, got NoneType"),
    ("{}", "field 'type': unknown value None"),
    (json.dumps({"type": "treaty"}), "field 'type': unknown value 'treaty'"),
    (json.dumps({**MEMBERSHIP_RECORD, "actor": 5}), "field 'actor': Input should be a valid"),
    (json.dumps({**MEMBERSHIP_RECORD, "actor": "Kanada"}), "Did you mean Canada (CAN)"),
    (json.dumps({**MEMBERSHIP_RECORD, "date": "6 Jan"}), "field 'date'"),
    (json.dumps({**MEMBERSHIP_RECORD, "action": "dance"}), "field 'action': unknown value"),
    (json.dumps({**MEMBERSHIP_RECORD, "evidence": []}), "field 'evidence'"),
    (json.dumps({**MEMBERSHIP_RECORD, "evidence": "x"}), "field 'evidence'"),
    (json.dumps({**MEMBERSHIP_RECORD, "confidence": 7}), "field 'confidence'"),
    (json.dumps({**MEMBERSHIP_RECORD, "extra": 1}), "field 'extra': Extra inputs"),
    (json.dumps({"type": "document", "text": 5}), "<input>, line 1"),
    (json.dumps({**MEMBERSHIP_RECORD, "place": "Paris\u0000"}), "NUL character in 'place'"),
    (
        json.dumps({**MEMBERSHIP_RECORD, "evidence": [{**CITE[0], "note": "Ours.\u0000"}]}),
        "NUL character in 'evidence[0].note': remove it",
    ),
    (
        json.dumps({"type": "commitment", "condition": {"kind": "other", "text": "\u0000"}}),
        "NUL character in 'condition.text': remove it",
    ),
    (
        json.dumps({"type": "document", "source": "a.txt", "text": "Canada\u0000joined."}),
        "NUL character in 'text': remove it",
    ),
    (json.dumps({**MEMBERSHIP_RECORD, "pl\u0000ace": "Paris"}), "NUL character in the field"),
]


@pytest.mark.parametrize(("line", "reason"), IMPORT_LINES)
def test_bad_import_line_is_refused_by_name(line: str, reason: str) -> None:
    with pytest.raises(PactwatchError) as raised:
        parse_lines([line])
    assert reason in str(raised.value) and "\n" not in str(raised.value)
    assert str(raised.value).startswith("<input>, line 1: ")


# ---------------------------------------------------------------- through the CLI


def stored(db: str) -> set[str]:
    with Ledger.open(db) as ledger:
        return {document.source for document in ledger.documents()}


CLI_CASES = ["fifo-txt", "fifo-jsonl", "symlink-to-dev-zero", "broken-symlink", "zip-archive"]


@pytest.mark.parametrize("name", CLI_CASES)
def test_ingest_reports_a_bad_file_in_one_line_and_stores_the_good_ones(
    tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str], name: str, unblock: list[Path]
) -> None:
    [make] = [make for case, make, _, _ in FILES if case == name]
    [reason] = [reason for case, _, _, reason in FILES if case == name]
    news = tmp_path / "news"
    news.mkdir()
    (news / "a-good.txt").write_text(ENGLISH, encoding="utf-8")
    bad = make(news)
    if bad.is_fifo():
        unblock.append(bad)
    (news / "z-good.md").write_text(ENGLISH + " Poland joined too.", encoding="utf-8")

    code, _, err = run(capsys, "ingest", "--db", db, str(news), str(bad))

    assert code == 1
    failed = [line for line in err.splitlines() if line.startswith("Failed:")]
    assert failed and all(line.startswith(f"Failed: {bad}: ") for line in failed)
    assert reason in failed[0]
    assert "Unexpected error" not in err
    assert stored(db) == {str(news / "a-good.txt"), str(news / "z-good.md")}


def test_a_nul_character_is_refused_by_field_on_every_backend(
    tmp_path: Path, ledger_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """PostgreSQL cannot store U+0000 in text: a record holding one stopped the batch there
    (DataError, exit 70) and was stored on SQLite; now it is refused on both, by field."""
    news = tmp_path / "news.jsonl"
    records = [
        {**RECORD, "url": "https://example.org/1"},
        {**RECORD, "url": "https://example.org/2", "title": "Two\u0000", "text": ENGLISH + " 2"},
        {**RECORD, "url": "https://example.org/3", "publisher": "\u0000", "text": ENGLISH + " 3"},
        {**RECORD, "url": "https://example.org/4\u0000", "text": ENGLISH + " 4"},
        {**RECORD, "url": "https://example.org/5", "text": ENGLISH + " 5"},
    ]
    news.write_text("\n".join(json.dumps(record) for record in records), encoding="utf-8")

    code, _, err = run(capsys, "--db", ledger_url, "ingest", str(news))

    assert code == 1, err
    assert "Unexpected error" not in err
    assert [line for line in err.splitlines() if line.startswith("Failed:")] == [
        f"Failed: {news}, line 2: NUL character in 'title': remove it",
        f"Failed: {news}, line 3: NUL character in 'publisher': remove it",
        f"Failed: {news}, line 4: NUL character in 'url': remove it",
    ]
    assert stored(ledger_url) == {"https://example.org/1", "https://example.org/5"}


def test_an_import_line_with_a_nul_character_is_refused_on_every_backend(
    tmp_path: Path, ledger_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.jsonl"
    note = {**CITE[0], "note": "Our words.\u0000"}
    second = {**MEMBERSHIP_RECORD, "evidence": [note]}
    bad.write_text(f"{json.dumps(MEMBERSHIP_RECORD)}\n{json.dumps(second)}", encoding="utf-8")
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps(MEMBERSHIP_RECORD), encoding="utf-8")

    code, _, err = run(capsys, "--db", ledger_url, "import", str(bad), str(good))

    assert code == 1, err
    assert "Unexpected error" not in err
    assert f"Error: {bad}, line 2: NUL character in 'evidence[0].note': remove it" in err
    with Ledger.open(ledger_url) as ledger:
        assert ledger.counts()["membership"] == 1


IMPORT_FILES = [
    "fifo-jsonl",
    "symlink-to-dev-zero",
    "symlink-to-dev-null",
    "broken-symlink",
    "missing",
    "socket",
]
"""Rows of FILES given to `pactwatch import`: the same refusals as the reader's, unopened."""


@pytest.mark.parametrize("name", [*IMPORT_FILES, "folder"])
def test_import_refuses_what_is_no_regular_file_and_goes_on(
    tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str], name: str, unblock: list[Path]
) -> None:
    """`import` read with an unbounded read_text: a FIFO hung, a link to /dev/zero grew without
    end. Each is now refused by ``stat`` before it is opened, and the next file imported."""
    if name == "folder":
        make, reason = folder_named("claims.jsonl", "a.jsonl"), "a folder, not a file"
    else:
        [(make, reason)] = [(make, reason) for case, make, _, reason in FILES if case == name]
    bad = make(tmp_path)
    if bad.is_fifo():
        unblock.append(bad)
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps(MEMBERSHIP_RECORD), encoding="utf-8")

    code, _, err = run(capsys, "--db", db, "import", str(bad), str(good))

    assert code == 1, err
    assert "Unexpected error" not in err
    [line] = [line for line in err.splitlines() if line.startswith("Error:")]
    assert line.startswith(f"Error: {bad}: ") and reason in line, line
    with Ledger.open(db) as ledger:
        assert ledger.counts()["membership"] == 1


def test_a_control_character_in_a_name_cannot_forge_a_line(
    tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file named 'evil\\nFailed: nothing.txt' printed a second, forged `Failed:` line."""
    news = tmp_path / "news"
    news.mkdir()
    (news / "a-good.txt").write_text(ENGLISH, encoding="utf-8")
    (news / "evil\nFailed: nothing.txt").write_bytes(b"")
    (news / "tab\tand\x1b[31mred\u2028.txt").write_bytes(b"")

    code, _, err = run(capsys, "ingest", "--db", db, str(news))

    assert code == 1
    assert [line for line in err.splitlines() if line.startswith("Failed:")] == [
        f"Failed: {news}/evil\\nFailed: nothing.txt: empty file: nothing to read",
        f"Failed: {news}/tab\\tand\\x1b[31mred\\u2028.txt: empty file: nothing to read",
    ]
    assert stored(db) == {str(news / "a-good.txt")}
