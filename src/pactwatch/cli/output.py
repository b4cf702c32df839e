"""Printing results: rich tables on a terminal, JSON or CSV for scripts."""

from __future__ import annotations

import csv
import json
import os
import sys
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from typing import Any, Protocol

import click
from rich.console import Console
from rich.table import Table

NO_WRAP = frozenset({"id", "type", "status", "date", "since", "actor"})
UNBOUNDED = 100_000
"""The width of piped output without COLUMNS: rows as wide as they need, no cell wrapped."""


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"


FORMAT_OPTION = click.option(
    "--format",
    "fmt",
    type=click.Choice([f.value for f in Format]),
    default="table",
    show_default=True,
    help="table for people, json or csv for scripts.",
)


class Refusal(Protocol):
    """An input that gave nothing (``pactwatch.documents.Rejected``), and why."""

    @property
    def source(self) -> str: ...

    @property
    def reason(self) -> str: ...


def echo_failure(item: Refusal) -> None:
    """One line on stderr: ``Failed: SOURCE: REASON``."""
    echo_line(f"Failed: {item.source}: {item.reason}")


def echo_line(text: str) -> None:
    """``text`` on stderr as one line, whatever the names in it hold (see :func:`one_line`)."""
    click.echo(one_line(text), err=True)


_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Bidirectional embeddings, overrides and isolates: they reorder what a terminal shows."""


def one_line(text: str) -> str:
    """``text`` with every control character escaped as Python writes it (``\\n``, ``\\x1b``,
    ``\\u2028``), as well as line and paragraph separators, bidirectional overrides and the
    surrogates that stand for undecodable bytes in a file name: a file named
    ``'evil\\nFailed: x.txt'`` cannot forge a second line, nor move the cursor or recolour the
    terminal."""
    if text.isprintable():
        return text
    return "".join(_escaped(char) for char in text)


def _escaped(char: str) -> str:
    if char in _BIDI or unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp"):
        return char.encode("unicode_escape", "backslashreplace").decode("ascii")
    return char


def stdout() -> Console:
    """The console for results: the terminal's width; when piped, $COLUMNS if set, else
    unbounded, so that no word is broken in two for the next program."""
    console = Console(soft_wrap=False)
    if console.is_terminal or os.environ.get("COLUMNS", "").strip().isdigit():
        return console
    return Console(soft_wrap=False, width=UNBOUNDED)


def fits(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> bool:
    """Whether a table of these rows fits the width of `stdout()` with no cell wrapped."""
    needed = 1 + sum(3 + _widest(rows, column) for column in columns)
    return needed <= stdout().width


def _widest(rows: Sequence[dict[str, Any]], column: str) -> int:
    """The width of a column's header or widest cell, whichever is wider."""
    return max([len(column)] + [len(str(row.get(column) or "")) for row in rows])


NARROWEST = 10
"""The narrowest a column is squeezed to (a wider header keeps its longest word whole)."""


def readable(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> bool:
    """Whether a table of these rows fits the width of `stdout()` with each column at least
    as wide as its header's longest word and :data:`NARROWEST` (or its widest cell, if
    narrower): squeezed any further, a table breaks headers and dates letter by letter."""
    needed = 1
    for column in columns:
        widest = _widest(rows, column)
        word = max(len(part) for part in column.split("_"))
        needed += 3 + min(widest, max(word, NARROWEST))
    return needed <= stdout().width


def _records(rows: Sequence[dict[str, Any]], columns: Sequence[str], title: str | None) -> None:
    """Rows too wide for the screen, one block each: a ``column: value`` line per field."""
    if title:
        click.echo(title)
    width = max(len(column) for column in columns)
    for number, row in enumerate(rows, 1):
        click.echo(f"\n[{number}]")
        for column in columns:
            value = row.get(column)
            click.echo(f"{column.ljust(width)}  {'' if value is None else value}")
    if not rows:
        click.echo("(nothing matched)")


def stderr() -> Console:
    return Console(stderr=True)


@contextmanager
def progress(label: str, total: int | None = None) -> Iterator[Callable[[], None]]:
    """A progress bar on stderr when it is a terminal (silent when piped); yields advance()."""
    from rich.progress import Progress

    console = stderr()
    with Progress(console=console, transient=True, disable=not console.is_terminal) as bar:
        task = bar.add_task(label, total=total)
        yield lambda: bar.advance(task)


def emit(
    rows: Sequence[dict[str, Any]],
    columns: Sequence[str],
    fmt: str,
    *,
    title: str | None = None,
    records: Sequence[Any] | None = None,
) -> None:
    """Print rows as a table, JSON (``records`` if given, else rows) or CSV."""
    if fmt == Format.JSON:
        click.echo(
            json.dumps(
                list(records if records is not None else rows),
                indent=2,
                ensure_ascii=False,
                default=str,
            )
        )
    elif fmt == Format.CSV:
        writer = csv.DictWriter(
            sys.stdout, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows(rows)
    elif not readable(rows, columns):
        _records(rows, columns, title)
    else:
        table = Table(title=title, title_justify="left", show_lines=False)
        for column in columns:
            table.add_column(column.replace("_", " "), overflow="fold", no_wrap=column in NO_WRAP)
        for row in rows:
            table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
        console = stdout()
        console.print(table)
        if not rows:
            console.print("[dim](nothing matched)[/dim]")
