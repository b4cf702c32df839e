"""Commands for the server: serve the API and dashboard, make API tokens."""

from __future__ import annotations

import os

import click

from pactwatch.cli.app import Settings, cli, db_option
from pactwatch.store import Ledger, Role
from pactwatch.store.tokens import role_of


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Server processes (each opens the ledger).",
)
@click.option(
    "--cache-mb",
    default=64,
    show_default=True,
    type=click.IntRange(0, 100_000),
    help="Response cache per process for repeated reads (0: off). Any write empties it.",
)
@click.option(
    "--access-log",
    default="-",
    show_default=True,
    metavar="PATH|-|off",
    help="One line per request (time, client, method, path, status, ms): - for standard "
    "error, a file to append to, or off.",
)
@db_option
@click.pass_obj
def serve(
    settings: Settings, host: str, port: int, workers: int, cache_mb: int, access_log: str
) -> None:
    """Serve the HTTP API (/api, schema at /openapi.json) and the web dashboard.

    Reads are open to anyone who can reach the address; writes need a token
    (`pactwatch token create`). The ledger is checked before the server starts.

    \b
    Examples:
      pactwatch serve                                   # http://127.0.0.1:8000
      pactwatch serve --db /data/ledger.db --port 9000 --access-log /var/log/pactwatch.log
      pactwatch serve --host 0.0.0.0 --workers 2 --db postgresql+psycopg://app@db/pactwatch
    """
    import uvicorn

    from pactwatch.web.access_log import check_access_log
    from pactwatch.web.app import ACCESS_LOG_VARIABLE, CACHE_VARIABLE, DB_VARIABLE

    check_access_log(access_log)
    with Ledger.open(settings.db) as ledger:
        where = ledger.where
    if settings.db:
        os.environ[DB_VARIABLE] = settings.db
    os.environ[CACHE_VARIABLE] = str(cache_mb)
    os.environ[ACCESS_LOG_VARIABLE] = access_log
    click.echo(f"Serving {where} on http://{host}:{port} (API docs at /api/docs); Ctrl+C stops.")
    uvicorn.run(
        "pactwatch.web.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
    )


@cli.group()
def token() -> None:
    """API tokens: editors ingest articles and review claims, admins may do anything.

    \b
    Examples:
      pactwatch token create --role editor
      pactwatch token create --role admin --note "CI ingest job"
    """


@token.command("create")
@click.option(
    "--role",
    "role_name",
    type=click.Choice([r.value for r in Role]),
    required=True,
    help="What the token may do.",
)
@click.option("--note", default="", help="Who or what the token is for.")
@db_option
@click.pass_obj
def create_token(settings: Settings, role_name: str, note: str) -> None:
    """Make a token and print it once (the ledger keeps only its digest).

    \b
    Examples:
      pactwatch token create --role editor
      TOKEN=$(pactwatch token create --role editor 2>/dev/null)
    """
    with Ledger.open(settings.db) as ledger:
        made = ledger.create_token(role_of(role_name), note=note)
    click.echo(made)
    click.echo(
        f"{role_name} token made; copy it now, it is not shown again. Send it as "
        "'Authorization: Bearer <token>'.",
        err=True,
    )
