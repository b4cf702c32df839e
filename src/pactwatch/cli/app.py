"""The ``pactwatch`` command group: global options and the one place errors are printed."""

from __future__ import annotations

import atexit
import datetime as dt
import gc
import sys
import traceback
from typing import Any

import click

from pactwatch import __version__
from pactwatch.cli.lazy import LazyGroup
from pactwatch.errors import PactwatchError, UnknownIdError

EPILOG = """\b
Examples:
  pactwatch init
  pactwatch import demo/ledger/*.jsonl
  pactwatch roster coalition-of-the-willing --as-of 2026-01-06
  pactwatch claims --actor CAN --type commitment
  pactwatch actors Ottawa

\b
Exit status: 0 done; 1 a value you typed is wrong (one line: Error: OPTION: problem
and fix) or the work failed; 2 the command line is malformed (unknown command or
option, missing argument); 70 a bug (run again with --debug); 130 interrupted.

\b
The reference data, once validated, is kept in ~/.cache/pactwatch (or
$XDG_CACHE_HOME/pactwatch; env PACTWATCH_CACHE_DIR names another folder, empty turns it off).
"""


COMMANDS = {
    "actors": (
        "pactwatch.cli.query_commands",
        "Find who a name, demonym, capital, leader or title refers to, with ids.",
    ),
    "claims": (
        "pactwatch.cli.query_commands",
        "List claims with their evidence source and review status.",
    ),
    "commitments": (
        "pactwatch.cli.reason_commands",
        "Commitments with their lifecycle state (field `status`) on a date, under a scenario.",
    ),
    "conflicts": (
        "pactwatch.cli.reason_commands",
        "Where sources disagree on a value (a date, an amount, a duration, a party): each side "
        "with the claims and sources behind it.",
    ),
    "coverage": (
        "pactwatch.cli.reason_commands",
        "Who guarantees what to a beneficiary: a guarantor x category matrix of states, and the "
        "categories no guarantor covers on that day (gaps).",
    ),
    "diff": (
        "pactwatch.cli.reason_commands",
        "What the ledger learned between two knowledge dates: new facts, new sources for known "
        "facts, new conflicts, new review decisions.",
    ),
    "export": (
        "pactwatch.cli.ledger_commands",
        "Write the ledger out: JSONL to re-import elsewhere, CSV or Parquet to analyse.",
    ),
    "extract": (
        "pactwatch.cli.extract_commands",
        "Read articles and print the claims found, each with its sentence.",
    ),
    "fetch": (
        "pactwatch.cli.fetch_commands",
        "Fetch news pages and read their main text, title and date; with --ingest, store them.",
    ),
    "history": (
        "pactwatch.cli.query_commands",
        "Show a claim's review history, oldest decision first.",
    ),
    "import": (
        "pactwatch.cli.ledger_commands",
        "Add curated claims from JSONL files (format: docs/import-format.md).",
    ),
    "ingest": (
        "pactwatch.cli.extract_commands",
        "Read articles, extract claims and store them with their evidence in the ledger.",
    ),
    "init": (
        "pactwatch.cli.ledger_commands",
        "Create a ledger, or migrate an existing one to this version's schema.",
    ),
    "report": (
        "pactwatch.cli.reason_commands",
        "Write a self-contained HTML report: roster, commitments with their states, coverage "
        "matrix, timeline chart, conflicts, and every fact's evidence.",
    ),
    "review": ("pactwatch.cli.ledger_commands", "Accept or reject a claim."),
    "roster": (
        "pactwatch.cli.query_commands",
        "Who is in an arrangement as of a date, and since when.",
    ),
    "serve": (
        "pactwatch.cli.server_commands",
        "Serve the HTTP API (/api, schema at /openapi.json) and the web dashboard.",
    ),
    "sources": (
        "pactwatch.cli.watch_commands",
        "The feeds and sitemaps the ledger follows with `pactwatch watch`: add, list, remove.",
    ),
    "timeline": (
        "pactwatch.cli.reason_commands",
        "An actor's or an arrangement's dated history (scenario events marked hypothetical).",
    ),
    "token": (
        "pactwatch.cli.server_commands",
        "API tokens: editors ingest articles and review claims, admins may do anything.",
    ),
    "watch": (
        "pactwatch.cli.watch_commands",
        "Follow feeds and sitemaps: fetch, extract and store the pages they announce.",
    ),
}
"""Each command's module and the first sentence of its help: `pactwatch --help` lists them
without importing the modules (a test checks they match the commands' docstrings)."""


class Settings:
    """Options shared by every command."""

    def __init__(self, db: str | None, debug: bool) -> None:
        self.db = db
        self.debug = debug


@click.group(
    cls=LazyGroup,
    lazy=COMMANDS,
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
    """Run the CLI. Exit status (as in EPILOG): a bad value or a failure is one line on
    stderr and 1; a malformed command line is click's usage text and 2."""
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    # At exit the interpreter's last garbage collections walk every object SQLAlchemy and
    # the rest built at import (about 0.08 s of a 0.5 s command); frozen objects are
    # skipped. Output is flushed and the ledger closed before then, as before.
    atexit.register(gc.freeze)
    try:
        cli.main(args=argv, prog_name="pactwatch", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.BadParameter as error:
        if isinstance(error, click.MissingParameter):
            error.show()
            sys.exit(error.exit_code)
        click.echo(f"Error: {_bad_value(error)}", err=True)
        sys.exit(1)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except PactwatchError as error:
        if debug:
            traceback.print_exc()
        click.echo(f"Error: {_one_line(error)}", err=True)
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


def _bad_value(error: click.BadParameter) -> str:
    """``--as-of: '6 Jan' is not a date: write YYYY-MM-DD, e.g. 2026-01-06.``"""
    hint = error.param_hint if isinstance(error.param_hint, str) else None
    if hint is None and error.param is not None:
        long = [opt for opt in error.param.opts if opt.startswith("--")]
        hint = long[0] if long else error.param.human_readable_name
    message = error.message.rstrip()
    if error.param is not None and isinstance(error.param.type, click.Choice):
        message = message.rstrip(".") + ": pick one of them."
    return f"{hint}: {message}" if hint else message


def _one_line(error: PactwatchError) -> str:
    """The error's message; an unknown id the user typed starts with the option that held
    it (``--guarantor: no actor ... 'Narnia'. Did you mean ...``)."""
    text = str(error)
    if isinstance(error, UnknownIdError) and error.field:
        prefix = f"field '{error.field}': "
        if text.startswith(prefix):
            return f"{error.field}: {text.removeprefix(prefix)}"
    return text
