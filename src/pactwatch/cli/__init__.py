"""The command-line interface: a thin adapter over the library."""

from pactwatch.cli import ledger_commands, query_commands  # noqa: F401 - registers commands
from pactwatch.cli.app import cli, main

__all__ = ["cli", "main"]
