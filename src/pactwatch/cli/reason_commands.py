"""Commands that reason: commitments, coverage, timeline, diff, conflicts, report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from pactwatch.api import Ledger, coverage_record, plain_row, scenario_of
from pactwatch.cli.app import Settings, cli, db_option, parse_date
from pactwatch.cli.output import FORMAT_OPTION, Format, emit, fits
from pactwatch.cli.query_commands import AS_OF, KNOWN_ON, actor_id, arrangement_id
from pactwatch.errors import InputError
from pactwatch.model import Category
from pactwatch.reason import CommitmentRow, amount_text, counted, describe, value_text
from pactwatch.reference import load_catalog


def _checked_scenario(
    _ctx: click.Context, _param: click.Parameter, value: str | None
) -> str | None:
    """A click callback: the scenario text, once it parses (its errors name --scenario)."""
    if value:
        try:
            scenario_of(value)
        except InputError as error:
            raise click.BadParameter(str(error), param_hint="--scenario") from None
    return value


SCENARIO = click.option(
    "--scenario",
    metavar="EVENTS",
    callback=_checked_scenario,
    help="Hypothetical events, e.g. peace_agreement=2026-06-01,armed_attack=2027-03-01 "
    "(also ceasefire=…, armed_attack:UKR=…, leave:CAN=… or leave:CAN@ARRANGEMENT=…).",
)
ACCEPTED = click.option("--accepted-only", is_flag=True, help="Only facts a reviewer accepted.")
COMMITMENT_COLUMNS = (
    "status",
    "since",
    "until",
    "guarantor",
    "beneficiary",
    "category",
    "condition",
    "amount",
    "sources",
    "id",
)
"""The table's columns (JSON and CSV rows carry every field, modality and review too)."""


@cli.command(name="commitments")
@click.option("--guarantor", help="Guarantor id (CAN) or a name that names one actor.")
@click.option("--beneficiary", help="Beneficiary id (UKR) or a name that names one actor.")
@click.option("--category", type=click.Choice([c.value for c in Category]))
@click.option("--arrangement", metavar="ID", help="Arrangement id, e.g. bsa-2024-ukr-can.")
@AS_OF
@KNOWN_ON
@SCENARIO
@ACCEPTED
@FORMAT_OPTION
@db_option
@click.pass_obj
def commitments_command(settings: Settings, /, fmt: str, **options: Any) -> None:
    """Commitments with their lifecycle state (field `status`) on a date, under a scenario.

    States: announced, dormant (waiting for its condition), active, triggered (an attack
    made its duties fall due), expired, withdrawn, and ruled_out / intended, which never
    become active. See docs/lifecycle.md.

    \b
    Examples:
      pactwatch commitments --guarantor CAN --as-of 2026-01-07
      pactwatch commitments --guarantor CAN --as-of 2026-06-02 --scenario peace_agreement=2026-06-01
      pactwatch commitments --beneficiary UKR --category consultation \\
          --as-of 2027-03-02 --scenario armed_attack=2027-03-01 --format json
    """
    with Ledger.open(settings.db) as ledger:
        rows = ledger.commitments(
            guarantor=actor_id(options["guarantor"], "--guarantor"),
            beneficiary=actor_id(options["beneficiary"], "--beneficiary"),
            category=options["category"],
            arrangement=arrangement_id(options["arrangement"], "--arrangement"),
            as_of=options["as_of"],
            known_on=options["known_on"],
            scenario=options["scenario"],
            accepted_only=options["accepted_only"],
        )
    day = options["as_of"] or dt.date.today()
    scenario = f" under {options['scenario']}" if options["scenario"] else ""
    table = [_commitment_row(row) for row in rows]
    duties = [duty for row in rows for duty in row.duties]
    if fmt == Format.CSV:
        table = [_flat(row) for row in rows]
    emit(
        table,
        CSV_COLUMNS if fmt == Format.CSV else COMMITMENT_COLUMNS,
        fmt,
        title=f"{len(rows)} commitment(s) as of {day}{scenario}",
        records=[plain_row(row) for row in rows],
    )
    if duties and fmt == Format.TABLE:
        emit(
            [plain_row(duty) for duty in duties],
            ("kind", "guarantor", "beneficiary", "category", "since", "due", "commitment"),
            fmt,
            title=f"{len(duties)} duty(ies) fallen due",
        )


CSV_COLUMNS = tuple(name for name in CommitmentRow.__dataclass_fields__ if name != "duties")


def _flat(row: CommitmentRow) -> dict[str, Any]:
    """Every field of a row for CSV, lists joined by spaces."""
    record = plain_row(row)
    record["claims"] = " ".join(row.claims)
    record["conflicts"] = " ".join(row.conflicts)
    return record


def _commitment_row(row: Any) -> dict[str, Any]:
    record = plain_row(row)
    record["amount"] = amount_text(row.amount, row.currency) if row.amount else ""
    record["conflicts"] = ", ".join(row.conflicts)
    record["sources"] = counted(row.sources, row.copies)
    if row.conflicts:
        record["sources"] = f"{record['sources']} (disagree: {record['conflicts']})"
    condition = row.condition if row.condition != "none" else ""
    if row.deadline_hours:
        condition += f" ({row.deadline_hours} h)"
    record["condition"] = condition
    return record


@cli.command()
@click.option("--beneficiary", required=True, help="Beneficiary id (UKR) or its name.")
@AS_OF
@KNOWN_ON
@SCENARIO
@ACCEPTED
@FORMAT_OPTION
@db_option
@click.pass_obj
def coverage(settings: Settings, /, fmt: str, **options: Any) -> None:
    """Who guarantees what to a beneficiary: a guarantor x category matrix of states, and
    the categories no guarantor covers on that day (gaps).

    \b
    Examples:
      pactwatch coverage --beneficiary UKR --as-of 2026-01-07
      pactwatch coverage --beneficiary UKR --as-of 2026-06-02 --scenario peace_agreement=2026-06-01
    """
    with Ledger.open(settings.db) as ledger:
        found = ledger.coverage(
            actor_id(options["beneficiary"], "--beneficiary") or "",
            as_of=options["as_of"],
            known_on=options["known_on"],
            scenario=options["scenario"],
            accepted_only=options["accepted_only"],
        )
    record = coverage_record(found)
    cells = record["cells"]
    if fmt == Format.TABLE:
        title = f"Coverage of {found.beneficiary} on {found.day}" + (
            f" under {found.scenario}" if found.scenario else ""
        )
        matrix = [
            {"guarantor": g, **{c: str(found.cells.get((g, c), "")) for c in found.categories}}
            for g in found.guarantors
        ]
        columns = ("guarantor", *found.categories)
        if fits(matrix, columns):
            emit(matrix, columns, fmt, title=title)
        else:  # too wide to read: one row per cell instead of headers broken mid-word
            emit(cells, ("guarantor", "category", "status"), fmt, title=f"{title}, cell by cell")
        gaps = ", ".join(found.gaps) or "none"
        click.echo(f"No guarantor in force for: {gaps}")
        return
    emit(cells, ("guarantor", "category", "status"), fmt, records=[record])


@cli.command()
@click.argument("subject", metavar="ID")
@KNOWN_ON
@SCENARIO
@ACCEPTED
@FORMAT_OPTION
@db_option
@click.pass_obj
def timeline(settings: Settings, /, subject: str, fmt: str, **options: Any) -> None:
    """An actor's or an arrangement's dated history (scenario events marked hypothetical).

    \b
    Examples:
      pactwatch timeline CAN
      pactwatch timeline coalition-of-the-willing --known-on 2026-01-05
      pactwatch timeline UKR --scenario peace_agreement=2026-06-01 --format json
    """
    in_catalog = subject in load_catalog().arrangements
    with Ledger.open(settings.db) as ledger:
        events = ledger.timeline(
            subject if in_catalog else actor_id(subject, "ID") or subject,
            known_on=options["known_on"],
            scenario=options["scenario"],
            accepted_only=options["accepted_only"],
        )
    records = [plain_row(event) for event in events]
    rows = [{**row, "disagree": ", ".join(row["conflicts"])} for row in records]
    emit(
        rows,
        ("date", "kind", "summary", "sources", "disagree", "fact"),
        fmt,
        title=f"Timeline of {subject}: {len(rows)} event(s)",
        records=records,
    )


@cli.command()
@click.option("--since", required=True, callback=parse_date, metavar="DATE")
@click.option("--until", callback=parse_date, metavar="DATE", help="Default: today.")
@FORMAT_OPTION
@db_option
@click.pass_obj
def diff(settings: Settings, since: dt.date, until: dt.date | None, fmt: str) -> None:
    """What the ledger learned between two knowledge dates: new facts, new sources for known
    facts, new conflicts, new review decisions.

    \b
    Examples:
      pactwatch diff --since 2026-01-01
      pactwatch diff --since 2024-02-01 --until 2024-03-01 --format csv
    """
    with Ledger.open(settings.db) as ledger:
        learned = ledger.diff(since, until)
    rows = [
        {
            "change": str(item.change),
            "type": str(item.fact.type),
            "summary": describe(item.fact),
            "sources": len(item.fact.sources),
            "fact": item.fact.id,
        }
        for item in learned
    ]
    emit(
        rows,
        ("change", "type", "summary", "sources", "fact"),
        fmt,
        title=f"Learned after {since} up to {until or dt.date.today()}: {len(rows)} change(s)",
    )


@cli.command()
@click.option("--actor", help="Only facts about this actor (id or name).")
@KNOWN_ON
@FORMAT_OPTION
@db_option
@click.pass_obj
def conflicts(settings: Settings, actor: str | None, known_on: dt.date | None, fmt: str) -> None:
    """Where sources disagree on a value (a date, an amount, a duration, a party): each side
    with the claims and sources behind it. Nothing is overwritten; review to settle.

    \b
    Examples:
      pactwatch conflicts
      pactwatch conflicts --actor CAN --format json
    """
    with Ledger.open(settings.db) as ledger:
        found = ledger.conflicts(known_on=known_on, subject=actor_id(actor, "--actor"))
    rows = [
        {
            "fact": fact.id,
            "summary": describe(fact),
            "field": conflict.field,
            "value": value_text(side.value),
            "claims": " ".join(side.claims),
            "sources": counted(len(side.sources), len(side.copies)),
        }
        for fact, conflict in found
        for side in conflict.sides
    ]
    emit(
        rows,
        ("fact", "summary", "field", "value", "sources", "claims"),
        fmt,
        title=f"{len(found)} conflict(s)",
    )


@cli.command()
@click.option(
    "--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="HTML file."
)
@AS_OF
@KNOWN_ON
@SCENARIO
@click.option("--beneficiary", help="Only this beneficiary's coverage (default: every one).")
@db_option
@click.pass_obj
def report(
    settings: Settings,
    out: Path,
    as_of: dt.date | None,
    known_on: dt.date | None,
    scenario: str | None,
    beneficiary: str | None,
) -> None:
    """Write a self-contained HTML report: roster, commitments with their states, coverage
    matrix, timeline chart, conflicts, and every fact's evidence. Opens with no network.

    \b
    Examples:
      pactwatch report --out report.html
      pactwatch report --as-of 2027-03-02 \\
          --scenario peace_agreement=2026-06-01,armed_attack=2027-03-01 --out scenario.html
    """
    from pactwatch.report import write_report  # Jinja2, for this command only

    with Ledger.open(settings.db) as ledger:
        written = write_report(
            ledger,
            out,
            as_of=as_of,
            known_on=known_on,
            scenario=scenario_of(scenario),
            beneficiary=actor_id(beneficiary, "--beneficiary"),
        )
    click.echo(f"Wrote {out} ({written.facts} facts, {written.bytes:,} bytes).")
