"""Bulk ingestion: every engine writes the ledger a serial run writes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pactwatch.bulk import ingest_bulk
from pactwatch.documents import ReadOptions
from pactwatch.pipeline import Extracted, Summary, extract_paths
from pactwatch.store import Store, init_ledger
from tests.bulk.ledgers import dump, write_inputs
from tests.conftest import run
from tests.postgres import fresh_database


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_inputs(tmp_path_factory.mktemp("inputs"))


@pytest.fixture(scope="module")
def serial(inputs: list[Path], tmp_path_factory: pytest.TempPathFactory) -> str:
    """The ledger of a plain serial run, one transaction per document."""
    url = f"sqlite:///{tmp_path_factory.mktemp('serial') / 'ledger.db'}"
    init_ledger(url)
    with Store.open(url) as ledger:
        summary = ingest_bulk(ledger, inputs, ReadOptions())
    assert summary.documents > 40 and summary.claims > 100
    return url


def _fresh(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'ledger.db'}"
    init_ledger(url)
    return url


def test_the_serial_run_counts_what_it_read(inputs: list[Path], tmp_path: Path) -> None:
    url = _fresh(tmp_path)
    with Store.open(url) as ledger:
        summary = ingest_bulk(ledger, inputs, ReadOptions())
    # 51 good records and 4 pages (their main text differs from the records': new documents)
    assert (summary.documents, summary.stored_documents) == (55, 55)
    assert summary.claims == summary.stored_claims > 100
    assert [f.source.rsplit("/", 1)[-1] for f in summary.failures] == [
        "news.jsonl, line 11",
        "news.jsonl, line 53",
    ]
    assert [s.source for s in summary.skipped] == [
        f"{inputs[1]}, record 6 (https://example.org/logo.png)"
    ]


@pytest.mark.parametrize("batch", [1, 7, 500])
def test_batches_of_documents_store_the_serial_ledger(
    inputs: list[Path], serial: str, tmp_path: Path, batch: int
) -> None:
    url = _fresh(tmp_path)
    with Store.open(url) as ledger:
        ingest_bulk(ledger, inputs, ReadOptions(), batch=batch)
    assert dump(url) == dump(serial)


def test_two_processes_store_the_serial_ledger(
    inputs: list[Path], serial: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = _fresh(tmp_path)
    code, _out, err = run(capsys, "--db", url, "ingest", *map(str, inputs), "--jobs", "2")
    assert code == 1  # the broken line and the record with no text fail the batch, as serially
    assert "55 document(s) read" in err and "2 failure(s), 1 skipped" in err
    assert dump(url) == dump(serial)


def test_extraction_in_processes_gives_items_in_input_order(inputs: list[Path]) -> None:
    from pactwatch.bulk.processes import extract_in_processes

    serial = list(extract_paths(inputs, ReadOptions(), Summary()))
    parallel = list(extract_in_processes(inputs, ReadOptions(), 2))
    assert [_key(item) for item in parallel] == [_key(item) for item in serial]


def _key(item: object) -> tuple[str, ...]:
    if isinstance(item, Extracted):
        return (item.document.id, *sorted(claim.id for claim in item.claims))
    return (repr(item),)


def test_ray_with_two_workers_stores_the_serial_ledger(
    inputs: list[Path], serial: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = _fresh(tmp_path)
    staging = tmp_path / "staged"
    code, _out, err = run(
        capsys,
        "--db",
        url,
        "ingest",
        *map(str, inputs),
        "--engine",
        "ray",
        "--jobs",
        "2",
        "--staging",
        str(staging),
    )
    assert code == 1, err
    assert "55 document(s) read" in err and "2 failure(s), 1 skipped" in err
    assert dump(url) == dump(serial)
    assert list(staging.glob("*.parquet")), "the staged claims are kept where asked"


def test_ray_missing_says_how_to_install_it(
    inputs: list[Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray raises ImportError
    url = _fresh(tmp_path)
    before = dump(url)
    code, _out, err = run(capsys, "--db", url, "ingest", str(inputs[0]), "--engine", "ray")
    assert code == 1
    assert "pip install 'pactwatch[ray]'" in err and "--jobs N" in err
    assert "Traceback" not in err
    assert dump(url) == before


def test_staging_without_ray_is_refused(
    inputs: list[Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = _fresh(tmp_path)
    code, _out, err = run(
        capsys, "--db", url, "ingest", str(inputs[0]), "--staging", str(tmp_path / "s")
    )
    assert code == 1 and "--engine ray" in err


@pytest.mark.postgres
def test_batches_through_copy_store_the_serial_ledger_on_postgresql(
    inputs: list[Path], postgres_admin_url: str
) -> None:
    """On PostgreSQL a batch goes in through COPY: the rows read back as INSERTed ones do."""
    ledgers = []
    for batch in (1, 500):
        url = fresh_database(postgres_admin_url)
        init_ledger(url)
        with Store.open(url) as ledger:
            ingest_bulk(ledger, inputs, ReadOptions(), batch=batch)
        ledgers.append(dump(url))
    assert ledgers[0] == ledgers[1]
    assert len(ledgers[0]["claims"]) > 100 and len(ledgers[0]["evidence"]) > 100


def test_copy_is_used_for_large_batches_on_postgresql_only(
    inputs: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite never takes the COPY path (it has no COPY)."""
    from pactwatch.store import bulk

    def refuse(*_: object) -> None:
        raise AssertionError("COPY on SQLite")

    monkeypatch.setattr(bulk, "_copy", refuse)
    url = _fresh(tmp_path)
    with Store.open(url) as ledger:
        summary = ingest_bulk(ledger, inputs, ReadOptions(), batch=500)
    assert summary.stored_claims > 100
