"""Commands for the server: serve the API and dashboard; make, list and revoke API tokens."""

from __future__ import annotations

import datetime as dt
import os

import click

from pactwatch.cli.app import Settings, cli, db_option, parse_date
from pactwatch.cli.output import FORMAT_OPTION, emit
from pactwatch.errors import InputError
from pactwatch.store import Role, Store
from pactwatch.store.tokens import TokenInfo, duration_of, expiry_of, role_of


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
    help="Response cache per process for repeated reads (0: off). A write drops only the "
    "answers about the actors and arrangements it touched.",
)
@click.option(
    "--threads",
    default=4,
    show_default=True,
    type=click.IntRange(1, 256),
    help="Requests each process answers at once (more wait their turn): past a few per core "
    "they only take turns at Python's lock.",
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
    settings: Settings,
    host: str,
    port: int,
    workers: int,
    cache_mb: int,
    threads: int,
    access_log: str,
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
    from pactwatch.web.app import (
        ACCESS_LOG_VARIABLE,
        CACHE_VARIABLE,
        DB_VARIABLE,
        THREADS_VARIABLE,
    )
    from pactwatch.web.limits import MAX_CONNECTIONS, MAX_HEADER_BYTES

    check_access_log(access_log)
    with Store.open(settings.db) as ledger:
        where = ledger.where
    if settings.db:
        os.environ[DB_VARIABLE] = settings.db
    os.environ[CACHE_VARIABLE] = str(cache_mb)
    os.environ[THREADS_VARIABLE] = str(threads)
    os.environ[ACCESS_LOG_VARIABLE] = access_log
    click.echo(f"Serving {where} on http://{host}:{port} (API docs at /api/docs); Ctrl+C stops.")
    uvicorn.run(
        "pactwatch.web.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        # h11 with a header size limit and a header deadline (web/limits.py, web/protocol.py)
        http="pactwatch.web.protocol:GuardedH11Protocol",
        h11_max_incomplete_event_size=MAX_HEADER_BYTES,
        limit_concurrency=MAX_CONNECTIONS,
        timeout_keep_alive=5,
    )


@cli.group()
def token() -> None:
    """API tokens: editors ingest articles and review claims, admins may do anything.

    A revoked or expired token gets 401 on the very next request.

    \b
    Examples:
      pactwatch token create --role editor --expires-in 30d
      pactwatch token create --role admin --note "CI ingest job" --expires-on 2027-06-30
      pactwatch token list
      pactwatch token revoke 3
    """


def _duration(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is not None:
        try:
            duration_of(value)
        except InputError as error:
            raise click.BadParameter(str(error), param_hint="--expires-in") from None
    return value


@token.command("create")
@click.option(
    "--role",
    "role_name",
    type=click.Choice([r.value for r in Role]),
    required=True,
    help="What the token may do.",
)
@click.option("--note", default="", help="Who or what the token is for.")
@click.option(
    "--expires-in",
    metavar="DURATION",
    callback=_duration,
    help="Stop working after this long: a number and h, d or w, e.g. 12h, 30d, 2w.",
)
@click.option(
    "--expires-on",
    metavar="DATE",
    callback=parse_date,
    help="Stop working at 00:00 UTC on this day (YYYY-MM-DD). Default: no expiry.",
)
@db_option
@click.pass_obj
def create_token(
    settings: Settings,
    role_name: str,
    note: str,
    expires_in: str | None,
    expires_on: dt.date | None,
) -> None:
    """Make a token and print it once (the ledger keeps only its digest).

    \b
    Examples:
      pactwatch token create --role editor
      pactwatch token create --role editor --expires-in 30d --note "Ana, review week"
      TOKEN=$(pactwatch token create --role editor 2>/dev/null)
    """
    now = dt.datetime.now(dt.UTC)
    expires_at = expiry_of(within=expires_in, on=expires_on, now=now)
    with Store.open(settings.db) as ledger:
        made = ledger.tokens.create(role_of(role_name), note=note, expires_at=expires_at)
    click.echo(made)
    until = f"until {_shown(expires_at)}" if expires_at else "with no expiry"
    click.echo(
        f"{role_name} token made, {until}; copy it now, it is not shown again. Send it as "
        "'Authorization: Bearer <token>'.",
        err=True,
    )


TOKEN_COLUMNS = ("id", "role", "note", "created_at", "expires_at", "last_used", "revoked_at")


@token.command("list")
@FORMAT_OPTION
@db_option
@click.pass_obj
def list_tokens(settings: Settings, fmt: str) -> None:
    """List the tokens with their expiry, last use and revocation (never a token itself).

    Each row: id, role, note, created_at, expires_at, last_used (to the minute), revoked_at,
    in UTC; empty where there is none.

    \b
    Examples:
      pactwatch token list
      pactwatch token list --format json
    """
    with Store.open(settings.db) as ledger:
        found = ledger.tokens.all()
    emit([_row(item) for item in found], TOKEN_COLUMNS, fmt, title="API tokens (times in UTC)")


@token.command("revoke")
@click.argument("token_id", metavar="ID", type=int)
@db_option
@click.pass_obj
def revoke_token(settings: Settings, token_id: int) -> None:
    """Revoke a token by its id: the server refuses it (401) from the next request on.

    The ids are in `pactwatch token list`. Revoking a revoked token changes nothing.

    \b
    Examples:
      pactwatch token revoke 3
    """
    with Store.open(settings.db) as ledger:
        revoked, now = ledger.tokens.revoke(token_id)
    which = f"token {revoked.id} ({revoked.role}{_note(revoked)})"
    if now:
        click.echo(f"Revoked {which}: requests with it get 401 from now on.")
    else:
        click.echo(f"Already revoked at {_shown(revoked.revoked_at)}: {which}.")


def _row(item: TokenInfo) -> dict[str, object]:
    return {
        "id": item.id,
        "role": str(item.role),
        "note": item.note,
        "created_at": _shown(item.created_at),
        "expires_at": _shown(item.expires_at),
        "last_used": _shown(item.last_used),
        "revoked_at": _shown(item.revoked_at),
    }


def _shown(moment: dt.datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None


def _note(item: TokenInfo) -> str:
    return f", {item.note!r}" if item.note else ""
