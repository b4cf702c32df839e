"""Records as JSON-ready data (``plain``): what the API answers and the CLI prints.

A record's fields are converted by what their annotations say they hold, decided once per
class: a string or a number is taken as it is, a vocabulary value becomes its string, a date
its ISO text, a tuple of strings a list, anything else goes through :func:`plain` again. A
roster answer converts thousands of such fields; asking each value what it is took most of
the time (``tests/model/test_plain.py`` checks the result against ``dataclasses.asdict``)."""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from enum import StrEnum
from functools import cache
from typing import Any

Convert = Callable[[Any], Any]


def plain(value: Any) -> Any:
    """The value as JSON-ready data: dates as ISO strings, records (dataclasses) as dicts,
    tuples as lists, vocabulary values as strings."""
    kind: type = type(value)
    if kind is str or value is None or kind is int or kind is float or kind is bool:
        return value
    if isinstance(value, StrEnum):
        return str(value)
    if isinstance(value, (list, tuple)):
        if all(type(item) is str for item in value):
            return list(value)
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    if is_dataclass(value) and not isinstance(value, type):
        return record_converter(kind)(value)
    return value


@cache
def field_names(cls: type) -> tuple[str, ...]:
    """The names of a dataclass's fields, in order (``dataclasses.fields`` costs about
    20 µs a call)."""
    return tuple(item.name for item in fields(cls))


@cache
def record_converter(cls: type) -> Convert:
    """The function that turns a record of ``cls`` into a dict: written out for the class,
    one expression per field (as ``dataclasses`` writes a class's ``__init__``), so that
    converting a record is one call rather than one per field."""
    try:
        hints = typing.get_type_hints(cls)
    except (NameError, TypeError):  # an annotation that cannot be resolved: ask each value
        hints = {}
    scope: dict[str, Any] = {}
    items = []
    for number, name in enumerate(field_names(cls)):
        how = _converter(hints.get(name, Any))
        value = f"record.{name}"
        if how is not None:
            scope[f"convert_{number}"] = how
            value = f"convert_{number}({value})"
        items.append(f"{name!r}: {value}")
    source = f"def convert(record):\n    return {{{', '.join(items)}}}\n"
    exec(source, scope)  # made of the class's own field names (identifiers)
    convert: Convert = scope["convert"]
    return convert


KEPT = (str, int, float, bool)
"""Annotations whose values are JSON as they are."""


def _converter(hint: Any) -> Convert | None:
    """How to convert a field annotated ``hint``; None: take the value as it is."""
    origin, arguments = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in arguments if a is not type(None)]
        if len(options) != 1:
            return plain
        inner = _converter(options[0])
        if inner is _iso:
            return _iso_or_none
        return None if inner is None else _unless_none(inner)
    if hint in KEPT:
        return None
    if isinstance(hint, type) and issubclass(hint, StrEnum):
        return str
    if hint is dt.date or hint is dt.datetime:
        return _iso
    if origin is tuple and arguments == (str, ...):
        return list
    if origin is tuple and arguments[1:] == (...,) and _is_record_class(arguments[0]):
        return _records(arguments[0])
    return plain


def _is_record_class(hint: Any) -> bool:
    return isinstance(hint, type) and is_dataclass(hint)


def _unless_none(convert: Convert) -> Convert:
    return lambda value: None if value is None else convert(value)


def _iso(value: dt.date) -> str:
    return value.isoformat()


def _iso_or_none(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _records(cls: type) -> Convert:
    """A tuple of records of ``cls`` as a list of dicts (their converter looked up when first
    used: a record may hold records of its own kind)."""
    found: list[Convert] = []

    def convert(values: tuple[Any, ...]) -> list[Any]:
        if not found:
            found.append(record_converter(cls))
        each = found[0]
        return [each(value) if type(value) is cls else plain(value) for value in values]

    return convert
