"""The command-line interface: a thin adapter over the library."""

from pactwatch.cli import (  # noqa: F401
    extract_commands,
    ledger_commands,
    query_commands,
    reason_commands,
    server_commands,
)
from pactwatch.cli.app import cli, main

__all__ = ["cli", "main"]
