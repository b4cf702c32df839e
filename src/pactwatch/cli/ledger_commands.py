"""Commands that write: init, import, export, review."""

from __future__ import annotations

import getpass
import os
import sys
import time
from pathlib import Path

import click

from pactwatch.cli.app import Settings, cli, db_option
from pactwatch.cli.output import echo_line, progress
from pactwatch.errors import PactwatchError
from pactwatch.model import Decision
from pactwatch.reference import party_claims
from pactwatch.store import ExportFormat, Store, export_ledger, init_ledger
from pactwatch.store.exchange import import_file
from pactwatch.store.ledger import Added
from pactwatch.store.migrate import display


@cli.command()
@db_option
@click.pass_obj
def init(settings: Settings) -> None:
    """Create a ledger, or migrate an existing one to this version's schema.

    A SQLite ledger's missing folders are created (and said so).

    \b
    Examples:
      pactwatch init                          # ./pactwatch.db
      pactwatch init --db /data/ledger.db
      pactwatch init --db postgresql+psycopg://analyst@localhost/pactwatch
    """
    done = init_ledger(settings.db)
    where = display(done.url)
    if done.made_folder:
        click.echo(f"Created folder {done.made_folder}.")
    if done.before is None:
        click.echo(f"Created ledger {where} (schema {done.after}).")
    elif done.before == done.after:
        click.echo(f"Store {where} is up to date (schema {done.after}).")
    else:
        click.echo(f"Migrated ledger {where} from schema {done.before} to {done.after}.")


@cli.command(name="import")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, readable=False))
@click.option(
    "--reference",
    is_flag=True,
    help="Also import the packaged reference memberships (who joined which arrangement).",
)
@db_option
@click.pass_obj
def import_(settings: Settings, files: tuple[Path, ...], reference: bool) -> None:
    """Add curated claims from JSONL files (format: docs/import-format.md).

    Each file is checked whole before anything is written: a bad line stops that file
    with its line number, and what is already stored is untouched.

    \b
    Examples:
      pactwatch import my-claims.jsonl
      pactwatch import demo/ledger/*.jsonl --reference
    """
    if not files and not reference:
        raise click.UsageError("Name at least one JSONL file, or pass --reference.")
    started = time.perf_counter()
    with Store.open(settings.db) as ledger:
        total, failures = _import_all(ledger, files)
        if reference:
            total += ledger.add_claims(party_claims())
    seconds = time.perf_counter() - started
    click.echo(
        f"Imported {len(files)} file(s){' and the reference memberships' if reference else ''}: "
        f"{total.claims} new claim(s), {total.documents} new document(s), "
        f"{failures} failure(s), {seconds:.1f}s.",
        err=True,
    )
    if failures:
        sys.exit(1)


def _import_all(ledger: Store, files: tuple[Path, ...]) -> tuple[Added, int]:
    total, failures = Added(), 0
    with progress("Importing", total=len(files)) as advance:
        for path in files:
            try:
                total += import_file(ledger, path).added
            except PactwatchError as error:
                failures += 1
                echo_line(f"Error: {error}")
            advance()
    return total, failures


@cli.command(name="export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice([f.value for f in ExportFormat]),
    default="jsonl",
    show_default=True,
    help="jsonl (whole ledger, re-importable), csv or parquet (one row per claim).",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write here instead of standard output.",
)
@db_option
@click.pass_obj
def export(settings: Settings, fmt: str, out: Path | None) -> None:
    """Write the ledger out: JSONL to re-import elsewhere, CSV or Parquet to analyse.

    \b
    Examples:
      pactwatch export > ledger.jsonl
      pactwatch export --format csv --out claims.csv
      pactwatch export --format parquet --out claims.parquet
    """
    chosen = ExportFormat(fmt)
    if chosen is ExportFormat.PARQUET and out is None and sys.stdout.isatty():
        raise click.UsageError("Parquet is binary: add --out claims.parquet.")
    with Store.open(settings.db) as ledger:
        if out is None:
            count = export_ledger(ledger, chosen, sys.stdout.buffer)
        else:
            with out.open("wb") as handle:
                count = export_ledger(ledger, chosen, handle)
    click.echo(f"Exported {count} record(s) as {fmt}{' to ' + str(out) if out else ''}.", err=True)


@cli.command()
@click.argument("claim_id")
@click.argument("decision", type=click.Choice([d.value for d in Decision]))
@click.option("--note", default="", help="Why: kept in the claim's history.")
@click.option(
    "--reviewer",
    envvar="PACTWATCH_REVIEWER",
    help="Who decides (default: $PACTWATCH_REVIEWER, else your login name).",
)
@db_option
@click.pass_obj
def review(
    settings: Settings, claim_id: str, decision: str, note: str, reviewer: str | None
) -> None:
    """Accept or reject a claim. Earlier decisions are kept, never overwritten.

    \b
    Examples:
      pactwatch review clm_0123456789abcdef0123 accept --note "checked the readout"
      pactwatch history clm_0123456789abcdef0123
    """
    who = reviewer or os.environ.get("USER") or getpass.getuser()
    with Store.open(settings.db) as ledger:
        done = ledger.review(claim_id, Decision(decision), reviewer=who, note=note)
    click.echo(f"{claim_id} is now {done.status} (by {who} at {done.at:%Y-%m-%d %H:%M} UTC).")
