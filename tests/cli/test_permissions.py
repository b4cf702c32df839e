"""Permissions in a batch: what the system will not let us read is one line, and the batch goes on.

Issue 12 audit: a folder holding a symlink into a folder we may not enter, a file named inside
such a folder, a file without read permission named on the command line (which click refused
with the whole command) and a folder we may not list (skipped in silence) each stopped or
spoiled the batch; `import` of a link into such a folder crashed (exit 70). Each now gives one
line naming the path, and the good inputs are still stored.

Root ignores permissions, so the command runs in a process that drops to ``nobody`` (as in
tests/cli/test_ingest_hardening.py), after a warm-up run as root that loads every module and
data file the command reads (a clone in a 0700 folder, as CI makes, is root's alone).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from pactwatch.api import Ledger
from tests.cli.test_ingest_hardening import GOOD, LATER, failures
from tests.conftest import MEMBERSHIP_RECORD, run

pytestmark = pytest.mark.skipif(not hasattr(os, "setuid"), reason="POSIX permissions")

NOBODY = 65534
AS_NOBODY = f"""
import contextlib, io, json, os, sys
from pactwatch.cli import main
warm_up, args = json.loads(sys.argv[1]), json.loads(sys.argv[2])
for command in warm_up:
    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        try:
            main(command)
        except SystemExit:
            pass
if os.geteuid() == 0:
    os.setgroups([]); os.setgid({NOBODY}); os.setuid({NOBODY})
main(args)
"""


@pytest.fixture
def place(capsys: pytest.CaptureFixture[str]) -> Iterator[Path]:
    """A folder anyone may enter, with a ledger anyone may write, a warm-up ledger, a good
    article and good claims, and folders and files closed to all but root:

    news/a-good.txt, news/l-link.txt -> locked/hidden.txt, news/sub/ (mode 000),
    locked/ (mode 000), closed/c.txt (closed mode 000), unreadable.txt (mode 000),
    b-good.txt, good.jsonl, link.jsonl -> locked/claims.jsonl
    """
    root = Path(tempfile.mkdtemp(prefix="pactwatch-perm-"))
    try:
        root.chmod(0o777)
        for name in ("ledger.db", "warm.db"):
            assert run(capsys, "init", "--db", str(root / name))[0] == 0
            (root / name).chmod(0o666)
        (root / "warm.txt").write_text(GOOD, encoding="utf-8")
        (root / "b-good.txt").write_text(f"{LATER} {GOOD}", encoding="utf-8")
        (root / "good.jsonl").write_text(json.dumps(MEMBERSHIP_RECORD), encoding="utf-8")
        news = root / "news"
        (news / "sub").mkdir(parents=True)
        (news / "a-good.txt").write_text(GOOD, encoding="utf-8")
        (news / "sub" / "s.txt").write_text(GOOD + " Below.", encoding="utf-8")
        (news / "l-link.txt").symlink_to(root / "locked" / "hidden.txt")
        (root / "locked").mkdir()
        (root / "locked" / "hidden.txt").write_text(GOOD + " Hidden.", encoding="utf-8")
        (root / "locked" / "claims.jsonl").write_text(json.dumps(MEMBERSHIP_RECORD), "utf-8")
        (root / "link.jsonl").symlink_to(root / "locked" / "claims.jsonl")
        (root / "closed").mkdir()
        (root / "closed" / "c.txt").write_text(GOOD + " Closed.", encoding="utf-8")
        (root / "unreadable.txt").write_text(GOOD + " Unreadable.", encoding="utf-8")
        for closed in ("news/sub", "locked", "closed", "unreadable.txt"):
            (root / closed).chmod(0o000)
        yield root
    finally:
        for closed in ("news/sub", "locked", "closed"):
            (root / closed).chmod(0o755)
        shutil.rmtree(root, ignore_errors=True)


def as_nobody(root: Path, warm_up: list[list[str]], args: list[str]) -> tuple[int, str]:
    done = subprocess.run(
        [sys.executable, "-c", AS_NOBODY, json.dumps(warm_up), json.dumps(args)],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=root,
    )
    return done.returncode, done.stderr


def stored(db: Path) -> set[str]:
    with Ledger.open(str(db)) as ledger:
        return {Path(document.source).name for document in ledger.documents()}


CASES = [
    (
        "symlink-into-a-closed-folder",
        ["news"],
        "news/l-link.txt",
        "permission denied: cannot enter the folder '{root}/locked': check its permissions",
        {"a-good.txt"},
    ),
    (
        "file-in-a-closed-folder-named",
        ["closed/c.txt", "b-good.txt"],
        "closed/c.txt",
        "permission denied: cannot enter the folder '{root}/closed': check its permissions",
        {"b-good.txt"},
    ),
    (
        "unreadable-file-named",
        ["unreadable.txt", "b-good.txt"],
        "unreadable.txt",
        "permission denied: check the file's permissions",
        {"b-good.txt"},
    ),
]


@pytest.mark.parametrize(
    ("given", "bad", "reason", "kept"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_ingest_reports_what_it_may_not_read_and_goes_on(
    place: Path, given: list[str], bad: str, reason: str, kept: set[str]
) -> None:
    paths = [str(place / name) for name in given]
    code, err = as_nobody(
        place,
        [["ingest", "--db", str(place / "warm.db"), str(place / "warm.txt")]],
        ["ingest", "--db", str(place / "ledger.db"), *paths],
    )
    assert code == 1, err
    expected = f"Failed: {place / bad}: {reason.format(root=place)}"
    assert expected in failures(err), err
    assert stored(place / "ledger.db") == kept


def test_ingest_reports_a_folder_it_may_not_list(place: Path) -> None:
    """An unreadable subfolder was skipped in silence (exit 0): now it is a failure."""
    code, err = as_nobody(
        place,
        [["ingest", "--db", str(place / "warm.db"), str(place / "warm.txt")]],
        [
            "ingest",
            "--db",
            str(place / "ledger.db"),
            str(place / "news"),
            str(place / "b-good.txt"),
        ],
    )
    assert code == 1, err
    assert failures(err) == [
        f"Failed: {place / 'news/l-link.txt'}: permission denied: cannot enter the folder "
        f"'{place / 'locked'}': check its permissions",
        f"Failed: {place / 'news/sub'}: permission denied: cannot list this folder: check its "
        "permissions",
    ]
    assert stored(place / "ledger.db") == {"a-good.txt", "b-good.txt"}


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        (
            "link.jsonl",
            "permission denied: cannot enter the folder '{root}/locked': check its permissions",
        ),
        ("closed/c.txt", "permission denied: cannot enter the folder '{root}/closed'"),
        ("unreadable.txt", "permission denied: check the file's permissions"),
    ],
)
def test_import_reports_what_it_may_not_read_and_goes_on(
    place: Path, bad: str, reason: str
) -> None:
    code, err = as_nobody(
        place,
        [["--db", str(place / "warm.db"), "import", str(place / "good.jsonl")]],
        ["--db", str(place / "ledger.db"), "import", str(place / bad), str(place / "good.jsonl")],
    )
    assert code == 1, err
    assert "Unexpected error" not in err
    [line] = [line for line in err.splitlines() if line.startswith("Error:")]
    assert line.startswith(f"Error: {place / bad}: {reason.format(root=place)}"), err
    with Ledger.open(str(place / "ledger.db")) as ledger:
        assert ledger.counts()["membership"] == 1
