"""Commands that read: actors, claims, roster, history."""

from __future__ import annotations

import datetime as dt

import click

from pactwatch.cli.app import Settings, cli, db_option, parse_date
from pactwatch.cli.output import FORMAT_OPTION, emit
from pactwatch.cli.views import (
    ACTOR_COLUMNS,
    CLAIM_COLUMNS,
    MEMBER_COLUMNS,
    actor_row,
    claim_row,
    member_record,
    member_row,
)
from pactwatch.errors import UnknownIdError
from pactwatch.model import Category, ClaimType, ReviewStatus
from pactwatch.reason import roster as roster_of
from pactwatch.reference import Catalog, load_catalog, resolve
from pactwatch.store import ClaimQuery, Store

AS_OF = click.option(
    "--as-of",
    callback=parse_date,
    metavar="DATE",
    help="Valid time: what held in the world on this date (YYYY-MM-DD).",
)
KNOWN_ON = click.option(
    "--known-on",
    callback=parse_date,
    metavar="DATE",
    help="Knowledge time: only what could be known on this date (YYYY-MM-DD).",
)


@cli.command()
@click.argument("query")
@click.option(
    "--on",
    callback=parse_date,
    metavar="DATE",
    help="Resolve offices on this date (default: today).",
)
@FORMAT_OPTION
def actors(query: str, on: dt.date | None, fmt: str) -> None:
    """Find who a name, demonym, capital, leader or title refers to, with ids.

    \b
    Examples:
      pactwatch actors Canada
      pactwatch actors Ottawa
      pactwatch actors Canadian
      pactwatch actors Carney --on 2026-01-06
      pactwatch actors "the Canadian prime minister" --on 2024-06-01
    """
    catalog = load_catalog()
    found = resolve(query, on=on, catalog=catalog)
    if not found:
        raise UnknownIdError(f"No actor matches {query!r}. {_suggest(query, catalog)}")
    rows = [actor_row(item, catalog) for item in found]
    emit(rows, ACTOR_COLUMNS, fmt, title=f"Actors for {query!r}")


def _suggest(query: str, catalog: Catalog) -> str:
    import difflib

    named = [(catalog.actors[key].name, key) for key in catalog.named_like(query)]
    names = {alias.text: alias.actor for alias in catalog.aliases}
    near = named + [
        (text, names[text])
        for text in difflib.get_close_matches(query, list(names), n=3, cutoff=0.6)
    ]
    if not near:
        return "Try a country, organisation or person name."
    shown = dict.fromkeys(f"{text!r} ({key})" for text, key in near)
    return "Did you mean " + ", ".join(list(shown)[:3]) + "?"


def actor_id(value: str | None, option: str) -> str | None:
    """An actor id from an id or a name that names exactly one actor; an unknown one is
    a bad value of ``option`` (``--guarantor``), with the nearest ids."""
    if value is None:
        return None
    catalog = load_catalog()
    if value in catalog.actors:
        return value
    found = {item.actor.id for item in resolve(value, catalog=catalog)}
    if len(found) == 1:
        return found.pop()
    catalog.actor(value, field_name=option)
    return value


def arrangement_id(value: str | None, option: str) -> str | None:
    """An arrangement id from an arrangement's or its organisation's id (``NATO``)."""
    if value is None:
        return None
    return load_catalog().arrangement(value, field_name=option).id


@cli.command(name="claims")
@click.option("--actor", help="Actor id (CAN) or a name that names one actor (Canada).")
@click.option("--type", "kind", type=click.Choice([t.value for t in ClaimType]))
@click.option("--status", type=click.Choice([s.value for s in ReviewStatus]))
@click.option("--arrangement", metavar="ID", help="Arrangement id, e.g. coalition-of-the-willing.")
@click.option("--category", type=click.Choice([c.value for c in Category]))
@AS_OF
@KNOWN_ON
@FORMAT_OPTION
@db_option
@click.pass_obj
def claims_command(
    settings: Settings,
    actor: str | None,
    kind: str | None,
    status: str | None,
    arrangement: str | None,
    category: str | None,
    as_of: dt.date | None,
    known_on: dt.date | None,
    fmt: str,
) -> None:
    """List claims with their evidence source and review status.

    \b
    Examples:
      pactwatch claims --actor CAN --type commitment
      pactwatch claims --status proposed --format json
      pactwatch claims --type membership --as-of 2026-01-06 --known-on 2026-01-05
    """
    query = ClaimQuery(
        actor=actor_id(actor, "--actor"),
        type=ClaimType(kind) if kind else None,
        status=ReviewStatus(status) if status else None,
        arrangement=arrangement_id(arrangement, "--arrangement"),
        category=category,
        as_of=as_of,
        known_on=known_on,
    )
    with Store.open(settings.db) as ledger:
        found = ledger.claims(query)
    catalog = load_catalog()
    from pactwatch.model import records  # deferred: docs/startup.md

    emit(
        [claim_row(claim, catalog) for claim in found],
        CLAIM_COLUMNS,
        fmt,
        title=f"{len(found)} claim(s)",
        records=[records.claim_to_record(claim) for claim in found],
    )


@cli.command()
@click.argument("arrangement")
@AS_OF
@KNOWN_ON
@FORMAT_OPTION
@db_option
@click.pass_obj
def roster(
    settings: Settings, arrangement: str, as_of: dt.date | None, known_on: dt.date | None, fmt: str
) -> None:
    """Who is in an arrangement as of a date, and since when.

    \b
    Examples:
      pactwatch roster coalition-of-the-willing
      pactwatch roster g7-joint-declaration-2023 --as-of 2023-12-31
      pactwatch roster coalition-of-the-willing --as-of 2026-01-06 --known-on 2026-01-05
    """
    catalog = load_catalog()
    found = catalog.arrangement(arrangement, field_name="ARRANGEMENT")
    with Store.open(settings.db) as ledger:
        members = roster_of(ledger, found.id, as_of=as_of, known_on=known_on)
    rows = [member_row(member, catalog) for member in members]
    records = [member_record(member, catalog) for member in members]
    when = f" as of {as_of}" if as_of else ""
    known = f", as known on {known_on}" if known_on else ""
    emit(
        rows,
        MEMBER_COLUMNS,
        fmt,
        title=f"{found.name}{when}{known}: {len(rows)} member(s)",
        records=records,
    )


@cli.command()
@click.argument("claim_id")
@FORMAT_OPTION
@db_option
@click.pass_obj
def history(settings: Settings, claim_id: str, fmt: str) -> None:
    """Show a claim's review history, oldest decision first.

    \b
    Example:
      pactwatch history clm_0123456789abcdef0123
    """
    with Store.open(settings.db) as ledger:
        reviews = ledger.history(claim_id)
    from pactwatch.model.records import review_to_record  # deferred: docs/startup.md

    rows = [review_to_record(item) for item in reviews]
    emit(
        rows,
        ("decision", "reviewer", "at", "note"),
        fmt,
        title=f"Review history of {claim_id} ({len(rows)} decision(s))",
    )
