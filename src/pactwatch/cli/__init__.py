"""The command-line interface: a thin adapter over the library.

The command modules are imported when their command runs (see ``app.COMMANDS``), so that
``pactwatch --help`` and light commands start at once.
"""

from pactwatch.cli.app import cli, main

__all__ = ["cli", "main"]
