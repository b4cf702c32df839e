"""Staged rows (the Parquet a Ray run writes) read back as the items they were made from."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pactwatch.bulk.staging import STAGED_SCHEMA, from_row, read_staged, to_row
from pactwatch.documents import Rejected
from pactwatch.errors import InputError
from pactwatch.model import Document
from pactwatch.pipeline import Extracted
from tests.strategies import claims, documents, spans


@st.composite
def extracted(draw: st.DrawFn) -> Extracted:
    document = draw(documents())
    found = draw(st.lists(claims(spans(document)), max_size=4))
    signature = draw(st.none() | st.just(b"") | st.binary(min_size=1024, max_size=1024))
    return Extracted(document, found, signature)


@given(extracted())
def test_a_staged_row_reads_back_with_the_same_document_claims_and_ids(item: Extracted) -> None:
    back = from_row(to_row(3, 17, item))
    assert isinstance(back, Extracted)
    assert back.document == item.document
    assert [c.id for c in back.claims] == [c.id for c in item.claims]
    assert back.claims == item.claims
    assert back.signature == item.signature


def test_a_rejection_reads_back_with_its_reason_and_kind() -> None:
    item = Rejected("crawl.warc.gz, record 6 (https://example.org/logo.png)", "an image", True)
    assert from_row(to_row(0, 5, item)) == item


def test_staged_files_are_read_in_input_order_whatever_their_order(tmp_path: Path) -> None:
    items = [Extracted(Document(text=f"Text number {n}.", source=f"s{n}"), []) for n in range(10)]
    rows = [to_row(n // 5, n % 5, item) for n, item in enumerate(items)]
    # the later records land in the file that sorts first, in small row groups, shuffled
    pq.write_table(
        pa.Table.from_pylist(rows[5:][::-1], schema=STAGED_SCHEMA),
        tmp_path / "a.parquet",
        row_group_size=2,
    )
    pq.write_table(
        pa.Table.from_pylist(rows[:5][::-1], schema=STAGED_SCHEMA),
        tmp_path / "b.parquet",
        row_group_size=2,
    )
    back = list(read_staged(tmp_path))
    assert [item.document.source for item in back if isinstance(item, Extracted)] == [
        f"s{n}" for n in range(10)
    ]


def test_an_empty_staging_folder_is_an_error_that_says_so(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="No staged Parquet files"):
        list(read_staged(tmp_path))
