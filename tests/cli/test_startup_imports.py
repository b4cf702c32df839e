"""Start-up stays light: `pactwatch --help` and `pactwatch roster` import only what they use.

Guarded by what is imported, not by timing (bench/cli_startup.py times it; docs/startup.md).
Each check runs in a fresh interpreter, since this test process has imported everything.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import click
import pytest

from pactwatch.cli import cli
from pactwatch.cli.app import COMMANDS

HEAVY = (
    "spacy",
    "sqlalchemy",
    "alembic",
    "fastapi",
    "rich",
    "pydantic",
    "jinja2",
    "uvicorn",
    "datasketch",
    "numpy",
    "scipy",
    "pycountry",
)

REPORT = """
import json, sys
{before}
print(json.dumps(sorted(
    name for name in sys.modules
    if name.split('.')[0] in {heavy}
    or name.startswith(('pactwatch.extract', 'pactwatch.web', 'pactwatch.model.records',
                         'pactwatch.store.exchange', 'pactwatch.reason.commitments'))
)))
"""


def imported_after(code: str) -> list[str]:
    """The heavy modules a fresh interpreter has imported after running ``code``."""
    script = REPORT.format(before=code, heavy=set(HEAVY))
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    found: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def test_importing_the_cli_imports_nothing_heavy() -> None:
    assert imported_after("import pactwatch.cli") == []


def test_importing_pactwatch_imports_nothing_heavy() -> None:
    assert imported_after("import pactwatch") == []


def test_group_help_lists_every_command_without_importing_any() -> None:
    code = (
        "from pactwatch.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
    )
    assert imported_after(code) == []
    done = subprocess.run(
        [sys.executable, "-m", "pactwatch", "--help"], capture_output=True, text=True, check=True
    )
    listed = done.stdout.split("Commands:")[1]
    for name in COMMANDS:
        assert f"\n  {name} " in listed, name


def test_roster_imports_no_extraction_web_or_migration_code(tmp_path: Path) -> None:
    db = str(tmp_path / "ledger.db")
    for args in (["init", "--db", db], ["--db", db, "import", "--reference"]):
        subprocess.run([sys.executable, "-m", "pactwatch", *args], check=True, capture_output=True)
    code = (
        "from pactwatch.cli import main\n"
        f"try:\n    main(['--db', {db!r}, 'roster', 'coalition-of-the-willing'])\n"
        "except SystemExit as done:\n    assert not done.code, done.code\n"
    )
    loaded = imported_after(code)
    top = {name.split(".")[0] for name in loaded}
    heavy = {"spacy", "alembic", "fastapi", "uvicorn", "jinja2", "datasketch", "numpy", "scipy"}
    assert not top & heavy, sorted(top)
    assert not [name for name in loaded if name.startswith(("pactwatch.extract", "pactwatch.web"))]
    assert "pactwatch.model.records" not in loaded  # the import format's models
    # The catalogue was cached by the commands above: it is read back, not validated again.
    assert not top & {"pydantic", "pycountry"}, sorted(top)
    # Only the names the roster uses are imported from the store and the reasoning.
    assert not {"pactwatch.store.exchange", "pactwatch.reason.commitments"} & set(loaded)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_group_knows_each_commands_module_and_first_sentence(name: str) -> None:
    module, short_help = COMMANDS[name]
    command = cli.get_command(click.Context(cli), name)
    assert command is not None, f"{module} does not register {name!r}"
    assert command.callback is not None and command.callback.__module__ == module
    assert command.get_short_help_str(limit=10_000) == short_help


def test_every_command_the_modules_register_is_listed() -> None:
    for module, _ in COMMANDS.values():
        importlib.import_module(module)
    assert set(cli.commands) == set(COMMANDS)
