"""Archives damaged at random (cut short, bytes overwritten): each still gives documents and
one-line rejections naming the archive, never an exception."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from pactwatch.documents import ReadOptions, Rejected, read_inputs
from pactwatch.model import Document
from tests.documents.archive_files import (
    ARTICLES,
    Capture,
    capture,
    write_jsonl_gz,
    write_parquet,
    write_warc,
)
from tests.fuzz.strategies import FUZZ


def _good_archives() -> dict[str, bytes]:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        pages = [capture(a) for a in ARTICLES]
        pages.append(
            Capture(url="https://example.org/x", body=b"\x00\x01", content_type="image/png")
        )
        columns = {key: [a[key] for a in ARTICLES] for key in ("url", "title", "published", "text")}
        made = [
            write_jsonl_gz(folder / "a.jsonl.gz", ARTICLES),
            write_parquet(folder / "a.parquet", columns, row_group=2),
            write_warc(folder / "a.warc.gz", pages, gz=True),
            write_warc(folder / "a.warc", pages, gz=False),
        ]
        return {"".join(path.suffixes): path.read_bytes() for path in made}


GOOD = _good_archives()


@FUZZ
@given(
    suffix=st.sampled_from(sorted(GOOD)),
    cut=st.floats(0, 1),
    at=st.floats(0, 1),
    noise=st.binary(max_size=64),
)
def test_a_damaged_archive_is_read_or_refused_record_by_record(
    suffix: str, cut: float, at: float, noise: bytes
) -> None:
    data = bytearray(GOOD[suffix][: max(1, int(len(GOOD[suffix]) * cut))])
    start = int(len(data) * at)
    data[start : start + len(noise)] = noise
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"news{suffix}"
        path.write_bytes(bytes(data))
        found = list(read_inputs([path], ReadOptions()))
    assert found
    for item in found:
        assert isinstance(item, Document | Rejected), item
        if isinstance(item, Rejected):
            assert item.reason and "\n" not in item.reason, item
            assert item.source.startswith(str(path)), item
        else:
            assert item.text.strip()
