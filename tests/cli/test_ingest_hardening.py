"""`ingest` on hostile batches: every bad input is one `Failed:` line and the batch goes on.

Issue 12: a text over spaCy's 1,000,000-character limit, a FIFO or a device under a text
name, an unreadable file and a bug in the rules for one document each stopped the batch
(exit 70, or a hang); each must now be reported by name, the good files still stored.
"""

from __future__ import annotations

import builtins
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pactwatch.api import Ledger
from pactwatch.extract import extract as real_extract
from pactwatch.model import SpanEvidence
from tests.conftest import run
from tests.extract.test_long_text import BRITAIN, long_text
from tests.test_bad_inputs import watching_fifos

GOOD = (
    "Finland formally joined NATO on Tuesday in Brussels, the foreign minister said after "
    "the ceremony, where the leaders of the other member states welcomed the new ally."
)
LATER = "Greece has signed on to the G7 joint declaration of support for Ukraine."


@pytest.fixture
def news(tmp_path: Path) -> Path:
    """A folder whose first and last files are good articles."""
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a-good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "z-good.md").write_text(f"# Greece signs\n\n{LATER} {GOOD}", encoding="utf-8")
    return folder


def stored(db: str) -> set[str]:
    with Ledger.open(db) as ledger:
        return {Path(document.source).name for document in ledger.documents()}


@pytest.fixture
def unblock() -> Iterator[list[Path]]:
    with watching_fifos() as fifos:
        yield fifos


def failures(err: str) -> list[str]:
    assert "Unexpected error" not in err, err
    return [line for line in err.splitlines() if line.startswith("Failed:")]


def test_ingest_reads_a_text_over_spacys_limit_in_pieces_and_goes_on(
    db: str, news: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = long_text(1_060_000)
    (news / "m-long.txt").write_text(text, encoding="utf-8")
    assert (news / "m-long.txt").stat().st_size < 5_000_000 < len(text) * 5

    code, _, err = run(capsys, "ingest", "--db", db, "--published", "2026-01-07", str(news))

    assert code == 0, err
    assert failures(err) == []
    assert stored(db) == {"a-good.txt", "m-long.txt", "z-good.md"}
    with Ledger.open(db) as ledger:
        [document] = [d for d in ledger.documents() if d.source.endswith("m-long.txt")]
        spans = [
            e
            for claim in ledger.claims()
            for e in claim.evidence
            if isinstance(e, SpanEvidence) and e.document == document.id
        ]
    assert any(span.text == BRITAIN for span in spans)
    assert all(document.text[span.start : span.end] == span.text for span in spans)


@pytest.mark.parametrize("name", ["x.txt", "x.jsonl", "x.html"])
def test_ingest_refuses_a_fifo_without_opening_it(
    db: str, news: Path, capsys: pytest.CaptureFixture[str], unblock: list[Path], name: str
) -> None:
    fifo = news / name
    os.mkfifo(fifo)
    unblock.append(fifo)

    started = time.perf_counter()
    code, _, err = run(capsys, "ingest", "--db", db, str(news), str(fifo))

    assert time.perf_counter() - started < 30
    assert code == 1
    assert (
        failures(err)
        == [f"Failed: {fifo}: not a regular file but a FIFO: save the text to a file and give that"]
        * 2
    )
    assert stored(db) == {"a-good.txt", "z-good.md"}


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/urandom"])
def test_ingest_refuses_a_symlink_to_a_device(
    db: str, news: Path, capsys: pytest.CaptureFixture[str], target: str
) -> None:
    link = news / "endless.txt"
    link.symlink_to(target)
    code, _, err = run(capsys, "ingest", "--db", db, str(link), str(news))
    assert code == 1
    assert (
        failures(err)
        == [
            f"Failed: {link}: not a regular file but a device: save the text "
            "to a file and give that"
        ]
        * 2
    )
    assert stored(db) == {"a-good.txt", "z-good.md"}


def test_ingest_reports_an_unreadable_file_and_goes_on(
    db: str, news: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The system refuses to open one file (as for a file mode 000 read by another user;
    the tests may run as root, for whom modes do not count): every way Python opens a file
    is refused for it, the real reader code runs on everything else."""
    locked = news / "m-locked.txt"
    locked.write_text(GOOD + " Locked.", encoding="utf-8")
    real_open = builtins.open

    def refusing_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file) == str(locked):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refusing_open)
    monkeypatch.setattr(io, "open", refusing_open)

    code, _, err = run(capsys, "ingest", "--db", db, str(news))

    monkeypatch.undo()
    assert code == 1
    assert failures(err) == [f"Failed: {locked}: permission denied: check the file's permissions"]
    assert stored(db) == {"a-good.txt", "z-good.md"}


NOBODY = 65534
AS_NOBODY = f"""
import os, sys
from pactwatch.cli import main
from pactwatch.extract import extract as real_extract
warm_db, warm_file, *args = sys.argv[1:]
try:
    main(["ingest", "--db", warm_db, warm_file])
except SystemExit:
    pass
os.setgid({NOBODY}); os.setuid({NOBODY})
main(args)
"""
"""Run the CLI as nobody: one ingest as root first (a warm-up on a ledger of its own) loads
every module and data file the command reads, as the interpreter's and the checkout's own
files may be readable by root only (a clone in a 0700 temporary folder, as CI makes)."""


@pytest.mark.skipif(not hasattr(os, "setuid"), reason="POSIX permissions")
def test_ingest_reports_a_file_without_read_permission_for_real(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The same through a real mode 000 file, read in a process that is not root."""
    root = Path(tempfile.mkdtemp(prefix="pactwatch-perm-"))
    try:
        root.chmod(0o777)
        db = root / "ledger.db"
        assert run(capsys, "init", "--db", str(db))[0] == 0
        db.chmod(0o666)
        news = root / "news"
        news.mkdir()
        (news / "a-good.txt").write_text(GOOD, encoding="utf-8")
        locked = news / "m-locked.txt"
        locked.write_text(GOOD + " Locked.", encoding="utf-8")
        locked.chmod(0o000)
        command = ["ingest", "--db", str(db), str(news)]
        if os.geteuid() == 0:
            warm = root / "warm.txt"
            warm.write_text(GOOD, encoding="utf-8")
            assert run(capsys, "init", "--db", str(root / "warm.db"))[0] == 0
            command = ["-c", AS_NOBODY, str(root / "warm.db"), str(warm), *command]
        else:
            command = ["-c", "from pactwatch.cli import main; main()", *command]
        done = subprocess.run(
            [sys.executable, *command],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=root,
        )
        assert done.returncode == 1, done.stderr
        assert failures(done.stderr) == [
            f"Failed: {locked}: permission denied: check the file's permissions"
        ]
        assert stored(str(db)) == {"a-good.txt"}
    finally:
        shutil.rmtree(root, ignore_errors=True)


def test_a_bug_in_the_rules_for_one_document_is_reported_and_the_batch_goes_on(
    db: str, news: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (news / "m-trips.txt").write_text(GOOD + " Trips the rules.", encoding="utf-8")

    def extract(document: Any) -> Any:
        if "Trips the rules" in document.text:
            raise KeyError("no-such-label")
        return real_extract(document)

    monkeypatch.setattr("pactwatch.pipeline.extract", extract)
    code, _, err = run(capsys, "ingest", "--db", db, str(news))

    assert code == 1
    [line] = failures(err)
    assert line.startswith(f"Failed: {news / 'm-trips.txt'}: extraction failed (a bug: KeyError")
    assert stored(db) == {"a-good.txt", "z-good.md"}
