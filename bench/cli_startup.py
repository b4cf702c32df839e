"""CLI start-up time: how long a command takes before it does anything.

Builds a small ledger in a temporary folder (``pactwatch init`` + ``import --reference``),
then times --runs subprocess runs of each command (wall time, median):

  python       python -c pass: the interpreter's own floor, the baseline of the run
  help         pactwatch --help                                            target <= 0.3 s
  roster       pactwatch --db X roster coalition-of-the-willing            target <= 0.6 s

and prints each median, its ratio to ``python -c pass`` and PASS/FAIL against the target.

Figures on this project's shared 2-core machine (median of 5; runs vary by about 0.05 s):

  before  python 0.012 s, help 1.48 s, roster 1.63 s  (every command module, spaCy, the web
          app and Alembic imported at start)
  after   python 0.011-0.017 s, help 0.05-0.07 s, roster 0.49-0.67 s (usually under 0.6 s)
  now     python 0.014-0.018 s, help 0.06-0.07 s, roster 0.47-0.50 s (median of 9, 2026-12-03;
          catalogue cached, lazy store and reason packages, no final garbage collection)

How the commands import only what they use: docs/startup.md.

Run:  .venv/bin/python bench/cli_startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGETS = {"help": 0.3, "roster": 0.6}


def pactwatch() -> list[str]:
    """The installed console script beside this interpreter, else ``python -m pactwatch``."""
    script = Path(sys.executable).with_name("pactwatch")
    return [str(script)] if script.exists() else [sys.executable, "-m", "pactwatch"]


def run(command: list[str], cwd: Path) -> None:
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)


def median_seconds(command: list[str], cwd: Path, runs: int) -> float:
    """The median wall time of ``runs`` runs, after one untimed run to warm the disk cache."""
    run(command, cwd)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run(command, cwd)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def without_bytecode() -> int:
    """How many of pactwatch's modules have no bytecode as new as their source."""
    import importlib.util

    import pactwatch

    missing = 0
    for source in Path(pactwatch.__file__).parent.rglob("*.py"):
        compiled = Path(importlib.util.cache_from_source(str(source)))
        if not compiled.exists() or compiled.stat().st_mtime < source.stat().st_mtime:
            missing += 1
    return missing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="Timed runs per command.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pactwatch-startup-") as folder:
        where = Path(folder)
        db = str(where / "ledger.db")
        run([*pactwatch(), "init", "--db", db], where)
        run([*pactwatch(), "--db", db, "import", "--reference"], where)
        commands = {
            "python": [sys.executable, "-c", "pass"],
            "help": [*pactwatch(), "--help"],
            "roster": [*pactwatch(), "--db", db, "roster", "coalition-of-the-willing"],
        }
        figures = {
            name: median_seconds(command, where, args.runs) for name, command in commands.items()
        }
    floor = figures["python"]
    uncompiled = without_bytecode()
    if os.environ.get("PYTHONDONTWRITEBYTECODE") and uncompiled:
        print(
            f"PYTHONDONTWRITEBYTECODE is set and {uncompiled} of pactwatch's modules have no "
            "current bytecode: they are compiled on every run (`python -m compileall src`, "
            "which `make install` runs, writes it)"
        )
    print(f"command   median_s  ratio_to_python  target_s  verdict  (median of {args.runs})")
    failed = False
    for name, seconds in figures.items():
        target = TARGETS.get(name)
        verdict = "" if target is None else ("PASS" if seconds <= target else "FAIL")
        failed = failed or verdict == "FAIL"
        print(
            f"{name:<9} {seconds:8.3f}  {seconds / floor:15.1f}  "
            f"{'' if target is None else f'{target:8.2f}':>8}  {verdict}"
        )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
