"""Reading inputs: every bad file gets a one-line reason and the batch goes on."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from pactwatch.documents import ReadOptions, Rejected, read_inputs
from pactwatch.model import Document

ENGLISH = (
    "Canada has formally joined the coalition of nations that pledged to guarantee the "
    "security of Ukraine after a peace agreement is reached, the prime minister said on "
    "Tuesday in Paris, where he met the leaders of the other countries in the group."
)


def read(*paths: Path, **options: object) -> list[Document | Rejected]:
    return list(read_inputs(paths, ReadOptions(**options)))  # type: ignore[arg-type]


def test_text_file_with_published_date(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    [document] = read(path, published=dt.date(2026, 1, 6))
    assert isinstance(document, Document)
    assert document.published == dt.date(2026, 1, 6)


def test_html_main_text_is_extracted(tmp_path: Path) -> None:
    path = tmp_path / "a.html"
    path.write_text(
        f"<html><head><title>Canada joins</title></head><body><nav>Home | News</nav>"
        f"<article><h1>Canada joins</h1><p>{ENGLISH}</p><p>{ENGLISH}</p></article>"
        "</body></html>",
        encoding="utf-8",
    )
    [document] = read(path)
    assert isinstance(document, Document)
    assert "formally joined" in document.text and "Home | News" not in document.text


def test_jsonl_records_use_url_as_source(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    lines = [
        {
            "url": "https://example.org/1",
            "title": "One",
            "published": "2026-01-06",
            "text": ENGLISH,
        },
        "not json",
        {"url": "https://example.org/2", "text": ""},
    ]
    path.write_text(
        "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines), encoding="utf-8"
    )
    first, second, third = read(path)
    assert isinstance(first, Document) and first.source == "https://example.org/1"
    assert first.published == dt.date(2026, 1, 6)
    assert (
        isinstance(second, Rejected)
        and "line 2" in second.source
        and "not valid JSON" in second.reason
    )
    assert isinstance(third, Rejected) and "empty text" in third.reason


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"   \n", "empty file"),
        ("binary.txt", b"\x00\x01\x02PNG", "binary file"),
        ("page.html", b"<html><body><nav>Menu</nav></body></html>", "HTML without article text"),
        (
            "french.txt",
            (
                "Le Canada a rejoint la coalition des pays qui promettent de garantir la "
                "s\u00e9curit\u00e9 de l'Ukraine apr\u00e8s un accord de paix, a d\u00e9clar\u00e9 "
                "mardi le premier ministre \u00e0 Paris devant les dirigeants des autres "
                "pays du groupe r\u00e9unis pour l'occasion."
            ).encode(),
            "not English",
        ),
        ("doc.pdf", b"%PDF-1.4", "unsupported file type"),
    ],
)
def test_bad_inputs_get_a_reason(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    [rejected] = read(path)
    assert isinstance(rejected, Rejected)
    assert reason in rejected.reason


def test_size_limit_says_how_to_raise_it(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(ENGLISH * 10, encoding="utf-8")
    [rejected] = read(path, max_bytes=100)
    assert isinstance(rejected, Rejected) and "--max-bytes" in rejected.reason


def test_latin1_text_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes((ENGLISH + " Montr\u00e9al.").encode("latin-1"))
    [document] = read(path)
    assert isinstance(document, Document) and "Montr\u00e9al" in document.text


def test_folder_is_read_recursively_and_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    (tmp_path / "ignored.png").write_bytes(b"\x89PNG")
    results = read(tmp_path)
    assert [type(r).__name__ for r in results] == ["Rejected", "Document"]


def test_a_folder_is_walked_in_the_order_of_its_sorted_names(tmp_path: Path) -> None:
    """The walk that reports folders it may not list keeps the order of
    ``sorted(folder.rglob("*"))``: a folder's entries right after its name, hidden entries
    read, symlinks to folders not followed, a folder named like a file not read as one."""
    for name in ("a/x.txt", "a/b/y.md", "a-b.txt", "a.txt", ".hidden.txt", "z/q.jsonl", "B.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"")
    (tmp_path / "dir.txt").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "a")
    (tmp_path / "link.txt").symlink_to(tmp_path / "a")
    expected = [
        str(path)
        for path in sorted(tmp_path.rglob("*"))
        if path.suffix in {".txt", ".md", ".jsonl"} and not path.is_dir()
    ]
    assert [r.source for r in read(tmp_path)] == expected
    assert len(expected) == 7


def test_folders_nested_deeper_than_the_recursion_limit_are_walked(tmp_path: Path) -> None:
    """The old walk (``rglob``) recursed once per level: a deep enough tree raised
    RecursionError and stopped the batch. pathlib's ``mkdir(parents=True)`` and shutil's
    ``rmtree`` recurse too, so the tree is made and removed one level at a time."""
    levels = [tmp_path / "d"]
    for _ in range(1_099):
        levels.append(levels[-1] / "d")
    try:
        for level in levels:
            level.mkdir()
        (levels[-1] / "a.txt").write_text(ENGLISH, encoding="utf-8")
        [document] = read(tmp_path)
        assert isinstance(document, Document)
        assert document.source == str(levels[-1] / "a.txt")
    finally:
        (levels[-1] / "a.txt").unlink(missing_ok=True)
        for level in reversed(levels):
            if level.is_dir():
                level.rmdir()


def _records(count: int, words: int = 60) -> str:
    body = " ".join([ENGLISH] * max(1, words // 45))
    return "".join(
        json.dumps({"url": f"https://example.org/{n}", "published": "2026-01-06", "text": body})
        + "\n"
        for n in range(count)
    )


def test_jsonl_archive_larger_than_the_limit_is_read_record_by_record(tmp_path: Path) -> None:
    path = tmp_path / "archive.jsonl"
    path.write_text(_records(300), encoding="utf-8")
    assert path.stat().st_size > 40 * 2_000
    results = read(path, max_bytes=2_000)
    assert len(results) == 300 and all(isinstance(r, Document) for r in results)


def test_an_oversized_record_is_refused_by_its_line_and_the_next_one_is_read(
    tmp_path: Path,
) -> None:
    big = json.dumps({"url": "https://example.org/big", "text": ENGLISH * 40})
    path = tmp_path / "mixed.jsonl"
    path.write_text(_records(1) + big + "\n" + _records(1), encoding="utf-8")
    first, second, third = read(path, max_bytes=2_000)
    assert isinstance(first, Document) and isinstance(third, Document)
    assert isinstance(second, Rejected)
    assert second.source.endswith("line 2") and "--max-bytes" in second.reason


def test_jsonl_is_streamed_in_constant_memory(tmp_path: Path) -> None:
    import tracemalloc

    path = tmp_path / "large.jsonl"
    path.write_text(_records(3_000, words=300), encoding="utf-8")
    size = path.stat().st_size
    assert size > 4_000_000
    tracemalloc.start()
    try:
        count = sum(1 for r in read_inputs([path]) if isinstance(r, Document))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 3_000
    assert peak < size / 10, f"peak {peak:,} bytes while reading {size:,}"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"\n\n", "empty file"),
        (b"\x00\x01{}\n", "binary file"),
        (b'{"text": "caf\xe9"}\n', "not UTF-8"),
    ],
)
def test_bad_jsonl_files_get_a_reason(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(content)
    [rejected] = read(path)
    assert isinstance(rejected, Rejected) and reason in rejected.reason


FRENCH = (
    "Le Canada a rejoint la coalition des pays qui promettent de garantir la s\u00e9curit\u00e9 "
    "de l'Ukraine apr\u00e8s un accord de paix, a d\u00e9clar\u00e9 mardi le premier ministre "
    "\u00e0 Paris devant les dirigeants des autres pays du groupe r\u00e9unis pour l'occasion."
)


@pytest.mark.parametrize("text", [FRENCH, "Canada pledged \x00 training to Ukraine."])
def test_a_jsonl_record_refused_for_its_text_is_named_by_its_line(
    tmp_path: Path, text: str
) -> None:
    # Found by the archive fuzz test: a refusal for the text itself (not English, a NUL) named
    # the record's URL alone, so a user could not tell which file and line it came from.
    path = tmp_path / "news.jsonl"
    records = [{"url": "https://example.org/a", "text": "Canada pledged training to Ukraine."}]
    records.append({"url": "https://example.org/b", "text": text})
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    first, second = read(path)
    assert isinstance(first, Document)
    assert isinstance(second, Rejected)
    assert second.source.startswith(f"{path}, line 2"), second.source
