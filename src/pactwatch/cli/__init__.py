"""The command-line interface: a thin adapter over the library."""

from pactwatch.cli import extract_commands, ledger_commands, query_commands  # noqa: F401
from pactwatch.cli.app import cli, main

__all__ = ["cli", "main"]
