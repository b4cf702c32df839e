"""Opening a ledger: URLs, engines, schema revisions and the errors users meet there."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError

from pactwatch.errors import (
    LedgerConnectionError,
    LedgerCorruptError,
    LedgerError,
    LedgerNotFoundError,
    SchemaMismatchError,
)

if TYPE_CHECKING:
    from alembic.config import Config

# Alembic is imported inside the functions that migrate: opening a ledger whose schema is
# current needs only SQLAlchemy, so that light commands start quickly (docs/startup.md).

DEFAULT_LEDGER = "pactwatch.db"
MIGRATIONS = Path(__file__).with_name("migrations")
VERSION_TABLE = "alembic_version"
"""Where Alembic records a ledger's schema revision."""


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


SQLITE_POOL = 40
"""SQLite connections kept open per engine (made as needed): one for each thread a server
process may run routes in (``pactwatch serve --threads``, 4 by default). With SQLAlchemy's
default of 5, a server of 40 threads made and dropped a connection, page cache and pragmas
with it, on most requests (cold read mix 181 -> 233 requests/s with the pool)."""


def _sqlite_engine(url: str, database: str | None, *, must_exist: bool) -> Engine:
    if database and database != ":memory:":
        path = Path(database)
        blocked = _file_in_the_way(path)
        if blocked is not None:
            raise LedgerError(
                f"Cannot keep a ledger at {path}: {blocked} is a file, not a folder. "
                "Choose another --db path."
            )
        if must_exist and not path.exists():
            raise LedgerNotFoundError(
                f"No ledger at {path}: create one with `pactwatch init --db {path}`."
            )
        # A missing folder is made by migrate(), which creates the ledger.
    # Pooled connections keep SQLite's page cache from one query to the next;
    # Ledger.close() disposes of them. The pool holds as many as the server runs threads:
    # a connection made past it is closed after one use, its cache with it.
    engine = create_engine(url, pool_size=SQLITE_POOL, max_overflow=SQLITE_POOL)
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    # Write-ahead logging: readers never wait for a writer, and a writer never waits for
    # readers (in the default rollback journal, a server busy with reads starves `watch` and
    # `ingest` until "database is locked"). It stays set in the file; commits stay durable.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def _config(connection: Any) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest schema revision this pactwatch knows."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
    assert head is not None
    return head


@dataclass(frozen=True, slots=True)
class Migration:
    """What `init` did: the revision before (None for a new ledger) and after."""

    url: str
    before: str | None
    after: str
    made_folder: str | None = None
    """The folder created for a new SQLite file because it did not exist, if any."""


def migrate(engine: Engine, revision: str = "head") -> Migration:
    """Create the ledger's tables or bring them up to ``revision``, in one transaction."""
    from alembic import command
    from alembic.runtime.migration import MigrationContext

    made_folder = _make_folder(engine)
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
    return Migration(url=str(engine.url), before=before, after=after, made_folder=made_folder)


def _file_in_the_way(path: Path) -> Path | None:
    """The first of the ledger path's folders that is a file, if one is."""
    for folder in reversed(path.parents):
        if folder.exists() and not folder.is_dir():
            return folder
    return None


def _make_folder(engine: Engine) -> str | None:
    """Create the missing folders of a SQLite ledger's path; the folder made, or None."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        return None
    folder = Path(database).parent
    if folder.exists():
        return None
    try:
        folder.mkdir(parents=True)
    except OSError as error:
        raise LedgerError(
            f"Cannot create folder {folder} for the ledger ({error.strerror}): "
            "create it yourself, or choose another --db path."
        ) from None
    return str(folder)


def check_revision(engine: Engine) -> None:
    """Refuse to work on a ledger whose schema is not this pactwatch's."""
    with translated(engine), engine.connect() as connection:
        current = _stored_revision(connection)
    if current is not None and current == _head_in_files():
        return
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


def _stored_revision(connection: Connection) -> str | None:
    """The revision Alembic recorded in the ledger, read with plain SQL (None if none)."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    found = connection.exec_driver_sql(f"SELECT version_num FROM {VERSION_TABLE}").scalars()
    revisions = list(found)
    return str(revisions[0]) if len(revisions) == 1 else None


_REVISION_LINE = re.compile(r'^(revision|down_revision)\s*=\s*(?:"([^"]+)"|None)\s*$', re.M)


@lru_cache(maxsize=1)
def _head_in_files() -> str | None:
    """The head revision read from the migration files' ``revision = "..."`` and
    ``down_revision = ...`` lines without importing Alembic (None unless they form one
    chain); tests/store/test_fast_open.py checks it is Alembic's ``head_revision()``."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        lines = dict(_REVISION_LINE.findall(path.read_text(encoding="utf-8")))
        if "revision" not in lines:
            return None
        revisions.add(lines["revision"])
        parents.add(lines.get("down_revision", ""))
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def _newer(engine: Engine, current: str) -> SchemaMismatchError:
    return SchemaMismatchError(
        f"Ledger {display(str(engine.url))} has schema revision {current}, newer than this "
        f"pactwatch knows (up to {head_revision()}): upgrade pactwatch to use it."
    )


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

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
