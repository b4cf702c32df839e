"""What goes into the ledger comes back unchanged, and an export re-imports to the same ledger."""

from __future__ import annotations

import dataclasses
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from pactwatch.model import ClaimWithReviews, Document
from pactwatch.store import ExportFormat, Store, export_ledger, import_lines, init_ledger
from pactwatch.store.exchange import jsonl_lines
from tests.strategies import ledger_contents

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _fresh(folder: str, name: str) -> Store:
    path = Path(folder) / name
    init_ledger(path)
    return Store.open(path)


def _export(ledger: Store) -> str:
    out = io.BytesIO()
    export_ledger(ledger, ExportFormat.JSONL, out)
    return out.getvalue().decode("utf-8")


@SETTINGS
@given(ledger_contents())
def test_store_round_trip(contents: list[Document | ClaimWithReviews]) -> None:
    with tempfile.TemporaryDirectory() as folder, _fresh(folder, "a.db") as ledger:
        ledger.add(contents)
        docs = [item for item in contents if isinstance(item, Document)]
        stored = [item for item in contents if isinstance(item, ClaimWithReviews)]
        stored_docs = [dataclasses.replace(d, recorded_at=None) for d in ledger.documents()]
        assert sorted(stored_docs, key=lambda d: d.id) == sorted(docs, key=lambda d: d.id)
        back = {claim.id: claim for claim in ledger.claims()}
        assert set(back) == {item.claim.id for item in stored}
        for item in stored:
            got = back[item.claim.id]
            expected_status = item.reviews[-1].status if item.reviews else got.status
            assert got.status == expected_status
            assert (
                dataclasses.replace(got, recorded_at=None, status=item.claim.status) == item.claim
            )
            assert ledger.history(item.claim.id) == item.reviews


@SETTINGS
@given(ledger_contents())
def test_export_then_import_into_an_empty_ledger_gives_the_same_ledger(
    contents: list[Document | ClaimWithReviews],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        with _fresh(folder, "a.db") as first:
            first.add(contents)
            exported = _export(first)
        with _fresh(folder, "b.db") as second:
            import_lines(second, jsonl_lines(exported), source="export.jsonl")
            assert _export(second) == exported
