"""Opening a ledger: URLs, engines, schema revisions and the errors users meet there."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError

from pactwatch.errors import (
    LedgerConnectionError,
    LedgerCorruptError,
    LedgerError,
    LedgerNotFoundError,
    SchemaMismatchError,
)

DEFAULT_LEDGER = "pactwatch.db"
MIGRATIONS = Path(__file__).with_name("migrations")


def database_url(target: str | Path | None) -> str:
    """A SQLAlchemy URL from a path or URL; a plain path means an embedded SQLite file."""
    text = str(target) if target else DEFAULT_LEDGER
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def display(url: str) -> str:
    """The URL as shown to users: a path for SQLite files, no password otherwise."""
    parsed = make_url(url)
    if parsed.drivername.startswith("sqlite") and parsed.database:
        return parsed.database
    return parsed.render_as_string(hide_password=True)


def make_engine(url: str, *, must_exist: bool) -> Engine:
    """An engine for the ledger; a missing SQLite file is an error unless creating one."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise LedgerError(
            f"{url!r} is neither a file path nor a database URL: pass a path such as "
            "./pactwatch.db or a URL such as postgresql+psycopg://user@host/dbname."
        ) from None
    if parsed.drivername.startswith("sqlite"):
        return _sqlite_engine(url, parsed.database, must_exist=must_exist)
    return create_engine(url, pool_pre_ping=True)


def _sqlite_engine(url: str, database: str | None, *, must_exist: bool) -> Engine:
    if database and database != ":memory:":
        path = Path(database)
        if must_exist and not path.exists():
            raise LedgerNotFoundError(
                f"No ledger at {path}: create one with `pactwatch init --db {path}`."
            )
        if not path.parent.exists():
            raise LedgerNotFoundError(
                f"Folder {path.parent} does not exist: create it, or choose another --db path."
            )
    # Pooled connections keep SQLite's page cache from one query to the next;
    # Ledger.close() disposes of them.
    engine = create_engine(url)
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def _config(connection: Any) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest schema revision this pactwatch knows."""
    head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
    assert head is not None
    return head


@dataclass(frozen=True, slots=True)
class Migration:
    """What `init` did: the revision before (None for a new ledger) and after."""

    url: str
    before: str | None
    after: str


def migrate(engine: Engine, revision: str = "head") -> Migration:
    """Create the ledger's tables or bring them up to ``revision``, in one transaction."""
    with translated(engine), engine.begin() as connection:
        before = MigrationContext.configure(connection).get_current_revision()
        if before is not None and before not in _known_revisions():
            raise _newer(engine, before)
        if before is None and inspect(connection).get_table_names():
            raise LedgerCorruptError(
                f"{display(str(engine.url))} holds tables but no pactwatch schema revision: "
                "it is not a pactwatch ledger. Choose another --db."
            )
        command.upgrade(_config(connection), revision)
        after = MigrationContext.configure(connection).get_current_revision()
        if before != after and engine.dialect.name == "sqlite":
            connection.exec_driver_sql("ANALYZE")
    assert after is not None
    return Migration(url=str(engine.url), before=before, after=after)


def check_revision(engine: Engine) -> None:
    """Refuse to work on a ledger whose schema is not this pactwatch's."""
    with translated(engine), engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    where = display(str(engine.url))
    head = head_revision()
    if current == head:
        return
    if current is None:
        raise LedgerNotFoundError(
            f"{where} is not a pactwatch ledger yet: run `pactwatch init --db {where}`."
        )
    if current in _known_revisions():
        raise SchemaMismatchError(
            f"Ledger {where} has schema revision {current}; this pactwatch needs {head}. "
            f"Run `pactwatch init --db {where}` to migrate it (back it up first)."
        )
    raise _newer(engine, current)


def _newer(engine: Engine, current: str) -> SchemaMismatchError:
    return SchemaMismatchError(
        f"Ledger {display(str(engine.url))} has schema revision {current}, newer than this "
        f"pactwatch knows (up to {head_revision()}): upgrade pactwatch to use it."
    )


def _known_revisions() -> set[str]:
    return {script.revision for script in ScriptDirectory(str(MIGRATIONS)).walk_revisions()}


@contextmanager
def translated(engine: Engine) -> Iterator[None]:
    """Turn driver errors raised in the block into ledger errors that say what to do."""
    try:
        yield
    except LedgerError:
        raise
    except Exception as error:
        ledger_error = translate(engine, error)
        if ledger_error is None:
            raise
        raise ledger_error from error


def translate(engine: Engine, error: BaseException) -> LedgerError | None:
    """A LedgerError for a connection or file problem, or None if it is something else."""
    where = display(str(engine.url))
    original = getattr(error, "orig", error)
    if isinstance(original, sqlite3.DatabaseError) and "not a database" in str(original):
        return LedgerCorruptError(
            f"{where} is not a SQLite database (it may be damaged or another kind of file): "
            "point --db at a pactwatch ledger, or move it away and run `pactwatch init`."
        )
    if isinstance(error, OperationalError) and engine.dialect.name != "sqlite":
        reason = str(original).strip().splitlines()[0] if str(original).strip() else "no answer"
        return LedgerConnectionError(
            f"Cannot connect to {where}: {reason}. Check that the server runs and that the "
            "URL's user, password, host, port and database are right."
        )
    if isinstance(error, DatabaseError) and engine.dialect.name == "sqlite":
        return LedgerCorruptError(f"{where} cannot be read as a ledger: {original}.")
    return None
