"""Inserting many rows at once: ``COPY ... FROM STDIN`` on PostgreSQL, ``executemany`` elsewhere.

A bulk load writes thousands of claim, evidence and sketch rows per transaction; PostgreSQL
takes them several times faster through COPY than through parameterised INSERTs. Values go
through each column's own bind processing first (JSON serialised, datetimes made UTC), so a
row reads back the same whichever way it was written.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import JSON, Table, insert
from sqlalchemy.engine import Connection, Dialect

COPY_FROM = 64
"""Fewer rows than this go through INSERT: a COPY costs a round trip of its own."""


def insert_rows(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts with the same keys) into ``table`` in the caller's transaction."""
    if not rows:
        return
    if connection.dialect.name == "postgresql" and len(rows) >= COPY_FROM:
        _copy(connection, table, rows)
    else:
        connection.execute(insert(table), list(rows))


def _processor(kind: Any, dialect: Dialect) -> Callable[[Any], Any] | None:
    """How a value of a column is written in COPY's text format. JSON is serialised here:
    psycopg's own JSON adaptation applies to query parameters only."""
    if isinstance(kind, JSON):
        serialise: Callable[[Any], str] = getattr(dialect, "_json_serializer", None) or json.dumps
        return lambda value: None if value is None else serialise(value)
    process: Callable[[Any], Any] | None = kind.bind_processor(dialect)
    return process


def _copy(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    names = list(rows[0])
    dialect = connection.dialect
    processors = [_processor(table.c[name].type, dialect) for name in names]
    quote = dialect.identifier_preparer.quote
    statement = f"COPY {quote(table.name)} ({', '.join(quote(n) for n in names)}) FROM STDIN"
    driver = connection.connection.driver_connection
    if driver is None:  # pragma: no cover - a pooled connection always has one
        connection.execute(insert(table), list(rows))
        return
    with driver.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(
                [
                    value if process is None else process(value)
                    for value, process in zip((row[n] for n in names), processors, strict=True)
                ]
            )
