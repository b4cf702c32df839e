"""The ``pactwatch`` command group: global options and the one place errors are printed."""

from __future__ import annotations

import datetime as dt
import sys
import traceback
from typing import Any

import click

from pactwatch import __version__
from pactwatch.errors import PactwatchError

EPILOG = """\b
Examples:
  pactwatch init
  pactwatch import demo/ledger/*.jsonl
  pactwatch roster coalition-of-the-willing --as-of 2026-01-06
  pactwatch claims --actor CAN --type commitment
  pactwatch actors Ottawa
"""


class Settings:
    """Options shared by every command."""

    def __init__(self, db: str | None, debug: bool) -> None:
        self.db = db
        self.debug = debug


@click.group(
    epilog=EPILOG,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, "--version", prog_name="pactwatch")
@click.option(
    "--db",
    envvar="PACTWATCH_DB",
    metavar="PATH_OR_URL",
    help="Ledger: a SQLite path (default ./pactwatch.db) or a SQLAlchemy URL such as "
    "postgresql+psycopg://user@host/db. Env: PACTWATCH_DB.",
)
@click.option("--debug", is_flag=True, help="Show the full traceback when something fails.")
@click.pass_context
def cli(ctx: click.Context, db: str | None, debug: bool) -> None:
    """pactwatch: an evidence-backed ledger of security guarantees between states."""
    ctx.obj = Settings(db, debug)


def db_option(function: Any) -> Any:
    """Let ``--db`` also follow the command name (``pactwatch init --db x.db``)."""

    def remember(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
        if value is not None:
            ctx.find_object(Settings).db = value  # type: ignore[union-attr]

    return click.option(
        "--db",
        metavar="PATH_OR_URL",
        expose_value=False,
        callback=remember,
        help="Ledger path or URL (overrides the global --db and PACTWATCH_DB).",
    )(function)


def parse_date(
    _ctx: click.Context | None, param: click.Parameter | None, value: str | None
) -> dt.date | None:
    """A click callback: YYYY-MM-DD to a date, with a message that says the format."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        name = param.name if param and param.name else "date"
        raise click.BadParameter(
            f"{value!r} is not a date: write YYYY-MM-DD, e.g. 2026-01-06.",
            param_hint=f"--{name.replace('_', '-')}",
        ) from None


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; a PactwatchError is one line on stderr and exit status 1."""
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        cli.main(args=argv, prog_name="pactwatch", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except PactwatchError as error:
        if debug:
            traceback.print_exc()
        click.echo(f"Error: {error}", err=True)
        sys.exit(1)
    except Exception as error:
        if debug:
            traceback.print_exc()
        click.echo(
            f"Unexpected error: {type(error).__name__}: {error}. "
            "Run again with --debug for the traceback and report it.",
            err=True,
        )
        sys.exit(70)
