"""The document reader on arbitrary bytes under every supported name: a Document or a
one-line Rejected, never an exception."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from pactwatch.documents import ReadOptions, Rejected, read_inputs
from pactwatch.documents.reader import HTML_SUFFIXES, JSONL_SUFFIXES, TEXT_SUFFIXES
from pactwatch.model import Document
from tests.fuzz.strategies import FUZZ, json_values, near_articles

ENCODINGS = st.none() | st.sampled_from(["utf-8", "cp1252", "utf-16", "latin-1"])


def read_bytes_as(data: bytes, suffix: str, options: ReadOptions) -> list[Document | Rejected]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        read = list(read_inputs([path], options))
    assert read
    for item in read:
        assert isinstance(item, Document | Rejected), item
        if isinstance(item, Rejected):
            assert item.reason and "\n" not in item.reason, item
            assert item.source.startswith(str(path)), item
        else:
            assert item.text.strip()
    return read


@FUZZ
@given(
    data=st.binary(max_size=3000),
    suffix=st.sampled_from(sorted(TEXT_SUFFIXES | JSONL_SUFFIXES)),
    encoding=ENCODINGS,
    max_bytes=st.integers(1, 4000),
)
def test_any_bytes_as_text_or_jsonl_are_read_or_refused(
    data: bytes, suffix: str, encoding: str | None, max_bytes: int
) -> None:
    read_bytes_as(data, suffix, ReadOptions(encoding=encoding, max_bytes=max_bytes))


@FUZZ
@given(
    data=st.binary(max_size=2000) | near_articles.map(str.encode),
    suffix=st.sampled_from(sorted(HTML_SUFFIXES)),
)
def test_any_bytes_as_html_are_read_or_refused(data: bytes, suffix: str) -> None:
    read_bytes_as(data, suffix, ReadOptions())


@FUZZ
@given(
    lines=st.lists(
        json_values
        | st.fixed_dictionaries(
            {"text": near_articles | json_values},
            optional={
                "url": json_values,
                "title": json_values,
                "published": st.dates().map(str) | json_values,
                "publisher": json_values,
            },
        ),
        min_size=1,
        max_size=4,
    )
)
def test_any_json_lines_are_read_or_refused(lines: list[object]) -> None:
    data = "\n".join(json.dumps(line) for line in lines).encode()
    read_bytes_as(data, ".jsonl", ReadOptions())
